"""Reminders for 10,000 open items through the real task queue, with page latency meanwhile.

    python benchmarks/reminders.py [--database-url postgresql://postgres@127.0.0.1:5432/DB]
        [--items 10000] [--workers 2] [--worker-nice 0] [--clients 2]

(DB defaults to renda_bench_reminders.)

Fills the database once (10,000 suggestions in handling, each due soon or overdue, with a lead
unit of two officers who have an e-mail address and a mobile number, and a co-unit whose
opinion is late on every third item), then clears earlier notifications and:
1. serves the application with gunicorn (the project's gunicorn.conf.py) and
   measures the pages with no background work: the baseline;
2. starts `manage.py db_worker` processes (the task worker `make run` starts), enqueues the
   reminders task and measures the same pages while the workers write the reminders and send
   every e-mail (rendered to the bytes SMTP would send: benchmarks/mailsink.py) and SMS (the
   logging gateway) — until no delivery waits.
Prints the volumes, the time to the last delivery, deliveries per second, the workers' CPU
time (the cost independent of what else runs on the machine), and server-side p50/p95 per
page (from the Server-Timing header) with their ratio to the baseline.
Targets (issue 7): all sent within 60 s; p95 under 150 ms for list and detail pages."""

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import describe, gunicorn_command  # noqa: E402
from benchmarks.web_pages import ensure_database, pct  # noqa: E402

PASSWORD = "Bench-pass-2026"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/renda_bench_reminders"
    )
    p.add_argument("--items", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2, help="db_worker processes")
    p.add_argument(
        "--worker-nice", type=int, default=0, help="the workers' niceness (10: pages go first)"
    )
    p.add_argument("--clients", type=int, default=2, help="concurrent page readers")
    p.add_argument("--baseline-seconds", type=float, default=10.0)
    p.add_argument("--timeout", type=float, default=300.0)
    p.add_argument("--port", type=int, default=8766)
    return p.parse_args()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(items: int) -> dict:
    """The items and accounts, written with bulk inserts (reused when already there)."""
    from django.db import transaction

    from benchmarks.fill import _structure
    from renda.proposals.models import Proposal

    rng = random.Random(7)
    with transaction.atomic():
        session, deputies, units, categories, staff = _structure(rng)
        _accounts(units)
        missing = items - Proposal.objects.filter(state="in_handling").count()
        if missing > 0:
            _items(missing, rng, session, deputies, units, categories, staff)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return volumes()


def _accounts(units) -> None:
    from django.contrib.auth.hashers import make_password

    from renda.accounts.models import Role, User

    if User.objects.filter(username__startswith="bench-u").exists():
        return
    password = make_password(PASSWORD)
    User.objects.filter(username="bench-staff").update(email="staff@congress.example.cn")
    rows = [
        User(
            username=f"bench-u{unit.pk}-{k}",
            password=password,
            role=Role.UNIT_OFFICER,
            organization=unit,
            full_name=f"经办人{unit.pk}{k}",
            email=f"u{unit.pk}-{k}@unit.example.cn",
            mobile=f"137{unit.pk:04d}{k:04d}",
        )
        for unit in units
        for k in (1, 2)
    ]
    rows += [
        User(
            username=f"bench-staff{k}",
            password=password,
            role=Role.STAFF,
            full_name=f"督办员{k}",
            email=f"staff{k}@congress.example.cn",
        )
        for k in (2, 3)
    ]
    User.objects.bulk_create(rows)


