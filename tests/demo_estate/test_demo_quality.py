"""The demo's year tells a quality story: answers, commitments kept and missed, reopened
requests, contractors of different quality, corrective actions; «responsable» lands on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agir.accounts.models import User
from agir.quality.facts import catch_up
from agir.quality.indicators import Scope, compute
from agir.quality.models import CorrectiveAction, RequestFact, SatisfactionSurvey
from agir.repairs.models import RepairRequest
from tests.staff_sign_in import sign_in


@pytest.fixture
def year(demo_database, db):
    return compute(Scope.last_twelve_months())


def test_every_submitted_demo_request_is_measured(demo_database, db):
    catch_up()
    assert RequestFact.objects.count() == RepairRequest.objects.submitted().count()


def test_the_demo_keeps_most_commitments_and_misses_some(year):
    work = year.kept_total["intervene"]
    assert work.kept > 0 and work.missed > 0
    assert 0.5 < work.share < 0.95


def test_the_demo_has_survey_answers_with_comments(year, db):
    assert year.satisfaction.answers > 100
    assert 2.5 < year.satisfaction.average < 4.7
    assert SatisfactionSurvey.objects.exclude(comment="").count() > 20


def test_the_demo_has_reopened_requests_and_first_visit_fixes(year):
    assert year.follow_up.reopened > 5
    assert year.follow_up.first_visit_fixes > 100


def test_the_demo_contractors_differ(year):
    shares = {row.name: row.kept.share for row in year.contractors if row.orders >= 10}
    assert len(shares) >= 4
    assert shares["Plomberie Lys Services"] - min(shares.values()) > 0.25


def test_the_demo_has_corrective_actions_open_and_closed(demo_database, db):
    assert set(CorrectiveAction.objects.values_list("closed", flat=True)) == {True, False}


def test_the_manager_lands_on_the_dashboard_with_its_story(demo_database, db, client):
    sign_in(client, User.objects.get(username="responsable"))
    response = client.get(reverse("core:home"), follow=True)
    page = response.content.decode()
    assert "Tableau de bord qualité" in page
    assert "Ascenseurs Flandres" in page
