"""The caretaker's queue, received: each item applied once, answered the same way every time.

The phone gives each item a UUID when the caretaker makes it, offline or not, and keeps it until
the server has answered. The answer is one of three:

- «created»: the item did what it says (a request with its reference, a note, a photo…);
- «already_had»: that UUID was received before; the answer is the first one, unchanged, and
  nothing is done again (the phone sent it again because it never heard the first answer);
- «refused»: it cannot be applied, and `reason` (English) and `message` (French) say why. A
  refusal is final and kept: sent again, the item gets the same refusal.

Each item runs in its own transaction with its `SyncReceipt`, so an item either happened and is
recorded as answered, or did not happen at all. Edits made against an older state of a request
(the phone was offline while the request moved on) never overwrite anything: notes, «constaté»
and visit reports are events added to the history at the time they were made, and the answer
says the request had moved on (`merged`).
"""

from __future__ import annotations

import base64
import binascii
import io
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.catalogue.models import CatalogueEntry
from agir.catalogue.payer import contracts_remembered
from agir.estate.models import Lease
from agir.notify.rules import known_for
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor, LifecycleError, NewRequest
from agir.repairs.models import MAX_DESCRIPTION_LENGTH, Origin, RepairRequest
from agir.repairs.photos import PhotoRejected

from . import checklist, places
from .access import Scope
from .models import Outcome, RoundCheck, SyncReceipt

CREATED, ALREADY_HAD, REFUSED = "created", "already_had", "refused"
# One sync carries at most this many items; the phone sends a longer queue in several.
MAX_ITEMS = 500
MAX_MESSAGE_LENGTH = 2000
# Photos travel as base64 inside the item; the phone makes them smaller before queueing.
MAX_PHOTOS_PER_ITEM = 5


@dataclass(frozen=True)
class Item:
    """One queued item as the phone sent it."""

    id: uuid.UUID
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    made_at: datetime | None = None


class Refused(Exception):
    """The item cannot be applied: `reason` for logs and API clients, `message` for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message


class _Batch:
    """What the items of one sync share: who sends them, and look-ups done once."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.actor = Actor.of(scope.user)
        self.now = timezone.now()
        self._entries: dict[str, CatalogueEntry | None] = {}

        self._dwellings: dict[str, Any] = {}
        self._leases: dict[int, Lease | None] = {}

    def prefetch(self, items: list[Item]) -> None:
        """The dwellings, their current leases and holders, and the catalogue entries that the
        new requests of the batch name, in a few queries for the whole batch rather than five
        an item (a sync of 500 items took 47 s)."""
        new = [item for item in items if item.kind == "new_request"]
        codes = {
            str(item.data.get("place") or "").removeprefix(places.DWELLING_PREFIX)
            for item in new
            if str(item.data.get("place") or "").startswith(places.DWELLING_PREFIX)
        }
        if codes:
            found = (
                self.scope.dwellings()
                .select_related("entrance__building__site")
                .filter(code__in=codes)
            )
            self._dwellings = {dwelling.code: dwelling for dwelling in found}
            self._leases = {dwelling.pk: None for dwelling in self._dwellings.values()}
            leases = (
                Lease.objects.current()
                .filter(dwelling__in=list(self._leases))
                .prefetch_related("occupancies__tenant")
                .order_by("dwelling", "-start_date", "pk")
            )
            for lease in leases:  # the latest current lease of each dwelling, as .first() gives
                if self._leases.get(lease.dwelling_id) is None:
                    self._leases[lease.dwelling_id] = lease
        entry_codes = {str(item.data.get("entry")) for item in new if item.data.get("entry")}
        if entry_codes:
            self._entries = {code: None for code in entry_codes}
            for entry in CatalogueEntry.objects.active().filter(code__in=entry_codes):
                self._entries[entry.code] = entry

    def holders(self) -> list:
        """The holders of the current leases prefetched: whom the new requests' messages go to."""
        return [holder for lease in self._leases.values() if (holder := _holder(lease))]

    def dwellings(self) -> list:
        return list(self._dwellings.values())

    def place(self, key: str) -> places.ChosenPlace:
        dwelling = self._dwellings.get(key.removeprefix(places.DWELLING_PREFIX))
        if key.startswith(places.DWELLING_PREFIX) and dwelling is not None:
            return places.ChosenPlace(key, places.dwelling_label(dwelling), dwelling=dwelling)
        return places.resolve(self.scope, key)

    def lease(self, dwelling) -> Lease | None:
        if dwelling.pk in self._leases:
            return self._leases[dwelling.pk]
        return (
            Lease.objects.current()
            .filter(dwelling=dwelling)
            .prefetch_related("occupancies__tenant")
            .first()
        )

    def entry(self, code: str) -> CatalogueEntry | None:
        if code not in self._entries:
            self._entries[code] = CatalogueEntry.objects.active().filter(code=code).first()
        return self._entries[code]


