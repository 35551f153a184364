"""What the exchange with the ERP remembers: where the export stands, which files were applied,
which ERP ids name which rows, and each run."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportCursor(models.Model):
    """How far the export has gone, in request events (their ids only grow).

    A batch is planned (its number and last event id) before its files are written, and the
    cursor moves past it only once they are complete and durable: a run killed in between
    writes the same batch again. `pending_ids` are ids below the cursor not seen yet: on
    PostgreSQL a transaction that took a lower id may commit after a higher one was exported;
    they are looked for again until `EXCHANGE_GAP_SECONDS` has passed.
    """

    name = models.CharField(max_length=32, primary_key=True, default="erp")
    last_event_id = models.BigIntegerField(default=0)
    batch = models.PositiveIntegerField(_("dernier lot"), default=0)
    pending_ids = models.JSONField(default=list, blank=True)  # [[id, first missed at], …]
    planned_batch = models.PositiveIntegerField(null=True, blank=True)
    planned_to_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("curseur d'export")
        verbose_name_plural = _("curseurs d'export")

    def __str__(self) -> str:
        return f"{self.name}: batch {self.batch}, event {self.last_event_id}"


class ImportState(models.TextChoices):
    APPLYING = "applying", _("En cours")
    DONE = "done", _("Appliqué")
    REFUSED = "refused", _("Refusé")


class ImportFile(models.Model):
    """A file from the ERP, known by its content: the same bytes are applied once.

    Rows are applied in chunks; `next_line` moves in the transaction that applies a chunk, so
    a run killed in the middle goes on from there.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("fichier"), max_length=255)
    kind = models.CharField(_("type"), max_length=32, blank=True)
    state = models.CharField(
        _("état"), max_length=16, choices=ImportState.choices, default=ImportState.APPLYING
    )
    next_line = models.PositiveIntegerField(default=1)
    counts = models.JSONField(_("comptes"), default=dict, blank=True)
    rejected = models.PositiveIntegerField(_("lignes refusées"), default=0)
    reason = models.TextField(_("raison du refus"), blank=True)
    rejects_file = models.CharField(max_length=255, blank=True)
    run = models.ForeignKey(
        "ExchangeRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("fichier reçu")
        verbose_name_plural = _("fichiers reçus")

    def __str__(self) -> str:
        return self.name


class ImportReject(models.Model):
    """A row of a file that was not applied, and why. The rejects file is written from these."""

    file = models.ForeignKey(ImportFile, on_delete=models.CASCADE, related_name="rejects")
    line = models.PositiveIntegerField(_("ligne"))
    code = models.CharField(max_length=48)
    params = models.JSONField(default=dict, blank=True)
    raw = models.TextField(blank=True)

    class Meta:
        ordering = ["file", "line"]
        constraints = [
            models.UniqueConstraint(fields=["file", "line"], name="import_reject_once_per_line")
        ]
        verbose_name = _("ligne refusée")
        verbose_name_plural = _("lignes refusées")

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.code}"


class ErpRecord(models.Model):
    """An ERP id and the AGIR row it names, with the fingerprint of the last row applied.

    One table for every kind (site, building, …, status change, message): the ERP's ids are
    its own, and some of AGIR's rows have no code of their own (common areas, contractors).
    A row whose fingerprint is unchanged is skipped without touching the database.
    """

    kind = models.CharField(max_length=24)
    erp_id = models.CharField(max_length=64)
    object_id = models.BigIntegerField(null=True, blank=True)
    row_hash = models.CharField(max_length=64, blank=True)
    ended_on = models.DateField(_("terminé le"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "erp_id"], name="erp_record_unique_id")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]
        verbose_name = _("identifiant ERP")
        verbose_name_plural = _("identifiants ERP")

    def __str__(self) -> str:
        return f"{self.kind} {self.erp_id} → {self.object_id}"


class RunKind(models.TextChoices):
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    RECONCILE = "reconcile", _("Rapprochement")


class RunOutcome(models.TextChoices):
    RUNNING = "running", _("En cours")
    OK = "ok", _("Réussi")
    REJECTS = "rejects", _("Réussi, avec des lignes refusées")
    DIFFERENCES = "differences", _("Écarts trouvés")
    FAILED = "failed", _("Échec")
    INTERRUPTED = "interrupted", _("Interrompu")


class ExchangeRun(models.Model):
    """One export, import or reconciliation, as the back office shows it."""

    kind = models.CharField(_("type"), max_length=16, choices=RunKind.choices)
    outcome = models.CharField(
        _("résultat"), max_length=16, choices=RunOutcome.choices, default=RunOutcome.RUNNING
    )
    dry_run = models.BooleanField(_("à blanc"), default=False)
    started_at = models.DateTimeField(_("début"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    counts = models.JSONField(_("comptes"), default=dict, blank=True)
    rejects = models.PositiveIntegerField(_("lignes refusées"), default=0)
    errors = models.TextField(_("erreurs"), blank=True)
    report = models.JSONField(_("rapport"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("passage d'échange")
        verbose_name_plural = _("passages d'échange")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"
