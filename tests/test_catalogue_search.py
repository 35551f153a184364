"""The catalogue search on tenants' own words: typos, slang, no accents, SMS style, word order.

Each phrasing comes with the entry codes that are a right answer; the matcher must put one of
them first for at least THRESHOLD of the phrasings. The scores are printed (pytest -s).
"""

from __future__ import annotations

import pytest

from agir.catalogue import search
from agir.catalogue.models import CatalogueEntry, Symptom
from agir.catalogue.search import suggest

THRESHOLD = 0.90

GAS = {"DWL-GAS-SMELL", "KIT-HOB-GAS_SMELL", "DWL-BOILER-GAS_SMELL", "STAIR-GAS-SMELL"}
NO_HEAT = {"DWL-BOILER-NO_HEAT", "DWL-RADIATOR-NO_HEAT", "BOIL-HEATING-NO_HEAT"}
NO_HOT_WATER = {
    "DWL-BOILER-NO_HOT_WATER",
    "DWL-WATER_HEATER-NO_HOT_WATER",
    "BOIL-HEATING-NO_HOT_WATER",
}
WC_BLOCKED = {"WC-BOWL-BLOCKED"}
WINDOW_BROKEN = {"KIT-WINDOW-BROKEN", "LIV-WINDOW-BROKEN", "BED-WINDOW-BROKEN"}
WINDOW_STUCK = {"KIT-WINDOW-STUCK", "LIV-WINDOW-STUCK", "BED-WINDOW-STUCK"}
SHUTTER_STUCK = {"KIT-SHUTTER-STUCK", "LIV-SHUTTER-STUCK", "BED-SHUTTER-STUCK"}
SHUTTER_BROKEN = {"KIT-SHUTTER-BROKEN", "LIV-SHUTTER-BROKEN", "BED-SHUTTER-BROKEN"}
SOCKET_BROKEN = {"KIT-SOCKET-BROKEN", "LIV-SOCKET-BROKEN", "BED-SOCKET-BROKEN"}
LIGHT = {
    "KIT-LIGHT-NOT_WORKING",
    "LIV-LIGHT-NOT_WORKING",
    "BED-LIGHT-NOT_WORKING",
    "BATH-LIGHT-NOT_WORKING",
}
RAIN_IN = {"LIV-WINDOW-LEAK", "BED-WINDOW-LEAK"}
PESTS_HOME = {"DWL-WALLS-PESTS"}
RATS_COMMON = {"CEL-WALLS-PESTS", "BIN-BINS-PESTS", "OUT-GREEN-PESTS"}

