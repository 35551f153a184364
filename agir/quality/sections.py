"""The dashboard's sections: each a title, a chart (SVG, or none) and the table of its numbers.

The same sections make the dashboard page, the CSV and XLSX exports (one table each, by its
slug) and the monthly review pack (PDF). Cells are plain values; shares are `Share`, shown as
percentages and written to spreadsheets as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from agir.catalogue.models import Urgency

from . import svg
from .commitments import UNIT_LABELS, commitment_for, terms
from .indicators import Indicators
from .indicators.delays import MEASURE_LABELS, Distribution
from .indicators.kept import Kept
from .indicators.satisfaction import comments

HISTOGRAM_MAX = 15  # working days; longer delays share the last column


class Share(float):
    """A share between 0 and 1, shown as a percentage."""

    def __str__(self) -> str:
        return f"{self * 100:.1f} %".replace(".", ",")


def share(value: float | None) -> Share | None:
    return None if value is None else Share(value)


@dataclass
class Section:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: SafeString | None = None
    note: str = ""
    folded: bool = False  # a long table without a chart: closed until asked for


def _month(day: date) -> str:
    return date_format(day, "M Y")


def _kept_cells(kept: Kept) -> list:
    return [kept.kept, kept.missed, share(kept.share)]


def build_sections(ind: Indicators, *, with_comments: bool = True) -> list[Section]:
    urgency_labels = dict(Urgency.choices)
    sections = [_key_figures(ind)]

    months = Section(
        "mois",
        _("Demandes reçues par mois"),
        [
            _("Mois"),
            _("Reçues"),
            _("Prises en compte dans le délai"),
            _("Interventions dans le délai"),
        ],
    )
    ack_months = dict(ind.kept_by_month["take_in_hand"])
    work_months = dict(ind.kept_by_month["intervene"])
    for month, count in ind.by_month:
        months.rows.append(
            [_month(month), count, share(ack_months[month].share), share(work_months[month].share)]
        )
    months.chart = svg.column_chart(
        months.title,
        [(date_format(m, "M"), n) for m, n in ind.by_month],
        line=[work_months[m].share for m, _n in ind.by_month],
    )
    months.note = _("Colonnes : demandes reçues ; ligne : part des interventions dans le délai.")
    sections.append(months)

    kept = Section(
        "engagements",
        _("Engagements tenus, par urgence"),
        [
            _("Urgence"),
            _("Prise en compte : engagement"),
            _("tenus"),
            _("manqués"),
            _("part tenue"),
            _("Intervention : engagement"),
            _("tenus"),
            _("manqués"),
            _("part tenue"),
            _("En retard aujourd'hui"),
        ],
    )
    chart_items = []
    current = terms()
    for urgency in Urgency.values:
        commitment = commitment_for(urgency, current)
        ack, work = ind.kept["take_in_hand"][urgency], ind.kept["intervene"][urgency]
        kept.rows.append(
            [
                str(urgency_labels[urgency]),
                str(commitment.take_in_hand),
                *_kept_cells(ack),
                str(commitment.intervene),
                *_kept_cells(work),
                ind.overdue[urgency],
            ]
        )
        chart_items.append((f"{urgency_labels[urgency]} — {_('prise en compte')}", ack.share))
        chart_items.append((f"{urgency_labels[urgency]} — {_('intervention')}", work.share))
    kept.chart = svg.bar_chart(kept.title, chart_items, percent=True)
    sections.append(kept)

    delays = Section(
        "delais",
        _("Délais : médiane et 90e centile"),
        [_("Étape"), _("Urgence"), _("Demandes"), _("Médiane"), _("90e centile"), _("Unité")],
    )
    for measure, distributions in ind.delays.items():
        for d in distributions:
            delays.rows.append(
                [
                    str(MEASURE_LABELS[measure]),
                    str(urgency_labels.get(d.urgency, _("Toutes"))),
                    d.count,
                    d.median,
                    d.p90,
                    str(UNIT_LABELS[d.unit]),
                ]
            )
    sections.append(delays)
    for measure, distributions in ind.delays.items():
        sections.append(_histogram(measure, distributions[-1]))

    for slug, title, rows in (
        ("origines", _("Demandes par origine"), ind.by_origin),
        ("urgences", _("Demandes par urgence"), ind.by_urgency),
        ("responsabilites", _("Demandes par responsabilité"), ind.by_responsibility),
        ("batiments", _("Bâtiments qui reçoivent le plus de demandes"), ind.by_building),
        ("familles", _("Équipements qui reçoivent le plus de demandes"), ind.top_families),
    ):
        section = Section(slug, title, [_("Libellé"), _("Demandes")])
        section.rows = [[c.label, c.count] for c in rows]
        section.chart = svg.bar_chart(title, [(c.label, c.count) for c in rows])
        sections.append(section)

    follow = ind.follow_up
    sections.append(
        Section(
            "suivi",
            _("Reports, demandes rouvertes, réparations au premier passage"),
            [_("Indicateur"), _("Valeur")],
            [
                [_("Demandes reportées au moins une fois"), follow.postponed_requests],
                [_("Reports en tout"), follow.postponements],
                [_("Demandes rouvertes (« pas réparé »)"), follow.reopened],
                [_("Travaux terminés"), follow.done],
                [_("Réparées au premier passage"), follow.first_visit_fixes],
                [_("Part réparée au premier passage"), share(follow.first_visit_share)],
            ],
        )
    )

    scores = Section(
        "satisfaction",
        _("Satisfaction des locataires"),
        [_("Note"), _("Réponses")],
        [[f"{score}/5", n] for score, n in ind.scores.items()],
    )
    scores.chart = svg.bar_chart(scores.title, [(f"{s}/5", n) for s, n in ind.scores.items()])
    sat = ind.satisfaction
    scores.note = _(
        "%(answered)s demandes closes sur %(closed)s ont une réponse (%(rate)s) ; "
        "note moyenne %(average)s."
    ) % {
        "answered": sat.answered,
        "closed": sat.closed,
        "rate": share(sat.response_rate) or "—",
        "average": f"{sat.average:.2f}".replace(".", ",") if sat.average is not None else "—",
    }
    sections.append(scores)

    league = Section(
        "prestataires",
        _("Classement des prestataires"),
        [
            _("Prestataire"),
            _("Ordres"),
            _("Intervention, médiane (j. ouvrés)"),
            _("90e centile (j. ouvrés)"),
            _("Engagements tenus"),
            _("manqués"),
            _("part tenue"),
            _("Rouvertes"),
            _("Note moyenne"),
            _("Réponses"),
        ],
    )
    for row in ind.contractors:
        league.rows.append(
            [
                row.name,
                row.orders,
                row.intervene_median,
                row.intervene_p90,
                *_kept_cells(row.kept),
                row.reopened,
                round(row.satisfaction, 2) if row.satisfaction is not None else None,
                row.answers,
            ]
        )
    league.chart = svg.bar_chart(
        _("Part des interventions dans le délai, par prestataire"),
        [(row.name, row.kept.share) for row in ind.contractors],
        percent=True,
    )
    sections.append(league)

    if with_comments:
        remarks = Section(
            "commentaires",
            _("Commentaires des locataires"),
            [_("Répondu le"), _("Demande"), _("Note"), _("Commentaire")],
        )
        remarks.folded = True
        remarks.rows = [
            [date_format(s.answered_at, "d/m/Y"), s.request.reference, s.score, s.comment]
            for s in comments(ind.scope)
        ]
        sections.append(remarks)
    return sections


def _key_figures(ind: Indicators) -> Section:
    overall = {measure: ds[-1] for measure, ds in ind.delays.items()}
    rows = [
        [_("Demandes reçues"), ind.received],
        [_("Prises en compte dans le délai"), share(ind.kept_total["take_in_hand"].share)],
        [_("Interventions dans le délai"), share(ind.kept_total["intervene"].share)],
    ]
    for measure, d in overall.items():
        step = {"step": MEASURE_LABELS[measure]}
        rows.append([_("%(step)s : médiane (jours ouvrés)") % step, d.median])
        rows.append([_("%(step)s : 90e centile (jours ouvrés)") % step, d.p90])
    rows += [
        [_("En retard aujourd'hui"), sum(ind.overdue.values())],
        [_("Demandes rouvertes"), ind.follow_up.reopened],
        [_("Réparées au premier passage"), share(ind.follow_up.first_visit_share)],
        [_("Taux de réponse à l'enquête"), share(ind.satisfaction.response_rate)],
        [
            _("Note moyenne (sur 5)"),
            round(ind.satisfaction.average, 2) if ind.satisfaction.average is not None else None,
        ],
    ]
    return Section("chiffres-cles", _("Chiffres clés"), [_("Indicateur"), _("Valeur")], rows)


def _histogram(measure: str, overall: Distribution) -> Section:
    title = _("Répartition des délais : %(step)s") % {"step": MEASURE_LABELS[measure]}
    buckets = [0] * (HISTOGRAM_MAX + 1)
    for delay, n in overall.counts.items():
        buckets[min(delay, HISTOGRAM_MAX)] += n
    labels = [str(i) for i in range(HISTOGRAM_MAX)] + [f"{HISTOGRAM_MAX}+"]
    section = Section(
        f"repartition-{measure.replace('_', '-')}",
        title,
        [_("Jours ouvrés"), _("Demandes")],
        [[label, n] for label, n in zip(labels, buckets, strict=True)],
    )
    section.chart = svg.column_chart(title, list(zip(labels, buckets, strict=True)))
    return section


def section_by_slug(sections: list[Section], slug: str) -> Section | None:
    return next((s for s in sections if s.slug == slug), None)
