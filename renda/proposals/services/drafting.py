"""Drafting, co-signing, submission and withdrawal — common to motions and suggestions."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import CongressSettings, Delegation, Deputy, Organization, Session
from renda.congress.selectors import current_session, motion_session
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals import notices
from renda.proposals.models import (
    Category,
    Kind,
    Period,
    Proposal,
    ProposerKind,
    Signature,
)
from renda.proposals.numbering import next_number
from renda.proposals.services._step import record, require_text, step
from renda.textmining import indexing

EDITABLE = ("title", "body", "reasons", "plan", "category", "delegation_votes_for")
ORG_PROPOSER_KINDS = {
    Organization.Kind.PRESIDIUM,
    Organization.Kind.STANDING_COMMITTEE,
    Organization.Kind.SPECIAL_COMMITTEE,
    Organization.Kind.GOVERNMENT_OFFICE,
    Organization.Kind.HANDLING_UNIT,
}


def create_draft(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str = "",
    reasons: str = "",
    plan: str = "",
    category: Category | None = None,
    session: Session | None = None,
    proposer_kind: str = ProposerKind.DEPUTIES,
    delegation: Delegation | None = None,
    proposer_org: Organization | None = None,
) -> Proposal:
    """Start a draft (草稿). Deputies draft for themselves or their delegation; staff record
    motions proposed by an organisation (the presidium, a committee, the government)."""
    title = require_text(title, _("Please enter the title."))
    if session is None:
        pick = motion_session if kind == Kind.MOTION else current_session
        session = pick(clock.today())
    if session is None:
        raise RuleViolation(_("No session has been set up yet."))
    if kind == Kind.MOTION and clock.today() > session.end_date:
        raise RuleViolation(
            _(
                "%(session)s has closed; motions can no longer be proposed to it. "
                "Propose a suggestion instead."
            )
            % {"session": session}
        )
    lead, delegation = _proposer(actor, kind, proposer_kind, delegation, proposer_org, session)
    now = clock.now()
    with transaction.atomic():
        proposal = Proposal.objects.create(
            kind=kind,
            state="draft",
            session=session,
            title=title,
            body=body.strip(),
            reasons=reasons.strip(),
            plan=plan.strip(),
            category=category,
            proposer_kind=proposer_kind,
            lead_deputy=lead,
            delegation=delegation,
            proposer_org=proposer_org if proposer_kind == ProposerKind.ORGANIZATION else None,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        if lead is not None:
            Signature.objects.create(
                proposal=proposal,
                deputy=lead,
                is_lead=True,
                status=Signature.Status.CONFIRMED,
                invited_at=now,
                responded_at=now,
            )
        record(
            proposal,
            actor=actor,
            relation="proposer",
            action="create",
            from_state="",
            to_state="draft",
        )
        indexing.reindex(proposal)
    return proposal


def _proposer(actor, kind, proposer_kind, delegation, proposer_org, session):
    """Check who may propose what; return (lead deputy, delegation)."""
    if proposer_kind == ProposerKind.ORGANIZATION:
        if actor.role != Role.STAFF or kind != Kind.MOTION:
            raise NotPermitted(_("Only congress staff record motions proposed by organisations."))
        if proposer_org is None or proposer_org.kind not in ORG_PROPOSER_KINDS:
            raise RuleViolation(_("Please choose the proposing organisation."))
        return None, None
    if actor.role != Role.DEPUTY or actor.deputy is None:
        raise NotPermitted(_("Only deputies propose motions and suggestions."))
    deputy = actor.deputy
    if not deputy.active or deputy.term_id != session.term_id:
        raise NotPermitted(_("Only serving deputies of this term can propose."))
    if proposer_kind == ProposerKind.DELEGATION:
        if kind != Kind.MOTION:
            raise RuleViolation(_("Only motions can be proposed in a delegation's name."))
        if delegation is None or delegation.pk != deputy.delegation_id:
            raise NotPermitted(_("You can only propose in the name of your own delegation."))
    return deputy, deputy.delegation


def update_draft(proposal: Proposal, *, actor: User, **changes) -> Proposal:
    """Save the proposer's edits to a draft (autosave; not a step of its own in the history)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = require_text(changes["title"], _("Please enter the title."))
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}
    with step(proposal, actor=actor, action="edit", history=False) as s:
        s.set(**cleaned)
        indexing.reindex(s.proposal)
    return proposal