# (what a tenant types, the entries that are a right first answer)
PHRASINGS: list[tuple[str, set[str]]] = [
    # the issue's own examples
    ("fuite sous l'évier", {"KIT-SINK-LEAK"}),
    ("plus de chauffage", NO_HEAT),
    ("les chiottes sont bouchées", WC_BLOCKED),
    ("ascenseur en panne", {"LIFT-CAR-NOT_WORKING"}),
    ("ça sent le gaz", GAS),
    ("plu d'eau chaude", NO_HOT_WATER),
    # no accents, capitals, typos
    ("FUITE SOUS L EVIER", {"KIT-SINK-LEAK"}),
    ("evier bouche", {"KIT-SINK-BLOCKED"}),
    ("ascenceur en pane", {"LIFT-CAR-NOT_WORKING"}),
    ("chaudiere en pane", {"DWL-BOILER-NO_HEAT", "DWL-BOILER-NO_HOT_WATER"}),
    ("radiateurs froid", {"DWL-RADIATOR-NO_HEAT"}),
    ("robinet qui gouute", {"KIT-TAP-LEAK", "BATH-TAP-LEAK"}),
    ("lavabo bouchée", {"BATH-DRAIN-BLOCKED", "BATH-WASHBASIN-BLOCKED"}),
    ("la chase d'eau fuit", {"WC-FLUSH-LEAK"}),
    ("interfone en panne", {"HALL-ENTRY_PHONE-NOT_WORKING", "ENT-ENTRY_PHONE-NOT_WORKING"}),
    ("detecteur de fumer qui bip", {"DWL-SMOKE-NOISE"}),
    ("moisisure salle de bain", {"BATH-WALLS-DAMP_MOULD", "BATH-SHOWER-DAMP_MOULD"}),
    ("humidite sur les murs", {"DWL-WALLS-DAMP_MOULD"}),
    ("serure cassée porte d'entrée", {"ENT-LOCK-BROKEN"}),
    ("volet roulan bloqué", SHUTTER_STUCK),
    # slang, SMS style
    ("pu de courant", {"DWL-PANEL-NO_POWER"}),
    ("y a plus de jus dans tout l'appart", {"DWL-PANEL-NO_POWER"}),
    ("les wc sont bouchés", WC_BLOCKED),
    ("toilettes bouchées", WC_BLOCKED),
    ("la flotte coule du plafond", {"DWL-WALLS-LEAK"}),
    ("douche froide depuis hier", NO_HOT_WATER),
    ("ça pue dans les toilettes", {"WC-BOWL-SMELL"}),
    ("la télé marche pas", {"LIV-TV-NOT_WORKING"}),
    ("plus de chaines tv", {"LIV-TV-NOT_WORKING"}),
    ("ya des cafards partout", PESTS_HOME),
    ("des rats dans les caves", {"CEL-WALLS-PESTS"}),
    ("le local poubelle déborde", {"BIN-BINS-DIRTY"}),
    ("vide ordure bouché", {"STAIR-BINS-BLOCKED"}),
    ("ça sent le cramé au tableau", {"DWL-PANEL-BURNING_SMELL"}),
    ("les plombs sautent tout le temps", {"DWL-PANEL-NOT_WORKING"}),
    ("j'ai perdu mes clés", {"ENT-LOCK-LOST_KEY"}),
    ("perdu mon badge de l'immeuble", {"HALL-LOCK-LOST_KEY"}),
    ("bip du parking perdu", {"PARK-LOCK-LOST_KEY"}),
    ("quelqu'un coincé dans l'ascenseur", {"LIFT-CAR-PERSON_TRAPPED"}),
    ("ma mère est bloquée dans l'ascenseur", {"LIFT-CAR-PERSON_TRAPPED"}),
    # word order, other phrasings
    ("évier de la cuisine fuite", {"KIT-SINK-LEAK"}),
    ("cuisine évier bouché", {"KIT-SINK-BLOCKED"}),
    ("eau chaude plus", NO_HOT_WATER),
    ("gaz odeur cuisine", GAS),
    ("panne ascenseur entrée B", {"LIFT-CAR-NOT_WORKING"}),
    ("vitre cassée chambre", {"BED-WINDOW-BROKEN"}),
    ("carreau cassé", WINDOW_BROKEN | {"STAIR-WINDOW-BROKEN"}),
    ("la fenêtre ferme plus", WINDOW_STUCK),
    ("il pleut dans ma chambre par la fenêtre", RAIN_IN),
    ("prise électrique arrachée", SOCKET_BROKEN),
    ("prise qui fait des étincelles", {"DWL-SOCKET-BURNING_SMELL"}),
    ("ampoule du plafonnier ne s'allume plus", LIGHT),
    ("lumière de l'escalier en panne", {"STAIR-LIGHTING-NOT_WORKING"}),
    ("hall dans le noir", {"HALL-LIGHTING-NOT_WORKING"}),
    ("porte du hall cassée", {"HALL-MAIN_DOOR-BROKEN"}),
    ("porte du parking bloquée", {"PARK-GARAGE_DOOR-NOT_WORKING"}),
    ("boite aux lettres forcée", {"HALL-MAILBOX-BROKEN"}),
    ("tags dans le hall", {"HALL-WALLS-DIRTY"}),
    ("grosse fuite ça inonde tout", {"DWL-WATER-FLOODING"}),
    ("il n'y a plus d'eau du tout", {"DWL-WATER-NOT_WORKING"}),
    ("eau du robinet marron", {"DWL-WATER-DIRTY"}),
    ("chaudière qui fait du bruit", {"DWL-BOILER-NOISE"}),
    ("radiateur qui fuit", {"DWL-RADIATOR-LEAK"}),
    ("ballon d'eau chaude HS", {"DWL-WATER_HEATER-NO_HOT_WATER"}),
    ("la vmc fait un bruit d'enfer", {"DWL-VENT-NOISE"}),
    ("aération des toilettes n'aspire plus", {"WC-VENT-NOT_WORKING"}),
    ("sangle du volet cassée", SHUTTER_BROKEN),
    ("poignée de porte cassée", {"LIV-DOOR-BROKEN", "BED-DOOR-BROKEN"}),
    ("porte de placard cassée cuisine", {"KIT-CUPBOARD-BROKEN"}),
    ("plaque de cuisson marche plus", {"KIT-HOB-NOT_WORKING"}),
    ("balcon le béton tombe", {"BALC-WALLS-DANGEROUS"}),
    ("garde corps du balcon qui bouge", {"BALC-RAILING-DANGEROUS"}),
    ("de l'eau dans ma cave", {"PCEL-FLOOR-FLOODING"}),
    ("branche d'arbre dangereuse", {"OUT-GREEN-DANGEROUS"}),
    ("jeux pour enfants cassés", {"OUT-GREEN-BROKEN"}),
    ("fissure dans le mur", {"DWL-WALLS-BROKEN"}),
    ("alarme monoxyde qui sonne", {"DWL-SMOKE-DANGEROUS"}),
    ("fuite au pied des toilettes", {"WC-BOWL-LEAK"}),
    ("joints de la douche tout noirs", {"BATH-SHOWER-DAMP_MOULD"}),
    ("baignoire fissurée", {"BATH-SHOWER-BROKEN"}),
    # written after the matcher was tuned, kept whatever the result
    ("mon évier se vide plus", {"KIT-SINK-BLOCKED"}),
    ("robinet de la cuisine cassé", {"KIT-TAP-BROKEN"}),
    ("odeur d'égout dans la cuisine", {"KIT-DRAIN-SMELL"}),
    ("la hotte est toute grasse", {"KIT-VENT-DIRTY"}),
    ("le store est coincé en bas", SHUTTER_STUCK),
    ("volet électrique ne monte plus", {"LIV-SHUTTER-NOT_WORKING", "BED-SHUTTER-NOT_WORKING"}),
    ("interupteur du salon ne marche pas", {"LIV-LIGHT-NOT_WORKING"}),
    ("la douche se vide pas", {"BATH-SHOWER-BLOCKED"}),
    ("le flexible de douche fuit", {"BATH-SHOWER-LEAK"}),
    ("carrelage décollé salle de bain", {"BATH-WALLS-BROKEN"}),
    ("chasse d eau qui marche plus", {"WC-FLUSH-NOT_WORKING"}),
    ("verrou des toilettes coincé", {"WC-DOOR-STUCK"}),
    ("on a forcé ma porte", {"ENT-FRONT_DOOR-BROKEN"}),
    ("la clé tourne mal dans la serrure", {"ENT-LOCK-STUCK"}),
    ("plus de gaz pour cuisiner", {"DWL-GAS-NOT_WORKING"}),
    ("le disjoncteur saute", {"DWL-PANEL-NOT_WORKING"}),
    ("punaises de lit", PESTS_HOME),
    ("sol abimé lino déchiré", {"DWL-FLOOR-BROKEN"}),
    ("le plafond s'effondre", {"DWL-WALLS-DANGEROUS"}),
    ("digicode HS", {"HALL-ENTRY_PHONE-NOT_WORKING"}),
    ("clé boite aux lettres perdue", {"HALL-MAILBOX-LOST_KEY"}),
    ("marche d'escalier cassée", {"STAIR-STAIRS-BROKEN"}),
    ("ascenseur qui fait un bruit bizarre", {"LIFT-CAR-NOISE"}),
    ("bouton de l'ascenseur cassé", {"LIFT-CAR-BROKEN"}),
    ("parking inondé", {"PARK-FLOOR-FLOODING"}),
    ("voiture épave dans le parking", {"PARK-FLOOR-DIRTY"}),
    ("rats dans la résidence", RATS_COMMON),
    ("trou dans l'allée", {"OUT-FLOOR-DANGEROUS"}),
    ("lampadaire éteint devant l'immeuble", {"OUT-LIGHTING-NOT_WORKING"}),
    ("plus d'eau chaude dans tout l'immeuble", {"BOIL-HEATING-NO_HOT_WATER"}),
]


