"""Page latency under load: 100,000 suggestions on PostgreSQL, 20 concurrent clients.

    python benchmarks/web_pages.py [--database-url postgresql://postgres@127.0.0.1:5432/renda_bench]
                                   [--items 100000] [--clients 20] [--seconds 20]

Fills the database once (reused on later runs), starts the application under gunicorn with the
project's gunicorn.conf.py (one single-threaded worker per core, plus one) and
RENDA_SERVER_TIMING on, logs in as congress staff and requests the
main list, a filtered list, item pages and a text search from 20 threads on loopback. Prints the
server-side p50/p95 (from the Server-Timing header), the client-side p95, and the queries each page
ran; then the same under the baseline (2 workers × 4 threads) and the ratio. Target (issue 3):
server-side p95 under 150 ms for list and detail pages.

The clients never pause, so the client-side time is mostly waiting in the server's queue:
by Little's law it is about clients ÷ throughput whatever the server does per request."""

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import describe, gunicorn_command  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/renda_bench")
    p.add_argument("--items", type=int, default=100_000)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=20.0, help="per page kind")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, help="default: gunicorn.conf.py's (cores + 1)")
    p.add_argument("--threads", type=int, help="threads per worker (default: 1)")
    p.add_argument(
        "--no-baseline", action="store_true", help="skip the 2 workers × 4 threads comparison"
    )
    return p.parse_args()


def ensure_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def setup_django(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    args = parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from benchmarks.fill import fill

    t0 = time.perf_counter()
    counts = fill(args.items)
    print(f"data: {counts} (ready in {time.perf_counter() - t0:.1f} s)")
    runs = [(args.workers, args.threads)]
    if not args.no_baseline:  # the common threaded set-up, for the ratio
        runs.append(BASELINE)
    figures = []
    for workers, threads in runs:
        server = start_server(args, workers, threads)
        try:
            figures.append(run_load(args, counts, workers, threads))
        finally:
            server.terminate()
            server.wait(timeout=10)
    if len(figures) == 2:
        print(f"server p95, {describe(*BASELINE)} ÷ this configuration:")
        for name, p95 in figures[0].items():
            print(f"  {name:<24}{figures[1][name] / p95:>6.1f}×")


# Two processes of four threads: the usual threaded deployment on two cores.
BASELINE = (2, 4)


def start_server(args, workers, threads) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "RENDA_SERVER_TIMING": "1",
        # 20 clients share one staff account: the per-user search limit (60 a minute) is for
        # abuse, not for this load.
        "RENDA_SEARCH_RATE": "1000000",
        "RENDA_DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
    }
    cmd = gunicorn_command(args.port, workers, threads)
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def session(port: int) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "bench-staff", "password": "Bench-pass-2026"}
    ).encode()
    opener.open(
        urllib.request.Request(
            f"http://127.0.0.1:{port}/accounts/login/",
            data=data,
            headers={"Referer": f"http://127.0.0.1:{port}/"},
        )
    )
    return opener


def run_load(args, counts, workers, threads) -> dict[str, float]:
    """Each page kind in turn under the clients' load; prints a table, returns server p95s."""
    from renda.proposals.models import Proposal

    ids = list(
        Proposal.objects.values_list("pk", flat=True)[:: max(1, counts["suggestions"] // 2000)]
    )
    pages = {
        "list": lambda r: "/items/",
        "list page 50, filtered": lambda r: "/items/?state=in_handling&page=50",
        "detail": lambda r: f"/items/{r.choice(ids)}/",
        "search": lambda r: (
            "/items/?q=" + urllib.parse.quote(r.choice(["停车", "公交", "幼儿园", "养老", "河道"]))
        ),
    }
    print(
        f"{args.clients} clients, {args.seconds:.0f} s per page kind, "
        f"{describe(workers, threads)}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'page':<24}{'requests':>9}{'req/s':>7}{'server p50':>12}{'server p95':>12}"
        f"{'client p95':>12}{'queries':>9}"
    )
    p95s = {}
    # One signed-in session shared by every client: renda keeps one session per account (a
    # second login ends the first) and throttles logins per address.
    opener = session(args.port)
    for name, make_path in pages.items():
        results = hammer(args, make_path, opener)
        server = [s for s, _c, _q in results]
        client = [c for _s, c, _q in results]
        queries = sorted({q for *_x, q in results})
        p95s[name] = pct(server, 95)
        print(
            f"{name:<24}{len(results):>9}{len(results) / args.seconds:>7.0f}"
            f"{pct(server, 50):>10.1f}ms{p95s[name]:>10.1f}ms"
            f"{pct(client, 95):>10.1f}ms{'/'.join(map(str, queries)):>9}"
        )
    return p95s


def hammer(args, make_path, opener):
    results, errors, stop = [], [], time.monotonic() + args.seconds
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        while time.monotonic() < stop:
            start = time.perf_counter()
            path = make_path(rng)
            response = opener.open(f"http://127.0.0.1:{args.port}{path}")
            response.read()
            if response.status != 200 or not response.geturl().endswith(path):
                errors.append(f"{path} answered {response.status} at {response.geturl()}")
                return
            elapsed = (time.perf_counter() - start) * 1000
            timing = response.headers.get("Server-Timing", "")
            server = float(re.search(r"app;dur=([\d.]+)", timing).group(1))
            queries = int(re.search(r'queries";dur=(\d+)', timing).group(1))
            with lock:
                results.append((server, elapsed, queries))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:  # a redirect (to the login page) or an error page is not the page measured
        raise SystemExit(errors[0])
    return results


def pct(values, p) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else float("nan")


if __name__ == "__main__":
    main()
