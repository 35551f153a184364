"""`agir seed` writes what the quality dashboard reads: one fact a submitted request, the same
as `agir.quality.facts` computes from the database, and the survey answers of closed requests."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from agir.catalogue.models import Responsibility
from agir.catalogue.payer import who_pays
from agir.estate.models import MaintenanceContract
from agir.quality.facts import refresh_fact
from agir.quality.indicators import Scope, compute
from agir.quality.models import RequestFact, SatisfactionSurvey
from agir.repairs.models import RepairRequest, Status

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in RequestFact._meta.concrete_fields]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", dwellings=200, years=2, stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _row(fact: RequestFact) -> dict:
    return {name: getattr(fact, name) for name in FIELDS}


def test_seed_writes_one_fact_for_each_submitted_request(seeded, db):
    submitted = set(RepairRequest.objects.submitted().values_list("pk", flat=True))
    facts = list(RequestFact.objects.values_list("request_id", flat=True))
    assert submitted and len(facts) == len(set(facts)) and set(facts) == submitted


def test_seeded_facts_are_what_the_facts_module_computes_from_the_database(seeded, db):
    # Every request of each status and payer, the contract's included: a small estate's lot.
    seeded_rows = {fact.pk: _row(fact) for fact in RequestFact.objects.all()}
    different = {}
    for pk, row in seeded_rows.items():
        refresh_fact(pk)
        # As stored: in memory a time in the autumn's repeated hour (fold=1) compares unequal
        # to the same instant in UTC (PEP 495), read back both are UTC.
        computed = _row(RequestFact.objects.get(pk=pk))
        if computed != row:
            different[pk] = {k: (row[k], computed[k]) for k in FIELDS if row[k] != computed[k]}
    assert not different


def test_seeded_requests_are_paid_as_their_submission_says(seeded, db):
    """Who pays «en principe»: the maintenance contract where one covers the place that day."""
    requests = RepairRequest.objects.select_related(
        "catalogue_entry", "dwelling__entrance__building", "common_area__entrance__building"
    ).order_by("pk")[:150]
    for request in requests:
        answer = who_pays(
            request.catalogue_entry,
            request.common_area or request.dwelling,
            on=timezone.localdate(request.submitted_at),
        )
        assert request.suggested_responsibility == request.responsibility == answer.payer


def test_seeded_contract_requests_go_to_the_holder_of_the_sites_contract(seeded, db):
    facts = list(RequestFact.objects.filter(responsibility=Responsibility.CONTRACT))
    assert facts
    holders = set(MaintenanceContract.objects.values_list("sites__pk", "kind", "contractor_id"))
    kinds = dict(RepairRequest.objects.values_list("pk", "catalogue_entry__contract_kind"))
    for fact in facts:
        assert (fact.site_id, kinds[fact.request_id], fact.contractor_id) in holders


def test_seed_answers_the_survey_for_about_a_third_of_closed_requests(seeded, db):
    closed = RepairRequest.objects.filter(status=Status.CLOSED, requested_by__isnull=False)
    answered = SatisfactionSurvey.objects.count()
    assert 0.2 * closed.count() < answered < 0.45 * closed.count()


def test_seeded_surveys_are_answered_by_the_requester_after_the_closing(seeded, db):
    now = timezone.now()
    for survey in SatisfactionSurvey.objects.select_related("request"):
        request = survey.request
        assert request.status == Status.CLOSED
        assert survey.tenant_id == request.requested_by_id
        assert request.closed_at < survey.answered_at <= now


def test_seeded_survey_scores_run_from_1_to_5_mostly_satisfied(seeded, db):
    scores = list(SatisfactionSurvey.objects.values_list("score", flat=True))
    assert set(scores) <= {1, 2, 3, 4, 5} and len(set(scores)) >= 3
    assert sum(s >= 4 for s in scores) > len(scores) / 2


def test_quality_dashboard_reads_the_seeded_history_at_once(seeded, db):
    year = compute(Scope.last_twelve_months())
    assert year.received > 100
    assert year.satisfaction.answers > 0 and year.satisfaction.average is not None
    assert any(row.orders for row in year.contractors)
