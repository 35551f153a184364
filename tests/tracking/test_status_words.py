"""Where a request stands, in words."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agir.portal.status import status_in_words
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import Status
from tests.builders import submitted_request
from tests.personas import advance

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def march_2026():
    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=PARIS), tick=False):
        yield


def test_submitted_says_when_it_will_be_taken_in_hand(household):
    repair = submitted_request(household)  # a leak under the sink is urgent: 1 working day
    assert status_in_words(repair) == "Envoyée. Nous la prenons en charge sous 1 jour ouvré."


def test_scheduled_gives_the_planned_visit(household, officer):
    repair = submitted_request(household)
    lifecycle.acknowledge(repair, actor=Actor.of(officer))
    lifecycle.schedule(
        repair,
        actor=Actor.of(officer),
        start=datetime(2026, 3, 12, 14, tzinfo=PARIS),
        end=datetime(2026, 3, 12, 18, tzinfo=PARIS),
    )
    assert status_in_words(repair) == "Intervention prévue le jeudi 12 mars, l'après-midi."


def test_postponed_without_a_date_promises_one(household, officer):
    repair = submitted_request(household)
    advance(repair, Status.POSTPONED, officer)
    assert status_in_words(repair) == (
        "Intervention reportée. Nous vous donnerons une nouvelle date."
    )


def test_done_invites_the_tenant_to_say_if_it_is_not_fixed(household, officer):
    repair = submitted_request(household)
    advance(repair, Status.DONE, officer)
    assert "Si ce n'est pas réparé" in status_in_words(repair)


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.DRAFT])
def test_every_status_has_words(status, household, officer):
    repair = submitted_request(household)
    advance(repair, status, officer)
    assert status_in_words(repair).endswith(".")


def test_a_reopened_request_shows_no_past_visit_as_planned(household, officer):
    from agir.portal.status import planned_visit

    repair = submitted_request(household)
    advance(repair, Status.REOPENED, officer)
    assert repair.planned_start is not None
    assert planned_visit(repair) == ""
