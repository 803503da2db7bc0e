"""The units' performance scores (办理考评): one row per unit with its score and breakdown,
then every item's points, then the formula used."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.reports.exporters.base import Column, Exporter, Sheet
from renda.reports.models import COMPONENTS, ScoringRule
from renda.reports.scores import UnitScore


def component_labels() -> dict[str, str]:
    return {
        "on_time": _("On-time reply"),
        "contact": _("Contact before the reply"),
        "satisfaction": _("Satisfaction"),
        "result_class": _("A/B classes"),
        "rehandling": _("No re-handling"),
        "follow_up": _("Follow-ups completed"),
    }


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class ScoresExporter(Exporter):
    identifier = "unit_scores"
    verbose_name = gettext_lazy("unit performance scores")
    filename = "unit-scores.xlsx"

    def __init__(self, units: list[UnitScore], rule: ScoringRule, heading: str = ""):
        self.units, self.rule, self.heading = units, rule, heading

    def expected_rows(self) -> int:
        return len(self.units) + sum(len(u.items) for u in self.units)

    def sheets(self) -> Iterator[Sheet]:
        labels = component_labels()
        yield Sheet(_("Scores"), self._unit_columns(labels), self._unit_rows(), self.heading)
        yield Sheet(_("Items"), self._item_columns(labels), self._item_rows(), self.heading)
        yield Sheet(_("Formula"), self._formula_columns(), self._formula_rows(labels))

    def _unit_columns(self, labels) -> list[Column]:
        columns = [
            Column(gettext_lazy("Rank"), 6, "int"),
            Column(gettext_lazy("Handling unit"), 28),
            Column(gettext_lazy("Score"), 8),
            Column(gettext_lazy("Items led"), 8, "int"),
        ]
        for name in COMPONENTS:
            columns += [
                Column(_("%(component)s: counted") % {"component": labels[name]}, 10, "int"),
                Column(_("%(component)s: rate") % {"component": labels[name]}, 10, "percent"),
                Column(_("%(component)s: points") % {"component": labels[name]}, 10),
            ]
        return columns

    def _unit_rows(self):
        for u in self.units:
            row = [u.rank, u.name, _points(u.score), len(u.items)]
            for name in COMPONENTS:
                c = u.components[name]
                row += [c.counted, c.rate, _points(c.points) if c.counted else None]
            yield row

    def _item_columns(self, labels) -> list[Column]:
        return [
            Column(gettext_lazy("Handling unit"), 24),
            Column(gettext_lazy("Number"), 11),
            Column(gettext_lazy("Title"), 36, "wrap"),
            *[Column(labels[name], 10) for name in COMPONENTS],
            Column(gettext_lazy("Points"), 8),
        ]

    def _item_rows(self):
        for u in self.units:
            for item in u.items:
                points = [_points(item.points.get(name)) for name in COMPONENTS]
                yield [u.name, item.number, item.title, *points, _points(item.total)]

    def _formula_columns(self) -> list[Column]:
        return [
            Column(gettext_lazy("Component"), 24),
            Column(gettext_lazy("Weight"), 8, "int"),
        ]

    def _formula_rows(self, labels):
        r = self.rule
        rows = [(labels[name], getattr(r, f"{name}_weight")) for name in COMPONENTS]
        rows += [
            (_("Value of 'basically satisfied'"), float(r.basically_satisfied_value)),
            (_("Value of a B-class reply"), float(r.class_b_value)),
            (_("Value of a C- or D-class reply"), float(r.class_c_value)),
            (_("Value of a follow-up explained"), float(r.explained_follow_up_value)),
        ]
        return rows
