"""Lifecycles as data: one table per lifecycle of (action → sources, targets, roles).

The services check every transition against its table; the pages derive their buttons from it;
the permission-matrix tests enumerate it. Roles here are *relations* between the actor and the
object ("proposer", "lead_unit", "staff", …), computed by the app that owns the object.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from renda.core.errors import InvalidTransition, NotPermitted


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    targets: frozenset[str]  # empty: the state does not change (a recorded step)
    roles: frozenset[str]
    label: Promise | str

    @property
    def changes_state(self) -> bool:
        return bool(self.targets)


def transition(
    action: str, sources: Iterable[str], targets: Iterable[str], roles: Iterable[str], label
) -> Transition:
    return Transition(action, frozenset(sources), frozenset(targets), frozenset(roles), label)


class Lifecycle:
    def __init__(self, name: str, states: dict[str, Promise], transitions: list[Transition]):
        self.name = name
        self.states = states
        self.transitions = {t.action: t for t in transitions}
        if len(self.transitions) != len(transitions):
            raise ValueError(f"{name}: duplicate action in the transition table")
        for t in transitions:
            unknown = (t.sources | t.targets) - states.keys()
            if unknown:
                raise ValueError(f"{name}.{t.action}: unknown states {sorted(unknown)}")

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def state_label(self, state: str) -> str:
        return str(self.states[state])

    def check(self, action: str, state: str, relations: Iterable[str]) -> Transition:
        """Return the transition if `relations` may do `action` in `state`, else raise."""
        t = self.transitions[action]
        if not t.roles & frozenset(relations):
            raise NotPermitted(
                _("You may not perform “%(action)s” on this item.") % {"action": t.label}
            )
        if state not in t.sources:
            raise InvalidTransition(
                _("This item is “%(state)s”; “%(action)s” is not possible now.")
                % {"state": self.state_label(state), "action": t.label}
            )
        return t

    def allowed(self, state: str, relations: Iterable[str]) -> list[Transition]:
        rel = frozenset(relations)
        return [t for t in self.transitions.values() if state in t.sources and t.roles & rel]
