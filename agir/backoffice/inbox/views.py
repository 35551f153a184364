"""The officer's inbox: the requests that need someone, most pressing first."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from agir.backoffice.access import sector_ids, staff_required, visible_requests
from agir.backoffice.models import SavedInboxView
from agir.core.links import code_links
from agir.core.text import FreeTextField

from . import filters, queries
from .rows import row


class SaveViewForm(forms.Form):
    name = FreeTextField(label=gettext_lazy("Nom de la vue"), max_length=60)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


@staff_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    link = code_links("backoffice:request")
    form = filters.InboxFilterForm(request.GET or None, sectors=sector_ids(request.user))
    active = form.active()
    requests = filters.apply(
        visible_requests(request.user).submitted(), active, user=request.user, now=now
    )
    result = queries.page(requests, request.GET.get("apres", ""), may_wait=filters.may_wait(active))
    query = urlencode({name: value for name, value in active.items()})
    place = active.get("place")
    context = {
        "form": form,
        "place": place,
        # Typed words that name several places: a link to each, to keep only that one.
        "place_links": [
            (found, f"?{urlencode({**active, 'place': found.code})}")
            for found in (place.matches if place and not place.exact else ())
        ],
        "rows": [row(repair, now, link) for repair in result.rows],
        "page": result,
        "query": query,
        "next_url": f"?{query}&apres={result.next_cursor}" if result.next_cursor else "",
        "first_url": f"?{query}" if request.GET.get("apres") else "",
        "scopes": [
            (key, label, f"?{urlencode({'scope': key})}", active.get("scope") == key)
            for key, label in filters.SCOPES.items()
        ],
        "saved_views": SavedInboxView.objects.filter(owner=request.user),
        "save_form": SaveViewForm(initial={"query": query}),
    }
    return render(request, "backoffice/inbox.html", context)


@staff_required
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    form = SaveViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Donnez un nom à la vue pour l'enregistrer."))
        return redirect(f"{reverse('backoffice:requests')}?{request.POST.get('query', '')}")
    # Only the filters the inbox knows are kept, never what else the body carried.
    known = filters.InboxFilterForm(_parse(form.cleaned_data["query"])).active()
    saved = SavedInboxView.objects.create(
        owner=request.user, name=form.cleaned_data["name"], query=urlencode(known)
    )
    messages.success(request, _("Vue « %(name)s » enregistrée.") % {"name": saved.name})
    return redirect(f"{reverse('backoffice:requests')}?{saved.query}")


@staff_required
@require_POST
def delete_view(request: HttpRequest, code: str) -> HttpResponse:
    deleted, _rows = SavedInboxView.objects.filter(owner=request.user, code=code).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Vue supprimée."))
    return redirect("backoffice:requests")


def _parse(query: str) -> dict:
    from django.http import QueryDict

    return QueryDict(query).dict()
