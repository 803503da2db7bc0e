"""Duplicate finder at scale: 100,000 items synthesised from the public corpus with known
near-duplicate pairs (realistic rewording), against brute-force cosine over the same TF-IDF.

    python benchmarks/duplicates.py --data ../shared/data/gov-messages [--items 100000]

Prints the time to find every pair above the threshold, the latency of one similar-items
query, precision and recall against the known pairs, and the same for the baseline with the
ratio. The baseline's all-pairs is quadratic: it runs on a --baseline-items subset (both
methods are timed there) and its full-size time is extrapolated (and labelled so).
"""

import argparse
import multiprocessing
import pickle
import random
import time
from pathlib import Path

import _setup  # noqa: F401
import numpy as np
from _corpus import make_items
from _setup import latency_ms

from renda.textmining import segmenter
from renda.textmining.similarity import SimilarityIndex

THRESHOLD = 0.75  # as settings.TEXTMINING_DUPLICATE_THRESHOLD


def _segment(item):
    title, body = item
    return " ".join(segmenter.words(f"{title}\n{body}"))


def segment_all(items):
    with multiprocessing.Pool(2) as pool:
        return pool.map(_segment, items, chunksize=500)


def brute_pairs(index: SimilarityIndex, threshold: float, block: int = 500):
    X = index.matrix
    XT = index.by_term
    found = []
    for start in range(0, X.shape[0], block):
        S = (X[start : start + block] @ XT).tocoo()
        i, j = S.row + start, S.col
        keep = (j > i) & (S.data >= threshold)
        found.extend(zip(index.ids[i[keep]].tolist(), index.ids[j[keep]].tolist(), strict=False))
    return found


def brute_query(index: SimilarityIndex, doc: str, k: int = 10):
    scores = (index.matrix @ index.vector(doc).T).toarray().ravel()
    top = np.argpartition(-scores, k)[:k]
    return sorted(
        zip(index.ids[top].tolist(), scores[top].tolist(), strict=False), key=lambda x: -x[1]
    )


def quality(found, known):
    found = {tuple(sorted(p[:2])) for p in found}
    known = {tuple(sorted(p)) for p in known}
    tp = len(found & known)
    return tp / max(1, len(found)), tp / max(1, len(known))


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def run(docs, known, label, with_baseline):
    ids = list(range(len(docs)))
    index, fit_s = timed(lambda: SimilarityIndex().fit(ids, docs))
    pairs, pairs_s = timed(lambda: index.pairs(THRESHOLD))
    p, r = quality(pairs, known)
    queries = random.Random(1).sample(docs, 200)
    q50, q95 = latency_ms(lambda d: index.query(d, k=10), queries)
    probe = known[:200]
    found_at_10 = sum(
        a in {i for i, _ in index.query(docs[b], k=10, exclude=[b])} for a, b in probe
    ) / max(1, len(probe))
    print(f"[{label}] items={len(docs)} known_pairs={len(known)} fit={fit_s:.1f}s")
    print(
        f"[{label}] renda: all_pairs={pairs_s:.1f}s found={len(pairs)} precision={p:.4f} "
        f"recall={r:.4f} query_p50={q50:.1f}ms query_p95={q95:.1f}ms "
        f"query_finds_known_duplicate_in_top10={found_at_10:.4f}"
    )
    result = {"pairs_s": pairs_s, "q95": q95}
    if with_baseline:
        bpairs, bpairs_s = timed(lambda: brute_pairs(index, THRESHOLD))
        bp, br = quality(bpairs, known)
        b50, b95 = latency_ms(lambda d: brute_query(index, d), queries)
        print(
            f"[{label}] baseline (brute-force cosine): all_pairs={bpairs_s:.1f}s "
            f"found={len(bpairs)} precision={bp:.4f} recall={br:.4f} "
            f"query_p50={b50:.1f}ms query_p95={b95:.1f}ms"
        )
        print(
            f"[{label}] ratio baseline/renda: all_pairs={bpairs_s / pairs_s:.1f}x "
            f"query_p95={b95 / q95:.1f}x"
        )
        result |= {"b_pairs_s": bpairs_s, "b_q95": b95}
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--pairs", type=int, default=2_000)
    ap.add_argument("--baseline-items", type=int, default=20_000)
    ap.add_argument("--cache", type=Path, help="keep the segmented items in this file")
    args = ap.parse_args()
    items, known = make_items(args.data, args.items, args.pairs)
    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        segmenter.use_dictionary(set())
        t = time.perf_counter()
        docs = segment_all(items)
        print(f"segmented {len(docs)} items in {time.perf_counter() - t:.0f}s (not timed below)")
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))

    # The subset: the first base items and the rewordings of those among them.
    share = args.baseline_items / args.items
    base = int((args.items - args.pairs) * share)
    keep = list(range(base)) + [b for a, b in known if a < base]
    remap = {old: new for new, old in enumerate(keep)}
    sub_docs = [docs[i] for i in keep]
    sub_pairs = [(remap[a], remap[b]) for a, b in known if a in remap and b in remap]
    small = run(sub_docs, sub_pairs, f"{len(sub_docs)} items", True)
    full = run(docs, known, f"{len(docs)} items", False)
    scale = (len(docs) / len(sub_docs)) ** 2
    est = small["b_pairs_s"] * scale
    print(
        f"[{len(docs)} items] baseline all_pairs extrapolated (quadratic from "
        f"{len(sub_docs)}): ~{est:.0f}s; ratio ~{est / full['pairs_s']:.0f}x"
    )


if __name__ == "__main__":
    main()
