"""Why an indicator stands where it does, in words for the pages: its latest figure against the
linear path and the target (the rule is in `progress.py`)."""

import math
from decimal import Decimal

from django.utils.translation import gettext as _

from renda.indicators.models import Direction, Indicator
from renda.indicators.progress import Status


def figure(value: float | Decimal | None) -> str:
    """A figure as people write it: 2.05, 67234.5, 0.018 — no trailing zeros, no exponent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = Decimal(str(value))
    places = Decimal("0.01") if abs(number) >= 1 else Decimal("0.0001")
    text = format(number.quantize(places).normalize(), "f")
    return "0" if text in ("-0", "") else text


def percent(share: float | None) -> str:
    """0.453 → 45.3%."""
    if share is None or math.isnan(share):
        return "—"
    return f"{figure(round(share * 100, 1))}%"


def why(indicator: Indicator, reading) -> str:
    """One sentence: the figure, what the path expects by then and the target — for a band,
    how far outside it the figure is. `reading` is a `selectors.Reading`."""
    unit = indicator.unit
    if reading.status == Status.MET:
        return _("%(period)s: %(value)s %(unit)s — the %(year)s target is reached.") % {
            "period": reading.period,
            "value": figure(reading.value),
            "unit": unit,
            "year": reading.target_year,
        }
    if indicator.direction == Direction.BAND:
        return _(
            "%(period)s: %(value)s %(unit)s, outside the band %(low)s–%(high)s %(unit)s by "
            "%(lag)s of its width."
        ) % {
            "period": reading.period,
            "value": figure(reading.value),
            "unit": unit,
            "low": figure(indicator.band_low),
            "high": figure(indicator.band_high),
            "lag": percent(reading.lag),
        }
    return _path_sentence(indicator, reading)


def _path_sentence(indicator: Indicator, reading) -> str:
    behind = reading.lag > 0
    template = (
        _(
            "%(period)s: %(value)s %(unit)s; the linear path from %(baseline)s (%(baseline_year)s)"
            " to the target %(target)s (%(target_year)s) expects %(expected)s — behind it by "
            "%(lag)s of the distance to the target (completion %(completion)s, time elapsed "
            "%(time)s)."
        )
        if behind
        else _(
            "%(period)s: %(value)s %(unit)s; the linear path from %(baseline)s (%(baseline_year)s)"
            " to the target %(target)s (%(target_year)s) expects %(expected)s — ahead of it "
            "(completion %(completion)s, time elapsed %(time)s)."
        )
    )
    return template % {
        "period": reading.period,
        "value": figure(reading.value),
        "unit": indicator.unit,
        "baseline": figure(reading.baseline),
        "baseline_year": indicator.baseline_year,
        "target": figure(reading.target),
        "target_year": reading.target_year,
        "expected": figure(reading.expected),
        "lag": percent(abs(reading.lag)),
        "completion": percent(reading.completion),
        "time": percent(reading.time_share),
    }
