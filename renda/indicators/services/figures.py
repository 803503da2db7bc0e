"""从文字中提取数据: staff paste a unit's written summary; renda proposes the indicator figures
it finds (`propose_figures`), each with its sentence; staff confirm the right ones
(`confirm_figures`), which reports them through the normal reporting path, on the unit's
behalf, with the sentence as their source."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Region
from renda.core.errors import NotPermitted, RuleViolation
from renda.indicators.extraction import Candidate, IndicatorRef, RegionName, extract
from renda.indicators.models import Indicator, IndicatorSystem, IndicatorValue
from renda.indicators.regions import city_region, county_regions
from renda.indicators.services.common import require_text
from renda.indicators.services.reporting import ValueEntry, report_values

MAX_TEXT = 50_000


@dataclass(frozen=True)
class FigureProposal:
    """A candidate with its indicator and region loaded, ready to show and confirm."""

    candidate: Candidate
    indicator: Indicator
    region: Region

    @property
    def sentence(self) -> str:
        return self.candidate.sentence


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise NotPermitted(_("Only congress staff take figures from written summaries."))


def propose_figures(
    system: IndicatorSystem,
    text: str,
    *,
    actor: User,
    year: int,
    month: int = 12,
    region: Region | None = None,
) -> list[FigureProposal]:
    """The figures of `system`'s current indicators found in `text`. (`year`, `month`) and
    `region` are the summary's (a county's summary: its region); sentences override them."""
    _require_staff(actor)
    text = require_text(text, _("Please paste the summary's text."))
    if len(text) > MAX_TEXT:
        raise RuleViolation(_("The text is too long; paste one summary at a time."))
    indicators = {
        i.pk: i
        for i in system.indicators.filter(retired_in_version__isnull=True).select_related(
            "responsible_unit"
        )
    }
    city = city_region()
    regions = {r.pk: r for r in county_regions()} | {city.pk: city}
    found = extract(
        text,
        [_ref(i) for i in indicators.values()],
        [RegionName(r.pk, r.name, r.kind) for r in regions.values() if r.pk != city.pk],
        city=city.pk,
        region=region.pk if region else city.pk,
        year=year,
        month=month,
    )
    return [FigureProposal(c, indicators[c.indicator.key], regions[c.region]) for c in found]


def _ref(indicator: Indicator) -> IndicatorRef:
    return IndicatorRef(
        indicator.pk,
        indicator.code,
        indicator.name,
        tuple(indicator.alias_list()),
        indicator.unit,
        indicator.per_region,
    )


def confirm_figures(
    proposals: Sequence[FigureProposal], *, actor: User, source: str
) -> list[IndicatorValue]:
    """Report the confirmed figures on the responsible units' behalf (all or none, refused
    as a unit's own report would be); each keeps `source` and its sentence as its source."""
    _require_staff(actor)
    source = require_text(source, _("Please say which summary the figures come from."))
    if not proposals:
        raise RuleViolation(_("Please choose at least one figure."))
    entries = [
        ValueEntry(
            p.indicator,
            p.region,
            p.candidate.year,
            p.candidate.month,
            p.candidate.value,
            f"{source}：{p.sentence}",
        )
        for p in proposals
    ]
    return report_values(entries, actor=actor)
