"""The transition tables themselves: every state reachable, every action described."""

import pytest

from renda.proposals.history import SENTENCES
from renda.proposals.lifecycles import MOTION_LIFECYCLE, REPLY_LIFECYCLE, SUGGESTION_LIFECYCLE


def reachable(lifecycle, start="draft"):
    seen, todo = {start}, [start]
    while todo:
        state = todo.pop()
        for t in lifecycle.transitions.values():
            if state in t.sources:
                for target in t.targets - seen:
                    seen.add(target)
                    todo.append(target)
    return seen


@pytest.mark.parametrize(
    "lifecycle", [MOTION_LIFECYCLE, SUGGESTION_LIFECYCLE], ids=lambda lc: lc.name
)
def test_every_state_is_reachable_from_draft(lifecycle):
    assert reachable(lifecycle) == set(lifecycle.states)


@pytest.mark.parametrize(
    "lifecycle", [MOTION_LIFECYCLE, SUGGESTION_LIFECYCLE], ids=lambda lc: lc.name
)
def test_every_recorded_action_has_a_sentence(lifecycle):
    missing = {a for a in lifecycle.transitions if a != "edit"} - set(SENTENCES)
    assert missing == set()


def test_the_reply_path_is_complete_and_described():
    assert reachable(REPLY_LIFECYCLE, start="drafting") == set(REPLY_LIFECYCLE.states)
    missing = {f"reply_{a}" for a in REPLY_LIFECYCLE.transitions if a not in ("edit", "release")}
    assert missing - set(SENTENCES) == set()


def test_terminal_states_allow_nothing_that_changes_state():
    for lifecycle, terminal in [
        (MOTION_LIFECYCLE, {"converted", "not_accepted", "withdrawn", "closed"}),
        (SUGGESTION_LIFECYCLE, {"transferred", "withdrawn", "closed"}),
    ]:
        for state in terminal:
            moving = [
                t.action
                for t in lifecycle.transitions.values()
                if state in t.sources and t.changes_state
            ]
            assert moving == [], (lifecycle.name, state)


@pytest.mark.parametrize(
    "lifecycle", [MOTION_LIFECYCLE, SUGGESTION_LIFECYCLE], ids=lambda lc: lc.name
)
def test_every_action_has_a_form_for_the_pages(lifecycle):
    from renda.proposals.actions import BY_KIND, OWN_PAGE, REGISTRY, REPLY_REGISTRY

    by_kind = {action for _, action in BY_KIND}
    missing = set(lifecycle.transitions) - set(REGISTRY) - set(OWN_PAGE) - by_kind
    assert missing == set()
    assert set(REPLY_LIFECYCLE.transitions) - set(REPLY_REGISTRY) == set()
