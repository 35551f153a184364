"""Managers list, add and change the canned answers; officers only use them (404 here)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
