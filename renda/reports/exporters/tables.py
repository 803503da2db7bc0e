"""The statistics tables (统计表): overview, per unit, by category, delegation and state,
committee activities — the same figures as the handling report and the dashboards."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.reports.exporters.base import Column, Exporter, Sheet
from renda.reports.statistics import Bucket, HandlingFigures, Statistics

UNIT_COLUMNS = [
    Column(gettext_lazy("No."), 6, "int"),
    Column(gettext_lazy("Handling unit"), 28),
    Column(gettext_lazy("Led"), 7, "int"),
    Column(gettext_lazy("Co-handled"), 7, "int"),
    Column(gettext_lazy("Items replied"), 7, "int"),
    Column(gettext_lazy("Class A"), 7, "int"),
    Column(gettext_lazy("Class B"), 7, "int"),
    Column(gettext_lazy("Class C"), 7, "int"),
    Column(gettext_lazy("On-time rate"), 10, "percent"),
    Column(gettext_lazy("Contact rate"), 10, "percent"),
    Column(gettext_lazy("Satisfaction rate"), 10, "percent"),
    Column(gettext_lazy("Re-handled"), 7, "int"),
    Column(gettext_lazy("Overdue"), 7, "int"),
]


def unit_row(n: int, name: str, f: HandlingFigures, co: int | None) -> list:
    return [
        n,
        name,
        f.assigned,
        co,
        f.replied,
        f.class_a,
        f.class_b,
        f.class_c,
        f.on_time_rate,
        f.contact_rate,
        f.satisfaction_rate,
        f.rehandled,
        f.overdue,
    ]


class StatisticsExporter(Exporter):
    identifier = "statistics"
    verbose_name = gettext_lazy("statistics tables")
    filename = "statistics.xlsx"

    def __init__(self, stats: Statistics, heading: str = ""):
        self.stats, self.heading = stats, heading

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Overview"), self._figure_columns(), self._overview(), self.heading)
        yield Sheet(_("Handling units"), UNIT_COLUMNS, self._units(), self.heading)
        for title, buckets in (
            (_("By category"), self.stats.by_category),
            (_("By delegation"), self.stats.by_delegation),
            (_("By state"), self.stats.by_state),
        ):
            yield Sheet(title, self._bucket_columns(), self._buckets(buckets), self.heading)
        yield Sheet(_("Committee activities"), self._figure_columns(), self._activities())

    def _figure_columns(self) -> list[Column]:
        return [Column(gettext_lazy("Figure"), 30), Column(gettext_lazy("Value"), 12)]

    def _bucket_columns(self) -> list[Column]:
        return [
            Column(gettext_lazy("Name"), 24),
            Column(gettext_lazy("Motions"), 8, "int"),
            Column(gettext_lazy("Suggestions"), 8, "int"),
            Column(gettext_lazy("Total"), 8, "int"),
        ]

    def _overview(self):
        c, f = self.stats.counts, self.stats.overall
        return [
            (_("Motions received"), c.motions),
            (_("Listed as motions"), c.motions_listed),
            (_("Handled as suggestions"), c.motions_converted),
            (_("Suggestions received"), c.suggestions),
            (_("of which from motions"), c.suggestions_from_motions),
            (_("Suggestions accepted"), c.suggestions_accepted),
            (_("Transferred as letters"), c.suggestions_transferred),
            (_("Items assigned"), f.assigned),
            (_("Items replied"), f.replied),
            (_("Reply rate"), f.reply_rate.percent),
            (_("Class A (solved or basically solved)"), f.class_a),
            (_("Class B (being solved or planned)"), f.class_b),
            (_("Class C (to be solved later)"), f.class_c),
            (_("Share of class A"), f.a_share.percent),
            (_("On-time rate"), f.on_time_rate.percent),
            (_("Contact rate"), f.contact_rate.percent),
            (_("Evaluated"), f.evaluated),
            (_("Satisfied"), f.satisfied),
            (_("Basically satisfied"), f.basically_satisfied),
            (_("Unsatisfied"), f.unsatisfied),
            (_("Satisfaction rate"), f.satisfaction_rate.percent),
            (_("Re-handled"), f.rehandled),
            (_("Items overdue"), f.overdue),
            (_("Key supervised"), f.key_supervised),
        ]

    def _units(self):
        for n, u in enumerate(self.stats.units, start=1):
            yield unit_row(n, u.name, u.figures, u.co_assigned)
        yield unit_row(None, _("Total"), self.stats.overall, None)

    def _buckets(self, buckets: list[Bucket]):
        for b in buckets:
            yield [b.label, b.motions, b.suggestions, b.total]

    def _activities(self):
        a = self.stats.activities
        return [
            (_("Investigations and inspections"), a.investigations),
            (_("Hearings of unit reports"), a.hearings),
            (_("Written progress summaries"), a.summaries),
            (_("Symposiums"), a.symposiums),
        ]
