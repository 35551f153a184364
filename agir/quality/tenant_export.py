"""A tenant's own data as one ZIP (right of access and portability, GDPR arts. 15 and 20):
who they are to the landlord, their leases, the requests they made with their history as they
see it and their photos, the messages sent to them, and their survey answers. Nothing of
anyone else: a co-occupant's requests are the co-occupant's, and staff-only notes stay out.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from agir.estate.models import Lease, Tenant
from agir.repairs.models import RepairRequest

from .models import SatisfactionSurvey

README = """Vos données chez votre bailleur (AGIR), le {day}.

- moi.json : votre fiche (nom, coordonnées, canaux préférés) et vos baux ;
- demandes/<référence>/demande.json : chaque demande que vous avez faite et son historique ;
- demandes/<référence>/photos/ : les photos de ces demandes ;
- messages.json : les messages qui vous ont été envoyés ;
- enquetes.json : vos réponses aux enquêtes de satisfaction.
"""


def _iso(value) -> str | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso).encode("utf-8")


def requests_of(tenant: Tenant) -> QuerySet[RepairRequest]:
    """The requests this tenant made, or that were entered for them."""
    made = Q(requested_by=tenant)
    if tenant.user_id:
        made |= Q(entered_by_id=tenant.user_id)
    return (
        RepairRequest.objects.submitted()
        .filter(made)
        .select_related("building", "dwelling", "common_area")
        .prefetch_related("photos")
        .order_by("submitted_at")
    )


def _request_data(repair: RepairRequest) -> dict:
    events = repair.events.filter(public=True).order_by("at", "pk")
    return {
        "reference": repair.reference,
        "etat": repair.get_status_display(),
        "lieu": repair.place_label,
        "probleme": repair.title,
        "description": repair.description,
        "disponibilites": repair.availability,
        "informations_pour_entrer": repair.access_notes,
        "envoyee_le": repair.submitted_at,
        "intervention_prevue_le": repair.planned_start,
        "cloturee_le": repair.closed_at,
        "historique": [
            {"le": e.at, "quoi": e.get_kind_display(), "par": e.actor_label, "message": e.message}
            for e in events
        ],
        "photos": [f"photos/{photo.code}.jpg" for photo in repair.photos.all()],
    }


def _tenant_data(tenant: Tenant) -> dict:
    leases = Lease.objects.filter(occupancies__tenant=tenant).select_related("dwelling")
    return {
        "civilite": tenant.title,
        "prenom": tenant.first_name,
        "nom": tenant.last_name,
        "email": tenant.email,
        "telephone_portable": tenant.mobile_phone,
        "telephone_fixe": tenant.landline_phone,
        "fax": tenant.fax,
        "canaux_preferes": tenant.preferred_channels,
        "baux": [
            {
                "reference": lease.reference,
                "logement": str(lease.dwelling),
                "debut": lease.start_date,
                "fin": lease.end_date,
            }
            for lease in leases
        ],
    }


def _messages(tenant: Tenant) -> list[dict]:
    from agir.portal.tracking import sent

    return [
        {
            "le": message.when,
            "canal": message.channel,
            "objet": message.subject,
            "texte": message.text,
            "etat": message.state,
        }
        for message in map(sent.summarise, sent.sent_to_tenant(tenant))
    ]


def _surveys(tenant: Tenant) -> list[dict]:
    return [
        {
            "demande": s.request.reference,
            "note": s.score,
            "commentaire": s.comment,
            "le": s.answered_at,
        }
        for s in SatisfactionSurvey.objects.filter(tenant=tenant).select_related("request")
    ]


def tenant_archive(tenant: Tenant) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", README.format(day=timezone.localdate().isoformat()))
        archive.writestr("moi.json", _json(_tenant_data(tenant)))
        for repair in requests_of(tenant):
            folder = f"demandes/{repair.reference}"
            archive.writestr(f"{folder}/demande.json", _json(_request_data(repair)))
            for photo in repair.photos.all():
                with photo.image.open("rb") as handle:
                    archive.writestr(f"{folder}/photos/{photo.code}.jpg", handle.read())
        archive.writestr("messages.json", _json(_messages(tenant)))
        archive.writestr("enquetes.json", _json(_surveys(tenant)))
    return out.getvalue()
