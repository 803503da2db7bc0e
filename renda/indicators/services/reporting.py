"""报送与审核: the responsible unit reports an indicator's value for a period and a region,
with its source; staff accept it or return it with a reason. Every revision is kept.

One path for one value or many (the form, the Excel import, figures confirmed from a summary,
the demo): `report_values` checks every entry and writes all of them, or none.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.accounts.models import User
from renda.audit import services as audit
from renda.congress.models import Region
from renda.core import clock
from renda.core.errors import DomainError, NotPermitted, RuleViolation
from renda.indicators import periods
from renda.indicators.access import relations_to
from renda.indicators.lifecycles import VALUE_LIFECYCLE
from renda.indicators.models import (
    Indicator,
    IndicatorValue,
    ValueEvent,
    ValueRevision,
    ValueState,
)
from renda.indicators.services.common import (
    check_attachment,
    decimal_text,
    require_text,
    to_decimal,
)


@dataclass
class ValueEntry:
    """One value to report: an indicator's figure for (year, up to month) in one region."""

    indicator: Indicator
    region: Region
    year: int
    month: int
    value: Any
    source_note: str
    attachment: UploadedFile | None = None


class EntriesRejected(RuleViolation):
    """Some entries of a batch were refused; `errors` lists (entry index, message)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__(
            ngettext(
                "%(count)d entry was refused; nothing was saved.",
                "%(count)d entries were refused; nothing was saved.",
                len(errors),
            )
            % {"count": len(errors)}
        )


@dataclass
class _Prepared:
    entry: ValueEntry
    current: IndicatorValue | None
    value: Decimal
    note: str
    relation: str
    from_state: str = "unreported"


def report_value(
    indicator: Indicator,
    *,
    actor: User,
    region: Region,
    year: int,
    month: int,
    value: Any,
    source_note: str,
    attachment: UploadedFile | None = None,
) -> IndicatorValue:
    """报送 one value (or a new revision of it). Refused with the first reason that applies."""
    entry = ValueEntry(indicator, region, year, month, value, source_note, attachment)
    return _report([entry], actor=actor, strict=True)[0]


def report_values(entries: Sequence[ValueEntry], *, actor: User) -> list[IndicatorValue]:
    """Report many values in one transaction; any refused entry refuses the whole batch
    (`EntriesRejected` lists every refusal with its entry's index)."""
    return _report(list(entries), actor=actor, strict=False)


def _report(entries: list[ValueEntry], *, actor: User, strict: bool) -> list[IndicatorValue]:
    try:
        return _report_once(entries, actor=actor, strict=strict)
    except IntegrityError:
        # Two first reports of one value at once: the unique constraint let one through.
        raise RuleViolation(
            _("This value was reported at the same moment by someone else; please try again.")
        ) from None


def _report_once(entries: list[ValueEntry], *, actor: User, strict: bool):
    with transaction.atomic():
        existing = _lock_existing(entries)
        prepared, errors, seen = [], [], set()
        for index, entry in enumerate(entries):
            try:
                prepared.append(_prepare(entry, actor, existing, seen))
            except DomainError as error:
                if strict:
                    raise
                errors.append((index, error.message))
        if errors:
            raise EntriesRejected(errors)
        return _write(prepared, actor)


def _key(entry: ValueEntry) -> tuple[int, int, int, int]:
    return (entry.indicator.pk, entry.region.pk, entry.year, entry.month)


def _lock_existing(entries: list[ValueEntry]) -> dict[tuple, IndicatorValue]:
    if not entries:
        return {}
    rows = IndicatorValue.objects.select_for_update().filter(
        indicator_id__in={e.indicator.pk for e in entries},
        year__in={e.year for e in entries},
    )
    return {(v.indicator_id, v.region_id, v.year, v.month): v for v in rows}


def _prepare(entry: ValueEntry, actor: User, existing: dict, seen: set) -> _Prepared:
    indicator = entry.indicator
    relations = relations_to(actor, indicator)
    if not relations:
        raise NotPermitted(
            _("Only %(unit)s reports “%(indicator)s”.")
            % {"unit": indicator.responsible_unit, "indicator": indicator.name}
        )
    key = _key(entry)
    if key in seen:
        raise RuleViolation(_("This indicator, period and region appear more than once."))
    seen.add(key)
    current = existing.get(key)
    state = current.state if current else "unreported"
    VALUE_LIFECYCLE.check("revise" if current else "report", state, relations)
    _check_target(entry)
    value = to_decimal(entry.value)
    note = require_text(entry.source_note, _("Please say where the figure comes from."))
    check_attachment(entry.attachment)
    if (
        current is not None
        and current.state == ValueState.SUBMITTED
        and (current.value, current.source_note) == (value, note)
        and entry.attachment is None
    ):
        raise RuleViolation(_("This value is already awaiting review as entered."))
    return _Prepared(entry, current, value, note, next(iter(relations)))


def _check_target(entry: ValueEntry) -> None:
    indicator = entry.indicator
    if not indicator.is_current:
        raise RuleViolation(
            _("“%(indicator)s” was retired in version %(version)s; report its replacement.")
            % {"indicator": indicator.name, "version": indicator.retired_in_version}
        )
    if entry.region.kind != Region.Kind.CITY and not indicator.per_region:
        raise RuleViolation(
            _("“%(indicator)s” is reported for the whole city only.")
            % {"indicator": indicator.name}
        )
    periods.check_period(indicator, entry.year, entry.month)


def _write(prepared: list[_Prepared], actor: User) -> list[IndicatorValue]:
    now = clock.now()
    new, changed = [], []
    for p in prepared:
        row = p.current or IndicatorValue(
            indicator=p.entry.indicator,
            region=p.entry.region,
            year=p.entry.year,
            month=p.entry.month,
            revision=0,
        )
        p.from_state = row.state or "unreported"
        row.state, row.value, row.source_note = ValueState.SUBMITTED, p.value, p.note
        row.revision += 1
        row.reported_by, row.reported_at = actor, now
        row.on_behalf = p.relation == "staff"
        row.return_reason = ""
        if p.entry.attachment is not None:
            row.attachment.save(p.entry.attachment.name, p.entry.attachment, save=False)
        (changed if p.current else new).append(row)
        p.current = row
    IndicatorValue.objects.bulk_create(new)
    IndicatorValue.objects.bulk_update(changed, _REPORT_FIELDS)
    ValueRevision.objects.bulk_create([_revision(p.current, now) for p in prepared])
    events = [
        _event(
            p.current,
            actor,
            p.relation,
            "report" if p.from_state == "unreported" else "revise",
            p.from_state,
            now,
        )
        for p in prepared
    ]
    ValueEvent.objects.bulk_create(events)
    _audit(events, [p.entry.indicator for p in prepared])
    return [p.current for p in prepared]


def _audit(events: list[ValueEvent], indicators: list) -> None:
    """One audit row per history row, named by the indicator and the period."""
    audit.record_many(
        [
            audit.history_entry(
                e,
                obj=e.reported,
                label=f"{i.code} {i.name} {periods.label(e.reported.year, e.reported.month)}",
            )
            for e, i in zip(events, indicators, strict=True)
        ]
    )


_REPORT_FIELDS = [
    "state",
    "value",
    "source_note",
    "revision",
    "reported_by",
    "reported_at",
    "on_behalf",
    "return_reason",
    "attachment",
]


def _revision(row: IndicatorValue, now) -> ValueRevision:
    return ValueRevision(
        reported=row,
        number=row.revision,
        value=row.value,
        source_note=row.source_note,
        attachment=row.attachment.name or "",
        entered_by=row.reported_by,
        entered_at=now,
        on_behalf=row.on_behalf,
    )


def _event(row, actor, relation, action, from_state, now, reason="") -> ValueEvent:
    return ValueEvent(
        reported=row,
        revision=row.revision,
        at=now,
        actor=actor,
        relation=relation,
        action=f"value.{action}",
        from_state=from_state,
        to_state=row.state,
        reason=reason,
        data={"value": decimal_text(row.value), "period": periods.label(row.year, row.month)},
    )


def accept_value(reported: IndicatorValue, *, actor: User) -> IndicatorValue:
    """采纳: staff accept the value under review; progress counts it from now on."""
    return accept_values([reported], actor=actor)[0]


def accept_values(values: Sequence[IndicatorValue], *, actor: User) -> list[IndicatorValue]:
    """Accept several values at once (all or none)."""
    return _review(values, actor=actor, action="accept", reason="")


def return_value(reported: IndicatorValue, *, actor: User, reason: str) -> IndicatorValue:
    """退回: staff send the value back to the unit with the reason; the unit revises it."""
    reason = require_text(reason, _("Please give the reason."))
    return _review([reported], actor=actor, action="return", reason=reason)[0]


def _review(values, *, actor: User, action: str, reason: str) -> list[IndicatorValue]:
    now = clock.now()
    target = next(iter(VALUE_LIFECYCLE[action].targets))
    with transaction.atomic():
        locked = {
            v.pk: v
            for v in IndicatorValue.objects.select_for_update(of=("self",))
            .select_related("indicator")
            .filter(pk__in=[v.pk for v in values])
        }
        rows, events = [], []
        for original in values:
            row = locked[original.pk]
            VALUE_LIFECYCLE.check(action, row.state, relations_to(actor, row.indicator))
            from_state = row.state
            row.state, row.reviewed_by, row.reviewed_at = target, actor, now
            if action == "accept":
                row.accepted_value, row.accepted_revision = row.value, row.revision
            row.return_reason = reason
            rows.append(row)
            events.append(_event(row, actor, "staff", action, from_state, now, reason))
        # One UPDATE for the batch (every row takes the same step; the accepted figure is the
        # row's own latest revision).
        changes = {"state": target, "reviewed_by": actor, "reviewed_at": now}
        changes["return_reason"] = reason
        if action == "accept":
            changes |= {"accepted_value": F("value"), "accepted_revision": F("revision")}
        IndicatorValue.objects.filter(pk__in=list(locked)).update(**changes)
        ValueEvent.objects.bulk_create(events)
        _audit(events, [row.indicator for row in rows])
    for original, row in zip(values, rows, strict=True):
        for name in _REVIEW_FIELDS:
            setattr(original, name, getattr(row, name))
    return list(values)


_REVIEW_FIELDS = [
    "state",
    "reviewed_by",
    "reviewed_at",
    "accepted_value",
    "accepted_revision",
    "return_reason",
]
