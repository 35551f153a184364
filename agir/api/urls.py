from django.urls import path

from . import views
from .main import api

app_name = "api"

# The catalogue's suggestions are a plain view until they move to a router; the NinjaAPI's own
# URLs join them in the one "api" namespace.
urlpatterns = [
    path("catalogue/suggest", views.catalogue_suggest, name="catalogue-suggest"),
    *api.urls[0],
]
