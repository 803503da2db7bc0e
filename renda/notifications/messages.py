"""What each kind of notification says: a subject and a sentence per kind code (as
`proposals/history.py` renders history), filled from the context the caller gives.

Placeholders every sentence may use: `%(item)s` (the item's reference and title) and
`%(actor)s` (who acted, when the caller names them). Dates in the context are written the
Chinese way (2026年10月9日); lazy translations are rendered in the message's language.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Template:
    subject: Any
    sentence: Any


MESSAGES: dict[str, Template] = {
    "cosign_invitation": Template(
        _("Invitation to sign"),
        _("%(actor)s invites you to sign %(item)s. Please confirm or decline in person."),
    ),
    "assigned": Template(
        _("Item assigned to your unit"),
        _(
            "%(item)s has been assigned to your unit to lead. Please sign for it and reply "
            "by %(due_date)s."
        ),
    ),
    "co_assigned": Template(
        _("Item assigned to your unit as co-unit"),
        _(
            "%(item)s has been assigned to your unit as co-unit. Please sign for it and send "
            "your opinion to the lead unit by %(opinion_due)s."
        ),
    ),
    "reassignment_approved": Template(
        _("Reassignment approved"),
        _("Your unit's request to reassign %(item)s was approved; it now goes to %(to_unit)s."),
    ),
    "reassignment_denied": Template(
        _("Reassignment denied"),
        _(
            "Your unit's request to reassign %(item)s was denied (%(note)s). "
            "Please go on handling it."
        ),
    ),
    "draft_returned": Template(
        _("Returned for revision"),
        _("%(item)s was returned to you for revision: %(reason)s. Please revise and submit it."),
    ),
    "reply_awaiting": Template(
        _("Reply awaiting your action"),
        _("The reply to %(item)s awaits your %(step)s."),
    ),
    "reply_returned": Template(
        _("Reply returned"),
        _("The reply to %(item)s was returned by %(actor)s: %(reason)s."),
    ),
    "reassignment_requested": Template(
        _("Reassignment requested"),
        _("%(unit)s asks that %(item)s go to another unit: %(reason)s. Please decide."),
    ),
    "extension_requested": Template(
        _("Extension requested"),
        _("%(unit)s asks for more time for %(item)s, until %(due_date)s: %(reason)s."),
    ),
    "countersign_requested": Template(
        _("Countersign requested"),
        _(
            "The lead unit's reply to %(item)s awaits your unit's countersignature. "
            "Please confirm it or comment."
        ),
    ),
    "review_requested": Template(
        _("Reply awaiting supervising review"),
        _("The signed reply to %(item)s awaits supervising review before release."),
    ),
    "reply_released": Template(
        _("Reply released"),
        _("The reply to %(item)s has been released (class %(class)s). You can read it now."),
    ),
    "evaluation_requested": Template(
        _("Please evaluate the reply"),
        _("Please evaluate the reply to %(item)s by %(due_date)s."),
    ),
    "rehandling": Template(
        _("Item to be handled again"),
        _(
            "The deputy is not satisfied with the reply to %(item)s. Please handle it again "
            "and reply by %(due_date)s."
        ),
    ),
    "extension_granted": Template(
        _("Extension granted"),
        _("More time was granted for %(item)s: the reply is now due by %(due_date)s."),
    ),
    "extension_denied": Template(
        _("Extension denied"),
        _("The request for more time for %(item)s was denied (%(reason)s)."),
    ),
    "due_soon": Template(
        _("Reply due soon"),
        _("The reply to %(item)s is due by %(due_date)s (%(left)s). Please reply in time."),
    ),
    "overdue": Template(
        _("Reply overdue"),
        _("The reply to %(item)s was due by %(due_date)s and is overdue. Please reply at once."),
    ),
    "opinion_due_soon": Template(
        _("Co-unit opinion due soon"),
        _("Your unit's co-unit opinion on %(item)s is due by %(due_date)s (%(left)s)."),
    ),
    "opinion_overdue": Template(
        _("Co-unit opinion overdue"),
        _(
            "Your unit's co-unit opinion on %(item)s was due by %(due_date)s and is overdue. "
            "Please send it to the lead unit at once."
        ),
    ),
    "overdue_copy": Template(
        _("Overdue at a unit"),
        _("%(unit)s has not answered %(item)s, due by %(due_date)s (%(what)s)."),
    ),
    "overdue_digest": Template(
        _("Overdue items today"),
        _(
            "%(count)s reminders of overdue replies or co-unit opinions went out today; "
            "see the reminder log for who is late."
        ),
    ),
}


# Codes a caller may pass for these placeholders, and how the sentence says them.
LABELS: dict[str, dict[str, Any]] = {
    "step": {"check": _("check"), "sign": _("sign-off"), "review": _("review")},
}


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, text) of a message of `kind`, in the active language."""
    template = MESSAGES[kind]
    params = _Params(
        {name: _plain(LABELS.get(name, {}).get(value, value)) for name, value in context.items()}
    )
    return str(template.subject), str(template.sentence) % params


def _plain(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, Promise):
        return str(value)
    return "" if value is None else str(value)
