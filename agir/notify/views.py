"""Webhooks that receive delivery reports, and the signed audio URL a call API plays."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from agir.notify import reports
from agir.notify.audio import code_from_token
from agir.notify.files import notify_path
from agir.notify.models import Notification


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _agir_report(request: HttpRequest, channel: str) -> JsonResponse:
    body = request.body
    if not reports.signature_is_valid(body, request.headers.get("X-AGIR-Signature", "")):
        return _error(403, "invalid signature")
    try:
        data = json.loads(body)
        status = data["status"]
        reference = str(data.get("reference") or "")
        provider_id = str(data.get("id") or "")
    except (ValueError, KeyError, TypeError):
        return _error(400, "expected JSON with status, and reference or id")
    if status not in ("delivered", "failed"):
        return JsonResponse({"ok": True, "ignored": status})
    notification = _find(channel, reference, provider_id)
    if notification is None:
        return _error(404, "unknown message")
    reports.apply(
        notification,
        delivered=status == "delivered",
        reason=str(data.get("reason") or ""),
        payload=data,
        digest=reports.digest_of(body),
    )
    return JsonResponse({"ok": True})


def _find(channel: str, reference: str, provider_id: str) -> Notification | None:
    notifications = Notification.objects.filter(channel=channel)
    if reference:
        try:
            return notifications.filter(code=uuid.UUID(reference)).first()
        except ValueError:
            return None
    if provider_id:
        return notifications.filter(provider_id=provider_id).first()
    return None


@csrf_exempt
@require_POST
def sms_report(request: HttpRequest) -> JsonResponse:
    return _agir_report(request, "sms")


@csrf_exempt
@require_POST
def voice_report(request: HttpRequest) -> JsonResponse:
    return _agir_report(request, "voice")


# Twilio's message statuses that end a message's life.
TWILIO_DELIVERED = {"delivered"}
TWILIO_FAILED = {"failed", "undelivered"}


@csrf_exempt
@require_POST
def twilio_report(request: HttpRequest) -> JsonResponse:
    params = {key: request.POST[key] for key in request.POST}
    url = settings.PUBLIC_BASE_URL.rstrip("/") + request.get_full_path()
    if not reports.twilio_signature_is_valid(
        url, params, request.headers.get("X-Twilio-Signature", "")
    ):
        return _error(403, "invalid signature")
    status = params.get("MessageStatus", "")
    if status not in TWILIO_DELIVERED | TWILIO_FAILED:
        return JsonResponse({"ok": True, "ignored": status})
    notification = _find("sms", request.GET.get("n", ""), params.get("MessageSid", ""))
    if notification is None:
        return _error(404, "unknown message")
    reason = f"Twilio {status} (error {params.get('ErrorCode', '?')})"
    reports.apply(
        notification,
        delivered=status in TWILIO_DELIVERED,
        reason="" if status in TWILIO_DELIVERED else reason,
        payload=params,
        digest=reports.digest_of(json.dumps(params, sort_keys=True).encode()),
    )
    return JsonResponse({"ok": True})


@require_GET
def signed_audio(request: HttpRequest, token: str) -> FileResponse:
    """The voice message, for the call API to play: the URL carries a signed, expiring token
    (a capability given to the gateway only), never a guessable address."""
    code = code_from_token(token)
    if code is None:
        raise Http404
    notification = Notification.objects.filter(code=code, channel="voice").first()
    if notification is None or not notification.artifact:
        raise Http404
    path = notify_path(notification.artifact)
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="audio/wav")
