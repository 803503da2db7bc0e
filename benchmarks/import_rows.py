"""Import a suggestion register of N rows (default 10,000): the dry run and the real import,
every row registered, accepted and assigned through the proposals services.

    .venv/bin/python benchmarks/import_rows.py [--rows 10000] [--baseline 1000]

Target (issue 5): 10,000 rows within 30 s on the 2-core machine. Prints volumes, times and
the per-row ratio against a smaller baseline run in the same process."""

import argparse
import datetime as dt
import io
import random
import time

from _django import setup


def world():
    from renda.accounts.models import Role, User
    from renda.congress.models import Delegation, Deputy, Organization, Session, Term
    from renda.core import clock
    from renda.proposals.models import Category

    term = Term.objects.create(number=7, start_date=dt.date(2021, 12, 28))
    session = Session.objects.create(
        term=term,
        number=9,
        start_date=dt.date(2026, 1, 20),
        end_date=dt.date(2026, 1, 23),
        motion_deadline=clock.now(),
    )
    delegations = [Delegation.objects.create(term=term, name=f"第{i}代表团") for i in range(10)]
    Deputy.objects.bulk_create(
        Deputy(term=term, delegation=delegations[i % 10], name=f"代表{i:03d}", initials=f"db{i}")
        for i in range(400)
    )
    Organization.objects.bulk_create(
        Organization(name=f"市第{i}局", kind="handling_unit", unit_type="government_department")
        for i in range(50)
    )
    for name in ("城乡建设", "交通运输", "教育", "医疗卫生", "生态环境"):
        Category.objects.create(name=name)
    staff = User.objects.create(username="staff", role=Role.STAFF, full_name="工作人员")
    return session, staff


def register(rows: int, first_number: int, rng: random.Random) -> io.BytesIO:
    from openpyxl import Workbook

    from renda.reports.imports.columns import SUGGESTION_COLUMNS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([c.header for c in SUGGESTION_COLUMNS])
    for n in range(rows):
        day = dt.date(2026, 1, 21) if n % 3 else dt.date(2026, 3, 1) + dt.timedelta(n % 200)
        lead = rng.randrange(400)
        ws.append(
            [
                f"第{first_number + n:04d}号" if day.month == 1 else None,
                None,
                f"关于第{n}件事项的建议",
                f"代表{lead:03d}",
                f"第{lead % 10}代表团",
                "、".join(f"代表{(lead + k * 10) % 400:03d}" for k in (1, 2))
                if n % 4 == 0
                else None,
                day,
                rng.choice(["城乡建设", "交通运输", "教育", "医疗卫生", "生态环境"]),
                "建议内容：" + "加强管理，改善服务。" * 8,
                f"市第{rng.randrange(50)}局",
                f"市第{50 + 0}局" if False else None,
                day + dt.timedelta(days=30),
                None,
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def measure(session, staff, rows: int, first_number: int) -> dict:
    from renda.core import clock
    from renda.proposals.models import Proposal, ProposalEvent
    from renda.reports.services.imports import preview_import, run_import

    sheet = register(rows, first_number, random.Random(rows)).getvalue()
    today = dt.datetime(2026, 11, 20, 18, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with clock.travel(today):
        start = time.perf_counter()
        preview = preview_import("suggestions", io.BytesIO(sheet), actor=staff, session=session)
        checked = time.perf_counter() - start
        assert preview.ok, preview.issues[:5]
        events = ProposalEvent.objects.count()
        start = time.perf_counter()
        run_import("suggestions", io.BytesIO(sheet), actor=staff, session=session)
        imported = time.perf_counter() - start
    return {
        "rows": rows,
        "dry run s": checked,
        "import s": imported,
        "items": Proposal.objects.count(),
        "history rows": ProposalEvent.objects.count() - events,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    args = parser.parse_args()
    database = setup()
    session, staff = world()
    base = measure(session, staff, args.baseline, 1)
    full = measure(session, staff, args.rows, 100_000)
    print(f"database: {database}")
    for r in (base, full):
        print(
            f"{r['rows']:>6} rows: dry run {r['dry run s']:6.2f} s, import {r['import s']:6.2f} s "
            f"({r['import s'] / r['rows'] * 1000:.2f} ms/row), {r['history rows']} history rows"
        )
    ratio = (full["import s"] / full["rows"]) / (base["import s"] / base["rows"])
    total = full["dry run s"] + full["import s"]
    print(f"per-row cost at {args.rows} vs {args.baseline} rows: {ratio:.2f}x")
    print(f"dry run + import of {args.rows} rows: {total:.1f} s (target 30 s for 10,000)")


if __name__ == "__main__":
    main()