# --- the batch ---------------------------------------------------------------------------


def apply_batch(scope: Scope, items: Iterable[Item]) -> list[dict[str, Any]]:
    """Answer each item in order (the order the caretaker made them in)."""
    items = list(items)
    if len(items) > MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS} items per sync")
    batch = _Batch(scope)
    batch.prefetch(items)
    known = {
        receipt.uuid: receipt
        for receipt in SyncReceipt.objects.filter(uuid__in=[item.id for item in items])
    }
    answers = []
    # Who pays at a place, where its tenant lives and how each message goes out are the same
    # questions across a batch: each asked once (they cost a query an item each).
    with contracts_remembered(), known_for(batch.holders(), batch.dwellings()):
        for item in items:
            receipt = known.get(item.id)
            if receipt is not None:
                answers.append(_replay(receipt, scope))
                continue
            answer = apply_item(batch, item)
            answers.append(answer)
            if answer["status"] != ALREADY_HAD:
                # The same UUID twice in one batch: the second is a replay of the first.
                known[item.id] = SyncReceipt(
                    uuid=item.id, user=scope.user, kind=item.kind, answer=answer
                )
    return answers


def apply_item(batch: _Batch, item: Item) -> dict[str, Any]:
    handler = HANDLERS.get(item.kind)
    try:
        if handler is None:
            raise Refused(f"unknown kind {item.kind!r}", _("Type de saisie inconnu."))
        with transaction.atomic():
            answer = {"id": str(item.id), "kind": item.kind, "status": CREATED, "merged": False}
            answer |= handler(batch, item)
            SyncReceipt.objects.create(
                uuid=item.id,
                user=batch.scope.user,
                kind=item.kind,
                outcome=Outcome.CREATED,
                answer=answer,
            )
        return answer
    except Refused as refused:
        answer = {
            "id": str(item.id),
            "kind": item.kind,
            "status": REFUSED,
            "merged": False,
            "reason": refused.reason,
            "message": refused.message,
        }
        try:
            with transaction.atomic():
                SyncReceipt.objects.create(
                    uuid=item.id,
                    user=batch.scope.user,
                    kind=item.kind[:32],
                    outcome=Outcome.REFUSED,
                    answer=answer,
                )
        except IntegrityError:
            return _replay_by_id(item.id, batch.scope)
        return answer
    except IntegrityError:
        # Another sync took the same UUID between our look-up and our insert.
        return _replay_by_id(item.id, batch.scope)


def _replay_by_id(item_id: uuid.UUID, scope: Scope) -> dict[str, Any]:
    receipt = SyncReceipt.objects.filter(uuid=item_id).first()
    if receipt is None:
        raise RuntimeError(f"integrity error without a receipt for {item_id}")
    return _replay(receipt, scope)


def _replay(receipt: SyncReceipt, scope: Scope) -> dict[str, Any]:
    if receipt.user_id != scope.user.pk:
        # Another person's UUID: say nothing of what it was.
        return _refusal_of_foreign(receipt)
    return {**receipt.answer, "status": ALREADY_HAD, "first_status": receipt.answer["status"]}


def _refusal_of_foreign(receipt: SyncReceipt) -> dict[str, Any]:
    return {
        "id": str(receipt.uuid),
        "kind": receipt.kind,
        "status": REFUSED,
        "merged": False,
        "reason": "identifier already used",
        "message": _("Cette saisie porte un identifiant déjà utilisé. Refaites-la."),
    }


# --- helpers shared by the kinds ---------------------------------------------------------


def _text(item: Item, name: str, *, required: bool = False, limit: int = MAX_MESSAGE_LENGTH):
    value = item.data.get(name, "")
    if not isinstance(value, str):
        raise Refused(f"{name} must be text", _("Saisie illisible."))
    value = value.strip()
    if required and not value:
        raise Refused(f"{name} is required", _("Le texte est vide."))
    if len(value) > limit:
        raise Refused(
            f"{name} longer than {limit} characters",
            _("Le texte est trop long : %(max)d caractères au plus.") % {"max": limit},
        )
    return value


