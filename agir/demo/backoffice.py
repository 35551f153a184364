"""The back office's demo content: canned answers, quotes in each state, building notices,
merged duplicates, rejected tenant repairs, internal notes and requests entered by phone or at
the counter. Everything goes through the same functions as the pages (lifecycle, quotes,
notices, phone entry), so the histories are what the product writes."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agir.accounts.models import User
from agir.backoffice.models import CannedAnswer
from agir.backoffice.phone_entry import entry as phone_entry
from agir.catalogue.models import CatalogueEntry, Responsibility
from agir.estate.models import CommonArea, Lease
from agir.notices import service as notices
from agir.quotes import service as quotes
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import Origin, RepairRequest, Status

CANNED = [
    (
        "Passage du gardien",
        "Le gardien de votre résidence passera voir le problème dans les prochains jours. "
        "Merci de laisser un accès si vous êtes absent(e).",
    ),
    (
        "Entreprise sous contrat",
        "Cette réparation est faite par l'entreprise sous contrat avec nous, sans frais pour "
        "vous. Elle vous appellera pour convenir d'un rendez-vous.",
    ),
    (
        "Réparation locative",
        "Cette réparation est à votre charge (réparation locative). Vous pouvez la faire "
        "vous-même ou la confier à l'artisan de votre choix. Si vous le souhaitez, nous pouvons "
        "vous envoyer un devis.",
    ),
    (
        "Photo demandée",
        "Pour mieux comprendre le problème, pouvez-vous ajouter une photo à votre demande ?",
    ),
]

# What callers say on the phone (or at the counter), and how it was taken.
PHONE_CALLS = [
    ("fuite sous l'évier", Origin.PHONE, "Appel de la locataire : ça goutte depuis hier."),
    ("volet roulant bloqué", Origin.COUNTER, "Venu à l'accueil, le volet de la chambre."),
    ("pas de chauffage radiateur", Origin.PHONE, "Radiateur du séjour froid depuis 2 jours."),
]


def seed_backoffice(now: datetime, log=print) -> None:
    officer = User.objects.get(username="agent")
    manager = User.objects.get(username="responsable")
    staff = Actor.of(officer)
    with transaction.atomic():
        for title, body in CANNED:
            CannedAnswer.objects.get_or_create(
                title=title, defaults={"body": body, "updated_by": manager}
            )
        leases = list(
            Lease.objects.current()
            .select_related("dwelling__entrance__building__site")
            .prefetch_related("tenants")
            .order_by("reference")[:60]
        )
        demo = User.objects.get(username="locataire").tenant
        demo_lease = demo.current_lease()
        phoned = _phone_entries(leases[40:], officer)
        quoted = _quotes(demo, demo_lease, leases[10:20], staff)
        rejected = _rejections(leases[20:24], staff)
        merged = _merges(staff)
        noted = _notes(staff)
        posted = _notices(demo_lease, officer)
    log(
        f"  back office: {len(CANNED)} canned answers, {phoned} phone entries, {quoted} quotes, "
        f"{rejected} tenant repairs rejected, {merged} duplicates merged, {noted} notes, "
        f"{posted} notices"
    )


def _tenant_repair(lease: Lease, code: str, actor: Actor) -> RepairRequest | None:
    entry = CatalogueEntry.objects.filter(code=code).first()
    holder = lease.tenants.order_by("pk").first()
    if entry is None or holder is None:
        return None
    submission = lifecycle.submit_new(
        lifecycle.NewRequest(
            idempotency_key=_key(f"tenant-repair-{lease.pk}-{code}"),
            origin=Origin.TENANT_WEB,
            dwelling=lease.dwelling,
            lease=lease,
            catalogue_entry=entry,
            requested_by=holder,
            description="",
            tenant_accepted_charge=True,
        ),
        actor=Actor.of(holder.user) if holder.user_id else actor,
    )
    return submission.request


def _key(text: str):
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"agir-demo-backoffice:{text}")


def _phone_entries(leases: list[Lease], officer: User) -> int:
    made = 0
    for lease, (words, origin, said) in zip(leases, PHONE_CALLS, strict=False):
        holder = lease.tenants.order_by("pk").first()
        found = phone_entry.problems(words, lease, holder)
        if not found:
            continue
        answers = phone_entry.answers_for(lease, holder, found[0].choice, _key(f"phone-{lease.pk}"))
        phone_entry.record(
            answers,
            officer,
            origin=origin,
            description=said,
            access_notes="Sonner deux fois.",
            accept_charge=found[0].who.tenant_pays,
        )
        made += 1
    return made


def _quotes(demo, demo_lease: Lease, leases: list[Lease], staff: Actor) -> int:
    """One quote in each state, and one waiting for the demo tenant's answer."""
    made = 0
    targets = [(demo_lease, "sent", demo)] + [
        (lease, state, None)
        for lease, state in zip(leases, ["accepted", "refused", "withdrawn", "sent"], strict=False)
    ]
    for lease, state, _tenant in targets:
        request = _tenant_repair(lease, "KIT-SINK-BLOCKED", staff)
        if request is None:
            continue
        lifecycle.take_in_hand(
            request,
            actor=staff,
            responsibility=Responsibility.TENANT,
            urgency=request.urgency,
            reason="" if request.suggested_responsibility == Responsibility.TENANT else "Siphon.",
        )
        if quotes.quote_refusal(request) is not None:
            continue
        quote = quotes.send(
            request,
            amount=Decimal("85.00"),
            covers="le débouchage du siphon de l'évier par notre plombier",
            actor=staff,
        )
        made += 1
        holder = request.requested_by
        tenant_actor = Actor.of(holder.user) if holder.user_id else Actor.system(holder.full_name)
        if state == "accepted":
            quotes.accept(quote, actor=tenant_actor)
        elif state == "refused":
            quotes.refuse(quote, actor=tenant_actor, reason="Je vais le faire moi-même.")
        elif state == "withdrawn":
            quotes.send(
                request,
                amount=Decimal("65.00"),
                covers="le débouchage seul, sans changer le joint",
                actor=staff,
            )
            made += 1
    return made


