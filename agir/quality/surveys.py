"""Answering the satisfaction survey of a closed request: once per tenant, never changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.estate.models import Tenant
from agir.repairs.models import RepairRequest, Status

from .models import MAX_COMMENT_LENGTH, MAX_SCORE, MIN_SCORE, SatisfactionSurvey


class SurveyRefused(Exception):
    def __init__(self, message: str, user_message: str) -> None:
        super().__init__(message)
        self.user_message = user_message


@dataclass(frozen=True)
class Answer:
    survey: SatisfactionSurvey
    created: bool  # False: it was answered before, and nothing was changed


def is_open(request: RepairRequest) -> bool:
    """A survey is asked once the request is closed."""
    return request.status == Status.CLOSED


def survey_of(request: RepairRequest, tenant: Tenant) -> SatisfactionSurvey | None:
    return SatisfactionSurvey.objects.filter(request=request, tenant=tenant).first()


def answer(
    request: RepairRequest,
    tenant: Tenant,
    *,
    score: int,
    comment: str = "",
    user=None,
    at: datetime | None = None,
) -> Answer:
    """Record the tenant's answer; a second answer changes nothing and says so."""
    existing = survey_of(request, tenant)
    if existing is not None:
        return Answer(existing, created=False)
    if not is_open(request):
        raise SurveyRefused(
            f"request {request.pk} is {request.status!r}, not closed",
            _("Vous pourrez donner votre avis une fois la demande close."),
        )
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise SurveyRefused(f"score {score!r} out of range", _("Choisissez une note de 1 à 5."))
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise SurveyRefused(
            "comment too long",
            _("Votre commentaire est trop long : %(max)d caractères au plus.")
            % {"max": MAX_COMMENT_LENGTH},
        )
    try:
        with transaction.atomic():
            survey = SatisfactionSurvey.objects.create(
                request=request,
                tenant=tenant,
                score=score,
                comment=comment,
                answered_by=user,
                answered_at=at or timezone.now(),
            )
    except IntegrityError:
        # The same tenant answered in another tab a moment ago: theirs stands.
        existing = survey_of(request, tenant)
        if existing is None:
            raise
        return Answer(existing, created=False)
    return Answer(survey, created=True)
