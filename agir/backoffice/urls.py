from django.urls import path

from .canned_answers import views as canned_answers
from .inbox import views as inbox
from .phone_entry import views as phone_entry
from .place_search import views as place_search
from .request_page import views as request_page

app_name = "backoffice"

urlpatterns = [
    path("saisie/", phone_entry.find, name="phone_entry"),
    path(
        "saisie/<uuid:tenant>/bail/<int:lease>/",
        phone_entry.enter,
        name="phone_entry_tenant",
    ),
    path("reponses-types/", canned_answers.answer_list, name="canned_answers"),
    path("reponses-types/nouvelle/", canned_answers.answer_edit, name="canned_answer_new"),
    path("reponses-types/<int:pk>/", canned_answers.answer_edit, name="canned_answer"),
    path("reponses-types/texte/", canned_answers.answer_text, name="canned_answer_text"),
    path("lieux/", place_search.suggestions, name="place_suggestions"),
    path("demandes/", inbox.inbox, name="requests"),
    path("demandes/vues/", inbox.save_view, name="inbox_save_view"),
    path("demandes/vues/<uuid:code>/supprimer/", inbox.delete_view, name="inbox_delete_view"),
    path("demandes/<uuid:code>/", request_page.request_page, name="request"),
    path(
        "demandes/<uuid:code>/photos/<uuid:photo>/",
        request_page.photo,
        name="request_photo",
    ),
    path(
        "demandes/<uuid:code>/photos/<uuid:photo>/vignette/",
        request_page.thumbnail,
        name="request_photo_thumbnail",
    ),
    path(
        "demandes/<uuid:code>/<slug:intent>/",
        request_page.request_action,
        name="request_action",
    ),
]
