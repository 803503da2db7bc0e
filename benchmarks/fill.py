"""Bulk data for benchmarks: deputies, units and N suggestions with their assignments,
signatures and history — written with bulk inserts, not through the services (the services'
own cost is not what page benchmarks measure). Reused when already there."""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.congress.models import Delegation, Deputy, Organization, Session, Term
from renda.proposals.models import Assignment, Category, Proposal, ProposalEvent, Signature

TOPICS = [
    "停车难问题",
    "城乡公交线路",
    "公办幼儿园学位",
    "居家养老服务",
    "河道水环境治理",
    "老旧小区改造",
    "农村饮水安全",
    "中小学大班额",
    "基层医疗服务",
    "农村公路养护",
    "传统村落保护",
    "就业创业扶持",
]
PLACES = ["魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县", "东城区"]
STATES = ["in_handling"] * 3 + ["closed"] * 5 + ["replied", "assigned", "accepted", "submitted"]


def fill(items: int, seed: int = 7) -> dict:
    if Proposal.objects.count() >= items:
        return counts()
    rng = random.Random(seed)
    with transaction.atomic():
        session, deputies, units, categories, staff = _structure(rng)
        _items(items - Proposal.objects.count(), rng, session, deputies, units, categories, staff)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a live system
    return counts()


def counts() -> dict:
    return {
        "suggestions": Proposal.objects.count(),
        "deputies": Deputy.objects.count(),
        "units": Organization.objects.filter(kind="handling_unit").count(),
        "history rows": ProposalEvent.objects.count(),
    }


def _structure(rng):
    term, _ = Term.objects.get_or_create(number=7, defaults={"start_date": dt.date(2022, 1, 1)})
    session, _ = Session.objects.get_or_create(
        term=term,
        number=9,
        defaults={
            "start_date": dt.date(2026, 1, 20),
            "end_date": dt.date(2026, 1, 23),
            "motion_deadline": timezone.make_aware(dt.datetime(2026, 1, 21, 12)),
        },
    )
    if not Deputy.objects.exists():
        delegations = [Delegation.objects.create(term=term, name=f"{p}代表团") for p in PLACES]
        Deputy.objects.bulk_create(
            Deputy(
                term=term,
                delegation=rng.choice(delegations),
                name=f"代表{i:03d}",
                initials=f"db{i}",
                mobile=f"139{i:08d}",
            )
            for i in range(400)
        )
        Organization.objects.bulk_create(
            Organization(name=f"市第{i}局", kind="handling_unit", unit_type="government_department")
            for i in range(50)
        )
        for i, name in enumerate(
            ["交通运输", "城乡建设", "教育", "医疗卫生", "社会保障", "生态环境"]
        ):
            Category.objects.get_or_create(name=name, parent=None, defaults={"order": i})
        User.objects.create(
            username="bench-staff",
            role=Role.STAFF,
            full_name="压测工作人员",
            password=make_password("Bench-pass-2026"),
        )
    return (
        session,
        list(Deputy.objects.all()),
        list(Organization.objects.filter(kind="handling_unit")),
        list(Category.objects.all()),
        User.objects.get(username="bench-staff"),
    )


def _items(n, rng, session, deputies, units, categories, staff, batch=5000):
    now = timezone.now()
    start = (Proposal.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    for offset in range(0, n, batch):
        rows = []
        for i in range(offset, min(n, offset + batch)):
            deputy, topic = rng.choice(deputies), rng.choice(TOPICS)
            state = rng.choice(STATES)
            rows.append(
                Proposal(
                    kind="suggestion",
                    state=state,
                    session=session,
                    period="interim",
                    number=start + i,
                    title=f"关于解决{rng.choice(PLACES)}{topic}的建议",
                    body=f"群众反映{topic}突出。建议有关部门加大投入，尽快研究解决。" * 3,
                    category=rng.choice(categories),
                    lead_deputy=deputy,
                    delegation_id=deputy.delegation_id,
                    created_by=staff,
                    created_at=now,
                    updated_at=now,
                    submitted_at=now,
                    assigned_at=now if state not in ("accepted", "submitted") else None,
                    due_date=(now + dt.timedelta(days=rng.randint(-30, 90))).date(),
                )
            )
        created = Proposal.objects.bulk_create(rows)
        Signature.objects.bulk_create(
            Signature(
                proposal=p, deputy=p.lead_deputy, is_lead=True, status="confirmed", invited_at=now
            )
            for p in created
        )
        Assignment.objects.bulk_create(
            Assignment(
                proposal=p,
                unit=rng.choice(units),
                role="lead",
                assigned_at=now,
                assigned_by=staff,
                signed_at=now,
            )
            for p in created
            if p.assigned_at
        )
        ProposalEvent.objects.bulk_create(
            ProposalEvent(
                proposal=p,
                at=now,
                actor=staff,
                action=f"suggestion.{a}",
                from_state="",
                to_state=p.state,
            )
            for p in created
            for a in ("create", "submit", "accept")
        )
