"""The exchange in the back office: each run, its counts, refused rows and differences.
Managers only (others get a 404, as for anything not theirs)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from agir.accounts.models import Role

from .models import ExchangeRun, ImportReject, RunKind
from .rejects import reason

PAGE_SIZE = 50
REJECTS_SHOWN = 200

COUNT_LABELS = {
    "applied": _("changements appliqués"),
    "created": _("créés"),
    "updated": _("mis à jour"),
    "unchanged": _("sans changement"),
    "ended": _("terminés"),
    "linked": _("identifiants ERP reçus"),
    "files": _("fichiers"),
    "files skipped": _("fichiers déjà appliqués"),
    "files refused": _("fichiers refusés"),
    "requests": _("demandes"),
    "events": _("événements"),
    "compared": _("objets comparés"),
    "differences": _("écarts"),
    "rejected": _("lignes refusées"),
}
TYPE_LABELS = {
    "request": _("Demandes"),
    "site": _("Résidences"),
    "building": _("Bâtiments"),
    "entrance": _("Entrées"),
    "dwelling": _("Logements"),
    "common_area": _("Parties communes"),
    "tenant": _("Locataires"),
    "lease": _("Baux"),
    "contractor": _("Prestataires"),
    "contract": _("Contrats d'entretien"),
}
DIFFERENCE_LABELS = {
    "missing_in_agir": _("connu de l'ERP, inconnu d'AGIR"),
    "missing_in_erp": _("connu d'AGIR, absent de la liste de l'ERP"),
    "status_differs": _("état différent"),
}


def manager_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != Role.MANAGER:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def counted(counts: dict) -> list[tuple[str, int]]:
    return [(str(COUNT_LABELS.get(key, key)), value) for key, value in counts.items()]


@manager_required
def run_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(ExchangeRun.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(run, counted(run.counts)) for run in page]
    return render(request, "exchange/staff/run_list.html", {"page": page, "rows": rows})


@manager_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ExchangeRun, pk=pk)
    context = {"run": run, "counts": counted(run.counts)}
    if run.kind == RunKind.IMPORT:
        files = []
        for imported in run.files.order_by("id"):
            shown = ImportReject.objects.filter(file=imported).order_by("line")[:REJECTS_SHOWN]
            files.append(
                {
                    "file": imported,
                    "counts": counted(
                        {k: v for k, v in imported.counts.items() if k != "rejected"}
                    ),
                    "rejects": [(r.line, reason(r.code, r.params), r.raw) for r in shown],
                }
            )
        context["files"] = files
        context["rejects_shown"] = REJECTS_SHOWN
    if run.kind == RunKind.RECONCILE:
        context["differences"] = _differences(run.report)
    return render(request, "exchange/staff/run_detail.html", context)


def _differences(report: dict) -> list[dict]:
    listed = []
    for key, count in sorted((report.get("differences") or {}).items()):
        kind, _sep, what = key.partition(": ")
        listed.append(
            {
                "type": TYPE_LABELS.get(kind, kind),
                "what": DIFFERENCE_LABELS.get(what, what),
                "count": count,
                "examples": (report.get("examples") or {}).get(key, []),
            }
        )
    return listed