def _when(batch: _Batch, item: Item) -> datetime:
    """When the caretaker did it, as the phone says, but never in the future."""
    made = item.made_at
    if made is None or timezone.is_naive(made) or made > batch.now:
        return batch.now
    return made


def _request(batch: _Batch, item: Item) -> RepairRequest:
    """The request an item is about: by its code, or by the queued item that created it."""
    code = item.data.get("request") or ""
    made_by = item.data.get("request_item") or ""
    queryset = batch.scope.requests()
    try:
        if code:
            found = queryset.filter(code=uuid.UUID(str(code))).first()
        elif made_by:
            found = queryset.filter(idempotency_key=uuid.UUID(str(made_by))).first()
        else:
            found = None
    except ValueError:
        found = None
    if found is None:
        raise Refused(
            "request not found in the caretaker's sector",
            _("Cette demande n'existe pas ou n'est pas dans votre secteur."),
        )
    return found


def _moved_on(request: RepairRequest, item: Item) -> tuple[bool, dict[str, Any]]:
    """Whether the request changed status since the phone showed it, and what to keep of it."""
    seen = item.data.get("seen_status") or ""
    data: dict[str, Any] = {"sync_item": str(item.id)}
    if item.made_at is not None:
        data["made_at"] = item.made_at.isoformat()
    if seen and seen != request.status:
        data["seen_status"] = seen
        return True, data
    return False, data


def _merged_answer(request: RepairRequest, moved_on: bool) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "request": str(request.code),
        "reference": request.reference,
        "merged": moved_on,
    }
    if moved_on:
        answer["message"] = _(
            "La demande avait changé entre-temps (« %(status)s ») : votre saisie est ajoutée "
            "à son historique."
        ) % {"status": request.get_status_display()}
    return answer


def _photo_bytes(encoded: Any) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise Refused("photo must be base64 text", _("La photo est illisible."))
    if encoded.startswith("data:"):
        encoded = encoded.partition(",")[2]
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise Refused("photo is not valid base64", _("La photo est illisible.")) from None
    try:
        return photos.clean_photo(io.BytesIO(raw), size=len(raw))
    except PhotoRejected as rejected:
        raise Refused(f"photo rejected: {rejected}", rejected.user_message) from None


# --- one function per kind ---------------------------------------------------------------


def _new_request(batch: _Batch, item: Item) -> dict[str, Any]:
    key = item.data.get("place") or ""
    try:
        place = batch.place(str(key))
    except places.UnknownPlace:
        raise Refused(
            "place not found in the caretaker's sector",
            _("Ce logement ou cette partie commune n'existe plus ou n'est pas dans votre secteur."),
        ) from None
    if not place.is_final:
        raise Refused("an entrance is not a place", _("Choisissez un logement ou un lieu précis."))
    entry_code = item.data.get("entry") or ""
    entry = batch.entry(str(entry_code)) if entry_code else None
    if entry_code and entry is None:
        raise Refused(
            f"unknown catalogue entry {entry_code!r}",
            _("Ce problème n'est plus proposé. Choisissez-en un autre."),
        )
    title = _text(item, "title", limit=120)
    description = _text(item, "description", limit=MAX_DESCRIPTION_LENGTH)
    pictures = item.data.get("photos") or []
    if not isinstance(pictures, list) or len(pictures) > MAX_PHOTOS_PER_ITEM:
        raise Refused(
            "too many photos",
            _("%(max)d photos au plus par demande.") % {"max": MAX_PHOTOS_PER_ITEM},
        )
    # A photo that cannot be read does not cost the caretaker the request: it is left out and
    # the answer says so.
    jpegs, photo_errors = [], []
    for picture in pictures:
        try:
            jpegs.append(_photo_bytes(picture))
        except Refused as refused:
            photo_errors.append(refused.message)
    lease = None
    if place.dwelling is not None:
        lease = batch.lease(place.dwelling)
    holder = _holder(lease)
    new = NewRequest(
        idempotency_key=item.id,
        origin=Origin.CARETAKER,
        title=title,
        dwelling=place.dwelling,
        common_area=place.common_area,
        catalogue_entry=entry,
        description=description,
        requested_by=holder,
        lease=lease,
    )
    try:
        submission = lifecycle.submit_new(new, actor=batch.actor, at=_when(batch, item))
    except LifecycleError as error:
        raise Refused(str(error), error.user_message) from None
    if not submission.created:
        # The key is someone else's request (a tenant's wizard, another phone): never show it.
        raise Refused(
            "identifier already used", _("Cette saisie porte un identifiant déjà utilisé.")
        )
    made = submission.request
    for jpeg in jpegs:
        photos.attach(made, jpeg, uploaded_by=batch.scope.user)
    message = _("Demande n° %(reference)s enregistrée.") % {"reference": made.reference}
    if photo_errors:
        message = " ".join([message, *photo_errors])
    return {
        "request": str(made.code),
        "reference": made.reference,
        "photos": len(jpegs),
        "message": message,
    }