def _rejections(leases: list[Lease], staff: Actor) -> int:
    made = 0
    for index, lease in enumerate(leases[:2]):
        request = _tenant_repair(lease, "KIT-SINK-BLOCKED", staff)
        if request is None or request.status != Status.SUBMITTED:
            continue
        lifecycle.reject_with_advice(
            request,
            actor=staff,
            reason="Le débouchage d'un évier est une réparation locative.",
            price=Decimal("95.00") if index == 0 else None,
        )
        made += 1
    return made


def _merges(staff: Actor) -> int:
    """Two neighbours reported the same broken lift: the second request joins the first."""
    made = 0
    lifts = CommonArea.objects.filter(kind="lift", entrance__isnull=False).order_by("pk")[:3]
    for area in lifts:
        neighbours = list(
            Lease.objects.current()
            .filter(dwelling__entrance=area.entrance)
            .prefetch_related("tenants")
            .order_by("reference")[:2]
        )
        if len(neighbours) < 2:
            continue
        requests = []
        for lease in neighbours:
            holder = lease.tenants.order_by("pk").first()
            requests.append(
                lifecycle.submit_new(
                    lifecycle.NewRequest(
                        idempotency_key=_key(f"lift-{area.pk}-{lease.pk}"),
                        origin=Origin.TENANT_WEB,
                        common_area=area,
                        lease=lease,
                        catalogue_entry=CatalogueEntry.objects.get(code="LIFT-CAR-NOT_WORKING"),
                        requested_by=holder,
                    ),
                    actor=Actor.of(holder.user) if holder.user_id else staff,
                ).request
            )
        lifecycle.merge(requests[1], into=requests[0], actor=staff)
        made += 1
    return made


def _notes(staff: Actor) -> int:
    notes = [
        "Locataire joignable seulement après 17 h.",
        "Vu avec le gardien : la fuite vient peut-être de l'appartement du dessus.",
        "Relancé l'entreprise par téléphone.",
    ]
    open_requests = RepairRequest.objects.open().order_by("-submitted_at")[: len(notes)]
    for request, note in zip(open_requests, notes, strict=False):
        lifecycle.comment(request, actor=staff, message=note, public=False)
    return len(open_requests)


def _notices(demo_lease: Lease, officer: User) -> int:
    today = timezone.localdate()
    entrance = demo_lease.dwelling.entrance
    lift = (
        RepairRequest.objects.open()
        .filter(common_area__entrance=entrance, common_area__kind="lift")
        .order_by("submitted_at")
        .first()
    )
    notices.post(
        text="Ascenseur en panne : l'ascensoriste intervient le "
        f"{(today + timedelta(days=3)).strftime('%d/%m')}. Merci de votre patience.",
        ends_on=today + timedelta(days=4),
        by=officer,
        entrance=entrance,
        request=lift,
        equipment=CatalogueEntry.objects.get(code="LIFT-CAR-NOT_WORKING").equipment,
    )
    notices.post(
        text="Coupure d'eau chaude mardi de 8 h à 12 h (entretien de la chaufferie).",
        ends_on=today + timedelta(days=6),
        by=officer,
        site=entrance.building.site,
    )
    return 2
