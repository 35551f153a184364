"""Start-up checks of the channels' settings: a misconfigured gateway says so at once, with an
id, instead of failing each message later."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

SMS_GATEWAYS = {"", "local", "generic", "twilio"}
VOICE_GATEWAYS = {"", "local", "asterisk", "http"}


@register()
def check_channels(app_configs=None, **kwargs):
    problems = []
    sms, voice = settings.NOTIFY_SMS_GATEWAY, settings.NOTIFY_VOICE_GATEWAY
    if sms not in SMS_GATEWAYS:
        problems.append(
            Error(f"NOTIFY_SMS_GATEWAY must be one of {sorted(SMS_GATEWAYS)}", id="notify.E001")
        )
    if sms == "generic" and not settings.NOTIFY_SMS_URL:
        problems.append(Error("NOTIFY_SMS_GATEWAY=generic needs NOTIFY_SMS_URL", id="notify.E002"))
    if sms == "twilio" and not (settings.NOTIFY_SMS_ACCOUNT and settings.NOTIFY_SMS_TOKEN):
        problems.append(
            Error(
                "NOTIFY_SMS_GATEWAY=twilio needs NOTIFY_SMS_ACCOUNT and NOTIFY_SMS_TOKEN",
                id="notify.E003",
            )
        )
    if voice not in VOICE_GATEWAYS:
        problems.append(
            Error(f"NOTIFY_VOICE_GATEWAY must be one of {sorted(VOICE_GATEWAYS)}", id="notify.E004")
        )
    if voice == "http" and not settings.NOTIFY_VOICE_URL:
        problems.append(Error("NOTIFY_VOICE_GATEWAY=http needs NOTIFY_VOICE_URL", id="notify.E005"))
    if (sms == "generic" or voice == "http") and not settings.NOTIFY_WEBHOOK_SECRET:
        problems.append(
            Warning(
                "NOTIFY_WEBHOOK_SECRET is empty: delivery reports will be refused",
                id="notify.W001",
            )
        )
    budget, claim = settings.NOTIFY_SEND_BUDGET_SECONDS, settings.NOTIFY_CLAIM_SECONDS
    if not 0 < budget < claim:
        problems.append(
            Error(
                f"NOTIFY_SEND_BUDGET_SECONDS ({budget:g}) must be above 0 and below "
                f"NOTIFY_CLAIM_SECONDS ({claim:g}): a send that outlives its claim is sent "
                "again by another worker",
                id="notify.E007",
            )
        )
    smtp_timeout = settings.MAILERS.get("default", {}).get("OPTIONS", {}).get("timeout") or 0
    if max(smtp_timeout, settings.NOTIFY_HTTP_TIMEOUT) >= budget:
        problems.append(
            Warning(
                "SMTP_TIMEOUT and NOTIFY_HTTP_TIMEOUT should be below NOTIFY_SEND_BUDGET_SECONDS: "
                "the budget then cuts a send only when a peer drips its answer",
                id="notify.W002",
            )
        )
    fax = settings.NOTIFY_FAX_ADDRESS
    if fax and "{number}" not in fax:
        problems.append(Error("NOTIFY_FAX_ADDRESS must contain {number}", id="notify.E006"))
    return problems
