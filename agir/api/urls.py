from django.urls import path
from django.views.generic import RedirectView

from .main import api

# The namespace "api" comes with the NinjaAPI (urls_namespace).
urlpatterns = [
    path("", RedirectView.as_view(url="docs", permanent=False), name="api_home"),
    path("", api.urls),
]