@pytest.fixture(autouse=True)
def fresh_index():
    # Each test database is new: start from an index built from it, and leave none behind.
    search.invalidate()
    yield
    search.invalidate()


@pytest.mark.django_db
def test_a_right_entry_comes_first_for_at_least_90_percent_of_the_phrasings():
    right = 0
    misses = []
    for query, acceptable in PHRASINGS:
        results = suggest(query, limit=3)
        first = results[0] if results else None
        ok = first is not None and first.entry.code in acceptable
        right += ok
        shown = ", ".join(f"{s.entry.code} {s.score:.2f}" for s in results)
        print(f"{'ok  ' if ok else 'MISS'} {query!r:45} → {shown}")
        if not ok:
            misses.append(query)
    share = right / len(PHRASINGS)
    print(f"{right}/{len(PHRASINGS)} right first ({share:.0%}); threshold {THRESHOLD:.0%}")
    assert len(PHRASINGS) >= 60
    assert share >= THRESHOLD, f"missed: {misses}"


@pytest.mark.django_db
def test_scores_are_between_0_and_1_and_best_first():
    results = suggest("fuite sous l'évier", limit=10)
    scores = [s.score for s in results]
    assert all(0 <= score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert results[0].score == 1.0


@pytest.mark.django_db
def test_an_exact_title_scores_higher_than_a_typo_of_it():
    exact = suggest("ascenseur en panne", limit=1)[0]
    typo = suggest("ascenceur en pane", limit=1)[0]
    assert exact.entry == typo.entry
    assert exact.score > typo.score


@pytest.mark.django_db
def test_words_that_match_nothing_give_no_result():
    assert suggest("zzqx wxkj") == []


@pytest.mark.django_db
def test_an_empty_or_stop_word_query_gives_no_result():
    assert suggest("") == []
    assert suggest("   ") == []
    assert suggest("le la les de") == []


@pytest.mark.django_db
def test_the_limit_caps_the_results():
    assert len(suggest("fuite", limit=4)) == 4
    assert suggest("fuite", limit=0) == []


@pytest.mark.django_db
def test_scope_common_keeps_only_common_areas():
    results = suggest("plus de lumière", scope="common")
    assert results
    assert {s.entry.place.scope for s in results} == {"common"}


@pytest.mark.django_db
def test_place_keeps_only_that_place():
    results = suggest("fuite", place="bathroom")
    assert results
    assert {s.entry.place.code for s in results} == {"bathroom"}


@pytest.mark.django_db
def test_an_inactive_entry_is_never_suggested():
    CatalogueEntry.objects.filter(code="KIT-SINK-LEAK").update(active=False)
    search.invalidate()  # update() sends no signal; a landlord edits through the admin
    codes = [s.entry.code for s in suggest("fuite sous l'évier")]
    assert "KIT-SINK-LEAK" not in codes


@pytest.mark.django_db
def test_a_saved_entry_is_found_by_its_new_title_on_the_next_query():
    assert suggest("xylophone zorglub") == []
    entry = CatalogueEntry.objects.get(code="KIT-SINK-LEAK")
    entry.title = "Xylophone zorglub"
    entry.save()
    assert suggest("xylophone zorglub")[0].entry.code == "KIT-SINK-LEAK"


@pytest.mark.django_db
def test_a_renamed_symptom_label_is_found_on_the_next_query():
    symptom = Symptom.objects.get(code="pests")
    symptom.label = "Bestioles zarbis"
    symptom.save()
    assert suggest("bestioles zarbis")[0].entry.symptom.code == "pests"


@pytest.mark.django_db
def test_a_very_long_query_is_cut_not_refused():
    results = suggest("fuite sous l'évier " * 50)
    assert results[0].entry.code == "KIT-SINK-LEAK"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["gaz", "ascenseur bloqué", "feu"])
