from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from agir.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("agir.core.urls")),
    path("compte/", include("agir.accounts.urls")),
    path("bureau/", include("agir.backoffice.urls")),
    path("locataire/", include("agir.portal.urls")),
    path("api/", include("agir.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
