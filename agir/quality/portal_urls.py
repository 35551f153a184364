from django.urls import path

from . import portal_views

app_name = "quality_portal"

urlpatterns = [
    path("", portal_views.my_data, name="my_data"),
    path("archive.zip", portal_views.my_data_archive, name="archive"),
]
