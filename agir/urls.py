from django.contrib import admin
from django.urls import include, path

from agir.core import views as core_views

# Uploaded files (photos, letters) are never served from a public /media/ URL: each is served
# by a view that checks who is asking.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/worker", core_views.healthz_worker, name="healthz-worker"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("agir.core.urls")),
    path("compte/", include("agir.accounts.urls")),
    # before the back office: its request actions would take «bon-de-travaux» for an intent
    path("", include("agir.works.urls")),
    path("bureau/", include("agir.backoffice.urls")),
    path("locataire/", include("agir.portal.urls")),
    path("locataire/", include("agir.quotes.urls")),
    path("gardien/", include("agir.rounds.urls")),
    path("api/", include("agir.api.urls")),
    path("open311/", include("agir.exchange.open311.urls")),
    path("bureau/messages/", include("agir.notify.staff_urls")),
    path("bureau/echanges/", include("agir.exchange.staff_urls")),
    path("bureau/avis/", include("agir.notices.urls")),
    path("bureau/qualite/", include("agir.quality.staff_urls")),
    path("locataire/mes-donnees/", include("agir.quality.portal_urls")),
    path("notifications/", include("agir.notify.urls")),
    path("admin/", admin.site.urls),
]
