"""Pareto frontiers of sums of point sets: the merge behind the decomposed engine.

A point set holds value vectors (one column per objective: actors' utilities, possibly a negated
distance), the outcome rows they come from (option indices, zero on issues not yet merged) and how
many outcomes share each vector.  Merging a set with a group's assignments forms every sum, removes
exact duplicates (adding up their counts and keeping the lowest-numbered outcome) and prunes the
dominated ones.  For additive values an outcome is Pareto-optimal only if its part on every group
is, so merging group by group gives the exact frontier of the product.

Values are floats summed in different orders, so two vectors are compared column by column after
*rank compression*: values closer than ``TOL`` (``MERGE_TOL``) count as equal.  Utilities that
really differ by less than that are treated as tied (the exhaustive scan rounds them to
``UTILITY_DECIMALS`` decimals).
"""

from __future__ import annotations

from dataclasses import dataclass

import math

import numpy as np

from negsim.tolerances import MERGE_TOL, PRUNE_TOL

__all__ = ["PointSet", "TOL", "PRUNE_TOL", "rank_columns", "dedupe", "reduce_points", "combine",
           "suffix_frontiers"]

TOL = MERGE_TOL
"""Values closer than this are equal for deduplication and dominance (``MERGE_TOL``)."""

_CANDIDATES = 1 << 21  # sums formed at once
_BLOCK = 128  # candidates checked at once against the kept points (3+ objectives)
_KEPT = 1024
_SMALL = 256  # up to this many points: whole-array steps with few numpy calls (measured)
_COLS = np.arange(16)


@dataclass(frozen=True, eq=False)
class PointSet:
    """Value vectors with their lowest-numbered outcome and their multiplicity.

    Attributes
    ----------
    vals : ndarray, shape (n, n_objectives)
    rows : ndarray of int16, shape (n, n_issues)
        Option indices (zero on issues not merged yet).
    count : ndarray, shape (n,)
        Outcomes sharing the vector (int64, or Python ints in object arrays for huge spaces).
    """

    vals: np.ndarray
    rows: np.ndarray
    count: np.ndarray

    def __len__(self) -> int:
        return len(self.vals)

    def take(self, keep: np.ndarray) -> PointSet:
        """The points selected by a mask or an index array."""
        return PointSet(self.vals[keep], self.rows[keep], self.count[keep])

    @staticmethod
    def concat(parts: list[PointSet]) -> PointSet:
        """All points of several sets."""
        return PointSet(np.concatenate([p.vals for p in parts]),
                        np.concatenate([p.rows for p in parts]),
                        np.concatenate([p.count for p in parts]))


def rank_columns(vals: np.ndarray) -> np.ndarray:
    """Each column replaced by the rank of its value, values within TOL sharing a rank.

    A rank does not depend on how equal values are ordered, so the sort need not be stable.

    Examples
    --------
    >>> rank_columns(np.array([[0.5, 2.0], [0.5 + 1e-12, 1.0], [0.1, 1.0]])).tolist()
    [[1, 1], [1, 0], [0, 0]]
    """
    n, k = vals.shape
    if n <= _SMALL:  # every column at once: a few numpy calls in all
        out = np.empty((n, k), dtype=np.int64)
        if n == 0:
            return out
        order = vals.argsort(axis=0)
        cols = _COLS[:k] if k <= len(_COLS) else np.arange(k)
        v = vals[order, cols]
        run = np.empty((n, k), dtype=np.int64)
        run[0] = 0
        np.cumsum(v[1:] - v[:-1] > TOL, axis=0, out=run[1:])
        out[order, cols] = run
        return out
    out = np.empty((n, k), dtype=np.int64)
    run = np.empty(n, dtype=np.int64)
    run[0] = 0
    for c in range(k):
        col = vals[:, c]
        order = col.argsort()
        v = col[order]
        np.cumsum(v[1:] - v[:-1] > TOL, out=run[1:])
        out[order, c] = run
    return out


def _lex_order(ranks: np.ndarray) -> np.ndarray:
    """The stable order of the rank vectors, lexicographically (by a mixed-radix integer when
    it fits in 62 bits, else by ``lexsort``)."""
    k = ranks.shape[1]
    if k == 0:
        return np.arange(len(ranks))
    radix = (ranks.max(axis=0) + 1).tolist()
    if math.prod(radix) >= 1 << 62:
        return np.lexsort(ranks.T[::-1])
    key = ranks[:, 0].copy()
    for c in range(1, k):
        key *= radix[c]
        key += ranks[:, c]
    return key.argsort(kind="stable")


