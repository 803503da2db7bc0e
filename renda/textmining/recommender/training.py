"""Training the recommender on the platform's own history, its versions and their files.

An example is an item that staff assigned: its category and its current lead unit (after any
approved reassignment, which corrects the first choice). A version is evaluated on a held-out
fifth of the history, then refitted on all of it and saved under settings.VAR_DIR/textmining.
"""

import pickle  # nosec B403 - only files this module wrote itself (see load)
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from renda.congress.models import Organization
from renda.proposals.models import Assignment, Category
from renda.textmining import segmenter
from renda.textmining.models import SearchEntry
from renda.textmining.recommender.model import Lsa, TextClassifier, fit_lsa


@dataclass
class History:
    titles: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    categories: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    last_assignment_id: int = 0

    def __len__(self) -> int:
        return len(self.titles)


@dataclass
class Models:
    category: TextClassifier
    unit: TextClassifier


def assignment_history() -> History:
    """Every item with a current lead unit and a category, oldest first."""
    rows = (
        Assignment.objects.filter(active=True, role=Assignment.Role.LEAD)
        .exclude(proposal__category=None)
        .order_by("pk")
        .values_list("pk", "proposal__title", "proposal__body", "proposal__category_id", "unit_id")
    )
    h = History()
    for _pk, title, body, category, unit in rows:
        h.titles.append(title)
        h.bodies.append(body)
        h.categories.append(category)
        h.units.append(unit)
    h.last_assignment_id = (
        Assignment.objects.filter(role=Assignment.Role.LEAD).aggregate(m=Max("pk"))["m"] or 0
    )
    return h


def priors() -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """What the platform knows beyond its history: category names with their sub-categories,
    and unit names."""
    categories: dict[int, list[str]] = {}
    for c in Category.objects.all():
        categories.setdefault(c.pk, []).append(c.name)
        if c.parent_id:
            categories.setdefault(c.parent_id, []).append(c.name)
    units = {
        u.pk: [u.name, u.short_name]
        for u in Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True)
    }
    return categories, units


BACKGROUND_TEXTS = 20_000


def background() -> list[list[str]]:
    """The words of the most recent items (labelled or not), already segmented in the index:
    the domain's vocabulary for the classifier's LSA projection."""
    rows = SearchEntry.objects.order_by("-indexed_at").values_list("words", flat=True)
    return [words.split() for words in rows[:BACKGROUND_TEXTS]]


class _SharedWords:
    """Segmentation shared by the models trained together: each text is cut once."""

    def __init__(self) -> None:
        self.memo: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        words = self.memo.get(text)
        if words is None:
            words = self.memo[text] = segmenter.words(text)
        return words


def fit(h: History, lsa: Lsa | None, words: _SharedWords | None = None) -> Models:
    """The category and unit models of history `h`, sharing the segmentation and the LSA
    projection `lsa` (`fit_lsa(background())`, or None)."""
    category_priors, unit_priors = priors()
    words = words or _SharedWords()
    seen_c, seen_u = set(h.categories), set(h.units)
    models = Models(
        category=TextClassifier(words).fit(
            h.titles,
            h.bodies,
            h.categories,
            {k: v for k, v in category_priors.items() if k in seen_c},
            lsa=lsa,
        ),
        unit=TextClassifier(words).fit(
            h.titles,
            h.bodies,
            h.units,
            {k: v for k, v in unit_priors.items() if k in seen_u},
            lsa=lsa,
        ),
    )
    models.category.tokenize = models.unit.tokenize = segmenter.words  # not the memo
    return models


def evaluate(h: History, lsa: Lsa | None, words=None, seed: int = 0) -> dict:
    """Top-1 and top-3 accuracy for category and unit on a held-out fifth of the history."""
    order = list(range(len(h)))
    random.Random(seed).shuffle(order)
    cut = max(1, len(order) // 5)
    test, train = order[:cut], order[cut:]
    part = History(
        [h.titles[i] for i in train],
        [h.bodies[i] for i in train],
        [h.categories[i] for i in train],
        [h.units[i] for i in train],
    )
    models = fit(part, lsa, words)
    metrics = {"held_out": len(test)}
    for name, model, truth in [
        ("category", models.category, h.categories),
        ("unit", models.unit, h.units),
    ]:
        ranked = [model.rank(h.titles[i], h.bodies[i], k=3, words=0) for i in test]
        top1 = sum(r[0].label == truth[i] for r, i in zip(ranked, test, strict=False))
        top3 = sum(truth[i] in {x.label for x in r} for r, i in zip(ranked, test, strict=False))
        metrics[f"{name}_top1"] = round(top1 / len(test), 4)
        metrics[f"{name}_top3"] = round(top3 / len(test), 4)
    return metrics


def train(h: History) -> tuple[Models, dict, float]:
    started = time.perf_counter()
    # One projection and one segmentation for the four models (evaluation, then the final).
    lsa, words = fit_lsa(background()), _SharedWords()
    metrics = evaluate(h, lsa, words) if len(h) >= 10 else {}
    models = fit(h, lsa, words)
    return models, metrics, time.perf_counter() - started


def model_dir() -> Path:
    path = Path(settings.VAR_DIR) / "textmining"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(models: Models, number: int) -> str:
    path = model_dir() / f"recommender-v{number}.pickle"
    with open(path, "wb") as f:
        pickle.dump(models, f, protocol=pickle.HIGHEST_PROTOCOL)
    return str(path)


_loaded: dict[str, Models] = {}


def load(path: str) -> Models:
    """The fitted models of a version (files written by `save` only), cached per process."""
    if path not in _loaded:
        if Path(path).resolve().parent != model_dir().resolve():
            # Unpickling runs code: read only what `save` wrote into the models folder.
            raise ValueError(f"not a recommender model file: {path}")
        with open(path, "rb") as f:
            _loaded.clear()
            _loaded[path] = pickle.load(f)  # nosec B301 - our own file from model_dir(), see above
    return _loaded[path]
