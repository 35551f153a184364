"""The French wording of every message, on every channel.

The files shipped under agir/notify/channels/<channel>/templates/ are the starting wording; a
data migration copies them into `MessageTemplate` rows that managers edit in the admin. When a
row is missing (a flushed test database), the shipped file is used, so a message always has
words. Sources are Django templates; `i18n` and `notify_tags` are loaded for them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template import engines
from django.utils.safestring import SafeString

from agir.notify.kinds import MessageKind

CHANNELS_DIR = Path(__file__).resolve().parent / "channels"
PRELUDE = "{% load i18n notify_tags %}"

# MessageTemplate field -> (channel folder, file name pattern)
FIELDS: dict[str, tuple[str, str]] = {
    "email_subject": ("email", "{kind}/subject.txt"),
    "email_text": ("email", "{kind}/body.txt"),
    "email_html": ("email", "{kind}/body.html"),
    "sms_text": ("sms", "{kind}.txt"),
    "letter_html": ("letter", "{kind}.html"),
    "voice_script": ("voice", "{kind}.txt"),
}
TEXT_FIELDS = frozenset({"email_subject", "email_text", "sms_text", "voice_script"})

EMAIL, SMS, VOICE, LETTER, FAX = "email", "sms", "voice", "letter", "fax"
# No email → SMS → voice → letter; fax only for those who ask for it (preferences come first).
USUAL = [EMAIL, SMS, VOICE, LETTER, FAX]
# kind -> (channels in fallback order, attach the letter PDF to the email)
DEFAULT_RULES: dict[str, tuple[list[str], bool]] = {
    MessageKind.REQUEST_SUBMITTED: (USUAL, False),
    MessageKind.REQUEST_ACKNOWLEDGED: (USUAL, False),
    MessageKind.VISIT_SCHEDULED: (USUAL, False),
    # A reminder by post would arrive after the visit.
    MessageKind.VISIT_REMINDER: ([SMS, EMAIL, VOICE, FAX], False),
    MessageKind.VISIT_POSTPONED: (USUAL, False),
    MessageKind.WORK_DONE: (USUAL, False),
    MessageKind.REQUEST_CLOSED: (USUAL, False),
    # A refusal is a formal answer: the email carries the letter too.
    MessageKind.REQUEST_REJECTED: (USUAL, True),
    MessageKind.LANDLORD_MESSAGE: (USUAL, False),
}


def shipped(kind: str) -> dict[str, str]:
    """The wording shipped with AGIR for `kind`, field by field."""
    return {
        field: (CHANNELS_DIR / channel / "templates" / pattern.format(kind=kind))
        .read_text(encoding="utf-8")
        .rstrip("\n")
        for field, (channel, pattern) in FIELDS.items()
    }


def seed(apps: Any = None) -> None:
    """Create the missing rules and templates from the shipped defaults (data migration)."""
    if apps is None:
        from agir.notify.models import MessageTemplate, NotificationRule
    else:
        MessageTemplate = apps.get_model("notify", "MessageTemplate")
        NotificationRule = apps.get_model("notify", "NotificationRule")
    for kind in MessageKind:
        MessageTemplate.objects.get_or_create(kind=kind.value, defaults=shipped(kind.value))
    for kind, (channels, attach) in DEFAULT_RULES.items():
        NotificationRule.objects.get_or_create(
            kind=str(kind), defaults={"channels": list(channels), "attach_letter": attach}
        )


def wording(kind: str) -> dict[str, str]:
    """The current wording of `kind`: the managers' version, or the shipped one."""
    from agir.notify.models import MessageTemplate

    row = MessageTemplate.objects.filter(kind=kind).values(*FIELDS).first()
    return row or shipped(kind)


def compile_source(source: str, *, text: bool):
    """Compile a template source; text outputs are not HTML-escaped. Raises
    TemplateSyntaxError."""
    body = f"{{% autoescape off %}}{source}{{% endautoescape %}}" if text else source
    return engines["django"].from_string(PRELUDE + body)


def render_source(source: str, context: dict[str, Any], *, text: bool) -> str:
    return compile_source(source, text=text).render(context)


@cache
def _layout(channel: str, name: str):
    path = CHANNELS_DIR / channel / "templates" / name
    return engines["django"].from_string(PRELUDE + path.read_text(encoding="utf-8"))


def render_layout(channel: str, name: str, context: dict[str, Any], body: str) -> str:
    """Wrap an already rendered (and escaped) body in the channel's layout file."""
    return _layout(channel, name).render({**context, "body": SafeString(body)})
