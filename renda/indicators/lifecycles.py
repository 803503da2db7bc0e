"""A reported value's lifecycle, as data: report → review → accepted or returned; a unit may
revise a returned or an accepted value, which goes back to review (the accepted figure counts
until the correction is accepted).

Roles are relations of the actor to the indicator (`access.relations_to`): the responsible
unit, and staff — who review, and may also enter a value on a unit's behalf (figures confirmed
from a unit's written summary).
"""

from django.utils.translation import gettext_lazy as _

from renda.core.lifecycle import Lifecycle, transition

REPORTERS = {"responsible_unit", "staff"}
STAFF = {"staff"}

VALUE_STATES = {
    "unreported": _("not reported"),
    "submitted": _("awaiting review"),
    "accepted": _("adopted"),
    "returned": _("returned"),
}

VALUE_LIFECYCLE = Lifecycle(
    "indicator_value",
    VALUE_STATES,
    [
        transition("report", ["unreported"], ["submitted"], REPORTERS, _("report a value")),
        transition(
            "revise", ["submitted", "returned", "accepted"], ["submitted"], REPORTERS, _("revise")
        ),
        transition("accept", ["submitted"], ["accepted"], STAFF, _("adopt")),
        transition("return", ["submitted"], ["returned"], STAFF, _("return")),
    ],
)
