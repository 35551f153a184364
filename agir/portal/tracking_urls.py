from django.urls import path

# portal:request (/locataire/demandes/<uuid:code>/) and its actions, channels, sent messages.
urlpatterns: list = []

__all__ = ["path"]
