"""The nightly reconciliation: the ERP's full lists against AGIR's, and the differences.

The ERP drops its lists as a `reconcile-v1-….csv|jsonl` file (one row per object it knows:
`type`, `id`, and for a request AGIR's `request` reference and its `status`). The newest one
is compared with AGIR, then moves to `done/`. Differences are reported, never repaired: the
report says what to look at (in the back office, and as a CSV in `EXCHANGE_DIR/reports/`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .files import is_visible, move_durably, write_atomic
from .models import ErpRecord
from .rows import read
from .schema import SPECS, parse_name

# Per kind of difference, the examples kept in the run's report (the CSV has them all).
EXAMPLES = 20
# A request younger than this may not have reached the ERP yet: not a difference.
GRACE = timedelta(days=1)


@dataclass
class Difference:
    type: str
    what: str  # missing_in_agir, missing_in_erp, status_differs
    erp_id: str = ""
    reference: str = ""
    agir: str = ""
    erp: str = ""


@dataclass
class Report:
    source: str = ""
    compared: Counter = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)

    def summary(self) -> dict:
        counts = Counter(f"{d.type}: {d.what}" for d in self.differences)
        examples: dict[str, list[dict]] = defaultdict(list)
        for d in self.differences:
            key = f"{d.type}: {d.what}"
            if len(examples[key]) < EXAMPLES:
                examples[key].append(
                    {"erp_id": d.erp_id, "reference": d.reference, "agir": d.agir, "erp": d.erp}
                )
        return {
            "source": self.source,
            "compared": dict(self.compared),
            "differences": dict(counts),
            "examples": dict(examples),
        }


def latest_list() -> Path | None:
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    if not inbox.exists():
        return None
    lists = sorted(p for p in inbox.iterdir() if is_visible(p) and p.name.startswith("reconcile-"))
    return lists[-1] if lists else None


def reconcile(*, dry_run: bool = False, log_line=lambda text: None) -> Report:
    report = Report()
    path = latest_list()
    if path is None:
        log_line("no reconciliation list from the ERP in the inbox")
        return report
    report.source = path.name
    erp = _read_list(path, log_line)
    _compare_requests(erp.get("request", {}), report)
    for kind in sorted(set(erp) - {"request"}):
        _compare_reference(kind, erp[kind], report)
    log_line(f"{path.name}: {len(report.differences)} differences")
    if not dry_run:
        _write_report(report)
        for older in sorted(p for p in path.parent.iterdir() if p.name.startswith("reconcile-")):
            if is_visible(older) and older.name <= path.name:
                move_durably(older, settings.EXCHANGE_DIR / "done")
    return report


def _read_list(path: Path, log_line) -> dict[str, dict[str, dict]]:
    listed: dict[str, dict[str, dict]] = defaultdict(dict)
    name = parse_name(path.name)
    for item in read(path, name.format, SPECS["reconcile"]):
        if isinstance(item, tuple):
            row, error = item
            log_line(f"{path.name}:{row.line}: skipped ({error.code})")
            continue
        listed[item.values["type"]][item.values["id"]] = item.values
    return listed


def _compare_requests(erp_rows: dict[str, dict], report: Report) -> None:
    from agir.repairs.models import RepairRequest

    agir = {
        r["external_ref"]: r
        for r in RepairRequest.objects.exclude(external_ref="").values(
            "external_ref", "reference", "status"
        )
    }
    report.compared["request"] = len(erp_rows)
    # A kind the ERP does not list at all is not compared: it may not send that kind.
    for erp_id, row in erp_rows.items():
        mine = agir.get(erp_id)
        if mine is None and row.get("request"):
            mine = (
                RepairRequest.objects.filter(reference=row["request"])
                .values("external_ref", "reference", "status")
                .first()
            )
        if mine is None:
            report.differences.append(Difference("request", "missing_in_agir", erp_id=erp_id))
        elif row.get("status") and row["status"] != mine["status"]:
            report.differences.append(
                Difference(
                    "request",
                    "status_differs",
                    erp_id=erp_id,
                    reference=mine["reference"],
                    agir=mine["status"],
                    erp=row["status"],
                )
            )
    listed_references = {row.get("request") for row in erp_rows.values()} - {None, ""}
    old = timezone.now() - GRACE
    unknown_to_erp = (
        RepairRequest.objects.submitted()
        .filter(submitted_at__lt=old)
        .exclude(external_ref__in=list(erp_rows))
        .exclude(reference__in=listed_references)
        .values_list("reference", "external_ref", "status")
    )
    for reference, erp_id, status in unknown_to_erp:
        report.differences.append(
            Difference("request", "missing_in_erp", erp_id=erp_id, reference=reference, agir=status)
        )


def _compare_reference(kind: str, erp_rows: dict[str, dict], report: Report) -> None:
    from .estate_import import Refs

    report.compared[kind] = len(erp_rows)
    known = Refs().lookup(kind, set(erp_rows))
    for erp_id in sorted(set(erp_rows) - set(known)):
        report.differences.append(Difference(kind, "missing_in_agir", erp_id=erp_id))
    registered = ErpRecord.objects.filter(kind=kind, ended_on__isnull=True).exclude(
        erp_id__in=list(erp_rows)
    )
    for erp_id in registered.values_list("erp_id", flat=True):
        report.differences.append(Difference(kind, "missing_in_erp", erp_id=erp_id))


def _write_report(report: Report) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["type", "difference", "erp_id", "reference", "agir", "erp"])
    for d in report.differences:
        writer.writerow([d.type, d.what, d.erp_id, d.reference, d.agir, d.erp])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    write_atomic(reports_dir() / f"reconcile-{stamp}.csv", [buffer.getvalue().encode()])


def reports_dir() -> Path:
    return settings.EXCHANGE_DIR / "reports"
