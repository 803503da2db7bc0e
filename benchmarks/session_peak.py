"""Session peak: 300 deputies draft, co-sign and submit over loopback HTTP while PostgreSQL is
restarted once; every acknowledged submission must be in the database afterwards.

    python benchmarks/session_peak.py [--deputies 300] [--clients 30] [--restart-at 0.5]

Starts a private PostgreSQL cluster in a temporary folder (initdb and pg_ctl from
/usr/lib/postgresql/*/bin, on its own port — never the machine's shared server), fills it
(a session, one delegation per 30 deputies, 300 deputies with accounts), serves renda with
gunicorn (the project's gunicorn.conf.py, RENDA_DEBUG=0) and drives it from --clients threads:

1. each deputy opens the new-suggestion form, saves the draft, and invites the next two
   deputies to co-sign (附议);
2. each deputy confirms the two invitations they received;
3. each deputy submits; when --restart-at of the submissions are acknowledged, the cluster is
   restarted (`pg_ctl restart -m fast`).

Every POST carries the form's idempotency key. A client that gets 503 (or no answer) waits
Retry-After and sends the same form again. Logins: PBKDF2 costs about 0.4 s a hash here, so the
deputies' sessions are created directly in the database (as a login would) and only --logins
of them log in through the login form, to show its cost. Afterwards the script compares the
submissions the server acknowledged with the database and fails if one is missing, doubled,
or if any answer was a 500.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks._server import describe, gunicorn_command  # noqa: E402

PASSWORD = "Peak-pass-2026"
WARM_UP = 8  # extra deputies whose drafts warm the workers up (jieba loads on first use)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deputies", type=int, default=300)
    p.add_argument("--clients", type=int, default=30, help="concurrent client threads")
    p.add_argument("--restart-at", type=float, default=0.5, help="share of submissions")
    p.add_argument("--logins", type=int, default=10, help="deputies who log in by the form")
    p.add_argument("--db-port", type=int, default=55439)
    p.add_argument("--port", type=int, default=8779)
    p.add_argument("--server-log", help="write gunicorn's log here (default: discarded)")
    return p.parse_args()


# --- the private PostgreSQL cluster ----------------------------------------------------------


class Cluster:
    """A throw-away cluster owned by the `postgres` system user when run as root (initdb
    refuses root)."""

    def __init__(self, port: int):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not bins:
            raise SystemExit("PostgreSQL server binaries not found under /usr/lib/postgresql")
        self.bin, self.port = bins[-1], port
        self.folder = Path(tempfile.mkdtemp(prefix="renda-peak-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    def run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
            " -c max_connections=60 -c shared_buffers=64MB -c fsync=on -c synchronous_commit=on"
        )
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                 "-l", str(self.folder / "log"), "-w", "start")  # fmt: skip

    def restart(self) -> float:
        started = time.perf_counter()
        # -l: the new postmaster must not inherit our pipes (run() would wait for them)
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                 "-l", str(self.folder / "log"), "-w", "restart")  # fmt: skip
        return time.perf_counter() - started

    def stop(self) -> None:
        try:
            self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # it did not start
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/renda_peak"


# --- data -------------------------------------------------------------------------------------


def fill(deputies: int, logins: int) -> dict:
    """Deputies with accounts and ready sessions ({user id: (deputy id, session key)})."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from renda.accounts.models import Role, User
    from renda.testing.factories import DelegationFactory, DeputyFactory, SessionFactory

    session = SessionFactory()
    delegations = [DelegationFactory(term=session.term) for _ in range((deputies + 29) // 30)]
    people = {}
    for i in range(deputies):
        deputy = DeputyFactory(term=session.term, delegation=delegations[i // 30])
        user = User(username=f"peak{i:03d}", full_name=deputy.name, role=Role.DEPUTY)
        user.deputy = deputy
        user.set_unusable_password()
        if i < logins:
            user.set_password(PASSWORD)  # real hashing: these log in through the form
        user.save()
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "renda.accounts.backends.UsernameOrMobileBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        people[user.pk] = (deputy.pk, store.session_key, user.username)
    return people


# --- the HTTP client ----------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    retries: int = 0
    sample_503: str = ""
    first_error: float | None = None
    last_error: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.statuses[what] += 1
            now = time.perf_counter()
            self.first_error = self.first_error or now
            self.last_error = now


class Client:
    """One deputy's browser: cookies, and requests that are retried like a patient person."""

    def __init__(self, port: int, stats: Stats, session_key: str = ""):
        self.port, self.stats = port, stats
        self.cookies = {"sessionid": session_key} if session_key else {}

    def send(self, method: str, path: str, form: dict | None = None, label: str = ""):
        """(status, Location, body) of the first answer that is not a 503/no answer."""
        body = urllib.parse.urlencode(form, doseq=True) if form is not None else None
        for _attempt in range(60):
            started = time.perf_counter()
            try:
                status, headers, text = self._once(method, path, body)
            except (OSError, http.client.HTTPException) as error:
                self.stats.error(f"no answer ({type(error).__name__})")
                self._wait(0.2)
                continue
            if status == 503:
                self.stats.error("503 Service Unavailable")
                self.stats.sample_503 = self.stats.sample_503 or _text_of(text)
                self._wait(float(headers.get("retry-after", "1")))
                continue
            with self.stats.lock:
                self.stats.statuses[status] += 1
                self.stats.latencies[label or method].append(time.perf_counter() - started)
            return status, headers.get("location", ""), text
        raise RuntimeError(f"{method} {path}: no answer after 60 attempts")

    def _wait(self, seconds: float) -> None:
        with self.stats.lock:
            self.stats.retries += 1
        time.sleep(min(seconds, 2.0))

    def _once(self, method: str, path: str, body: str | None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            conn.close()

    def form(self, path: str, label: str, form_id: str = "") -> dict:
        """GET a page and return the hidden fields (CSRF token, idempotency key) of its form
        (the one with id `form_id`, where the page has several)."""
        status, location, text = self.send("GET", path, label=label)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {location}")
        if form_id:
            text = text[text.index(f'id="{form_id}"') :]
            text = text[: text.index("</form>")]
        fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|idempotency_key)" value="([^"]+)"', text)
        )
        if "csrfmiddlewaretoken" not in fields:
            raise RuntimeError(f"GET {path}: no form")
        return fields


def _text_of(html: str) -> str:
    found = re.search(r"<p>(.*?)</p>", html, re.S)
    return found.group(1).strip() if found else html[:200]


def login(client: "Client", username: str) -> float:
    """Log `client` (without a session yet) in through the form; returns the POST's seconds."""
    fields = client.form("/accounts/login/", "GET login")
    started = time.perf_counter()
    status, _location, _ = client.send(
        "POST",
        "/accounts/login/",
        {**fields, "username": username, "password": PASSWORD},
        "POST login",
    )
    if status != 302:
        raise RuntimeError(f"login of {username} failed: {status}")
    return time.perf_counter() - started


# --- the three phases -------------------------------------------------------------------------


def draft_and_invite(client: Client, invitees: list[int]) -> int:
    fields = client.form("/items/new/suggestion/", "GET new draft")
    status, location, _ = client.send(
        "POST",
        "/items/new/suggestion/",
        {
            **fields,
            "title": "关于优化公交线路的建议",
            "body": "建议增开夜间公交线路，方便群众出行。",
        },
        "POST draft",
    )
    pk = int(re.search(r"/items/(\d+)/", location).group(1)) if status == 302 else None
    if pk is None:
        raise RuntimeError(f"draft not saved: {status}")
    fields = client.form(f"/items/{pk}/edit/", "GET draft page", "form-invite")
    status, _, _ = client.send(
        "POST", f"/items/{pk}/invite/", {**fields, "invite-deputies": invitees}, "POST invite"
    )
    if status != 302:
        raise RuntimeError(f"invitation not sent: {status}")
    return pk


def confirm(client: Client, pk: int) -> None:
    fields = client.form(f"/items/{pk}/confirm_signature/", "GET confirm")
    status, _, _ = client.send("POST", f"/items/{pk}/confirm_signature/", fields, "POST confirm")
    if status != 302:
        raise RuntimeError(f"signature not confirmed: {status}")


def submit(client: Client, pk: int) -> bool:
    """True when the server acknowledged the submission (redirect to the item)."""
    fields = client.form(f"/items/{pk}/edit/", "GET draft page", "form-submit")
    status, location, _ = client.send("POST", f"/items/{pk}/submit/", fields, "POST submit")
    return status == 302 and location.rstrip("/").endswith(f"/items/{pk}")


# --- the run ------------------------------------------------------------------------------------


def start_server(cluster: Cluster, port: int, var_dir: str, log: str | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "RENDA_VAR_DIR": var_dir,
        "RENDA_DEBUG": "0",
        "RENDA_RETRY_AFTER": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "60",
    }
    cmd = gunicorn_command(port)
    out = open(log, "w") if log else subprocess.DEVNULL
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def main() -> int:
    args = parse_args()
    # On SIGTERM/Ctrl-C still stop the server and the private cluster (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    cluster = Cluster(args.db_port)
    var_dir = tempfile.mkdtemp(prefix="renda-peak-var-")
    server = None
    try:
        cluster.start()
        cluster.run(str(cluster.bin / "createdb"), "-h", "127.0.0.1", "-p", str(args.db_port),
                    "-U", "postgres", "renda_peak")  # fmt: skip
        os.environ.update(DATABASE_URL=cluster.url, RENDA_VAR_DIR=var_dir)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        people = fill(args.deputies + WARM_UP, args.logins)
        server = start_server(cluster, args.port, var_dir, args.server_log)
        return drive(args, cluster, people)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        from django.db import connections

        connections.close_all()
        cluster.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def warm_up(port: int, people: dict, warm: list[int]) -> None:
    """Concurrent drafts (not measured) so that both workers load what they load lazily."""

    def one(i: int) -> None:
        other = people[warm[(i + 1) % len(warm)]][0]
        draft_and_invite(Client(port, Stats(), people[warm[i]][1]), [other])

    with ThreadPoolExecutor(len(warm)) as pool:
        list(pool.map(one, range(len(warm))))


def drive(args, cluster: Cluster, people: dict) -> int:
    users = list(people)
    warm, users = users[-WARM_UP:], users[:-WARM_UP]
    warm_up(args.port, people, warm)
    stats = Stats()
    n = len(users)
    # The first --logins deputies sign in through the form; the others use their sessions.
    signing_in = set(users[: args.logins])
    clients = {u: Client(args.port, stats, "" if u in signing_in else people[u][1]) for u in users}
    login_times = [login(clients[u], people[u][2]) for u in users[: args.logins]]
    pool = ThreadPoolExecutor(args.clients)
    started = time.perf_counter()

    def invitees(i: int) -> list[int]:
        return [people[users[(i + k) % n]][0] for k in (1, 2)]

    items = list(pool.map(lambda i: draft_and_invite(clients[users[i]], invitees(i)), range(n)))
    t_drafts = time.perf_counter()
    confirmations = [(users[(i + k) % n], items[i]) for i in range(n) for k in (1, 2)]
    list(pool.map(lambda c: confirm(clients[c[0]], c[1]), confirmations))
    t_signed = time.perf_counter()

    acknowledged, restart = [], {}
    lock = threading.Lock()

    def submit_one(i: int) -> None:
        if submit(clients[users[i]], items[i]):
            with lock:
                acknowledged.append(items[i])
                if len(acknowledged) == int(n * args.restart_at):
                    threading.Thread(target=restart_cluster).start()

    def restart_cluster() -> None:
        try:
            restart["s"] = cluster.restart()
        except Exception as error:
            restart["s"], restart["error"] = -1.0, repr(error)

    list(pool.map(submit_one, range(n)))
    finished = time.perf_counter()
    deadline = time.perf_counter() + 120
    while "s" not in restart and time.perf_counter() < deadline:
        time.sleep(0.1)
    if "s" not in restart or "error" in restart:
        print(f"the restart did not happen: {restart.get('error', 'never triggered')}")
        return 1
    pool.shutdown()
    return report(args, stats, people, items, acknowledged, restart.get("s", 0), login_times,
                  (started, t_drafts, t_signed, finished))  # fmt: skip


def report(args, stats, people, items, acknowledged, restart_s, login_times, times) -> int:
    from django.db import connections

    from renda.proposals.models import Proposal, ProposalEvent, Signature

    connections.close_all()  # ours was cut by the restart
    started, t_drafts, t_signed, finished = times
    states = dict(Proposal.objects.filter(pk__in=items).values_list("pk", "state"))
    submit_rows = Counter(
        ProposalEvent.objects.filter(action="suggestion.submit").values_list("proposal", flat=True)
    )
    missing = [pk for pk in acknowledged if states.get(pk) != "submitted"]
    doubled = [pk for pk, count in submit_rows.items() if count > 1]
    per_deputy = Counter(Proposal.objects.values_list("created_by", flat=True))
    duplicate_drafts = sum(c - 1 for c in per_deputy.values() if c > 1)
    answered = sum(len(v) for v in stats.latencies.values())
    total = finished - started
    outage = (stats.last_error - stats.first_error) if stats.first_error else 0.0
    lines = [
        f"session peak: {len(people) - WARM_UP} deputies (+{WARM_UP} warming the workers "
        f"up), {args.clients} client threads, {describe()}, PostgreSQL (private cluster) "
        "restarted once during the "
        f"submissions (pg_ctl restart -m fast: {restart_s:.1f} s)",
        f"phases: drafts + invitations {t_drafts - started:.1f} s, co-signatures "
        f"{t_signed - t_drafts:.1f} s, submissions {finished - t_signed:.1f} s; "
        f"total {total:.1f} s",
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end "
        "(other work shares them)",
        f"throughput: {answered} answered requests, {answered / total:.1f} req/s; "
        f"{len(acknowledged) / (finished - t_signed):.1f} submissions/s",
    ]
    if login_times:
        lines.append(
            f"logins through the form ({len(login_times)}): p50 "
            f"{statistics.median(login_times) * 1000:.0f} ms (PBKDF2); the other deputies' "
            "sessions were created in the database beforehand"
        )
    lines.append(f"{'request':<16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for label in sorted(stats.latencies):
        values = sorted(stats.latencies[label])
        p50, p95 = statistics.median(values), values[round(0.95 * (len(values) - 1))]
        lines.append(f"{label:<16} {len(values):>5} {p50 * 1000:>8.0f} {p95 * 1000:>8.0f}")
    errors = {str(k): v for k, v in stats.statuses.items() if not isinstance(k, int) or k >= 400}
    lines += [
        f"answers: {dict(sorted((str(k), v) for k, v in stats.statuses.items()))}",
        f"errors: {errors}; retried {stats.retries} times; client-visible outage {outage:.1f} s",
        f"a client read during the restart: {stats.sample_503 or '(no 503)'}",
        f"data: {Proposal.objects.count()} items, {Signature.objects.count()} signatures, "
        f"{ProposalEvent.objects.count()} history rows",
        f"acknowledged submissions: {len(acknowledged)}; in the database as submitted: "
        f"{len(acknowledged) - len(missing)}; missing {len(missing)}; submitted twice "
        f"{len(doubled)}; duplicate drafts {duplicate_drafts}; answers 500: "
        f"{stats.statuses.get(500, 0)}",
    ]
    failed = missing or doubled or duplicate_drafts or stats.statuses.get(500)
    lines.append(
        "RESULT: " + ("FAILED" if failed else "every acknowledged submission is in the database")
    )
    print("\n" + "\n".join("  " + line for line in lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
