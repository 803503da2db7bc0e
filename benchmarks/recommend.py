"""Category recommendation on labelled public data: renda's recommender against a plain
baseline (character 1–3-gram TF-IDF + linear SVM), trained and tested on the same files.

    python benchmarks/recommend.py --train TRAIN.csv --test TEST.csv [--categories categories.csv]
                                   [--time-train 10000]

Columns as in shared/data/gov-messages/train.csv (title, body, label). The taxonomy
(categories.csv beside the training file unless given) is the prior knowledge the platform
also uses (its own category tree). The last line is
`macro_f1=… top1=… top3=… baseline_macro_f1=…`.
"""

import argparse
import csv
from pathlib import Path

import _setup  # noqa: F401
import numpy as np
from _setup import latency_both, load_note, measured
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from renda.textmining import segmenter
from renda.textmining.recommender.model import TextClassifier

DEFAULT_UNLABELLED = ("hot-topics.csv", "replies.csv")


def read(path: Path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return (
        [r["title"] or "" for r in rows],
        [r["body"] or "" for r in rows],
        [r["label"] for r in rows],
    )


def taxonomy(path: Path | None) -> dict[str, list[str]]:
    if path is None or not path.exists():
        return {}
    priors: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = priors.setdefault(row["一级分类"], [])
            names += [n for n in (row["二级分类"], row["三级分类"]) if n and n not in names]
    return priors


def unlabelled(args) -> list[str]:
    """Unlabelled texts of the domain (the platform uses all its own items the same way)."""
    paths = args.unlabelled
    if paths is None:
        paths = [p for p in (args.train.parent / n for n in DEFAULT_UNLABELLED) if p.exists()]
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts += [f"{r.get('title') or ''}\n{r.get('body') or ''}" for r in csv.DictReader(f)]
    print(f"unlabelled={len(texts)} from {', '.join(p.name for p in paths) or 'none'}")
    return texts


def segment(texts: list[str]) -> list[list[str]]:
    return [segmenter.words(t) for t in texts]


def top_k(scores: np.ndarray, classes, truth, k: int) -> float:
    best = np.argsort(-scores, axis=1)[:, :k]
    index = {c: i for i, c in enumerate(classes)}
    return float(np.mean([index.get(t, -1) in row for t, row in zip(truth, best, strict=False)]))


def report(name, model, fit, test, classes_of):
    titles, bodies, labels = test
    _, train_s, train_cpu, peak = measured(fit)
    scores = model_scores(model, titles, bodies)
    classes = classes_of(model)
    pred = [classes[i] for i in scores.argmax(axis=1)]
    macro = f1_score(labels, pred, average="macro")
    top1 = accuracy_score(labels, pred)
    top3 = top_k(scores, classes, labels, 3)
    items = list(zip(titles, bodies, strict=True))[:300]
    p50, p95, c50, c95 = latency_both(lambda tb: one(model, *tb), items)
    print(
        f"{name}: train={train_s:.2f}s (cpu {train_cpu:.2f}s) peak_mem={peak:.0f}MiB "
        f"latency_p50={p50:.1f}ms latency_p95={p95:.1f}ms (cpu p50={c50:.1f}ms p95={c95:.1f}ms) "
        f"accuracy={top1:.4f} macro_f1={macro:.4f} top3={top3:.4f}"
    )
    return macro, top1, top3


def one(model, title, body):
    """One recommendation as the platform makes it (renda: top three with their words)."""
    if isinstance(model, TextClassifier):
        return model.rank(title, body, k=3)
    return model_scores(model, [title], [body])


def model_scores(model, titles, bodies):
    if isinstance(model, TextClassifier):
        return model.scores(titles, bodies)
    return model.decision_function([f"{t}\n{b}" for t, b in zip(titles, bodies, strict=False)])


def time_training(n, fitted, train, raw_unlabelled, priors, background) -> None:
    """One training on `n` items, as the platform trains on its history: the labelled items
    first, then unlabelled messages with the labels the fitted model gives them (the timing
    needs realistic texts and labels, not correct ones)."""
    titles, bodies, labels = (list(x[:n]) for x in train)
    extra = [t.split("\n", 1) for t in raw_unlabelled[: max(0, n - len(labels))]]
    extra_titles = [e[0] for e in extra]
    extra_bodies = [e[1] if len(e) > 1 else "" for e in extra]
    titles += extra_titles
    bodies += extra_bodies
    labels += fitted.predict(extra_titles, extra_bodies) if extra else []
    model = TextClassifier(segmenter.words)
    _, wall, cpu, peak = measured(
        lambda: model.fit(titles, bodies, labels, priors=priors, background=background)
    )
    print(
        f"training on {len(labels)} items ({len(extra)} of them unlabelled messages labelled by "
        f"the model): {wall:.1f}s wall, {cpu:.1f}s CPU, peak_mem={peak:.0f}MiB"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--test", type=Path, required=True)
    ap.add_argument("--categories", type=Path)
    ap.add_argument(
        "--unlabelled",
        type=Path,
        nargs="*",
        help="CSV files of unlabelled messages (title, body) of the same domain; by default "
        "hot-topics.csv and replies.csv beside the training file, when present",
    )
    ap.add_argument(
        "--time-train",
        type=int,
        default=0,
        metavar="N",
        help="also time renda's training on N items: the training file's, then unlabelled "
        "messages labelled by the fitted model (timing only)",
    )
    args = ap.parse_args()
    train, test = read(args.train), read(args.test)
    priors = taxonomy(args.categories or args.train.parent / "categories.csv")
    priors = {label: names for label, names in priors.items() if label in set(train[2])}
    segmenter.use_dictionary({n for names in priors.values() for n in names if len(n) > 1})
    print(f"train={len(train[2])} test={len(test[2])} classes={len(set(train[2]))}")

    # Segmented beforehand: on the platform these words are already in the search index.
    raw_unlabelled = unlabelled(args)
    background = segment(raw_unlabelled)
    renda = TextClassifier(segmenter.words)
    m, t1, t3 = report(
        "renda",
        renda,
        lambda: renda.fit(*train, priors=priors, background=background),
        test,
        lambda x: x.classes,
    )
    base = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True), LinearSVC()
    )
    texts = [f"{t}\n{b}" for t, b in zip(train[0], train[1], strict=False)]
    bm, _, _ = report(
        "baseline", base, lambda: base.fit(texts, train[2]), test, lambda x: list(x.classes_)
    )
    if args.time_train:
        time_training(args.time_train, renda, train, raw_unlabelled, priors, background)
    print(load_note())
    print(f"macro_f1={m:.4f} top1={t1:.4f} top3={t3:.4f} baseline_macro_f1={bm:.4f}")


if __name__ == "__main__":
    main()