def test_on_a_near_tie_an_emergency_comes_first(query):
    assert suggest(query)[0].entry.is_emergency


@pytest.mark.django_db
def test_a_lift_that_is_stuck_answers_the_trapped_person_first():
    assert suggest("ascenseur bloqué")[0].entry.code == "LIFT-CAR-PERSON_TRAPPED"


@pytest.mark.django_db
def test_a_forced_door_is_a_break_in():
    assert suggest("on a forcé ma porte")[0].entry.code == "ENT-FRONT_DOOR-BROKEN"


@pytest.mark.django_db
def test_a_door_that_forces_is_a_stuck_door_not_a_break_in():
    assert suggest("ma porte d'entrée force")[0].entry.code == "ENT-FRONT_DOOR-STUCK"


@pytest.mark.django_db
def test_a_door_slammed_shut_locks_the_tenant_out():
    assert suggest("porte claquée")[0].entry.code == "ENT-LOCK-LOST_KEY"


@pytest.mark.django_db
def test_a_door_that_slams_is_a_noise():
    assert suggest("la porte du hall claque")[0].entry.code == "HALL-MAIN_DOOR-NOISE"


@pytest.mark.django_db
def test_a_childs_ball_is_not_the_water_heater():
    assert suggest("un ballon a cassé la vitre")[0].entry.code.endswith("-WINDOW-BROKEN")


@pytest.mark.django_db
def test_a_hot_water_tank_is_still_the_water_heater():
    assert suggest("le ballon d'eau chaude est en panne")[0].entry.code == (
        "DWL-WATER_HEATER-NO_HOT_WATER"
    )


@pytest.mark.django_db
def test_a_partial_word_as_you_type_already_finds_the_entry():
    assert suggest("fuite ev")[0].entry.code == "KIT-SINK-LEAK"


@pytest.mark.django_db
def test_the_neighbours_noise_answers_nothing():
    assert suggest("bruit des voisins") == []
