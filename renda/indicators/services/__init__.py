"""Every change to indicator systems, reported values and links goes through a function here:
keyword-only `actor`, checks role, state and rule, writes the change and its history row in
one transaction, or raises a `DomainError` and changes nothing."""

from renda.indicators.services.figures import confirm_figures, propose_figures
from renda.indicators.services.links import link_indicators, unlink_indicator
from renda.indicators.services.reporting import (
    EntriesRejected,
    ValueEntry,
    accept_value,
    accept_values,
    report_value,
    report_values,
    return_value,
)
from renda.indicators.services.system_sheets import export_system, import_system
from renda.indicators.services.systems import (
    IndicatorSpec,
    apply_specs,
    create_system,
    redefine_indicator,
    retire_indicator,
    update_system,
)
from renda.indicators.services.value_sheets import import_values, value_template

__all__ = [
    "EntriesRejected",
    "IndicatorSpec",
    "ValueEntry",
    "accept_value",
    "accept_values",
    "apply_specs",
    "confirm_figures",
    "create_system",
    "export_system",
    "import_system",
    "import_values",
    "link_indicators",
    "propose_figures",
    "redefine_indicator",
    "report_value",
    "report_values",
    "retire_indicator",
    "return_value",
    "unlink_indicator",
    "update_system",
    "value_template",
]
