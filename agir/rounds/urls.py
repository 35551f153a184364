from django.urls import path

from . import entry_views, offline, qr, request_views, round_views, sector_views

app_name = "rounds"

urlpatterns = [
    path("", sector_views.home, name="home"),
    path("recherche/", sector_views.search, name="search"),
    path("batiment/<str:code>/", sector_views.building, name="building"),
    path(
        "batiment/<str:code>/demandes/",
        sector_views.building_requests,
        name="building_requests",
    ),
    path("batiment/<str:building>/entree/<str:code>/", sector_views.entrance, name="entrance"),
    path("logement/<str:code>/", sector_views.dwelling, name="dwelling"),
    path("demande/<uuid:code>/", request_views.request_page, name="request"),
    path(
        "demande/<uuid:code>/<slug:action>/",
        request_views.request_action,
        name="request_action",
    ),
    path("nouvelle/", entry_views.new_request, name="new_request"),
    path("tournee/", round_views.rounds_home, name="rounds"),
    path("tournee/<str:code>/", round_views.round_page, name="round"),
    path("tournee/<str:code>/vu/", round_views.round_check, name="round_check"),
    path("qr-codes.pdf", qr.qr_sheet, name="qr_sheet"),
    path("en-attente/", offline.queue, name="queue"),
    path("donnees.json", offline.sector_data, name="data"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
]
