"""The handling report for a year of N items (default 2,000): statistics, the Word report,
the statistics tables and the item list, on synthetic data inserted in bulk.

    .venv/bin/python benchmarks/report_year.py [--items 2000] [--baseline 200] [--pdf]

Target (issue 5): the report for a year of 2,000 items within 5 s on the 2-core machine.
Prints volumes, times, the number of queries, and the ratio against a smaller baseline year
generated in the same run (a fixed number of queries means time grows only with the rows the
report lists)."""

import argparse
import datetime as dt
import io
import random
import time
from zoneinfo import ZoneInfo

from _django import setup

TZ = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def world(year: int):
    from renda.accounts.models import Role, User
    from renda.congress.models import (
        CongressSettings,
        Delegation,
        Deputy,
        Organization,
        Session,
        Term,
    )
    from renda.proposals.models import Category

    config = CongressSettings.current()
    config.name = "颍川市人民代表大会"
    config.save()
    term, _ = Term.objects.get_or_create(number=7, defaults={"start_date": dt.date(2021, 12, 28)})
    session = Session.objects.create(
        term=term,
        number=year - 2017,
        start_date=dt.date(year, 1, 20),
        end_date=dt.date(year, 1, 23),
        motion_deadline=at(dt.date(year, 1, 21), 12),
    )
    if not Deputy.objects.exists():
        delegations = [Delegation.objects.create(term=term, name=f"第{i}代表团") for i in range(10)]
        Deputy.objects.bulk_create(
            Deputy(term=term, delegation=delegations[i % 10], name=f"代表{i:03d}", initials="db")
            for i in range(400)
        )
        Organization.objects.bulk_create(
            [
                Organization(
                    name=f"市第{i}局", kind="handling_unit", unit_type="government_department"
                )
                for i in range(50)
            ]
            + [Organization(name=f"第{i}专门委员会", kind="special_committee") for i in range(7)]
        )
        for name in ("城乡建设", "交通运输", "教育", "医疗卫生", "生态环境", "社会保障"):
            Category.objects.create(name=name)
        User.objects.create(username="staff", role=Role.STAFF, full_name="工作人员")
    return session


def fill(session, count: int, rng: random.Random) -> None:
    """`count` suggestions in every handling state, one listed motion with its activities."""
    from renda.accounts.models import User
    from renda.congress.models import Deputy, Organization
    from renda.proposals.models import (
        Assignment,
        Category,
        CommitteeActivity,
        Evaluation,
        HandlingRecord,
        Proposal,
        ProposalEvent,
        Reply,
    )

    staff = User.objects.get(username="staff")
    deputies = list(Deputy.objects.all())
    units = list(Organization.objects.filter(kind="handling_unit"))
    committees = list(Organization.objects.filter(kind="special_committee"))
    categories = list(Category.objects.all())
    year = session.start_date.year
    assigned = at(dt.date(year, 2, 26))
    due = dt.date(year, 5, 26)
    items = []
    for n in range(count):
        lead = rng.choice(deputies)
        state = rng.choices(
            ["closed", "replied", "in_handling", "rehandling", "accepted"], [70, 8, 12, 3, 7]
        )[0]
        items.append(
            Proposal(
                kind="suggestion",
                state=state,
                session=session,
                period="session",
                number=n + 1,
                title=f"关于第{n}件事项的建议",
                body="建议内容。",
                category=rng.choice(categories),
                lead_deputy=lead,
                delegation_id=lead.delegation_id,
                created_by=staff,
                created_at=assigned,
                updated_at=assigned,
                submitted_at=at(dt.date(year, 1, 21)),
                assigned_at=None if state == "accepted" else assigned,
                due_date=None if state == "accepted" else due,
                handling_round=2 if state == "rehandling" else (0 if state == "accepted" else 1),
                key_supervised=rng.random() < 0.05,
                lead_committee=rng.choice(committees),
            )
        )
    items = Proposal.objects.bulk_create(items)
    assignments, replies, events, records = [], [], [], []
    for p in items:
        if p.state == "accepted":
            continue
        lead_unit, co_unit = rng.sample(units, 2)
        assignments.append(
            Assignment(
                proposal=p,
                unit=lead_unit,
                role="lead",
                assigned_at=assigned,
                assigned_by=staff,
            )
        )
        if rng.random() < 0.3:
            assignments.append(
                Assignment(
                    proposal=p,
                    unit=co_unit,
                    role="co",
                    assigned_at=assigned,
                    assigned_by=staff,
                )
            )
        if p.state in ("closed", "replied", "rehandling"):
            day = due - dt.timedelta(days=rng.randint(-20, 60))
            replies.append(
                Reply(
                    proposal=p,
                    unit=lead_unit,
                    round=1,
                    result_class=rng.choice("AAABBC"),
                    body="答复。",
                    created_by=staff,
                    replied_at=at(day),
                )
            )
            events.append(
                ProposalEvent(
                    proposal=p,
                    at=at(day),
                    actor=staff,
                    action="suggestion.reply",
                    data={"round": 1, "on_time": day <= due},
                )
            )
            if rng.random() < 0.85:
                records.append(
                    HandlingRecord(
                        proposal=p,
                        unit=lead_unit,
                        kind="contact",
                        method="visit",
                        occurred_on=day - dt.timedelta(days=5),
                        content="走访。",
                        recorded_by=staff,
                        recorded_at=at(day),
                    )
                )
    Assignment.objects.bulk_create(assignments)
    replies = Reply.objects.bulk_create(replies)
    ProposalEvent.objects.bulk_create(events)
    HandlingRecord.objects.bulk_create(records)
    Evaluation.objects.bulk_create(
        Evaluation(
            reply=r,
            deputy_id=r.proposal.lead_deputy_id,
            result=rng.choices(["satisfied", "basically", "unsatisfied"], [70, 27, 3])[0],
            evaluated_at=r.replied_at,
            entered_by=staff,
        )
        for r in replies
        if r.proposal.state in ("closed", "rehandling")
    )
    motion = Proposal.objects.create(
        kind="motion",
        state="in_handling",
        session=session,
        number=1,
        title="关于加快推进先行试验区建设的议案",
        lead_deputy=deputies[0],
        delegation_id=deputies[0].delegation_id,
        created_by=staff,
        created_at=assigned,
        updated_at=assigned,
        submitted_at=at(dt.date(year, 1, 21)),
        lead_committee=committees[0],
        decision_meeting="市人大常委会第五十一次会议",
        supervising_leader="副主任",
    )
    CommitteeActivity.objects.bulk_create(
        CommitteeActivity(
            proposal=motion,
            committee=committees[0],
            kind=k,
            occurred_on=dt.date(year, m, 10),
            title=f"{k}活动",
            recorded_by=staff,
            recorded_at=assigned,
        )
        for m, k in [(5, "investigation"), (6, "hearing"), (7, "summary"), (9, "symposium")]
    )


