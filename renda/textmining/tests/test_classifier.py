"""The text classifier itself (no database): taxonomy names as examples, a shared projection."""

import random

from renda.textmining.recommender import model
from renda.textmining.recommender.model import TextClassifier, fit_lsa


def _words(text: str) -> list[str]:
    return text.split()


def test_each_taxonomy_name_counts_as_an_example(monkeypatch):
    seen = {}

    class Recording(model.LinearSVC):
        def fit(self, X, y, sample_weight=None):
            seen["labels"] = list(y)
            return super().fit(X, y, sample_weight)

    monkeypatch.setattr(model, "LinearSVC", Recording)
    titles = ["公交 线路 调整", "垃圾 清运 不及时"]
    labels = ["交通运输", "城乡建设"]
    # A repeated name counts once; an empty one not at all.
    priors = {"城乡建设": ["城乡建设", "渣土 撒漏", "违章 建筑", "渣土 撒漏", ""]}
    clf = TextClassifier(_words).fit(titles, titles, labels, priors)
    assert seen["labels"] == [*labels, "城乡建设", "城乡建设", "城乡建设"]
    assert clf.predict(["渣土 撒漏"], ["渣土 撒漏"]) == ["城乡建设"]


def test_models_trained_together_share_one_projection(monkeypatch):
    rng = random.Random(1)
    vocabulary = [f"词{i}" for i in range(600)]
    texts = [rng.sample(vocabulary, 8) for _ in range(model.LSA_MIN_TEXTS)]
    lsa = fit_lsa(texts)
    assert lsa is not None and lsa[1].shape[1] == model.LSA_DIMENSIONS

    def refit(_texts):
        raise AssertionError("a shared projection must not be fitted again")

    monkeypatch.setattr(model, "fit_lsa", refit)
    titles = [" ".join(t[:3]) for t in texts[:40]]
    labels = ["甲" if i % 2 else "乙" for i in range(40)]
    a = TextClassifier(_words).fit(titles, titles, labels, lsa=lsa)
    b = TextClassifier(_words).fit(titles, titles, labels[::-1], lsa=lsa)
    assert a.lsa is lsa and b.lsa is lsa
    assert len(a.predict(titles[:2], titles[:2])) == 2


def test_too_few_texts_give_no_projection():
    assert fit_lsa([["一", "二"]] * (model.LSA_MIN_TEXTS - 1)) is None
