"""Hot topics (热点): items of a session or any filtered set grouped by what they are about,
each group named by its key words and counted — "N suggestions concerned X".

Items are compared by the TF-IDF of their words (boilerplate of petitions left out); groups
are formed by average-linkage clustering on cosine distance (items in a group are on average
at least `similarity` alike), over a 100-dimension LSA projection when the set is large.
"""

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from renda.proposals.models import Proposal

# Words every petition uses; they say nothing about the matter.
BOILERPLATE = frozenset(
    "关于 建议 意见 问题 加强 进一步 我市 希望 尊敬 领导 您好 谢谢 请求 反映 有关 相关 部门 "
    "工作 政府 市民 群众 情况 目前 现在 能否 是否 一个 没有 已经 我们 他们 进行 解决 要求".split()
)
AGGLOMERATIVE_LIMIT = 4000


@dataclass
class Topic:
    words: tuple[str, ...]
    count: int
    proposal_ids: list[int]

    @property
    def label(self) -> str:
        return "、".join(self.words)


def _analyzer(doc: str) -> list[str]:
    """Words, and the two-character pieces of longer ones (停车难, 停车场 → 停车), so items
    saying the same thing in different compounds still meet."""
    out = []
    for w in doc.split():
        if len(w) < 2 or w in BOILERPLATE or w.isdigit():
            continue
        out.append(w)
        if len(w) > 2:
            out.extend(p for i in range(len(w) - 1) if (p := w[i : i + 2]) not in BOILERPLATE)
    return out


def hot_topics(
    items: QuerySet[Proposal],
    *,
    limit: int = 10,
    min_size: int = 2,
    similarity: float = 0.25,
    words: int = 3,
) -> list[Topic]:
    """The largest groups of related items in `items` (at least `min_size` each), biggest
    first, at most `limit`."""
    rows = [r for r in items.values_list("pk", "search_entry__words") if r[1]]
    if len(rows) < min_size:
        return []
    ids = np.array([r[0] for r in rows])
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, min_df=2 if len(rows) > 50 else 1)
    try:
        X = vec.fit_transform([r[1] for r in rows])
    except ValueError:  # no usable words at all
        return []
    # One BLAS thread: these matrices are small, and on a busy web server a thread pool per
    # request spins more than it computes (8 s instead of 0.3 s for 300 items, measured).
    with threadpool_limits(limits=1):
        labels = _cluster(X, similarity)
    vocab = vec.get_feature_names_out()
    topics = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if len(members) < min_size:
            continue
        centroid = np.asarray(X[members].mean(axis=0)).ravel()
        top = _name([vocab[i] for i in np.argsort(-centroid)[: words * 4] if centroid[i] > 0])
        topics.append(Topic(tuple(top[:words]), len(members), sorted(ids[members].tolist())))
    topics.sort(key=lambda t: (-t.count, t.words))
    return topics[:limit]


def _name(terms: list[str]) -> list[str]:
    """Whole words rather than their pieces: 开发商, not 发商 or 开发."""
    return [t for t in terms if not any(t != o and t in o for o in terms)]


def _cluster(X, similarity: float) -> np.ndarray:
    n = X.shape[0]
    if X.shape[1] > 100 and n > 100:
        X = normalize(TruncatedSVD(100, random_state=0).fit_transform(X))
    else:
        X = normalize(X.toarray())
    if n > AGGLOMERATIVE_LIMIT:  # quadratic memory beyond this: fixed-size groups instead
        return MiniBatchKMeans(n // 20, random_state=0, n_init=3).fit_predict(X)
    return AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=1 - similarity,
    ).fit_predict(X)
