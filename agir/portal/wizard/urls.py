from django.urls import path

from . import views as wizard_views

# The wizard's steps.
# Every step is its own address, so that Back works and each choice is a plain link.
W = "signaler/<uuid:wizard>/"

urlpatterns: list = [
    path("signaler/", wizard_views.start, name="wizard_start"),
    path(f"{W}ou/", wizard_views.where, name="wizard_where"),
    path(f"{W}quoi/<slug:place_key>/", wizard_views.what, name="wizard_what"),
    path(
        f"{W}probleme/<slug:place_key>/<slug:equipment>/",
        wizard_views.symptom,
        name="wizard_symptom",
    ),
    path(f"{W}choix/<slug:place_key>/<str:entry>/", wizard_views.choose, name="wizard_choose"),
    path(f"{W}autre/<slug:place_key>/<slug:equipment>/", wizard_views.other, name="wizard_other"),
    path(f"{W}urgence/", wizard_views.emergency, name="wizard_emergency"),
    path(f"{W}deja-signale/", wizard_views.duplicate, name="wizard_duplicate"),
    path(f"{W}suivie/", wizard_views.joined, name="wizard_joined"),
    path(f"{W}precisions/", wizard_views.details, name="wizard_details"),
    path(f"{W}verifier/", wizard_views.review, name="wizard_review"),
    path(f"{W}enregistree/", wizard_views.done, name="wizard_done"),
    path(f"{W}recherche/", wizard_views.search, name="wizard_search"),
]