def invite_cosigners(proposal: Proposal, *, actor: User, deputies: Iterable[Deputy]) -> Proposal:
    """Invite deputies to sign (联名 for motions, 附议 for suggestions); each confirms in person."""
    deputies = list(deputies)
    if not deputies:
        raise RuleViolation(_("Please choose at least one deputy to invite."))
    with step(proposal, actor=actor, action="invite") as s:
        now = clock.now()
        existing = {sig.deputy_id: sig for sig in s.proposal.signatures.all()}
        for deputy in deputies:
            _check_invitable(s.proposal, deputy, existing.get(deputy.pk))
            sig = existing.get(deputy.pk)
            if sig is None:
                Signature.objects.create(
                    proposal=s.proposal,
                    deputy=deputy,
                    status=Signature.Status.INVITED,
                    invited_at=now,
                )
            else:  # a deputy who declined may be asked again
                sig.status, sig.invited_at, sig.responded_at = Signature.Status.INVITED, now, None
                sig.save(update_fields=["status", "invited_at", "responded_at"])
        s.data = {"deputies": [d.name for d in deputies], "deputy_ids": [d.pk for d in deputies]}
        notices.invited(s.proposal, deputies, actor)
    return proposal


def _check_invitable(proposal: Proposal, deputy: Deputy, existing: Signature | None) -> None:
    if not deputy.active or deputy.term_id != proposal.session.term_id:
        raise RuleViolation(_("%(name)s is not a serving deputy of this term.") % {"name": deputy})
    if existing is not None and existing.status != Signature.Status.DECLINED:
        raise RuleViolation(_("%(name)s has already signed or been invited.") % {"name": deputy})


def confirm_signature(proposal: Proposal, *, actor: User) -> Proposal:
    """The invited deputy signs, in person (本人确认)."""
    return _answer(proposal, actor, "confirm_signature", Signature.Status.CONFIRMED)


def decline_signature(proposal: Proposal, *, actor: User, reason: str = "") -> Proposal:
    return _answer(proposal, actor, "decline_signature", Signature.Status.DECLINED, reason)


def _answer(proposal: Proposal, actor: User, action: str, status: str, reason: str = ""):
    with step(proposal, actor=actor, action=action) as s:
        sig = Signature.objects.select_for_update().get(
            proposal=s.proposal, deputy=actor.deputy_id, status=Signature.Status.INVITED
        )
        sig.status, sig.responded_at = status, clock.now()
        sig.save(update_fields=["status", "responded_at"])
        s.reason = reason.strip()
    return proposal


def submit(proposal: Proposal, *, actor: User) -> Proposal:
    """提交. A motion needs the joint signers (or the delegation's approval) and must come
    before the session's deadline; a suggestion may come at any time."""
    with step(proposal, actor=actor, action="submit") as s:
        p = s.proposal
        _require_content(p)
        if p.kind == Kind.MOTION:
            _check_motion_submission(p)
            if p.number is None:
                s.set(number=next_number(session=p.session, kind=p.kind, period=p.period))
        elif p.submitted_at is None:  # a returned and revised suggestion keeps its period
            session = current_session(clock.today()) or p.session
            period = Period.SESSION if session.is_sitting(clock.today()) else Period.INTERIM
            s.set(session=session, period=period)
        lapsed = p.signatures.filter(status=Signature.Status.INVITED).update(
            status=Signature.Status.LAPSED
        )
        s.set(submitted_at=clock.now())
        s.data = {"signers": _confirmed(p), "lapsed_invitations": lapsed}
        indexing.reindex(p, check_duplicates=True)
    return proposal


def _require_content(p: Proposal) -> None:
    if p.kind == Kind.MOTION:
        require_text(p.reasons, _("A motion must state its grounds (案据)."))
        require_text(p.plan, _("A motion must state its plan (方案)."))
    else:
        require_text(p.body, _("Please enter the content of the suggestion."))


def _confirmed(p: Proposal) -> int:
    return p.signatures.filter(status=Signature.Status.CONFIRMED).count()


def _check_motion_submission(p: Proposal) -> None:
    deadline = p.session.motion_deadline
    if clock.now() > deadline:
        raise RuleViolation(
            _(
                "The deadline for motions to this session was %(deadline)s. A late motion can be "
                "proposed as a suggestion instead."
            )
            % {"deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")}
        )
    if p.proposer_kind == ProposerKind.DEPUTIES:
        needed = CongressSettings.current().motion_min_signers
        have = _confirmed(p)
        if have < needed:
            raise RuleViolation(
                _(
                    "A motion needs at least %(needed)s deputies signing jointly (the lead deputy "
                    "included); %(have)s have confirmed so far."
                )
                % {"needed": needed, "have": have}
            )
    elif p.proposer_kind == ProposerKind.DELEGATION:
        members = Deputy.objects.filter(delegation=p.delegation_id, active=True).count()
        votes = p.delegation_votes_for or 0
        if votes * 2 <= members:
            raise RuleViolation(
                _(
                    "A delegation's motion needs the approval of more than half of its %(members)s "
                    "deputies; %(votes)s approved."
                )
                % {"members": members, "votes": votes}
            )


def withdraw(proposal: Proposal, *, actor: User, reason: str = "") -> Proposal:
    """The proposer withdraws (before a motion is put to a vote, a suggestion before review)."""
    with step(proposal, actor=actor, action="withdraw") as s:
        s.reason = reason.strip()
    return proposal
