"""Personal data past its time: anonymised by the nightly job, with the indicators unchanged."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
import time_machine

from agir.notify.models import Notification
from agir.quality.access_log import log_personal_data_access
from agir.quality.indicators import Scope, compute
from agir.quality.models import PersonalDataAccess, RetentionPolicy, SatisfactionSurvey
from agir.quality.retention import anonymise_past_retention
from agir.quality.tasks import apply_retention
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, RequestPhoto
from agir.works.models import WorkOrder
from tests.quality.dataset import PARIS, build_dataset
from tests.tracking import images

pytestmark = pytest.mark.django_db

FOUR_YEARS_LATER = datetime(2029, 6, 1, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data(estate):
    data = build_dataset(estate)
    r1 = data.requests["R1"]
    photos.attach(r1, images.jpeg())
    lifecycle.comment(r1, actor=Actor.system("Agent"), message="Merci, c'est noté.", public=True)
    return data


def test_past_retention_requests_keep_no_personal_detail(data):
    r1 = data.requests["R1"]
    photo = RequestPhoto.objects.get(request=r1)
    path = photo.image.path
    assert Notification.objects.filter(request=r1).exclude(address="").exists()

    done = anonymise_past_retention(now=FOUR_YEARS_LATER)

    assert done.requests == 3  # R1 and R2 closed, R7 cancelled; R3 was reopened
    r1 = RepairRequest.objects.get(pk=r1.pk)
    assert (r1.requested_by, r1.lease, r1.entered_by) == (None, None, None)
    assert (r1.description, r1.access_notes, r1.availability) == ("", "", [])
    assert set(r1.events.values_list("message", flat=True)) == {""}
    assert set(r1.events.values_list("actor_label", flat=True)) == {"—"}
    assert not RequestPhoto.objects.filter(request=r1).exists()
    assert not os.path.exists(path)
    survey = SatisfactionSurvey.objects.get(request=r1)
    assert (survey.comment, survey.tenant, survey.score) == ("", None, 4)
    sent = Notification.objects.filter(request=r1)
    assert set(sent.values_list("address", "recipient_name")) == {("", "")}
    order = WorkOrder.objects.get(request=r1)
    assert (order.tenant_name, order.tenant_phone, order.contractor_id) == (
        "",
        "",
        r1.fact.contractor_id,
    )


def test_requests_still_within_their_time_are_untouched(data):
    anonymise_past_retention(now=FOUR_YEARS_LATER)
    r3 = RepairRequest.objects.get(pk=data.requests["R3"].pk)
    assert r3.requested_by is not None
    assert r3.description == "Demande R3."


def test_the_indicators_are_the_same_before_and_after(data):
    before = compute(data.scope).numbers()
    anonymise_past_retention(now=FOUR_YEARS_LATER)
    assert compute(data.scope).numbers() == before


def test_the_monthly_summaries_are_the_same_before_and_after(data):
    # From November 2025 to the month of the job, read then: added up from the summaries.
    running = Scope(date(2025, 11, 1), date(2029, 7, 1), now=FOUR_YEARS_LATER)
    before = compute(running).numbers()
    anonymise_past_retention(now=FOUR_YEARS_LATER)
    assert compute(running).numbers() == before
    assert compute(running, summaries=False).numbers() == before


def test_photos_go_sooner_than_the_rest(data):
    r1 = data.requests["R1"]
    done = anonymise_past_retention(now=datetime(2027, 1, 15, tzinfo=PARIS))
    assert (done.requests, done.photos) == (0, 1)
    r1 = RepairRequest.objects.get(pk=r1.pk)
    assert r1.requested_by is not None
    assert not r1.photos.exists()


def test_managers_set_the_retention(data):
    RetentionPolicy.objects.create(request_years=5, photo_days=365)
    assert anonymise_past_retention(now=FOUR_YEARS_LATER).requests == 0


def test_a_second_run_does_nothing_more(data):
    anonymise_past_retention(now=FOUR_YEARS_LATER)
    assert anonymise_past_retention(now=FOUR_YEARS_LATER).requests == 0


def test_the_nightly_task_runs_the_job(data):
    with time_machine.travel(datetime(2027, 1, 15, tzinfo=PARIS), tick=False):
        assert apply_retention.call() == (
            "0 requests anonymised, 1 photos erased, 0 access log lines deleted"
        )


def looked_at(request: RepairRequest, staff, at: datetime) -> PersonalDataAccess:
    with time_machine.travel(at, tick=False):
        log_personal_data_access(staff, request)
    return PersonalDataAccess.objects.latest("pk")


def test_access_log_lines_past_their_months_are_deleted_and_recent_ones_kept(data, officer):
    r1 = data.requests["R1"]
    old = looked_at(r1, officer, datetime(2026, 1, 5, 10, tzinfo=PARIS))
    recent = looked_at(r1, officer, datetime(2026, 11, 20, 10, tzinfo=PARIS))

    done = anonymise_past_retention(now=datetime(2027, 1, 15, tzinfo=PARIS))  # 12 months kept

    assert done.access_lines == 1
    assert not PersonalDataAccess.objects.filter(pk=old.pk).exists()
    assert PersonalDataAccess.objects.filter(pk=recent.pk).exists()


def test_managers_set_how_long_the_access_log_is_kept(data, officer):
    RetentionPolicy.objects.create(access_log_months=6)
    line = looked_at(data.requests["R1"], officer, datetime(2026, 6, 1, 10, tzinfo=PARIS))

    anonymise_past_retention(now=datetime(2026, 12, 15, tzinfo=PARIS))

    assert not PersonalDataAccess.objects.filter(pk=line.pk).exists()
