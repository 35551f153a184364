"""Each kind of event, told to the tenant in one plain French sentence."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agir.accounts.models import Role
from agir.portal.timeline import describe, tenant_timeline
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind, Status
from tests.builders import build_staff, new_request, submitted_request
from tests.personas import add_occupant_account, advance

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def march_2026():
    with time_machine.travel(at(10, 9), tick=False):
        yield


@pytest.fixture
def tenant(household):
    return household.holder.user


@pytest.fixture
def repair(household):
    return submitted_request(household)


@pytest.fixture
def acknowledged(repair, officer):
    lifecycle.acknowledge(repair, actor=Actor.of(officer))
    return repair


@pytest.fixture
def scheduled(acknowledged, officer):
    lifecycle.schedule(acknowledged, actor=Actor.of(officer), start=at(12, 8), end=at(12, 12))
    return acknowledged


@pytest.fixture
def done(scheduled, officer):
    lifecycle.start(scheduled, actor=Actor.of(officer))
    lifecycle.finish(scheduled, actor=Actor.of(officer))
    return scheduled


def test_submitted_by_the_tenant_gives_the_reference(repair, tenant):
    event = repair.events.get(kind=EventKind.SUBMITTED)
    assert describe(event, tenant) == f"Demande enregistrée sous le n° {repair.reference}."


def test_submitted_by_the_caretaker_says_so(household, tenant):
    caretaker = build_staff(Role.CARETAKER)
    repair = lifecycle.submit_new(new_request(household), actor=Actor.of(caretaker)).request
    event = repair.events.get(kind=EventKind.SUBMITTED)
    assert describe(event, tenant) == (
        f"Demande enregistrée par votre gardien sous le n° {repair.reference}."
    )


def test_acknowledged_says_it_is_taken_in_hand(acknowledged, tenant):
    event = acknowledged.events.get(kind=EventKind.ACKNOWLEDGED)
    assert describe(event, tenant) == "Votre demande est prise en charge."


def test_acknowledged_as_a_tenant_repair_says_who_pays(repair, officer, tenant):
    event = lifecycle.acknowledge(repair, actor=Actor.of(officer), responsibility="tenant")
    assert describe(event, tenant) == (
        "Votre demande est prise en charge. Votre bailleur a examiné votre demande : cette "
        "réparation est à votre charge (réparation locative). "
        "Une réparation locative reste à la charge de votre bailleur si elle est due à l'usure "
        "normale liée à l'âge (vétusté), à un défaut de l'équipement ou à un travail mal fait "
        "(malfaçon), à un défaut de construction, ou à un cas fortuit ou de force majeure "
        "(tempête, inondation…). Votre bailleur vous dit ce qu'elle coûte avant toute "
        "intervention."
    )


def test_acknowledged_with_a_message_adds_it(repair, officer, tenant):
    event = lifecycle.acknowledge(
        repair, actor=Actor.of(officer), message="Un plombier vous appellera."
    )
    assert describe(event, tenant) == (
        "Votre demande est prise en charge : un plombier vous appellera."
    )


def test_scheduled_gives_the_day_and_the_half_day(scheduled, tenant):
    event = scheduled.events.get(kind=EventKind.SCHEDULED)
    assert describe(event, tenant) == "Intervention prévue le jeudi 12 mars, le matin."


def test_postponed_gives_the_new_slot_and_the_reason(scheduled, officer, tenant):
    event = lifecycle.postpone(
        scheduled,
        actor=Actor.of(officer),
        reason="L'entreprise attend une pièce.",
        new_start=at(14, 8),
        new_end=at(14, 12),
    )
    assert describe(event, tenant) == (
        "Intervention reportée au samedi 14 mars, le matin : l'entreprise attend une pièce."
    )


def test_postponed_without_a_new_date_says_one_will_come(scheduled, officer, tenant):
    event = lifecycle.postpone(scheduled, actor=Actor.of(officer), reason="Technicien malade")
    assert describe(event, tenant) == (
        "Intervention reportée, une nouvelle date vous sera donnée : technicien malade."
    )


def test_a_message_starting_with_an_acronym_keeps_its_capitals(scheduled, officer, tenant):
    event = lifecycle.postpone(scheduled, actor=Actor.of(officer), reason="EDF coupe le courant")
    assert describe(event, tenant).endswith(" : EDF coupe le courant.")


def test_started_says_the_work_began(scheduled, officer, tenant):
    event = lifecycle.start(scheduled, actor=Actor.of(officer))
    assert describe(event, tenant) == "Les travaux ont commencé."


def test_finished_adds_the_contractors_note(scheduled, officer, tenant):
    lifecycle.start(scheduled, actor=Actor.of(officer))
    event = lifecycle.finish(scheduled, actor=Actor.of(officer), message="Joint changé.")
    assert describe(event, tenant) == "Travaux terminés : joint changé."


def test_closed_says_the_request_is_closed(done, officer, tenant):
    event = lifecycle.close(done, actor=Actor.of(officer))
    assert describe(event, tenant) == "Demande close."


def test_rejected_gives_the_reason(repair, officer, tenant):
    event = lifecycle.reject(repair, actor=Actor.of(officer), reason="Demande en double.")
    assert describe(event, tenant) == "Demande refusée : demande en double."


def test_cancelled_by_the_tenant_speaks_to_them(repair, tenant):
    event = lifecycle.cancel(repair, actor=Actor.of(tenant))
    assert describe(event, tenant) == "Vous avez annulé votre demande."


def test_cancelled_by_the_landlord_gives_the_reason(repair, officer, tenant):
    event = lifecycle.cancel(repair, actor=Actor.of(officer), reason="Réparé par le gardien")
    assert describe(event, tenant) == "Demande annulée : réparé par le gardien."


def test_cancelled_by_another_occupant_names_them(household, repair, tenant):
    occupant = add_occupant_account(household)
    event = lifecycle.cancel(repair, actor=Actor.of(occupant))
    assert describe(event, tenant) == f"{occupant.get_full_name()} a annulé la demande."


def test_reopened_by_the_tenant_quotes_them(done, tenant):
    event = lifecycle.reopen(done, actor=Actor.of(tenant), reason="Ça fuit encore.")
    assert describe(event, tenant) == (
        "Vous avez signalé que ce n'est pas réparé : « Ça fuit encore. »"
    )


def test_reopened_by_the_landlord_gives_the_reason(done, officer, tenant):
    event = lifecycle.reopen(done, actor=Actor.of(officer), reason="Le joint fuit encore")
    assert describe(event, tenant) == "Demande rouverte : le joint fuit encore."


def test_the_tenants_own_message_is_quoted(repair, tenant):
    event = lifecycle.comment(repair, actor=Actor.of(tenant), message="Je suis là après 17 h.")
    assert describe(event, tenant) == "Vous avez écrit : « Je suis là après 17 h. »"


def test_a_message_from_an_officer_never_names_them(repair, officer, tenant):
    event = lifecycle.comment(repair, actor=Actor.of(officer), message="Le technicien vient lundi")
    sentence = describe(event, tenant)
    assert sentence == "Message de votre bailleur : le technicien vient lundi."
    assert officer.last_name not in sentence


def test_a_message_from_the_caretaker_says_gardien(repair, tenant):
    caretaker = build_staff(Role.CARETAKER)
    event = lifecycle.comment(repair, actor=Actor.of(caretaker), message="Je passe ce soir.")
    assert describe(event, tenant) == "Message de votre gardien : je passe ce soir."


def test_a_message_from_the_system_is_the_landlords(repair, tenant):
    event = lifecycle.comment(repair, actor=Actor.system("ERP"), message="Bon de travaux émis.")
    assert describe(event, tenant) == "Message de votre bailleur : bon de travaux émis."


def test_a_message_from_another_occupant_names_them(household, repair, tenant):
    occupant = add_occupant_account(household)
    event = lifecycle.comment(repair, actor=Actor.of(occupant), message="Clé chez la voisine.")
    assert describe(event, tenant) == (
        f"{occupant.get_full_name()} a écrit : « Clé chez la voisine. »"
    )


def test_a_draft_created_event_is_told_plainly(household, tenant):
    draft = lifecycle.save_draft(new_request(household), actor=Actor.of(tenant)).request
    assert describe(draft.events.get(), tenant) == "Demande commencée, pas encore envoyée."


def test_the_timeline_is_newest_first_with_the_day(household, officer, tenant):
    repair = lifecycle.submit_new(
        new_request(household), actor=Actor.of(tenant), at=at(2, 10)
    ).request
    lifecycle.acknowledge(repair, actor=Actor.of(officer), at=at(3, 9))
    lifecycle.schedule(
        repair, actor=Actor.of(officer), start=at(12, 8), end=at(12, 12), at=at(4, 11)
    )
    entries = tenant_timeline(repair, tenant)
    assert [entry.day for entry in entries] == ["4 mars", "3 mars", "2 mars"]
    assert [entry.kind for entry in entries] == ["scheduled", "acknowledged", "submitted"]


def test_the_timeline_leaves_out_internal_events(repair, officer, tenant):
    lifecycle.comment(repair, actor=Actor.of(officer), message="Voir le gardien.", public=False)
    sentences = [entry.sentence for entry in tenant_timeline(repair, tenant)]
    assert not any("gardien" in sentence for sentence in sentences)


def test_every_event_kind_has_its_own_sentence():
    from agir.portal import timeline

    assert set(timeline._SENTENCES) == set(EventKind.values)


def test_every_status_can_be_reached_for_the_timeline(household, officer, tenant):
    repair = submitted_request(household)
    advance(repair, Status.REOPENED, officer)
    assert len(tenant_timeline(repair, tenant)) == 6
