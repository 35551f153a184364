from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("catalogue/suggest", views.catalogue_suggest, name="catalogue-suggest"),
]
