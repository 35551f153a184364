"""The managers' quality pages: the dashboard, its tables as CSV / XLSX, the monthly review
pack (PDF), the corrective actions register, retention and who looked at whose data."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import exports, pack
from .access import manager_required
from .forms import (
    CorrectiveActionForm,
    DashboardFilters,
    MonthForm,
    RetentionForm,
    without_old_place,
)
from .indicators import compute
from .models import CorrectiveAction, PersonalDataAccess, RetentionPolicy
from .sections import build_sections, section_by_slug

PAGE_SIZE = 50


def _filters(request: HttpRequest) -> DashboardFilters:
    return DashboardFilters(request.GET or None)


def _old_address(request: HttpRequest, *, say: bool) -> HttpResponse | None:
    """A redirect to today's address for one made with a site's or a building's id; `say`:
    tell the manager when that place no longer exists."""
    translated = without_old_place(request.GET)
    if translated is None:
        return None
    query, found = translated
    if say and not found:
        messages.warning(
            request,
            _(
                "La résidence ou le bâtiment de ce lien n'existe plus : voici les chiffres de "
                "tout le patrimoine."
            ),
        )
    return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)


def _with_place(query: QueryDict, code: str) -> str:
    changed = query.copy()
    changed["place"] = code
    return changed.urlencode()


@manager_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if old := _old_address(request, say=True):
        return old
    form = _filters(request)
    scope = form.scope()
    indicators = compute(scope)
    query = request.GET
    context = {
        "form": form,
        "scope": scope,
        "place": form.cleaned_data.get("place") if form.is_bound and form.is_valid() else None,
        # Words that name several places: a link to each, to keep that one.
        "place_links": [(found, f"?{_with_place(query, found.code)}") for found in form.matches],
        "sections": build_sections(indicators),
        "query": query.urlencode(),
        "month_form": MonthForm(initial={"month": scope.last_day.replace(day=1)}),
    }
    return render(request, "quality/dashboard.html", context)


@manager_required
def export_table(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if old := _old_address(request, say=False):
        return old
    scope = _filters(request).scope()
    sections = build_sections(compute(scope))
    stamp = f"{scope.start:%Y-%m}_{scope.last_day:%Y-%m}"
    if slug == "tout":
        if fmt != "xlsx":
            raise Http404
        chosen = sections
    else:
        section = section_by_slug(sections, slug)
        if section is None:
            raise Http404
        chosen = [section]
    if fmt == "csv":
        body, kind = exports.to_csv(chosen[0]), exports.CSV_TYPE
    else:
        body, kind = exports.to_xlsx(chosen), exports.XLSX_TYPE
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="qualite_{slug}_{stamp}.{fmt}"'
    return response


@manager_required
def review_pack(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET or None)
    if not form.is_valid():
        messages.error(request, _("Choisissez le mois du dossier de revue."))
        return redirect("quality_staff:dashboard")
    month = form.cleaned_data["month"]
    body = pack.review_pack_pdf(month.year, month.month)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="revue_qualite_{month:%Y-%m}.pdf"'
    return response


@manager_required
def action_list(request: HttpRequest) -> HttpResponse:
    form = CorrectiveActionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Action enregistrée."))
            return redirect("quality_staff:actions")
        messages.error(request, _("Vérifiez les champs en rouge."))
    actions = CorrectiveAction.objects.all()
    return render(request, "quality/actions.html", {"form": form, "actions": actions})


@manager_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(CorrectiveAction, pk=pk)
    form = CorrectiveActionForm(request.POST or None, instance=action)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Action enregistrée."))
            return redirect("quality_staff:actions")
        messages.error(request, _("Vérifiez les champs en rouge."))
    return render(request, "quality/action_edit.html", {"form": form, "action": action})


@manager_required
def retention(request: HttpRequest) -> HttpResponse:
    policy = RetentionPolicy.current()
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            messages.success(request, _("Durées de conservation enregistrées."))
            return redirect("quality_staff:retention")
        messages.error(request, _("Vérifiez les champs en rouge."))
    return render(request, "quality/retention.html", {"form": form, "policy": policy})


@manager_required
def access_log(request: HttpRequest) -> HttpResponse:
    rows = PersonalDataAccess.objects.select_related("user", "tenant", "request")
    who = request.GET.get("q", "").strip()[:60]
    if who:
        from django.db.models import Q

        rows = rows.filter(
            Q(tenant__last_name__icontains=who)
            | Q(user__last_name__icontains=who)
            | Q(user__username__icontains=who)
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quality/access_log.html", {"page": page, "q": who})


@manager_required
@require_POST
def anonymise_now(request: HttpRequest) -> HttpResponse:
    from .retention import anonymise_past_retention

    done = anonymise_past_retention(now=timezone.now())
    messages.success(
        request,
        _(
            "%(requests)d demandes anonymisées, %(photos)d photos effacées, "
            "%(lines)d lignes du journal des consultations supprimées."
        )
        % {"requests": done.requests, "photos": done.photos, "lines": done.access_lines},
    )
    return redirect("quality_staff:retention")
