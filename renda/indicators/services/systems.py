"""指标体系管理: setting up a system and changing its structure, version by version.

`apply_specs` is the one place a system's indicators change: given the wanted indicators, it
adds the new codes, updates in place what does not change the measurement (name, unit in
charge, frequency, baseline, targets — the old values are kept in the history row), redefines
an indicator whose measurement changed (unit of measure, direction, band, definition, how
values within the year read) and retires the codes no longer wanted. Every structural change
raises the system's version by one and writes history rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.audit import services as audit
from renda.congress.models import Organization, Region
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.indicators.models import (
    Accumulation,
    Dimension,
    Direction,
    Frequency,
    Indicator,
    IndicatorSystem,
    SystemEvent,
    Target,
)
from renda.indicators.regions import city_region
from renda.indicators.services.common import decimal_text, require_manager, require_text

# A change to any of these is a new definition: values reported before it are not comparable.
MEASURE_FIELDS = ("unit", "direction", "band_low", "band_high", "accumulation", "definition")
# These change in place; the old values go into the history row.
PLAIN_FIELDS = (
    "name",
    "aliases",
    "responsible_unit",
    "frequency",
    "per_region",
    "order",
    "baseline_year",
    "baseline_value",
)


@dataclass
class IndicatorSpec:
    """An indicator as wanted (a row of the import sheet, or a staff form)."""

    code: str
    name: str
    dimension: str
    unit: str
    baseline_year: int
    baseline_value: Decimal
    responsible_unit: Organization
    targets: dict[tuple[Region | None, int], Decimal]  # (None: whole city, year) → value
    direction: str = Direction.HIGHER
    band_low: Decimal | None = None
    band_high: Decimal | None = None
    accumulation: str = Accumulation.LEVEL
    frequency: str = Frequency.ANNUAL
    per_region: bool = False
    definition: str = ""
    aliases: str = ""
    order: int = 0


@dataclass
class Changes:
    """What `apply_specs` did, by indicator code."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    redefined: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.redefined or self.retired)


