from django.urls import path

from . import views

app_name = "backoffice_notices"

urlpatterns = [
    path("", views.notice_list, name="notices"),
    path("<uuid:code>/retirer/", views.notice_end, name="end"),
]
