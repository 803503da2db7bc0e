"""The frame every transition runs in: lock, check, change, record — in one transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.audit import services as audit
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.core.lifecycle import Transition
from renda.proposals.access import relations_of
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.models import Proposal, ProposalEvent

# When an actor holds several matching relations, the history names the most specific one.
_RELATION_ORDER = [
    "proposer",
    "invitee",
    "cosigner",
    "lead_unit",
    "co_unit",
    "committee",
    "presidium",
    "coordinator",
    "staff",
]


@dataclass
class Step:
    proposal: Proposal
    actor: User
    transition: Transition
    relation: str
    target: str | None = None
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self.proposal, name, value)
            self.changed.add(name)

    def move_to(self, state: str) -> None:
        self.target = state


@contextmanager
def step(proposal: Proposal, *, actor: User, action: str, history: bool = True) -> Iterator[Step]:
    """Run one transition. The body applies the rule and the change (`Step.set`, `move_to`);
    on leaving, the state is set and the history row written; any error rolls all back.
    `history=False` is for edits that change no state (a draft's autosave)."""
    with transaction.atomic():
        locked = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("session__term")
            .get(pk=proposal.pk)
        )
        relations = relations_of(actor, locked)
        t = lifecycle_of(locked).check(action, locked.state, relations)
        relation = next(r for r in _RELATION_ORDER if r in t.roles & relations)
        s = Step(locked, actor, t, relation)
        yield s
        _finish(s, history)
    for name in s.changed:  # keep the caller's instance in step with the database
        setattr(proposal, name, getattr(locked, name))


def _finish(s: Step, history: bool) -> None:
    p, t = s.proposal, s.transition
    from_state = p.state
    if t.changes_state:
        target = s.target or (next(iter(t.targets)) if len(t.targets) == 1 else None)
        if target not in t.targets:
            raise AssertionError(f"{t.action}: target {target!r} not in the table")
        s.set(state=target)
    s.set(updated_at=clock.now())
    p.save(update_fields=sorted(s.changed))
    if history:
        record(
            p,
            actor=s.actor,
            relation=s.relation,
            action=t.action,
            from_state=from_state,
            to_state=p.state,
            reason=s.reason,
            data=s.data,
        )


def record(
    proposal: Proposal,
    *,
    actor: User | None,
    action: str,
    from_state: str,
    to_state: str,
    relation: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> ProposalEvent:
    """Append one history row (`action` without the kind prefix; it is added here) and its
    audit row, in the caller's transaction."""
    event = ProposalEvent.objects.create(
        proposal=proposal,
        at=clock.now(),
        actor=actor,
        relation=relation,
        action=f"{proposal.kind}.{action}",
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
    audit.record_many([audit.history_entry(event, obj=proposal, label=audit_label(proposal))])
    return event


def audit_label(proposal: Proposal) -> str:
    """How the audit log names an item: 第0012号 and its title."""
    return f"{proposal.display_number} {proposal.title}".strip()


def require_text(value: str | None, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(message)
    return text


def require_reason(reason: str | None) -> str:
    return require_text(reason, _("Please give the reason."))
