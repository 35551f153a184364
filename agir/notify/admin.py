"""Managers edit the sending rules and the French wording here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.template import TemplateSyntaxError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField
from agir.estate.models import Channel
from agir.notify import gsm
from agir.notify.models import (
    DeliveryAttempt,
    DeliveryReport,
    MessageTemplate,
    Notification,
    NotificationRule,
    PrintBatch,
)
from agir.notify.wording import FIELDS, TEXT_FIELDS, compile_source, render_source

SAMPLE = {
    "reference": "2026-000123",
    "title": "Fuite sous l'évier",
    "place": "Logement 101, Bâtiment 3, entrée A",
    "description": "L'eau coule sous l'évier depuis ce matin.",
    "message": "L'entreprise attend une pièce.",
    "planned_start": "2026-03-12T09:00:00+01:00",
    "planned_end": "2026-03-12T12:00:00+01:00",
    "recipient_name": "Mme Nadia Benali",
}


class RuleForm(forms.ModelForm):
    channels = forms.CharField(
        label=_("Canaux, dans l'ordre de secours"),
        help_text=_("Séparés par des virgules, parmi : email, sms, voice, letter, fax."),
    )

    class Meta:
        model = NotificationRule
        fields = ["kind", "enabled", "use_preferences", "channels", "attach_letter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["channels"] = ", ".join(self.instance.channels)

    def clean_channels(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["channels"].split(",") if n.strip()]
        unknown = [n for n in names if n not in Channel.values]
        if unknown:
            raise forms.ValidationError(
                _("Canal inconnu : %(names)s.") % {"names": ", ".join(unknown)}
            )
        if not names:
            raise forms.ValidationError(_("Indiquez au moins un canal."))
        return list(dict.fromkeys(names))


@admin.register(NotificationRule)
class NotificationRuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ("kind", "enabled", "use_preferences", "channel_list", "attach_letter")
    list_editable = ("enabled",)

    @admin.display(description=_("canaux"))
    def channel_list(self, rule: NotificationRule) -> str:
        return " → ".join(rule.channels)


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["kind", *FIELDS]
        # The wording reaches letters: no control characters or bidi overrides pasted in.
        field_classes = dict.fromkeys(FIELDS, FreeTextField)
        widgets = {
            name: forms.Textarea(attrs={"rows": 6, "cols": 100})
            for name in FIELDS
            if name != "email_subject"
        }

    def clean(self):
        cleaned = super().clean()
        for name in FIELDS:
            source = cleaned.get(name)
            if source is None:
                continue
            try:
                compile_source(source, text=name in TEXT_FIELDS)
            except TemplateSyntaxError as error:
                self.add_error(
                    name, _("Ce modèle contient une erreur : %(error)s") % {"error": error}
                )
        return cleaned


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = TemplateForm
    list_display = ("kind", "updated_at")
    readonly_fields = ("sms_preview",)
    fieldsets = (
        (None, {"fields": ("kind",)}),
        (_("E-mail"), {"fields": ("email_subject", "email_text", "email_html")}),
        (_("SMS"), {"fields": ("sms_text", "sms_preview")}),
        (_("Courrier et fax"), {"fields": ("letter_html",)}),
        (_("Message vocal"), {"fields": ("voice_script",)}),
    )

    @admin.display(description=_("SMS avec un exemple"))
    def sms_preview(self, template: MessageTemplate) -> str:
        if not template.pk:
            return "—"
        from django.conf import settings

        try:
            text = render_source(
                template.sms_text, {**SAMPLE, "landlord": settings.LANDLORD}, text=True
            )
        except TemplateSyntaxError as error:
            return str(error)
        text = gsm.to_gsm7(" ".join(text.split()))
        length = gsm.measure(text)
        return format_html(
            "<p>{}</p><p>{} caractères ({}), {} SMS</p>",
            text,
            length.units,
            length.encoding,
            length.segments,
        )


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in DeliveryAttempt._meta.fields]


class ReportInline(admin.TabularInline):
    model = DeliveryReport
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in DeliveryReport._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The delivery log, read-only: what was sent is evidence."""

    list_display = ("created_at", "recipient_name", "channel", "template", "state", "attempts")
    list_filter = ("channel", "state", "template")
    search_fields = ("recipient_name", "address", "idempotency_key", "context__reference")
    inlines = [AttemptInline, ReportInline]
    list_select_related = ("request",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PrintBatch)
class PrintBatchAdmin(admin.ModelAdmin):
    list_display = ("day", "built_at", "built_count")
