"""Text similarity over words (no Django): TF-IDF cosine with a fast query and a fast all-pairs.

`SimilarityIndex` keeps the items' L2-normalised TF-IDF rows, and the same matrix transposed
(term → items) so a query touches only the items sharing a word with it. All pairs above a
threshold come from a candidate pass over each item's most distinctive words (a lower bound
of the cosine; near-duplicates share most of them) followed by the exact cosine of each
candidate pair. Items can be added or replaced without a refit (the vocabulary stays fixed;
words it does not know are ignored until the next fit).
"""

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


def _split(doc: str) -> list[str]:
    return doc.split()


class SimilarityIndex:
    def __init__(
        self, *, max_df: float = 0.5, signature_terms: int = 12, min_shared: int = 3
    ) -> None:
        self.max_df = max_df
        self.signature_terms = signature_terms
        self.min_shared = min_shared
        self.vectorizer: TfidfVectorizer | None = None
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = sparse.csr_matrix((0, 0), dtype=np.float32)
        self.by_term = self.matrix
        self.alive = np.zeros(0, dtype=bool)
        self.row_of: dict[int, int] = {}

    def __len__(self) -> int:
        return int(self.alive.sum())

    def fit(self, ids: Sequence[int], docs: Sequence[str]) -> "SimilarityIndex":
        """Learn the vocabulary and weights from `docs` (space-separated words) and index them."""
        # Nothing to learn from yet (a new installation): the first items added are fitted.
        self.vectorizer = (
            TfidfVectorizer(
                analyzer=_split,
                sublinear_tf=True,
                max_df=self.max_df if len(docs) > 20 else 1.0,
                dtype=np.float32,
            )
            if docs
            else None
        )
        matrix = self.vectorizer.fit_transform(docs) if docs else None
        self.ids = np.asarray(ids, dtype=np.int64)
        self.matrix = matrix.tocsr() if matrix is not None else sparse.csr_matrix((0, 1))
        self._refresh()
        return self

    def _refresh(self) -> None:
        self.by_term = self.matrix.T.tocsr()
        self.row_of = {int(i): r for r, i in enumerate(self.ids)}  # a repeated id: last wins
        self.alive = np.zeros(len(self.ids), dtype=bool)
        self.alive[list(self.row_of.values())] = True

    def vector(self, doc: str) -> sparse.csr_matrix:
        return self.vectorizer.transform([doc]).astype(np.float32)

    def upsert(self, ids: Sequence[int], docs: Sequence[str]) -> None:
        """Add or replace items, keeping the fitted vocabulary."""
        if not ids:
            return
        if self.vectorizer is None:  # fitted on nothing (a new installation): fit on these
            self.fit(ids, docs)
            return
        rows = self.vectorizer.transform(docs).astype(np.float32)
        for i in ids:
            old = self.row_of.get(int(i))
            if old is not None:
                self.alive[old] = False
        start = len(self.ids)
        self.ids = np.concatenate([self.ids, np.asarray(ids, dtype=np.int64)])
        self.matrix = sparse.vstack([self.matrix, rows]).tocsr()
        self.by_term = self.matrix.T.tocsr()
        self.alive = np.concatenate([self.alive, np.ones(len(ids), dtype=bool)])
        for k, i in enumerate(ids):
            self.row_of[int(i)] = start + k

    def remove(self, ids: Sequence[int]) -> None:
        for i in ids:
            row = self.row_of.pop(int(i), None)
            if row is not None:
                self.alive[row] = False

    def query(
        self, doc: str, *, k: int = 10, exclude: Sequence[int] = ()
    ) -> list[tuple[int, float]]:
        """The `k` items most similar to `doc`, as (id, cosine), best first."""
        if self.vectorizer is None or not len(self.ids):
            return []
        q = self.vector(doc)
        scores = self._candidate_scores(q, k)
        rows, values = scores.indices, scores.data
        keep = self.alive[rows]
        for i in exclude:
            r = self.row_of.get(int(i))
            if r is not None:
                keep &= rows != r
        rows, values = rows[keep], values[keep]
        if len(rows) > k:
            top = np.argpartition(-values, k)[:k]
            rows, values = rows[top], values[top]
        order = np.argsort(-values, kind="stable")
        return [(int(self.ids[rows[o]]), float(values[o])) for o in order]

    def _candidate_scores(self, q: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
        """Exact cosines of the items sharing the query's rarer words: words found in many
        items have long posting lists and add little, so they only rescore the candidates."""
        df = np.diff(self.by_term.indptr)[q.indices]
        rare = df <= max(1000, len(self.ids) // 50)
        if rare.all() or not rare.any():
            return (q @ self.by_term).tocsr()
        partial = sparse.csr_matrix(
            (q.data[rare], q.indices[rare], [0, int(rare.sum())]), shape=q.shape
        )
        first = (partial @ self.by_term).tocsr()
        rows = first.indices
        if len(rows) > k * 20:
            rows = rows[np.argpartition(-first.data, k * 20)[: k * 20]]
        exact = np.asarray((self.matrix[rows] @ q.T).todense()).ravel()
        return sparse.csr_matrix((exact, rows, [0, len(rows)]), shape=(1, len(self.ids)))

    def pairs(self, threshold: float, *, block: int = 2000) -> list[tuple[int, int, float]]:
        """Every pair of items with cosine ≥ `threshold`, as (id, id, cosine)."""
        live = np.flatnonzero(self.alive)
        X = self.matrix[live]
        ids = self.ids[live]
        sig = _top_entries(X, self.signature_terms)
        sig.data[:] = 1  # candidates: pairs sharing enough of their most distinctive words
        sig_t = sig.T.tocsr()
        found: list[tuple[int, int, float]] = []
        for start in range(0, X.shape[0], block):
            cand = (sig[start : start + block] @ sig_t).tocoo()
            i, j = cand.row + start, cand.col
            keep = (j > i) & (cand.data >= self.min_shared)
            i, j = i[keep], j[keep]
            if not len(i):
                continue
            cos = np.asarray(X[i].multiply(X[j]).sum(axis=1)).ravel()
            hit = cos >= threshold
            found.extend(
                zip(ids[i[hit]].tolist(), ids[j[hit]].tolist(), cos[hit].tolist(), strict=False)
            )
        return found


def _top_entries(X: sparse.csr_matrix, m: int) -> sparse.csr_matrix:
    """Each row's `m` largest entries (its most distinctive words)."""
    X = X.tocsr()
    indptr, indices, data = X.indptr, X.indices, X.data
    lengths = np.diff(indptr)
    keep = np.ones(len(data), dtype=bool)
    for r in np.flatnonzero(lengths > m):
        a, b = indptr[r], indptr[r + 1]
        keep[a + np.argsort(data[a:b])[: b - a - m]] = False
    counts = np.add.reduceat(keep, indptr[:-1]) if len(data) else np.zeros(X.shape[0], int)
    counts[lengths == 0] = 0
    new_ptr = np.concatenate([[0], np.cumsum(counts)])
    return sparse.csr_matrix((data[keep], indices[keep], new_ptr), shape=X.shape)