def measure(session, pdf: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.core import clock
    from renda.reports import statistics as st
    from renda.reports.exporters import render_xlsx
    from renda.reports.exporters.lists import ItemListExporter
    from renda.reports.exporters.tables import StatisticsExporter
    from renda.reports.pdf import docx_to_pdf
    from renda.reports.scope import ReportScope
    from renda.reports.services.documents import build_handling_report

    scope = ReportScope(year=session.start_date.year)
    out = {"items": scope.items().count()}
    with clock.travel(at(dt.date(session.start_date.year, 11, 20), 18)):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            stats = st.compute_statistics(scope.items())
        out["statistics s"], out["statistics queries"] = time.perf_counter() - start, len(queries)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            docx = build_handling_report(scope)
        out["report s"], out["report queries"] = time.perf_counter() - start, len(queries)
        out["report kB"] = len(docx) // 1024
        start = time.perf_counter()
        render_xlsx(StatisticsExporter(stats), io.BytesIO())
        render_xlsx(ItemListExporter(scope.items()), io.BytesIO())
        out["excel s"] = time.perf_counter() - start
        if pdf:
            start = time.perf_counter()
            out["pdf kB"] = len(docx_to_pdf(docx)) // 1024
            out["pdf s"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF conversion")
    args = parser.parse_args()
    database = setup()
    rng = random.Random(2026)
    results = []
    for year, count in ((2025, args.baseline), (2026, args.items)):
        session = world(year)
        fill(session, count, rng)
        results.append(measure(session, args.pdf))
    print(f"database: {database}")
    for r in results:
        line = (
            f"{r['items']:>5} items: statistics {r['statistics s']:.2f} s "
            f"({r['statistics queries']} queries), Word report {r['report s']:.2f} s "
            f"({r['report queries']} queries, {r['report kB']} kB), "
            f"statistics + list .xlsx {r['excel s']:.2f} s"
        )
        if "pdf s" in r:
            line += f", PDF {r['pdf s']:.2f} s ({r['pdf kB']} kB)"
        print(line)
    base, full = results
    print(
        f"report time at {full['items']} vs {base['items']} items: "
        f"{full['report s'] / base['report s']:.2f}x; queries {full['report queries']} vs "
        f"{base['report queries']} (target: the year's report within 5 s)"
    )


if __name__ == "__main__":
    main()
