from django.urls import path

from agir.portal.tracking import files, request_actions, request_page, survey

# portal:request (/locataire/demandes/<uuid:code>/) and its actions, channels, sent messages.
urlpatterns: list = [
    path("demandes/<uuid:code>/", request_page.request_page, name="request"),
    path("demandes/<uuid:code>/message/", request_actions.add_message, name="request_message"),
    path("demandes/<uuid:code>/photos/", request_actions.add_photo, name="request_add_photo"),
    path("demandes/<uuid:code>/photos/<uuid:photo>/", files.photo, name="request_photo"),
    path(
        "demandes/<uuid:code>/photos/<uuid:photo>/vignette/",
        files.thumbnail,
        name="request_photo_thumbnail",
    ),
    path("demandes/<uuid:code>/annuler/", request_actions.cancel, name="request_cancel"),
    path("demandes/<uuid:code>/pas-repare/", request_actions.reopen, name="request_reopen"),
    path("demandes/<uuid:code>/avis/", survey.survey, name="request_survey"),
]
