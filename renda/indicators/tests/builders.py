"""Building indicator systems for tests through the services."""

from decimal import Decimal

from renda.indicators.models import Indicator, IndicatorSystem
from renda.indicators.services import systems
from renda.indicators.services.systems import IndicatorSpec


def spec(responsible, code="E01", **overrides) -> IndicatorSpec:
    values = {
        "code": code,
        "name": overrides.pop("name", f"指标{code}"),
        "dimension": "经济高质量发展",
        "unit": "%",
        "baseline_year": 2020,
        "baseline_value": Decimal("50"),
        "responsible_unit": responsible,
        "targets": {(None, 2025): Decimal("60")},
    }
    values.update(overrides)
    return IndicatorSpec(**values)


def system_with(staff, *specs: IndicatorSpec, name="共同富裕指标体系") -> IndicatorSystem:
    system = systems.create_system(actor=staff, name=name, target_year=2025)
    systems.apply_specs(system, list(specs), actor=staff, retire_missing=False)
    system.refresh_from_db()
    return system


def current(system: IndicatorSystem, code: str) -> Indicator:
    return system.indicators.get(code=code, retired_in_version__isnull=True)
