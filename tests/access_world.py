"""The objects the access table's URLs point at, and the named sets of URL arguments.

Built once per test module (tests/test_url_access.py) on top of the personas: tenant A's
requests in several states with a photo and a sent message, her guided entry in her session,
a voice message and a letter in the back office, a print batch, a message in the demo mailbox,
a sign-up link and a password-reset link. Files go to one folder of the module's own.
"""

from __future__ import annotations

import io
import uuid
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pypdf import PdfWriter

from agir.accounts.activation import make_link_token
from agir.accounts.models import User
from agir.backoffice.models import SavedInboxView
from agir.core.models import WorkerHeartbeat
from agir.notify.audio import audio_token
from agir.notify.models import Notification, NotificationState, PrintBatch
from agir.portal.wizard import state as wizard_state
from agir.repairs import photos
from agir.repairs.models import Status
from agir.rounds import places
from tests.access_table import A_JPEG, ROLES
from tests.personas import Personas, build_personas, mark_sent, request_in
from tests.staff_sign_in import verify_session
from tests.tracking import images


@dataclass
class World:
    personas: Personas
    files: Path
    users: dict[str, User | None] = field(default_factory=dict)  # role -> user (None: anonymous)
    sessions: dict[str, str] = field(default_factory=dict)  # role -> session key
    objects: dict[str, object] = field(default_factory=dict)


def _session_for(user: User, extra: Callable[[SessionStore], None] | None = None) -> str:
    """A signed-in session, as the login view would leave it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "agir.accounts.backends.UsernameBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    verify_session(session, user)
    if extra is not None:
        extra(session)
    session.create() if session.session_key is None else session.save()
    return session.session_key


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        audio.writeframes(b"\0\0" * 800)
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _kept(world: World, request, channel: str, artifact: str, data: bytes, **extra):
    """A message already sent on `channel`, with the file it produced (letter PDF, audio)."""
    path = world.files / "notify" / artifact
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    holder = request.requested_by
    return Notification.objects.create(
        request=request,
        tenant=holder,
        recipient_name=holder.full_name,
        address="06 12 34 56 78" if channel == "voice" else "12 rue des Acacias\n59000 Lille",
        channel=channel,
        template="request_submitted",
        context={"reference": request.reference},
        idempotency_key=f"access:{uuid.uuid4()}",
        state=NotificationState.SENT,
        next_attempt_at=timezone.now(),
        sent_at=timezone.now(),
        artifact=artifact,
        **extra,
    )


def _mailbox_message(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    message = EmailMessage()
    message["From"] = settings.DEFAULT_FROM_EMAIL
    message["To"] = "occupant0@exemple.fr"
    message["Subject"] = "Demande enregistrée n° 2026-000001"
    message["Date"] = "Wed, 11 Mar 2026 09:00:00 +0000"
    message.set_content("Nous avons bien reçu votre demande.")
    name = "20260311-100000-access"
    (folder / f"{name}.eml").write_bytes(bytes(message))
    return name


def build_world(files: Path) -> World:
    personas = build_personas()
    world = World(personas=personas, files=files)
    p = personas
    world.users = {
        "anonymous": None,
        "tenant_a": p.alice_user,
        "tenant_b": p.bob_user,
        "caretaker": p.caretaker.user,
        "contractor": p.contractor,
        "officer": p.officer,
        "manager": p.manager,
    }
    assert set(world.users) == set(ROLES)

    # A worker is alive: /healthz answers for the server, not for who asks.
    WorkerHeartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})

    # Tenant A's requests: submitted (with a photo), done, closed; a message sent about one.
    photo = photos.attach(p.alice_request, images.jpeg())
    done = request_in(Status.DONE, p.alice, p.officer)
    closed = request_in(Status.CLOSED, p.alice, p.officer)
    mark_sent()
    message = Notification.objects.filter(request=p.alice_request, tenant=p.alice.holder).first()
    voice = _kept(world, p.alice_request, "voice", "voice/access.wav", _wav())
    batch, _ = PrintBatch.objects.get_or_create(day=timezone.localdate())
    letter = _kept(
        world, p.alice_request, "letter", "letters/access.pdf", _pdf(), print_batch=batch
    )
    world.objects.update(
        alice_request=p.alice_request,
        photo=photo,
        done=done,
        closed=closed,
        message=message,
        voice=voice,
        letter=letter,
        batch=batch,
        mailbox_message=_mailbox_message(files / "mail"),
        # A view of the inbox the officer saved (the manager's is not theirs).
        officer_view=SavedInboxView.objects.create(
            owner=p.officer, name="Urgences", query="urgency=urgent"
        ),
    )

    _work_orders(world)

    # Tenant A's guided entry, in her session: a leak under the kitchen sink, details given.
    wizard_id = ""

    def with_wizard(session: SessionStore) -> None:
        nonlocal wizard_id
        current = wizard_state.start(session, p.alice.lease.pk)
        current.choose("kitchen", "sink", "KIT-SINK-LEAK")
        current.description = "L'eau coule sous l'évier."
        current.availability = []
        current.details_done = True
        wizard_state.save(session, current)
        wizard_id = current.id

    for role, user in world.users.items():
        if user is not None:
            extra = with_wizard if role == "tenant_a" else None
            world.sessions[role] = _session_for(user, extra)
    world.objects["wizard"] = wizard_id
    return world


def _work_orders(world: World) -> None:
    """Tenant A's requests taken in hand: one to order, one ordered from the contractor's
    company (persona «contractor»), one given to the caretaker."""
    from agir.repairs.lifecycle import Actor
    from agir.works import orders
    from agir.works.models import Assignee

    p = world.personas
    actor = Actor.of(p.officer)
    ordered = request_in(Status.ACKNOWLEDGED, p.alice, p.officer)
    for_caretaker = request_in(Status.ACKNOWLEDGED, p.alice, p.officer)
    world.objects.update(
        to_order=request_in(Status.ACKNOWLEDGED, p.alice, p.officer),
        work_order=orders.order_work(
            ordered,
            actor=actor,
            assignee=Assignee.CONTRACTOR,
            contractor=p.contractor.contractors.get(),
            job="Changer le joint du siphon.",
        ),
        caretaker_order=orders.order_work(
            for_caretaker,
            actor=actor,
            assignee=Assignee.CARETAKER,
            caretaker=p.caretaker,
            job="Resserrer le robinet.",
        ),
    )


def settings_for(files: Path) -> dict:
    """Where the world's files are: every test of the module reads them there."""
    return {
        "MEDIA_ROOT": files / "media",
        "NOTIFY_DIR": files / "notify",
        "NOTIFY_MAILBOX_DIR": files / "mail",
    }


