from django.urls import path

from . import views

app_name = "quality_staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tableaux/<slug:slug>.<str:fmt>", views.export_table, name="export"),
    path("revue/", views.review_pack, name="review_pack"),
    path("actions/", views.action_list, name="actions"),
    path("actions/<int:pk>/", views.action_edit, name="action"),
    path("donnees-personnelles/", views.retention, name="retention"),
    path("donnees-personnelles/anonymiser/", views.anonymise_now, name="anonymise"),
    path("donnees-personnelles/consultations/", views.access_log, name="access_log"),
]
