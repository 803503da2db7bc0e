"""Every (draft state, step, person) of the reply's path: the lead unit's drafter, checker and
signer by their configured duties, a co-unit, the reviewer (congress staff, or the
government's supervising office for government units) — allowed steps succeed and are
recorded, every other is refused and changes nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from renda.core.errors import DomainError, InvalidTransition, NotPermitted
from renda.proposals import services
from renda.proposals.access import reply_relations
from renda.proposals.lifecycles import REPLY_LIFECYCLE
from renda.proposals.models import Kind, ReplyDraft
from renda.proposals.services.reply_path import return_reply_from
from renda.proposals.tests.builders import build_item
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import unit_officer

pytestmark = pytest.mark.django_db

CALLS = {
    "edit": lambda d, actor: services.edit_reply(d, actor=actor, body="修改后的答复"),
    "submit_for_check": lambda d, actor: services.submit_reply_for_check(d, actor=actor),
    "check": lambda d, actor: services.check_reply(d, actor=actor),
    "return_from_check": lambda d, actor: return_reply_from(
        d, actor=actor, reason="请补充数据", action="return_from_check"
    ),
    "return_from_signing": lambda d, actor: return_reply_from(
        d, actor=actor, reason="请补充数据", action="return_from_signing"
    ),
    "return_from_review": lambda d, actor: return_reply_from(
        d, actor=actor, reason="请补充数据", action="return_from_review"
    ),
    "sign_off": lambda d, actor: services.sign_off_reply(d, actor=actor, signed_by_name="李局长"),
    "countersign": lambda d, actor: services.countersign_reply(d, actor=actor, agreed=True),
    "correct_class": lambda d, actor: services.correct_reply_class(
        d, actor=actor, result_class="C", reason="实际尚未解决"
    ),
    "release": lambda d, actor: services.release_reply(d, actor=actor),
}


@pytest.fixture
def path_people(cast):
    def officer(duties):
        return unit_officer(cast.lead_unit, reply_duties=duties)

    return {
        "drafter": (officer(["draft"]), {"drafter"}),
        "checker": (officer(["check"]), {"checker"}),
        "signer": (officer(["sign"]), {"signer"}),
        "all duties": (cast.lead_officer, {"drafter", "checker", "signer"}),
        "co-unit": (cast.co_officer, {"co_unit"}),
        "staff": (cast.staff, {"reviewer"}),
        "coordinator": (cast.coordinator, {"reviewer"}),
        "other unit": (cast.other_officer, set()),
        "deputy": (cast.proposer, set()),
        "committee": (cast.committee_member, set()),
        "anonymous": (AnonymousUser(), set()),
    }


def draft_in(cast, state):
    item = build_item(cast, Kind.SUGGESTION, "replied" if state == "released" else "in_handling")
    now = timezone.now()
    return ReplyDraft.objects.create(
        proposal=item,
        unit=cast.lead_unit,
        round=1,
        state=state,
        result_class="A",
        body="答复正文",
        created_by=cast.lead_officer,
        created_at=now,
        updated_at=now,
    )


def _cases():
    for state in REPLY_LIFECYCLE.states:
        for action in REPLY_LIFECYCLE.transitions:
            yield pytest.param(state, action, id=f"{state}-{action}")


@pytest.mark.parametrize(("state", "action"), list(_cases()))
def test_reply_path_matrix(cast, path_people, state, action):
    t = REPLY_LIFECYCLE[action]
    draft = draft_in(cast, state)
    for person, (user, relations) in path_people.items():
        assert reply_relations(user, draft) == relations, person
        allowed = state in t.sources and bool(t.roles & relations)
        with transaction.atomic():
            fresh = ReplyDraft.objects.get(pk=draft.pk)
            before = snapshot(fresh.proposal)
            if allowed:
                CALLS[action](fresh, user)
                fresh.refresh_from_db()
                assert fresh.state in (t.targets or {state}), person
                events = fresh.proposal.events.count() - before["events"]
                assert events == (0 if action == "edit" else 1), person
            else:
                expected = NotPermitted if not t.roles & relations else InvalidTransition
                with pytest.raises(expected) as refused:
                    CALLS[action](fresh, user)
                assert isinstance(refused.value, DomainError)
                assert snapshot(fresh.proposal) == before, (
                    f"{person}: refused {action} changed data"
                )
            transaction.set_rollback(True)