# --- the named sets of URL arguments (`args=` in tests/access_table.py) --------------------


def _wizard(world: World, **more) -> dict:
    return {"wizard": world.objects["wizard"], **more}


ARGUMENTS: dict[str, Callable[[World], dict]] = {
    "alice_request": lambda w: {"code": w.objects["alice_request"].code},
    "alice_request_comment": lambda w: {
        "code": w.objects["alice_request"].code,
        "intent": "comment",
    },
    "alice_request_reject": lambda w: {"code": w.objects["alice_request"].code, "intent": "reject"},
    "alice_request_note": lambda w: {"code": w.objects["alice_request"].code, "intent": "note"},
    "alice_request_acknowledge": lambda w: {
        "code": w.objects["alice_request"].code,
        "intent": "acknowledge",
    },
    "canned_answer": lambda w: {"pk": _canned_answer().pk},
    "alice_quote": lambda w: {
        "code": w.objects["alice_request"].code,
        "quote": _alice_quote(w).code,
    },
    "alice_phone_entry": lambda w: {
        "tenant": w.personas.alice.holder.code,
        "lease": w.personas.alice.lease.pk,
    },
    "notice": lambda w: {"code": _notice(w).code},
    "alice_done_request": lambda w: {"code": w.objects["done"].code},
    "alice_closed_request": lambda w: {"code": w.objects["closed"].code},
    "alice_photo": lambda w: {
        "code": w.objects["alice_request"].code,
        "photo": w.objects["photo"].code,
    },
    "alice_message": lambda w: {"code": w.objects["message"].code},
    "alice_wizard": lambda w: _wizard(w),
    "alice_wizard_kitchen": lambda w: _wizard(w, place_key="kitchen"),
    "alice_wizard_sink": lambda w: _wizard(w, place_key="kitchen", equipment="sink"),
    "alice_wizard_sink_leak": lambda w: _wizard(w, place_key="kitchen", entry="KIT-SINK-LEAK"),
    "alice_password_reset": lambda w: {
        "uidb64": urlsafe_base64_encode(force_bytes(w.personas.alice_user.pk)),
        "token": default_token_generator.make_token(w.personas.alice_user),
    },
    # Tenant A's partner has no account yet: the link an email would carry.
    "signup_link": lambda w: {"token": make_link_token(w.personas.alice.tenants[1])},
    "voice": lambda w: {"code": w.objects["voice"].code},
    "letter": lambda w: {"code": w.objects["letter"].code},
    "signed_audio": lambda w: {"token": audio_token(w.objects["voice"])},
    "print_batch_pdf": lambda w: {"day": f"{w.objects['batch'].day:%Y-%m-%d}", "kind": "pdf"},
    "mailbox_message": lambda w: {"name": w.objects["mailbox_message"]},
    "sector_building": lambda w: {"code": w.personas.estate.building.code},
    "sector_entrance": lambda w: {
        "building": w.personas.estate.building.code,
        "code": w.personas.estate.entrances[0].code,
    },
    "officer_view": lambda w: {"code": w.objects["officer_view"].code},
    "alice_dwelling": lambda w: {"code": w.personas.alice.lease.dwelling.code},
    "alice_request_observe": lambda w: {
        "code": w.objects["alice_request"].code,
        "action": "observe",
    },
    "to_order_request": lambda w: {"code": w.objects["to_order"].code},
    "work_order": lambda w: {"code": w.objects["work_order"].code},
    "work_order_cancel": lambda w: {"code": w.objects["work_order"].code, "action": "cancel"},
    "work_order_accept": lambda w: {"code": w.objects["work_order"].code, "action": "accept"},
    "work_order_link": lambda w: {"token": _link(w)},
    "work_order_link_accept": lambda w: {"token": _link(w), "action": "accept"},
    "caretaker_order_done": lambda w: {"code": w.objects["caretaker_order"].code, "action": "fait"},
    # The exchange with the ERP over the API: a file name for its inbox, one of its outbox.
    "exchange_inbox_file": lambda w: {"name": "status-v1-1.csv"},
    "exchange_outbox_file": lambda w: {"name": "agir-000001.jsonl"},
    "exchange_run": lambda w: {"pk": _exchange_run().pk},
    # The JSON API for integrations names requests by reference, places by code.
    "api_alice_request": lambda w: {"reference": w.objects["alice_request"].reference},
    "estate_site": lambda w: {"code": w.personas.estate.site.code},
    # Quality: one table of the dashboard as CSV, one corrective action.
    "quality_table_csv": lambda w: {"slug": "chiffres-cles", "fmt": "csv"},
    "quality_action": lambda w: {"pk": _corrective_action().pk},
    # Open311: the format, a public service, tenant A's request (about her home: not public).
    "open311_json": lambda w: {"fmt": "json"},
    "open311_service": lambda w: {"fmt": "xml", "code": "LIFT-CAR-NOT_WORKING"},
    "open311_alice_request": lambda w: {
        "fmt": "json",
        "request_id": w.objects["alice_request"].reference,
    },
    "open311_alice_token": lambda w: {"fmt": "json", "token": w.objects["alice_request"].code},
}


