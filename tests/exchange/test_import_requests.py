"""The ERP's status changes, messages, ERP ids and requests, applied through the lifecycle."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from agir.exchange import service
from agir.exchange.models import ImportFile, RunOutcome
from agir.exchange.requests_import import path_to
from agir.notify.models import Notification
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind, Origin, RepairRequest, Status
from tests.exchange.helpers import csv_text, drop, inbox_names, jsonl_text, rejects_of
from tests.personas import visit_slot

pytestmark = pytest.mark.django_db

STATUS = ["id", "request", "erp_id", "status", "at", "message", "planned_start", "planned_end"]
AT = "2026-03-12T14:05:00+01:00"


def status_file(name: str, rows: list[list]) -> None:
    drop(name, csv_text(STATUS, rows))


def test_a_status_change_goes_through_the_lifecycle_and_tells_the_tenant(personas):
    request = personas.alice_request
    status_file("status-v1-1.csv", [["C1", request.reference, "", "acknowledged", AT, "", "", ""]])

    run = service.run_import()

    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED
    event = request.events.order_by("-id").first()
    assert (event.kind, event.actor_label, event.actor) == (EventKind.ACKNOWLEDGED, "ERP", None)
    assert Notification.objects.filter(event=event, tenant=personas.alice.holder).exists()
    assert run.outcome == RunOutcome.OK
    assert run.counts["applied"] == 1


def test_a_status_change_names_the_request_by_its_erp_id(personas):
    RepairRequest.objects.filter(pk=personas.bob_request.pk).update(external_ref="IKOS-44")
    status_file("status-v1-1.csv", [["C1", "", "IKOS-44", "acknowledged", AT, "", "", ""]])

    service.run_import()

    personas.bob_request.refresh_from_db()
    assert personas.bob_request.status == Status.ACKNOWLEDGED


def test_a_status_several_steps_ahead_walks_the_usual_way(personas):
    request = personas.alice_request
    status_file(
        "status-v1-1.csv", [["C1", request.reference, "", "done", AT, "Joint changé.", "", ""]]
    )

    service.run_import()

    kinds = list(request.events.order_by("id").values_list("kind", "message"))
    assert kinds[1:] == [
        (EventKind.ACKNOWLEDGED, ""),
        (EventKind.STARTED, ""),
        (EventKind.FINISHED, "Joint changé."),
    ]


def test_a_visit_needs_its_times(personas):
    request = personas.alice_request
    start, end = visit_slot()
    status_file(
        "status-v1-1.csv",
        [
            ["C1", request.reference, "", "scheduled", AT, "", "", ""],
            [
                "C2",
                personas.bob_request.reference,
                "",
                "scheduled",
                AT,
                "",
                start.isoformat(),
                end.isoformat(),
            ],
        ],
    )

    service.run_import()

    personas.bob_request.refresh_from_db()
    assert (personas.bob_request.status, personas.bob_request.planned_start) == (
        Status.SCHEDULED,
        start,
    )
    [reject] = rejects_of("status-v1-1.csv")
    assert reject["line"] == "2"
    assert reject["code"] == "needs_slot"
    assert reject["reason"] == "“planned_start” and “planned_end” are required for “scheduled”."


def test_a_change_the_lifecycle_forbids_is_rejected_and_the_rest_applied(personas):
    lifecycle.cancel(personas.alice_request, actor=Actor.system("test"))
    status_file(
        "status-v1-1.csv",
        [
            ["C1", personas.alice_request.reference, "", "in_progress", AT, "", "", ""],
            ["C2", personas.bob_request.reference, "", "acknowledged", AT, "", "", ""],
        ],
    )

    run = service.run_import()

    assert [r["code"] for r in rejects_of("status-v1-1.csv")] == ["transition_refused"]
    personas.bob_request.refresh_from_db()
    assert personas.bob_request.status == Status.ACKNOWLEDGED
    assert (run.outcome, run.rejects) == (RunOutcome.REJECTS, 1)


def test_a_refused_change_naming_an_erp_id_does_not_give_the_request_that_id(personas):
    lifecycle.cancel(personas.alice_request, actor=Actor.system("test"))
    status_file(
        "status-v1-1.csv",
        [
            ["C1", personas.alice_request.reference, "IKOS-9", "in_progress", AT, "", "", ""],
            ["C2", personas.bob_request.reference, "IKOS-10", "acknowledged", AT, "", "", ""],
        ],
    )

    service.run_import()

    assert [r["code"] for r in rejects_of("status-v1-1.csv")] == ["transition_refused"]
    personas.alice_request.refresh_from_db()
    personas.bob_request.refresh_from_db()
    assert personas.alice_request.external_ref == ""
    assert (personas.bob_request.status, personas.bob_request.external_ref) == (
        Status.ACKNOWLEDGED,
        "IKOS-10",
    )


def test_the_same_status_again_changes_nothing(personas):
    status_file(
        "status-v1-1.csv",
        [["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]],
    )
    service.run_import()
    events = personas.alice_request.events.count()
    status_file(
        "status-v1-2.csv",
        [["C7", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]],
    )

    run = service.run_import()

    assert personas.alice_request.events.count() == events
    assert run.counts["unchanged"] == 1


def test_a_change_id_is_applied_once_even_from_another_file(personas):
    request = personas.alice_request
    status_file("status-v1-1.csv", [["C1", request.reference, "", "acknowledged", AT, "", "", ""]])
    service.run_import()
    lifecycle.comment(request, actor=Actor.system("test"), message="Le technicien passera.")
    # The ERP sends the same change again, among others.
    status_file(
        "status-v1-2.csv", [["C1", request.reference, "", "rejected", AT, "Doublon.", "", ""]]
    )

    service.run_import()

    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED


def test_path_to_avoids_steps_the_row_cannot_pay_for():
    assert path_to("submitted", "done", slot=False, message=False) == [
        "acknowledge",
        "start",
        "finish",
    ]
    assert path_to("closed", "acknowledged", slot=False, message=False) is None
    assert path_to("closed", "acknowledged", slot=False, message=True) == ["reopen", "acknowledge"]
    assert path_to("cancelled", "in_progress", slot=True, message=True) is None


def test_a_message_from_the_erp_reaches_the_history_and_the_tenant(personas):
    request = personas.alice_request
    drop(
        "message-v1-1.jsonl",
        jsonl_text(
            [{"id": "M1", "request": request.reference, "text": "Le plombier passe jeudi."}]
        ),
    )

    service.run_import()

    event = request.events.order_by("-id").first()
    assert (event.kind, event.message, event.public) == (
        EventKind.COMMENTED,
        "Le plombier passe jeudi.",
        True,
    )
    assert Notification.objects.filter(event=event).exists()


def test_a_message_is_applied_once(personas):
    request = personas.alice_request
    row = {"id": "M1", "request": request.reference, "text": "Le plombier passe jeudi."}
    drop("message-v1-1.jsonl", jsonl_text([row]))
    service.run_import()
    drop("message-v1-2.jsonl", jsonl_text([row, {**row, "id": "M2", "text": "Il a du retard."}]))

    service.run_import()

    messages = list(
        request.events.filter(kind=EventKind.COMMENTED).values_list("message", flat=True)
    )
    assert sorted(messages) == ["Il a du retard.", "Le plombier passe jeudi."]


def test_an_internal_note_from_the_erp_is_not_public(personas):
    request = personas.alice_request
    drop(
        "message-v1-1.jsonl",
        jsonl_text(
            [
                {
                    "id": "M1",
                    "request": request.reference,
                    "text": "Devis à valider.",
                    "public": False,
                }
            ]
        ),
    )

    service.run_import()

    event = request.events.order_by("-id").first()
    assert event.public is False
    assert not Notification.objects.filter(event=event).exists()


def test_the_erp_writes_back_its_ids(personas):
    drop(
        "link-v1-1.csv",
        csv_text(["request", "erp_id"], [[personas.alice_request.reference, "IKOS-1"]]),
    )

    service.run_import()

    personas.alice_request.refresh_from_db()
    assert personas.alice_request.external_ref == "IKOS-1"


def test_an_erp_id_already_given_to_another_request_is_rejected(personas):
    RepairRequest.objects.filter(pk=personas.bob_request.pk).update(external_ref="IKOS-1")
    drop(
        "link-v1-1.csv",
        csv_text(["request", "erp_id"], [[personas.alice_request.reference, "IKOS-1"]]),
    )

    service.run_import()

    [reject] = rejects_of("link-v1-1.csv")
    assert reject["code"] == "erp_id_taken"
    personas.alice_request.refresh_from_db()
    assert personas.alice_request.external_ref == ""


REQUEST = [
    "id",
    "dwelling",
    "common_area",
    "tenant",
    "catalogue_code",
    "title",
    "description",
    "at",
    "origin",
]


def test_a_request_made_in_the_erp_is_recorded_once_with_its_erp_id(personas):
    dwelling = personas.alice.lease.dwelling
    row = ["DI-900", dwelling.code, "", personas.alice.holder.external_ref, "KIT-SINK-LEAK", "",
           "Appel au siège.", AT, "phone"]  # fmt: skip
    drop("request-v1-1.csv", csv_text(REQUEST, [row]))
    service.run_import()
    drop("request-v1-2.csv", csv_text(REQUEST, [row]))

    service.run_import()

    [made] = RepairRequest.objects.filter(external_ref="DI-900")
    assert (made.origin, made.dwelling, made.requested_by, made.lease) == (
        Origin.PHONE,
        dwelling,
        personas.alice.holder,
        personas.alice.lease,
    )
    assert made.status == Status.SUBMITTED and made.reference
    assert Notification.objects.filter(request=made, tenant=personas.alice.holder).exists()


def test_a_request_for_an_unknown_dwelling_is_rejected(personas):
    drop("request-v1-1.csv", csv_text(REQUEST, [["DI-1", "NOPE", "", "", "", "Fuite", "", AT, ""]]))

    service.run_import()

    [reject] = rejects_of("request-v1-1.csv")
    assert reject["reason"] == "“dwelling” names NOPE, which is unknown."


def test_bad_rows_go_to_the_rejects_file_with_their_line_and_reason(personas):
    drop(
        "status-v1-1.csv",
        csv_text(
            STATUS,
            [
                ["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""],
                ["C2", "2099-999999", "", "closed", AT, "", "", ""],
                ["C3", personas.bob_request.reference, "", "someday", AT, "", "", ""],
                ["C4", personas.bob_request.reference, "", "acknowledged", "mardi", "", "", ""],
                ["", personas.bob_request.reference, "", "acknowledged", AT, "", "", ""],
            ],
        ),
    )

    service.run_import()

    rejects = rejects_of("status-v1-1.csv")
    assert [(r["line"], r["code"]) for r in rejects] == [
        ("3", "unknown_request"),
        ("4", "not_choice"),
        ("5", "not_datetime"),
        ("6", "missing_field"),
    ]
    assert rejects[0]["row"] == "C2,2099-999999,,closed,2026-03-12T14:05:00+01:00,,,"
    assert all(r["reason"] for r in rejects)
    personas.alice_request.refresh_from_db()
    assert personas.alice_request.status == Status.ACKNOWLEDGED


def test_the_same_file_again_changes_nothing(personas):
    content = csv_text(
        STATUS, [["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]]
    )
    drop("status-v1-1.csv", content)
    service.run_import()
    events = personas.alice_request.events.count()
    drop("status-v1-1-again.csv", content)

    run = service.run_import()

    assert personas.alice_request.events.count() == events
    assert run.counts["files skipped"] == 1
    assert inbox_names() == []


def test_an_applied_file_leaves_the_inbox_for_done(personas, settings):
    status_file(
        "status-v1-1.csv",
        [["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]],
    )

    service.run_import()

    assert inbox_names() == []
    assert (settings.EXCHANGE_DIR / "done" / "status-v1-1.csv").exists()
    assert ImportFile.objects.get().state == "done"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("statuses.csv", "id\n", "bad_file_name"),
        ("weather-v1-a.csv", "id\n", "unknown_file_kind"),
        ("status-v2-a.csv", "id\n", "unknown_version"),
        ("status-v1-a.csv", "id,request\nC1,2026-000001\n", "missing_columns"),
        ("status-v1-b.csv", b"id,request,status\nC1,\xe9t\xe9,done\n", "file_not_utf8"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(personas, name, content, code):
    drop(name, content)

    run = service.run_import()

    [reject] = rejects_of(name)
    assert (reject["line"], reject["code"]) == ("0", code)
    assert ImportFile.objects.get().state == "refused"
    assert run.rejects == 1


def test_an_import_stopped_midway_goes_on_where_it_stopped(personas):
    rows = [
        ["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""],
        ["C2", personas.bob_request.reference, "", "acknowledged", AT, "", "", ""],
    ]
    path = drop("status-v1-1.csv", csv_text(STATUS, rows))
    from agir.exchange.files import sha256_of

    # As if killed after the first row's chunk committed:
    ImportFile.objects.create(sha256=sha256_of(path), name=path.name, kind="status", next_line=3)

    service.run_import()

    personas.alice_request.refresh_from_db()
    personas.bob_request.refresh_from_db()
    assert personas.alice_request.status == Status.SUBMITTED  # already behind the file's progress
    assert personas.bob_request.status == Status.ACKNOWLEDGED


def test_a_dry_run_changes_nothing(personas):
    status_file(
        "status-v1-1.csv",
        [["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]],
    )

    run = service.run_import(dry_run=True)

    assert run.counts["applied"] == 1
    personas.alice_request.refresh_from_db()
    assert personas.alice_request.status == Status.SUBMITTED
    assert inbox_names() == ["status-v1-1.csv"]
    assert not ImportFile.objects.exists()


def test_exchange_run_imports_then_exports(personas, settings, capsys):
    status_file(
        "status-v1-1.csv",
        [["C1", personas.alice_request.reference, "", "acknowledged", AT, "", "", ""]],
    )

    call_command("exchange", "run")

    out = capsys.readouterr().out
    assert "import: ok; applied 1" in out
    assert "export: ok" in out
    jsonl = (settings.EXCHANGE_OUTBOX_DIR / "agir-000001.jsonl").read_text()
    assert '"source":"erp","erp_change_id":"C1"' in jsonl
