from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("demandes/", views.request_list, name="requests"),
    path("demandes/<uuid:code>/", views.request_detail, name="request"),
    path("demandes/<uuid:code>/<slug:intent>/", views.request_action, name="request_action"),
]
