from django.urls import path

from . import views

app_name = "quotes"

urlpatterns = [
    path("demandes/<uuid:code>/devis/<uuid:quote>/accepter/", views.accept, name="accept"),
    path("demandes/<uuid:code>/devis/<uuid:quote>/refuser/", views.refuse, name="refuse"),
]
