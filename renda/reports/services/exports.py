"""Excel exports from the pages (导出): a list with its filters, the units' assignment lists
(交办清单), the statistics tables.

Small exports are written at once and downloaded with the response; one with more rows than
settings.REPORTS_EXPORT_SYNC_ROWS becomes a background job (its page shows a progress bar and
then the download). The statistics tables have a fixed size and are always written at once.
"""

import io

from django.conf import settings
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Organization
from renda.core.errors import RuleViolation
from renda.reports import access, charts, scores, statistics
from renda.reports.exporters import Exporter, render_xlsx
from renda.reports.exporters.lists import AssignmentListExporter, ItemListExporter
from renda.reports.exporters.scores import ScoresExporter
from renda.reports.exporters.tables import StatisticsExporter
from renda.reports.models import JobKind, ReportJob, ScoringRule
from renda.reports.scope import ReportScope
from renda.reports.services.documents import GeneratedFile
from renda.reports.services.jobs import list_items, start_job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_file(exporter: Exporter, name: str) -> tuple[GeneratedFile, int]:
    out = io.BytesIO()
    rows = render_xlsx(exporter, out)
    return GeneratedFile(name, out.getvalue(), XLSX), rows


def _too_big(rows: int) -> bool:
    return rows > settings.REPORTS_EXPORT_SYNC_ROWS


def export_list(*, actor: User, query: str) -> tuple[GeneratedFile | ReportJob, int]:
    """导出列表: the list page's items (its queue and filters, what `actor` may see) as .xlsx —
    the file, or the background job writing it — and the number of rows."""
    access.require_data_role(actor)
    items = list_items(actor, query)
    rows = items.count()
    if _too_big(rows):
        return start_job(
            actor=actor, kind=JobKind.ITEM_LIST, parameters={"list_query": query}
        ), rows
    file, _rows = xlsx_file(ItemListExporter(items), _("items.xlsx"))
    return file, rows


def export_assignment_list(
    *, actor: User, scope: ReportScope, unit: Organization | None
) -> tuple[GeneratedFile | ReportJob, int]:
    """交办清单: one sheet per unit (staff: every unit, or one); a unit officer gets their own
    unit's, the coordinator a government unit's."""
    if actor.role != Role.STAFF or unit is not None:
        if unit is None:
            raise RuleViolation(_("Choose a handling unit."))
        access.require_unit_access(actor, unit)
    units = Organization.objects.filter(pk=unit.pk) if unit else None
    exporter = AssignmentListExporter(
        charts.scoped_items(actor, scope), units, full_contacts=access.sees_full_contacts(actor)
    )
    rows = exporter.expected_rows()
    if _too_big(rows):
        parameters = {**scope.as_parameters(), **({"unit": unit.pk} if unit else {})}
        return start_job(actor=actor, kind=JobKind.ASSIGNMENT_LIST, parameters=parameters), rows
    name = f"{unit.name if unit else ''}{scope.slug}交办清单.xlsx"
    file, _rows = xlsx_file(exporter, name)
    return file, rows


def export_statistics(*, actor: User, scope: ReportScope) -> GeneratedFile:
    """统计表: the scope's figures over the items `actor` may see."""
    access.require_data_role(actor)
    stats = statistics.compute_statistics(charts.scoped_items(actor, scope))
    file, _rows = xlsx_file(StatisticsExporter(stats, scope.title), f"{scope.slug}统计表.xlsx")
    return file


def export_scores(*, actor: User, scope: ReportScope) -> GeneratedFile:
    """办理考评 as .xlsx: the units `actor` may see, with their breakdowns."""
    exporter = ScoresExporter(
        scores.scores_for(actor=actor, scope=scope), ScoringRule.current(), scope.title
    )
    file, _rows = xlsx_file(exporter, f"{scope.slug}承办单位办理考评.xlsx")
    return file
