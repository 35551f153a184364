from django.urls import path

from . import views

# portal:home (/locataire/) and portal:requests («Mes demandes», /locataire/demandes/).
urlpatterns: list = [
    path("", views.home, name="home"),
    path("demandes/", views.requests, name="requests"),
]
