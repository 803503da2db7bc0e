"""The audit list as .xlsx, through the reports app's shared exporter machinery."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.audit.models import AuditRecord, Category, Result
from renda.reports.exporters import Column, Exporter, Sheet


class AuditExporter(Exporter):
    identifier = "audit"
    verbose_name = gettext_lazy("Audit log")
    filename = "audit-log.xlsx"

    def __init__(self, rows: QuerySet[AuditRecord]) -> None:
        self.rows = rows

    def sheets(self) -> Iterator[Sheet]:
        columns = [
            Column(_("Time"), 20),
            Column(_("User name"), 14),
            Column(_("Role"), 14),
            Column(_("Address"), 16),
            Column(_("Category"), 10),
            Column(_("Action"), 24),
            Column(_("Object"), 30, "wrap"),
            Column(_("Result"), 8),
            Column(_("Details"), 40, "wrap"),
            Column(_("Record"), 10, "int"),
        ]
        yield Sheet(_("Audit log"), columns, self._rows())

    def _rows(self) -> Iterator[list]:
        categories, results = dict(Category.choices), dict(Result.choices)
        for r in self.rows.iterator(chunk_size=2000):
            yield [
                timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"),
                r.actor_username,
                r.actor_role_label,
                r.address,
                str(categories.get(r.category, r.category)),
                r.action,
                " ".join(p for p in (r.object_type, r.object_id, r.object_label) if p),
                str(results.get(r.result, r.result)),
                _detail_text(r.detail),
                r.pk,
            ]


def _detail_text(detail: dict) -> str:
    return "; ".join(f"{key}: {value}" for key, value in detail.items())