def _items(n, rng, session, deputies, units, categories, staff) -> None:
    """Suggestions in handling: half overdue, half due within the 'due soon' window."""
    from django.utils import timezone

    from renda.proposals.models import Assignment, Proposal, Signature

    now, today = timezone.now(), timezone.localdate()
    start = (Proposal.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    for offset in range(0, n, 5000):
        rows = []
        for i in range(offset, min(n, offset + 5000)):
            deputy = rng.choice(deputies)
            late = i % 2 == 0
            due = today + dt.timedelta(days=-rng.randint(1, 40) if late else rng.randint(0, 5))
            rows.append(
                Proposal(
                    kind="suggestion",
                    state="in_handling",
                    session=session,
                    period="interim",
                    number=start + i,
                    title=f"关于加强第{i}片区公共服务设施建设的建议",
                    body="群众反映突出，建议有关部门尽快研究解决。",
                    category=rng.choice(categories),
                    lead_deputy=deputy,
                    delegation_id=deputy.delegation_id,
                    created_by=staff,
                    created_at=now,
                    updated_at=now,
                    submitted_at=now,
                    assigned_at=now,
                    due_date=due,
                    handling_round=1,
                )
            )
        created = Proposal.objects.bulk_create(rows)
        Signature.objects.bulk_create(
            Signature(
                proposal=p, deputy=p.lead_deputy, is_lead=True, status="confirmed", invited_at=now
            )
            for p in created
        )
        assignments = []
        for k, p in enumerate(created):
            lead, co = rng.sample(units, 2)
            assignments.append(
                Assignment(
                    proposal=p,
                    unit=lead,
                    role="lead",
                    assigned_at=now,
                    assigned_by=staff,
                    signed_at=now,
                )
            )
            if k % 3 == 0:
                assignments.append(
                    Assignment(
                        proposal=p,
                        unit=co,
                        role="co",
                        assigned_at=now,
                        assigned_by=staff,
                        opinion_due=today - dt.timedelta(days=3),
                    )
                )
        Assignment.objects.bulk_create(assignments)


def volumes() -> dict:
    from renda.accounts.models import Role, User
    from renda.proposals.lifecycles import AWAITING_REPLY
    from renda.proposals.models import Proposal

    return {
        "open items": Proposal.objects.filter(state__in=AWAITING_REPLY).count(),
        "unit officers": User.objects.filter(role=Role.UNIT_OFFICER).count(),
        "staff": User.objects.filter(role=Role.STAFF).count(),
    }


def reset() -> None:
    """Start from no notifications and an empty task queue."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from renda.notifications.models import Delivery, Notification, Reminder

    tables = [m._meta.db_table for m in (Delivery, Notification, Reminder, DBTaskResult)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def server_env(args) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "RENDA_SERVER_TIMING": "1",
        "RENDA_DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
        "EMAIL_BACKEND": "benchmarks.mailsink.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def start(cmd, env, nice: int = 0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *cmd], cwd=ROOT, env=env, preexec_fn=(lambda: os.nice(nice))
    )


def start_server(args) -> subprocess.Popen:
    import urllib.request

    server = start(gunicorn_command(args.port)[1:], server_env(args))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


class Readers:
    """Page readers in threads: staff on the reminder log, the delivery log, the item list
    and item pages; a unit officer on their notifications."""

    def __init__(self, args, item_ids: list[int]) -> None:
        self.args, self.item_ids = args, item_ids
        self.officer = f"bench-u{_first_unit()}-1"
        self.results: list[tuple[str, float, float]] = []
        self.lock, self.stop = threading.Lock(), threading.Event()

    def pages(self, rng) -> tuple[str, str]:
        name = rng.choice(["reminder log", "delivery log", "item list", "item page", "inbox"])
        return name, {
            "reminder log": "/notifications/log/",
            "delivery log": "/notifications/log/?tab=deliveries",
            "item list": "/items/?state=in_handling",
            "item page": f"/items/{rng.choice(self.item_ids)}/",
            "inbox": "/notifications/",
        }[name]

    def client(self, seed: int) -> None:
        import re

        rng = random.Random(seed)
        staff = _login(self.args.port, "bench-staff")
        officer = _login(self.args.port, self.officer)
        while not self.stop.is_set():
            name, path = self.pages(rng)
            opener = officer if name == "inbox" else staff
            began = time.perf_counter()
            response = opener.open(f"http://127.0.0.1:{self.args.port}{path}")
            response.read()
            elapsed = (time.perf_counter() - began) * 1000
            timing = response.headers.get("Server-Timing", "")
            server = float(re.search(r"app;dur=([\d.]+)", timing).group(1))
            with self.lock:
                self.results.append((name, server, elapsed))

    def run(self):
        threads = [
            threading.Thread(target=self.client, args=(i,), daemon=True)
            for i in range(self.args.clients)
        ]
        for t in threads:
            t.start()
        return threads

    def finish(self, threads) -> list[tuple[str, float, float]]:
        self.stop.set()
        for t in threads:
            t.join()
        return self.results


def _first_unit() -> int:
    from renda.congress.models import Organization

    return Organization.objects.filter(kind="handling_unit").order_by("pk").first().pk


def _login(port: int, username: str):
    """An HTTP client with its own cookies, logged in as `username`."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    ).encode()
    opener.open(
        urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": base})
    )
    return opener


def measure_baseline(args, item_ids) -> list:
    readers = Readers(args, item_ids)
    threads = readers.run()
    time.sleep(args.baseline_seconds)
    return readers.finish(threads)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_reminders(args, item_ids) -> tuple[float, float, list, dict]:
    from django_tasks_db.models import DBTaskResult

    from renda.notifications.models import Delivery
    from renda.notifications.tasks import send_reminders

    workers = [
        start(
            ["manage.py", "db_worker", "--queue-name", "notifications"],
            server_env(args),
            nice=args.worker_nice,
        )
        for _ in range(args.workers)
    ]
    readers = Readers(args, item_ids)
    try:
        time.sleep(2)  # the workers are up and polling
        threads = readers.run()
        began = time.perf_counter()
        result = send_reminders.enqueue()
        while time.perf_counter() - began < args.timeout:
            time.sleep(0.25)
            done = DBTaskResult.objects.filter(pk=result.id, status="SUCCESSFUL").exists()
            waiting = Delivery.objects.filter(status__in=["pending", "sending"]).exists()
            failed = DBTaskResult.objects.filter(status="FAILED").first()
            if failed:
                raise SystemExit(f"a task failed: {failed.traceback}")
            if done and not waiting:
                break
        elapsed = time.perf_counter() - began
        cpu = sum(cpu_seconds(w.pid) for w in workers)
        run = send_reminders.get_result(result.id).return_value
        return elapsed, cpu, readers.finish(threads), run
    finally:
        for w in workers:
            w.terminate()
            w.wait(timeout=10)


def report(baseline, loaded) -> None:
    print(
        f"{'page':<16}{'requests':>9}{'base p95':>11}{'p50':>9}{'p95':>9}{'client p95':>12}"
        f"{'p95 ratio':>11}"
    )
    for name in ["reminder log", "delivery log", "item list", "item page", "inbox"]:
        base = [s for n, s, _c in baseline if n == name]
        server = [s for n, s, _c in loaded if n == name]
        client = [c for n, _s, c in loaded if n == name]
        ratio = pct(server, 95) / pct(base, 95)
        print(
            f"{name:<16}{len(server):>9}{pct(base, 95):>9.1f}ms{pct(server, 50):>7.1f}ms"
            f"{pct(server, 95):>7.1f}ms{pct(client, 95):>10.1f}ms{ratio:>10.2f}x"
        )


def main() -> None:
    # A SIGTERM (from timeout or a job manager) unwinds normally, stopping the server and
    # the workers this script started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args()
    if args.database_url.startswith("postgresql"):
        ensure_database(args.database_url)
    setup_django(args.database_url)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {describe()}")
    t0 = time.perf_counter()
    data = fill(args.items)
    print(f"data: {data} (ready in {time.perf_counter() - t0:.1f} s)")
    reset()
    from renda.proposals.models import Proposal

    item_ids = list(Proposal.objects.filter(state="in_handling").values_list("pk", flat=True)[:500])
    server = start_server(args)
    try:
        baseline = measure_baseline(args, item_ids)
        elapsed, cpu, loaded, run = run_reminders(args, item_ids)
    finally:
        server.terminate()
        server.wait(timeout=10)
    from django.db.models import Count

    from renda.notifications.models import Delivery, Notification

    deliveries = dict(Delivery.objects.values_list("channel").annotate(n=Count("pk")).order_by())
    statuses = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(deliveries.values())
    print(f"reminders sent: {run['sent']} (due soon up to {run['horizon']})")
    print(f"notifications: {Notification.objects.count()}, deliveries: {deliveries} {statuses}")
    print(
        f"{args.workers} db_worker(s) at nice {args.worker_nice}, {args.clients} page readers: "
        f"all delivered in "
        f"{elapsed:.1f} s — {total / elapsed:.0f} deliveries/s, "
        f"{sum(run['sent'].values()) / elapsed:.0f} reminders/s (target: within 60 s)"
    )
    print(
        f"worker CPU {cpu:.1f} s; load average after: {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores (other processes share the machine)"
    )
    report(baseline, loaded)


if __name__ == "__main__":
    main()