def _alice_quote(world: World):
    from agir.quotes.models import Quote

    quote, _ = Quote.objects.get_or_create(
        request=world.objects["alice_request"],
        defaults={"amount": 95, "covers": "Débouchage de l'évier", "sent_at": timezone.now()},
    )
    return quote


def _notice(world: World):
    from agir.notices.models import Notice

    today = timezone.localdate()
    notice, _ = Notice.objects.get_or_create(
        text="Coupure d'eau jeudi matin",
        defaults={
            "building": world.personas.estate.building,
            "starts_on": today - timedelta(days=1),
            "ends_on": today + timedelta(days=3),
        },
    )
    return notice


def _canned_answer():
    from agir.backoffice.models import CannedAnswer

    answer, _ = CannedAnswer.objects.get_or_create(
        title="Passage du technicien", defaults={"body": "Le technicien passera."}
    )
    return answer


def _link(world: World) -> str:
    from agir.works.links import make_token

    return make_token(world.objects["work_order"])


def _exchange_run():
    from agir.exchange.models import ExchangeRun

    return ExchangeRun.objects.order_by("pk").first() or ExchangeRun.objects.create(kind="export")


def _corrective_action():
    from datetime import date

    from agir.quality.models import CorrectiveAction

    return CorrectiveAction.objects.order_by("pk").first() or CorrectiveAction.objects.create(
        finding="Délais d'intervention trop longs au Clos Fleuri.",
        action="Revoir le planning du prestataire.",
        owner="Responsable qualité",
        due_date=date(2026, 12, 31),
    )


# In a POST row's data: a place of the caretaker's sector, named as the phone names it.
PLACES = {
    "<the lift>": lambda w: places.area_key(w.personas.estate.common_areas["lift"]),
    "<the hall>": lambda w: places.area_key(w.personas.estate.common_areas["hall"]),
    "<the site's code>": lambda w: w.personas.estate.site.code,
    # not a place: a notice's end date, a week from the day the test runs
    "<next week>": lambda w: (timezone.localdate() + timedelta(days=7)).isoformat(),
}


def post_body(data: dict, world: World | None = None) -> dict:
    """The body of a POST row, with a fresh upload where the table says A_JPEG, and the sector's
    places where it names one."""
    body = {}
    for key, value in data.items():
        if value == A_JPEG:
            body[key] = SimpleUploadedFile("fuite.jpg", images.jpeg(), "image/jpeg")
        elif world is not None and value in PLACES:
            body[key] = PLACES[value](world)
        else:
            body[key] = value
    return body
