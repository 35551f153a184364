from django.urls import path

# portal:home (/locataire/), portal:requests (/locataire/demandes/), the wizard's steps.
urlpatterns: list = []

__all__ = ["path"]
