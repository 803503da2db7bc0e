"""Staff registering suggestions deputies submitted on paper (代为录入)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals import services
from renda.proposals.history import describe
from renda.proposals.models import NumberSequence, Proposal
from renda.proposals.services.registration import EntryRefused, PaperSuggestion
from renda.testing.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def paper(cast, **changes) -> dict:
    return {
        "actor": cast.staff,
        "session": cast.session,
        "lead_deputy": cast.proposer.deputy,
        "title": "关于整治背街小巷的建议",
        "body": "建议内容。",
        "submitted_on": timezone.localdate(),
        "cosigners": [cast.cosigner.deputy],
    } | changes


def test_staff_register_a_paper_suggestion_on_the_deputys_behalf(cast):
    s = services.register_suggestion(**paper(cast))
    assert (s.state, s.number, s.lead_deputy, s.created_by) == (
        "submitted",
        None,
        cast.proposer.deputy,
        cast.staff,
    )
    assert sorted(s.signatures.values_list("deputy__name", "status", "is_lead")) == sorted(
        [
            (cast.proposer.deputy.name, "confirmed", True),
            (cast.cosigner.deputy.name, "confirmed", False),
        ]
    )
    [event] = s.events.all()
    assert (event.action, event.relation, event.actor, event.data["on_behalf"]) == (
        "suggestion.register",
        "staff",
        cast.staff,
        True,
    )
    assert cast.proposer.deputy.name in describe(event)
    services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())  # review goes on
    assert s.state == "accepted"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": " "}, RuleViolation),
        ({"submitted_on": timezone.localdate() + dt.timedelta(days=1)}, RuleViolation),
        ({"submitted_on": dt.date(2000, 1, 1)}, RuleViolation),
    ],
)
def test_refusals_change_nothing(cast, changes, error):
    before = Proposal.objects.count()
    with pytest.raises(error):
        services.register_suggestion(**paper(cast, **changes))
    assert Proposal.objects.count() == before


def test_only_staff_register(cast):
    with pytest.raises(NotPermitted):
        services.register_suggestion(**paper(cast, actor=cast.lead_officer))
    with pytest.raises(RuleViolation):
        services.register_suggestion(**paper(cast, cosigners=[cast.proposer.deputy]))


def test_a_register_keeps_its_numbers_and_numbers_the_rest_after_them(cast):
    today = timezone.localdate()
    category = CategoryFactory()
    entries = [
        PaperSuggestion(cast.proposer.deputy, "甲", "内容", today, number=7, category=category),
        PaperSuggestion(cast.proposer.deputy, "乙", "内容", today, accepted=True),
        PaperSuggestion(
            cast.proposer.deputy,
            "丙",
            "内容",
            today,
            category=category,
            lead_unit=cast.lead_unit,
            co_units=(cast.co_unit,),
        ),
    ]
    created = services.register_suggestions(entries, actor=cast.staff, session=cast.session)
    assert [(p.title, p.number, p.state) for p in created] == [
        ("甲", 7, "accepted"),
        ("乙", 8, "accepted"),
        ("丙", 9, "assigned"),
    ]
    third = Proposal.objects.get(title="丙")
    assert third.assignments.count() == 2 and third.due_date is not None
    assert [e.action for e in third.events.order_by("pk")] == [
        "suggestion.register",
        "suggestion.accept",
        "suggestion.assign",
    ]
    assert NumberSequence.objects.get(scope__endswith=":suggestion:session").last == 9


def test_a_batch_with_one_bad_entry_registers_nothing(cast):
    today = timezone.localdate()
    good = PaperSuggestion(cast.proposer.deputy, "甲", "内容", today, number=1)
    taken = PaperSuggestion(cast.proposer.deputy, "乙", "内容", today, number=1)
    before = snapshot_all()
    with pytest.raises(EntryRefused) as refused:
        services.register_suggestions([good, taken], actor=cast.staff, session=cast.session)
    assert refused.value.index == 1
    unassignable = PaperSuggestion(
        cast.proposer.deputy, "丙", "内容", today, lead_unit=cast.lead_unit
    )
    with pytest.raises(EntryRefused) as refused:
        services.register_suggestions([good, unassignable], actor=cast.staff, session=cast.session)
    assert refused.value.index == 1
    assert snapshot_all() == before


def snapshot_all() -> tuple:
    return (
        Proposal.objects.count(),
        sorted(NumberSequence.objects.values_list("scope", "last")),
    )


def test_an_interim_paper_suggestion(cast):
    later = cast.session.end_date + dt.timedelta(days=10)
    with time_machine.travel(dt.datetime.combine(later, dt.time(15)), tick=False):
        s = services.register_suggestion(**paper(cast, submitted_on=later - dt.timedelta(days=2)))
    assert s.period == "interim"
