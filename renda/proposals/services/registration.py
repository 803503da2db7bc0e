"""Staff registering a suggestion a deputy submitted on paper (代为录入), e.g. from the
register a congress kept before renda, or for deputies who do not go online."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Deputy, Session
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals.models import Category, Kind, Period, Proposal, Signature
from renda.proposals.services._step import record, require_text


def register_suggestion(
    *,
    actor: User,
    session: Session,
    lead_deputy: Deputy,
    title: str,
    body: str,
    submitted_on: dt.date,
    cosigners: Iterable[Deputy] = (),
    category: Category | None = None,
    period: str | None = None,
) -> Proposal:
    """The suggestion enters as submitted on `submitted_on`, with the lead deputy's and the
    co-proposers' signatures as given on paper. The history names the staff member who
    registered it and says it was on the deputy's behalf; review goes on as usual."""
    if actor.role != Role.STAFF:
        raise NotPermitted(_("Only congress staff register suggestions on a deputy's behalf."))
    title = require_text(title, _("Please enter the title."))
    body = require_text(body, _("Please enter the content of the suggestion."))
    cosigners = list(cosigners)
    _check_signers(session, lead_deputy, cosigners)
    period = _period(session, submitted_on, period)
    submitted_at = _moment(submitted_on)
    now = clock.now()
    with transaction.atomic():
        p = Proposal.objects.create(
            kind=Kind.SUGGESTION,
            state="submitted",
            session=session,
            period=period,
            title=title,
            body=body,
            category=category,
            lead_deputy=lead_deputy,
            delegation_id=lead_deputy.delegation_id,
            created_by=actor,
            created_at=now,
            updated_at=now,
            submitted_at=submitted_at,
        )
        Signature.objects.bulk_create(
            Signature(
                proposal=p,
                deputy=d,
                is_lead=d is lead_deputy,
                status=Signature.Status.CONFIRMED,
                invited_at=submitted_at,
                responded_at=submitted_at,
            )
            for d in [lead_deputy, *cosigners]
        )
        record(
            p,
            actor=actor,
            relation="staff",
            action="register",
            from_state="",
            to_state="submitted",
            data={
                "deputy": lead_deputy.name,
                "signers": 1 + len(cosigners),
                "submitted_on": submitted_on.isoformat(),
                "on_behalf": True,
            },
        )
    return p


def _check_signers(session: Session, lead: Deputy, cosigners: list[Deputy]) -> None:
    for deputy in [lead, *cosigners]:
        if not deputy.active or deputy.term_id != session.term_id:
            raise RuleViolation(
                _("%(name)s is not a serving deputy of this term.") % {"name": deputy}
            )
    if lead in cosigners:
        raise RuleViolation(_("The lead deputy cannot also be a co-proposer."))
    if len({d.pk for d in cosigners}) != len(cosigners):
        raise RuleViolation(_("A co-proposer is listed twice."))


def _period(session: Session, day: dt.date, period: str | None) -> str:
    if day > clock.today():
        raise RuleViolation(_("The date cannot be in the future."))
    if day < session.start_date:
        raise RuleViolation(
            _("%(date)s is before %(session)s opened.")
            % {"date": day.isoformat(), "session": session}
        )
    derived = Period.SESSION if session.is_sitting(day) else Period.INTERIM
    if period is not None and period != derived:
        raise RuleViolation(
            _("%(date)s falls %(period)s of %(session)s.")
            % {"date": day.isoformat(), "period": Period(derived).label, "session": session}
        )
    return derived


def _moment(day: dt.date) -> dt.datetime:
    """Paper carries a date, not a time: noon that day (now, if that day is today)."""
    if day == clock.today():
        return clock.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
