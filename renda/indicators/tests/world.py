"""A small indicator world for the page tests, built through the services: three indicators
of two units, values adopted, one awaiting review with an attachment, one returned.

E01 城镇化率 (the lead unit's, per county): baseline 50 (2020), target 60 (2025). The city
reads 52 in 2021 (path 52: on track) and 51 in 2022 (path 54: lag 0.3, seriously lagging);
禹州市 reads 53 in 2022 (its path, from the city's baseline, 54: lag 0.1, lagging). The 2023
city figure 55 awaits review, with a PDF attachment.
E02 城镇新增就业 (the lead unit's, half-yearly, city only): 2022 returned with a reason.
S01 森林覆盖率 (the co-unit's): 2021 adopted, 52 (on track).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.congress.models import Region
from renda.indicators import services
from renda.indicators.models import Frequency, Indicator, IndicatorSystem, IndicatorValue
from renda.indicators.tests.builders import current, spec, system_with
from renda.testing.personas import Cast

PDF = b"%PDF-1.4\n%test attachment\n"


@dataclass
class World:
    system: IndicatorSystem
    e01: Indicator
    e02: Indicator
    s01: Indicator
    city: Region
    yuzhou: Region
    changge: Region
    pending: IndicatorValue
    returned: IndicatorValue


def report(cast: Cast, indicator, region, year, value, *, month=12, actor=None, **kw):
    return services.report_value(
        indicator,
        actor=actor or cast.lead_officer,
        region=region,
        year=year,
        month=month,
        value=Decimal(str(value)),
        source_note=kw.pop("source_note", f"{year}年统计公报"),
        **kw,
    )


def adopt(cast: Cast, indicator, region, year, value, **kw) -> IndicatorValue:
    return services.accept_value(
        report(cast, indicator, region, year, value, **kw), actor=cast.staff
    )


def build_world(cast: Cast, regions: list[Region]) -> World:
    city, yuzhou, changge = regions
    system = system_with(
        cast.staff,
        spec(cast.lead_unit, "E01", name="城镇化率", per_region=True),
        spec(
            cast.lead_unit,
            "E02",
            name="城镇新增就业",
            unit="人",
            frequency=Frequency.HALF_YEARLY,
            baseline_value=Decimal("40000"),
            targets={(None, 2025): Decimal("50000")},
        ),
        spec(cast.co_unit, "S01", name="森林覆盖率", dimension="生态文明"),
    )
    e01, e02, s01 = (current(system, code) for code in ("E01", "E02", "S01"))
    adopt(cast, e01, city, 2021, 52)
    adopt(cast, e01, city, 2022, 51)
    adopt(cast, e01, yuzhou, 2022, 53)
    adopt(cast, s01, city, 2021, 52, actor=cast.co_officer)
    pending = report(
        cast,
        e01,
        city,
        2023,
        55,
        attachment=SimpleUploadedFile("公报.pdf", PDF, content_type="application/pdf"),
    )
    returned = services.return_value(
        report(cast, e02, city, 2022, 41000), actor=cast.staff, reason="口径不符，请核实"
    )
    return World(system, e01, e02, s01, city, yuzhou, changge, pending, returned)