def _holder(lease: Lease | None):
    if lease is None:
        return None
    occupancies = sorted(lease.occupancies.all(), key=lambda o: (not o.is_holder, o.pk))
    return occupancies[0].tenant if occupancies else None


def _note(batch: _Batch, item: Item) -> dict[str, Any]:
    request = _request(batch, item)
    message = _text(item, "message", required=True)
    public = item.data.get("public") is True
    moved_on, data = _moved_on(request, item)
    lifecycle.comment(
        request, actor=batch.actor, message=message, public=public, at=_when(batch, item), data=data
    )
    return _merged_answer(request, moved_on)


def _observe(batch: _Batch, item: Item) -> dict[str, Any]:
    request = _request(batch, item)
    message = _text(item, "message")
    moved_on, data = _moved_on(request, item)
    lifecycle.observe(request, actor=batch.actor, message=message, at=_when(batch, item), data=data)
    return _merged_answer(request, moved_on)


def _visit(batch: _Batch, item: Item) -> dict[str, Any]:
    request = _request(batch, item)
    message = _text(item, "message", required=True)
    moved_on, data = _moved_on(request, item)
    try:
        lifecycle.report_visit(
            request, actor=batch.actor, message=message, at=_when(batch, item), data=data
        )
    except LifecycleError as error:
        raise Refused(str(error), error.user_message) from None
    return _merged_answer(request, moved_on)


def _photo(batch: _Batch, item: Item) -> dict[str, Any]:
    request = _request(batch, item)
    jpeg = _photo_bytes(item.data.get("photo"))
    # Lock the request so that two phones cannot pass the photo limit together.
    RepairRequest.objects.select_for_update().filter(pk=request.pk).first()
    try:
        photos.attach(request, jpeg, uploaded_by=batch.scope.user)
    except PhotoRejected as rejected:
        raise Refused(str(rejected), rejected.user_message) from None
    return {"request": str(request.code), "reference": request.reference}


def _round_check(batch: _Batch, item: Item) -> dict[str, Any]:
    point = checklist.POINTS_BY_CODE.get(str(item.data.get("point") or ""))
    try:
        place = places.resolve(batch.scope, str(item.data.get("place") or ""))
    except places.UnknownPlace:
        place = None
    if point is None or place is None or place.common_area is None:
        raise Refused(
            "unknown point or place",
            _("Ce point de tournée n'existe plus ou n'est pas dans votre secteur."),
        )
    ok = item.data.get("ok")
    if not isinstance(ok, bool):
        raise Refused("ok must be true or false", _("Saisie illisible."))
    try:
        building = batch.scope.building(str(item.data.get("building") or ""))
    except Http404:
        building = None
    area = place.common_area
    if building is None or area.pk not in {a.pk for a in checklist.areas_of(building)}:
        raise Refused(
            "the area does not serve that building",
            _("Ce point de tournée n'existe plus ou n'est pas dans votre secteur."),
        )
    when = _when(batch, item)
    RoundCheck.objects.create(
        uuid=item.id,
        building=building,
        common_area=area,
        point=point.code,
        ok=ok,
        checked_by=batch.scope.user,
        checked_at=when,
        day=timezone.localtime(when).date(),
    )
    return {"point": point.code, "place": place.key}


HANDLERS: dict[str, Callable[[_Batch, Item], dict[str, Any]]] = {
    "new_request": _new_request,
    "note": _note,
    "observe": _observe,
    "visit": _visit,
    "photo": _photo,
    "round_check": _round_check,
}
