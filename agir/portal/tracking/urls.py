from django.urls import path

from agir.portal.tracking import (
    files,
    preferences,
    request_actions,
    request_page,
    sent_messages,
    survey,
)

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
    path("messages/", sent_messages.message_list, name="messages"),
    path("messages/<uuid:code>/", sent_messages.message_detail, name="message"),
    path("preferences/", preferences.preferences, name="preferences"),
]
