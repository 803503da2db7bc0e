"""Full-text search latency over 100,000 items against a plain `icontains` baseline.

    python benchmarks/search.py --data ../shared/data/gov-messages \\
        --database-url postgresql://postgres@127.0.0.1:5432/renda_bench_search

The database named is emptied and filled (use one for this alone; SQLite works too). Items are
synthesised from the corpus as in duplicates.py; queries are words and unit-like phrases taken
from it. Prints p50/p95 of `search_proposals` (ranked, top 20, with snippets) and of the
baseline (every query word `icontains` in title or body, newest 20), and the ratio.
"""

import argparse
import multiprocessing
import os
import pickle
import random
import sys
import time
from pathlib import Path


def _parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--cache", type=Path, help="keep the segmented items in this file")
    ap.add_argument("--reuse", action="store_true", help="keep the items of an earlier run")
    return ap.parse_args()


ARGS = _parse() if __name__ == "__main__" else None
if ARGS is not None:
    os.environ["DATABASE_URL"] = ARGS.database_url

import _setup  # noqa: E402
from _corpus import make_items  # noqa: E402
from _setup import latency_ms  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from renda.textmining import segmenter  # noqa: E402


def _segment(item):
    title, body = item
    return " ".join(segmenter.index_words(title)), " ".join(segmenter.index_words(body))


def fill(items, segmented):
    from renda.accounts.models import User
    from renda.proposals.models import Proposal
    from renda.testing.factories import SessionFactory
    from renda.textmining.models import SearchEntry

    session = SessionFactory()
    user = User.objects.create(username="bench", role="staff", full_name="基准")
    now = timezone.now()
    for start in range(0, len(items), 5000):
        chunk = items[start : start + 5000]
        made = Proposal.objects.bulk_create(
            Proposal(
                kind="suggestion",
                state="accepted",
                session=session,
                title=title[:200],
                body=body,
                created_by=user,
                created_at=now,
                updated_at=now,
            )
            for title, body in chunk
        )
        SearchEntry.objects.bulk_create(
            SearchEntry(proposal=p, title=t, content=c, words="", indexed_at=now)
            for p, (t, c) in zip(made, segmented[start : start + 5000], strict=True)
        )


def queries(items, n, rng):
    out = []
    while len(out) < n:
        title, body = rng.choice(items)
        words = [w for w in segmenter.words(title + body) if len(w) > 1]
        if len(words) < 2:
            continue
        out.append(" ".join(rng.sample(words, rng.choice([1, 1, 2]))))
    return out


def baseline(q):
    from renda.proposals.models import Proposal

    cond = Q()
    for w in q.split():
        cond &= Q(title__icontains=w) | Q(body__icontains=w)
    return list(Proposal.objects.filter(cond).order_by("-pk")[:20])


def main():
    from renda.proposals.models import Proposal
    from renda.textmining.search import search_proposals

    args = ARGS
    rng = random.Random(7)
    items, _ = make_items(args.data, args.items, 0)
    segmenter.use_dictionary(set())
    if args.cache and args.cache.exists():
        segmented = pickle.loads(args.cache.read_bytes())
    else:
        with multiprocessing.Pool(2) as pool:
            segmented = pool.map(_segment, items, chunksize=500)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(segmented))
    if connection.vendor == "postgresql":
        from web_pages import ensure_database

        ensure_database(args.database_url)
    call_command("migrate", verbosity=0)
    if args.reuse and Proposal.objects.count() == len(items):
        print(f"{connection.vendor}: reusing the {len(items)} items already loaded")
    else:
        if connection.vendor == "postgresql":  # the audit table refuses TRUNCATE otherwise
            with connection.cursor() as c:
                c.execute("SET renda.audit_maintenance = on")
        call_command("flush", interactive=False, verbosity=0)
        t = time.perf_counter()
        fill(items, segmented)
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("VACUUM ANALYZE")
        print(f"{connection.vendor}: loaded {len(items)} items in {time.perf_counter() - t:.0f}s")
    qs = queries(items, args.queries, rng)
    everything = Proposal.objects.all()
    search_proposals(everything, qs[0])  # warm the dictionary and connection
    hits = [len(search_proposals(everything, q, limit=20)) for q in qs[:50]]
    s50, s95 = latency_ms(lambda q: search_proposals(everything, q, limit=20), qs)
    b50, b95 = latency_ms(baseline, qs)
    print(f"queries={len(qs)} mean_hits_top20={sum(hits) / len(hits):.1f}")
    print(f"renda search (ranked, snippets): p50={s50:.1f}ms p95={s95:.1f}ms")
    print(f"baseline icontains: p50={b50:.1f}ms p95={b95:.1f}ms")
    print(_setup.load_note())
    print(
        f"items={len(items)} search_p95={s95:.1f}ms baseline_p95={b95:.1f}ms ratio={b95 / s95:.1f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