def _distinct(points: PointSet, ranks: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """:func:`dedupe` as indices: the kept point of each rank vector (lexicographic order), the
    added counts (None: each kept point's own) and the distinct rank vectors."""
    n = len(points)
    order = _lex_order(ranks)
    r = ranks[order]
    if n <= 1:
        return order, None, r
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.any(r[1:] != r[:-1], axis=1, out=new[1:])
    if new.all():
        return order, None, r
    run = new.cumsum() - 1
    starts = np.flatnonzero(new)
    lengths = np.diff(starts, append=n)
    first = order[starts]
    multi = np.flatnonzero(lengths > 1) if points.rows.shape[1] else ()  # no rows: all tie
    if len(multi):
        members = np.flatnonzero(lengths[run] > 1)
        rows = points.rows[order[members]]
        sub = np.lexsort((*rows.T[::-1], run[members]))
        members = members[sub]
        lead = np.empty(len(members), dtype=bool)
        lead[0] = True
        np.not_equal(run[members[1:]], run[members[:-1]], out=lead[1:])
        first[run[members[lead]]] = order[members[lead]]
    return first, np.add.reduceat(points.count[order], starts), r[starts]


def dedupe(points: PointSet, ranks: np.ndarray) -> tuple[PointSet, np.ndarray]:
    """One point per rank vector: counts added, the lexicographically smallest row kept.

    The points come out in the lexicographic order of their rank vectors, returned with them.

    Examples
    --------
    >>> p = PointSet(np.array([[1.0, 0], [0, 1], [1, 0]]), np.array([[3], [1], [2]], dtype=np.int16),
    ...              np.ones(3, dtype=np.int64))
    >>> d, r = dedupe(p, rank_columns(p.vals))
    >>> d.rows[:, 0].tolist(), d.count.tolist(), r.tolist()
    ([1, 2], [1, 2], [[0, 1], [1, 0]])
    """
    if len(points) <= 1:
        return points, ranks
    first, count, r = _distinct(points, ranks)
    return PointSet(points.vals[first], points.rows[first],
                    points.count[first] if count is None else count), r


def _undominated_2(ranks: np.ndarray) -> np.ndarray:
    """Mask of undominated points among distinct 2-d rank vectors in increasing lexicographic
    order (as :func:`dedupe` returns them): from the last, a point is kept when its second rank
    beats every second rank after it."""
    second = ranks[::-1, 1]
    keep = np.empty(len(ranks), dtype=bool)
    keep[0] = True
    np.greater(second[1:], np.maximum.accumulate(second)[:-1], out=keep[1:])
    return keep[::-1]


def _geq(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[i, j]: a[j] >= b[i] in every column."""
    out = a[None, :, 0] >= b[:, None, 0]
    for c in range(1, a.shape[1]):
        out &= a[None, :, c] >= b[:, None, c]
    return out


def _undominated_pairs(ranks: np.ndarray) -> np.ndarray:
    """Mask of undominated points among few distinct rank vectors: all pairs at once (a distinct
    vector at least as large in every column dominates)."""
    cols = ranks.T.copy()
    geq = cols[0] >= cols[0][:, None]  # [p, q]: q >= p
    for c in range(1, len(cols)):
        geq &= cols[c] >= cols[c][:, None]
    np.fill_diagonal(geq, False)
    return ~geq.any(axis=1)


def _undominated_n(ranks: np.ndarray) -> np.ndarray:
    """Mask of undominated points among distinct rank vectors (any number of columns).

    Points are visited by decreasing rank sum (only a point with a larger sum can dominate), a
    block at a time; each block is checked against the points kept so far, the best first, so
    most dominated points drop out after the first comparisons.
    """
    n = len(ranks)
    if n <= _SMALL:
        return _undominated_pairs(ranks)
    order = np.argsort(-ranks.sum(axis=1), kind="stable")
    r = ranks[order].astype(np.int32)
    kept = np.empty_like(r)
    n_kept = 0
    keep = np.zeros(n, dtype=bool)
    for start in range(0, n, _BLOCK):
        block = np.arange(start, min(n, start + _BLOCK))
        for k in range(0, n_kept, _KEPT):
            if not len(block):
                break
            block = block[~_geq(kept[k:min(n_kept, k + _KEPT)], r[block]).any(axis=1)]
        geq = _geq(r[block], r[block])  # [p, q]: q >= p (distinct, so q dominates p)
        np.fill_diagonal(geq, False)
        block = block[~geq.any(axis=1)]
        keep[order[block]] = True
        kept[n_kept:n_kept + len(block)] = r[block]
        n_kept += len(block)
    return keep


def reduce_points(points: PointSet) -> PointSet:
    """The Pareto frontier of a point set, duplicates merged.

    The frontier comes out in the lexicographic order of its rank vectors.

    Examples
    --------
    >>> p = PointSet(np.array([[1.0, 0], [0, 1], [1, 0], [0.4, 0.4], [0.5, 0.5]]),
    ...              np.array([[3], [1], [2], [0], [4]], dtype=np.int16), np.ones(5, dtype=np.int64))
    >>> f = reduce_points(p)
    >>> f.vals.tolist(), f.rows[:, 0].tolist(), f.count.tolist()
    ([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], [1, 4, 2], [1, 1, 2])
    """
    if len(points) <= 1:
        return points
    first, count, ranks = _distinct(points, rank_columns(points.vals))
    if len(first) > 1:
        k = ranks.shape[1]
        if k == 1:
            keep = ranks[:, 0] == ranks[-1, 0]  # the largest rank comes last
        elif k == 2:
            keep = _undominated_2(ranks)
        else:
            keep = _undominated_n(ranks)
        if not keep.all():
            first = first[keep]
            count = None if count is None else count[keep]
    return PointSet(points.vals[first], points.rows[first],
                    points.count[first] if count is None else count)


def _bound_ok(vals: np.ndarray, headroom: np.ndarray | None, need: np.ndarray | None) -> np.ndarray:
    if need is None or headroom is None:
        return np.ones(len(vals), dtype=bool)
    floor = need - PRUNE_TOL
    if len(vals) <= _SMALL:
        return (vals + headroom >= floor).all(axis=1)
    ok = vals[:, 0] + headroom[0] >= floor[0]  # column by column: no (n, k) temporaries
    for c in range(1, vals.shape[1]):
        ok &= vals[:, c] + headroom[c] >= floor[c]
    return ok


def combine(front: PointSet, group: PointSet, headroom: np.ndarray | None = None,
            need: np.ndarray | None = None) -> PointSet:
    """The frontier of all sums of a point of ``front`` and a point of ``group``.

    ``group`` covers other issues than ``front`` (rows add up).  Sums that cannot reach ``need``
    even with ``headroom`` added (the most the groups not merged yet can add) are dropped.

    Examples
    --------
    >>> a = PointSet(np.array([[1.0, 0], [0, 1]]), np.array([[1, 0], [2, 0]], dtype=np.int16),
    ...              np.ones(2, dtype=np.int64))
    >>> b = PointSet(np.array([[0.5, 0.5], [0, 0]]), np.array([[0, 1], [0, 0]], dtype=np.int16),
    ...              np.ones(2, dtype=np.int64))
    >>> c = combine(a, b)
    >>> c.vals.tolist(), c.rows.tolist()
    ([[0.5, 1.5], [1.5, 0.5]], [[2, 1], [1, 1]])
    """
    if len(front) == 0 or len(group) == 0:
        return PointSet(np.zeros((0, front.vals.shape[1])), front.rows[:0], front.count[:0])
    step = max(1, _CANDIDATES // len(group))
    result: PointSet | None = None
    n_group = len(group)
    for start in range(0, len(front), step):
        part = front if step >= len(front) else front.take(slice(start, start + step))
        vals = (part.vals[:, None, :] + group.vals[None, :, :]).reshape(-1, part.vals.shape[1])
        ok = _bound_ok(vals, headroom, need)
        if len(vals) <= _SMALL and ok.all():  # every sum: broadcast, no index arrays
            rows = part.rows[:, None, :] + group.rows[None, :, :]
            cand = PointSet(vals, rows.reshape(len(vals), part.rows.shape[1]),
                            (part.count[:, None] * group.count[None, :]).reshape(-1))
        else:
            at = np.flatnonzero(ok)
            ia, ib = np.divmod(at, n_group)  # the sum at ia * n_group + ib: part[ia] + group[ib]
            cand = PointSet(vals[at], part.rows[ia] + group.rows[ib],
                            part.count[ia] * group.count[ib])
        cand = reduce_points(cand)
        result = cand if result is None else reduce_points(PointSet.concat([result, cand]))
    assert result is not None
    return result


def suffix_frontiers(groups: list[PointSet], headrooms: list[np.ndarray] | None = None,
                     need: np.ndarray | None = None) -> list[PointSet]:
    """Frontiers of the sums of groups k, k+1, ..., last, for every k (merged from the last).

    ``headrooms[k]`` is the most groups 0..k-1 can add (for pruning against ``need``).
    Element ``len(groups)`` is the single zero point.
    """
    n_issues = groups[0].rows.shape[1] if groups else 0
    dims = groups[0].vals.shape[1] if groups else 0
    dtype = groups[0].count.dtype if groups else np.int64
    out = [PointSet(np.zeros((1, dims)), np.zeros((1, n_issues), dtype=np.int16),
                    np.ones(1, dtype=dtype))]
    for k in range(len(groups) - 1, -1, -1):
        head = headrooms[k] if headrooms is not None else None
        out.append(combine(out[-1], reduce_points(groups[k]), head, need))
    return out[::-1]
