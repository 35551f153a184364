from django.urls import path

from . import views
from .main import api

# The namespace "api" comes with the NinjaAPI (urls_namespace); the catalogue's suggestions
# are a plain view under the same prefix until they move to a router.
urlpatterns = [
    path("catalogue/suggest", views.catalogue_suggest, name="catalogue-suggest"),
    path("", api.urls),
]
