"""Managers list, add and change the canned answers; officers only use them (404 here)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from agir.backoffice.access import staff_required
from agir.backoffice.models import CannedAnswer
from agir.core.text import FreeTextField


class CannedAnswerForm(forms.ModelForm):
    title = FreeTextField(label=gettext_lazy("Intitulé"), max_length=80)
    body = FreeTextField(label=gettext_lazy("Texte"), max_length=2000, widget=forms.Textarea)

    class Meta:
        model = CannedAnswer
        fields = ["title", "body", "active"]


def _manager_only(user) -> None:
    if user.role != "manager":
        raise Http404


@staff_required
def answer_list(request: HttpRequest) -> HttpResponse:
    _manager_only(request.user)
    answers = CannedAnswer.objects.select_related("updated_by").order_by("-active", "title")
    return render(request, "backoffice/canned_answers/list.html", {"answers": answers})


@staff_required
def answer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _manager_only(request.user)
    answer = get_object_or_404(CannedAnswer, pk=pk) if pk is not None else None
    form = CannedAnswerForm(request.POST or None, instance=answer)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("Réponse type enregistrée."))
        return redirect("backoffice:canned_answers")
    return render(request, "backoffice/canned_answers/edit.html", {"form": form, "answer": answer})


@staff_required
@require_GET
def answer_text(request: HttpRequest) -> HttpResponse:
    """The answer's text area filled with the canned answer picked (htmx, on the request page)."""
    from agir.backoffice.request_page.forms import AnswerForm

    picked = request.GET.get("answer-canned", "")
    canned = CannedAnswer.objects.in_use().filter(pk=picked).first() if picked.isdigit() else None
    form = AnswerForm(prefix="answer", initial={"message": canned.body if canned else ""})
    return HttpResponse(str(form["message"]))
