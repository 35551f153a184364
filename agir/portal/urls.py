from django.urls import path

app_name = "portal"

# The wizard's and tracking's routes are added by their modules.
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