def create_system(
    *, actor: User, name: str, target_year: int, description: str = ""
) -> IndicatorSystem:
    """建立指标体系: an empty system at version 1."""
    require_manager(actor)
    name = require_text(name, _("Please give the system a name."))
    if not 2000 <= target_year <= 2100:
        raise RuleViolation(_("The target year must be between 2000 and 2100."))
    if IndicatorSystem.objects.filter(name=name).exists():
        raise RuleViolation(_("A system named “%(name)s” already exists.") % {"name": name})
    now = clock.now()
    with transaction.atomic():
        system = IndicatorSystem.objects.create(
            name=name,
            version=0,  # empty; the first set of indicators makes version 1
            target_year=target_year,
            description=description,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        _record(system, actor, "system.create", data={"name": name, "target_year": target_year})
    return system


def update_system(
    system: IndicatorSystem, *, actor: User, target_year: int, description: str
) -> IndicatorSystem:
    """Change a system's target year or description (recorded; the indicators' version does
    not change)."""
    require_manager(actor)
    if not 2000 <= target_year <= 2100:
        raise RuleViolation(_("The target year must be between 2000 and 2100."))
    with transaction.atomic():
        system = IndicatorSystem.objects.select_for_update().get(pk=system.pk)
        before = {"target_year": system.target_year, "description": system.description}
        after = {"target_year": target_year, "description": description}
        if before == after:
            return system
        system.target_year, system.description = target_year, description
        system.updated_at = clock.now()
        system.save(update_fields=["target_year", "description", "updated_at"])
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        _record(system, actor, "system.update", data=changed)
    return system


def apply_specs(
    system: IndicatorSystem, specs: Sequence[IndicatorSpec], *, actor: User, retire_missing: bool
) -> Changes:
    """Make the system's current indicators match `specs` (see the module note). With
    `retire_missing`, current indicators whose code is not in `specs` are retired."""
    require_manager(actor)
    with transaction.atomic():
        system = IndicatorSystem.objects.select_for_update().get(pk=system.pk)
        version = system.version + 1
        current = {i.code: i for i in system.indicators.filter(retired_in_version__isnull=True)}
        dimensions = _dimensions(system, specs)
        changes = Changes()
        for position, spec in enumerate(specs, start=1):
            spec = replace(spec, order=position)  # the list's order is the system's
            old = current.pop(spec.code, None)
            _apply_one(system, spec, old, dimensions[spec.dimension], version, actor, changes)
        if retire_missing:
            for old in current.values():
                _retire(old, version, actor, _("Not in the imported system."))
                changes.retired.append(old.code)
        if changes:
            system.version, system.updated_at = version, clock.now()
            system.save(update_fields=["version", "updated_at"])
    return changes


def _apply_one(system, spec, old, dimension, version, actor, changes: Changes) -> None:
    if old is None:
        _create(system, spec, dimension, version, actor, replaces=None)
        changes.added.append(spec.code)
    elif any(_differs(getattr(old, f), getattr(spec, f)) for f in MEASURE_FIELDS):
        _retire(old, version, actor, _("Redefined."))
        _create(system, spec, dimension, version, actor, replaces=old)
        changes.redefined.append(spec.code)
    elif _update(old, spec, dimension, actor, version):
        changes.updated.append(spec.code)


def _differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (old is None) != (new is None) or (old is not None and Decimal(old) != new)
    return old != new


def _dimensions(system: IndicatorSystem, specs: Sequence[IndicatorSpec]) -> dict[str, Dimension]:
    found = {d.name: d for d in system.dimensions.all()}
    order = max((d.order for d in found.values()), default=0)
    for spec in specs:
        if spec.dimension not in found:
            order += 1
            found[spec.dimension] = Dimension.objects.create(
                system=system, name=spec.dimension, order=order
            )
    return found


def _create(system, spec: IndicatorSpec, dimension, version, actor, replaces) -> Indicator:
    indicator = Indicator.objects.create(
        system=system,
        dimension=dimension,
        code=spec.code,
        since_version=version,
        replaces=replaces,
        **{f: getattr(spec, f) for f in MEASURE_FIELDS + PLAIN_FIELDS},
    )
    _set_targets(indicator, spec.targets)
    action = "indicator.redefine" if replaces else "indicator.add"
    _record(system, actor, action, indicator=indicator, version=version, data=_summary(spec))
    return indicator


def _update(old: Indicator, spec: IndicatorSpec, dimension, actor, version) -> bool:
    before = {f: _plain(getattr(old, f)) for f in PLAIN_FIELDS}
    before["dimension"] = old.dimension.name
    before_targets = _targets_of(old)
    for f in PLAIN_FIELDS:
        setattr(old, f, getattr(spec, f))
    old.dimension = dimension
    after = {f: _plain(getattr(old, f)) for f in PLAIN_FIELDS}
    after["dimension"] = dimension.name
    targets = {_target_key(r, y): decimal_text(v) for (r, y), v in spec.targets.items()}
    if before == after and before_targets == targets:
        return False
    old.save(update_fields=[*PLAIN_FIELDS, "dimension"])
    old.targets.all().delete()
    _set_targets(old, spec.targets)
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if before_targets != targets:
        changed["targets"] = [before_targets, targets]
    _record(old.system, actor, "indicator.update", indicator=old, version=version, data=changed)
    return True


def _plain(value) -> object:
    if isinstance(value, Organization):
        return value.name
    return decimal_text(value) if isinstance(value, Decimal) else value


def _target_key(region: Region | None, year: int) -> str:
    return f"{region.name if region else '全市'}:{year}"


def _targets_of(indicator: Indicator) -> dict[str, str]:
    city = city_region()
    return {
        _target_key(None if t.region_id == city.pk else t.region, t.year): decimal_text(t.value)
        for t in indicator.targets.select_related("region")
    }


def _set_targets(indicator: Indicator, targets: dict) -> None:
    city = city_region()
    Target.objects.bulk_create(
        Target(indicator=indicator, region=region or city, year=year, value=value)
        for (region, year), value in targets.items()
    )


def _summary(spec: IndicatorSpec) -> dict:
    return {"code": spec.code, "name": spec.name, "unit": spec.unit}


def retire_indicator(indicator: Indicator, *, actor: User, reason: str) -> Indicator:
    """停用: the indicator stops being reported from the next version; its values stay."""
    require_manager(actor)
    reason = require_text(reason, _("Please give the reason."))
    with transaction.atomic():
        system = IndicatorSystem.objects.select_for_update().get(pk=indicator.system_id)
        indicator.refresh_from_db()
        if not indicator.is_current:
            raise RuleViolation(_("This indicator is already retired."))
        _retire(indicator, system.version + 1, actor, reason)
        _bump(system)
    return indicator


def redefine_indicator(
    indicator: Indicator, *, actor: User, reason: str, spec: IndicatorSpec
) -> Indicator:
    """重新定义: retire the indicator and create its successor under the same code, so the
    values reported under the old definition stay with it."""
    require_manager(actor)
    reason = require_text(reason, _("Please give the reason."))
    with transaction.atomic():
        system = IndicatorSystem.objects.select_for_update().get(pk=indicator.system_id)
        indicator.refresh_from_db()
        if not indicator.is_current:
            raise RuleViolation(_("This indicator is already retired."))
        version = system.version + 1
        _retire(indicator, version, actor, reason)
        spec = replace(spec, order=indicator.order)
        dimension = _dimensions(system, [spec])[spec.dimension]
        successor = _create(system, spec, dimension, version, actor, replaces=indicator)
        _bump(system)
    return successor


def _retire(indicator: Indicator, version: int, actor: User, reason: str) -> None:
    indicator.retired_in_version, indicator.retired_at = version, clock.now()
    indicator.retire_reason = reason
    indicator.save(update_fields=["retired_in_version", "retired_at", "retire_reason"])
    _record(
        indicator.system,
        actor,
        "indicator.retire",
        indicator=indicator,
        version=version,
        reason=reason,
        data={"code": indicator.code, "name": indicator.name},
    )


def _bump(system: IndicatorSystem) -> None:
    system.version += 1
    system.updated_at = clock.now()
    system.save(update_fields=["version", "updated_at"])


def _record(system, actor, action, *, indicator=None, version=None, reason="", data=None):
    event = SystemEvent.objects.create(
        system=system,
        indicator=indicator,
        version=version or system.version,
        at=clock.now(),
        actor=actor,
        action=action,
        reason=reason,
        data=data or {},
    )
    label = f"{system.name} v{event.version}" + (f" · {indicator}" if indicator else "")
    audit.record_many([audit.history_entry(event, obj=system, label=label)])
    return event


def indicators_as_of(system: IndicatorSystem, version: int):
    """The indicators that made up `system` at `version`."""
    return system.indicators.filter(since_version__lte=version).exclude(
        retired_in_version__lte=version
    )
