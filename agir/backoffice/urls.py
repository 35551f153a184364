from django.urls import path

from . import views
from .inbox import views as inbox

app_name = "backoffice"

urlpatterns = [
    path("demandes/", inbox.inbox, name="requests"),
    path("demandes/vues/", inbox.save_view, name="inbox_save_view"),
    path("demandes/vues/<uuid:code>/supprimer/", inbox.delete_view, name="inbox_delete_view"),
    path("demandes/<uuid:code>/", views.request_detail, name="request"),
    path("demandes/<uuid:code>/<slug:intent>/", views.request_action, name="request_action"),
]
