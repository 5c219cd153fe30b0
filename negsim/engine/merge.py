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

The sets merged are mostly small (a few to a few thousand points), where numpy's per-call cost
and its slow paths (fancy indexing of 2-d rows, reductions along short rows) dominate: rows are
picked with ``take``, ranks are kept one row per column, every column of a small set is ranked
by one sort, and few distinct points are compared all pairs at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from negsim.tolerances import MERGE_TOL, PRUNE_TOL

__all__ = ["PointSet", "TOL", "PRUNE_TOL", "rank_columns", "dedupe", "deduped", "reduce_points",
           "combine", "suffix_frontiers"]

TOL = MERGE_TOL
"""Values closer than this are equal for deduplication and dominance (``MERGE_TOL``)."""

_CANDIDATES = 1 << 21  # sums formed at once
_BLOCK = 128  # candidates checked at once against the kept points (3+ objectives)
_KEPT = 1024
_SMALL = 256  # up to this many distinct points, dominance by all pairs at once (measured)
_SORT_ALL = 1024  # up to this many points, every column ranked by one sort (measured)


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

    def take(self, keep: np.ndarray | slice) -> PointSet:
        """The points selected by a mask, an index array or a slice."""
        if isinstance(keep, slice):
            return PointSet(self.vals[keep], self.rows[keep], self.count[keep])
        keep = np.asarray(keep)
        at = keep.nonzero()[0] if keep.dtype == bool else keep
        return PointSet(self.vals.take(at, axis=0), self.rows.take(at, axis=0),
                        self.count.take(at))

    @staticmethod
    def concat(parts: list[PointSet]) -> PointSet:
        """All points of several sets."""
        return PointSet(np.concatenate([p.vals for p in parts]),
                        np.concatenate([p.rows for p in parts]),
                        np.concatenate([p.count for p in parts]))


def _ranks(vals: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The ranks of :func:`rank_columns`, one row per column (shape (k, n), contiguous), and
    each column's number of distinct ranks."""
    n, k = vals.shape
    out = np.empty((k, n), dtype=np.int64)
    if n == 0:
        return out, [0] * k
    if n <= _SORT_ALL:  # every column in one sort
        cols = vals.T.copy()
        flat = cols.argsort(axis=1)
        flat += np.arange(0, k * n, n)[:, None]
        flat = flat.ravel()
        v = cols.take(flat).reshape(k, n)
        run = np.empty((k, n), dtype=np.int64)
        run[:, 0] = 0
        np.cumsum(v[:, 1:] - v[:, :-1] > TOL, axis=1, out=run[:, 1:])
        out.put(flat, run)
        return out, (run[:, -1] + 1).tolist()
    run = np.empty(n, dtype=np.int64)
    run[0] = 0
    radix = []
    for c in range(k):
        col = vals[:, c]
        order = col.argsort()
        v = col.take(order)
        np.cumsum(v[1:] - v[:-1] > TOL, out=run[1:])
        out[c].put(order, run)
        radix.append(int(run[-1]) + 1)
    return out, radix


def rank_columns(vals: np.ndarray) -> np.ndarray:
    """Each column replaced by the rank of its value, values within TOL sharing a rank.

    A rank does not depend on how equal values are ordered, so the sorts need not be stable.

    Examples
    --------
    >>> rank_columns(np.array([[0.5, 2.0], [0.5 + 1e-12, 1.0], [0.1, 1.0]])).tolist()
    [[1, 1], [1, 0], [0, 0]]
    """
    return _ranks(vals)[0].T


def _lex_order(rt: np.ndarray, radix: list[int] | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """The stable lexicographic order of the rank vectors (columns of ``rt``, shape (k, n)) and
    where a new vector starts in it.  A mixed-radix integer key (``radix``: each column's largest
    rank plus one) when it fits in 62 bits."""
    k, n = rt.shape
    new = np.empty(n, dtype=bool)
    new[:1] = True
    if k == 0:
        new[1:] = False
        return np.arange(n), new
    if radix is None:
        radix = [int(rt[c].max()) + 1 for c in range(k)]
    if math.prod(radix) < 1 << 62:
        key = rt[0].copy()
        for c in range(1, k):
            key *= radix[c]
            key += rt[c]
        order = key.argsort(kind="stable")
        key = key.take(order)
        np.not_equal(key[1:], key[:-1], out=new[1:])
        return order, new
    order = np.lexsort(rt[::-1])
    r = rt.take(order, axis=1)
    np.not_equal(r[0, 1:], r[0, :-1], out=new[1:])
    for c in range(1, k):
        new[1:] |= r[c, 1:] != r[c, :-1]
    return order, new


def _distinct(points: PointSet, rt: np.ndarray, radix: list[int] | None = None
              ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """:func:`dedupe` as indices: the kept point of each rank vector (lexicographic order), the
    added counts (None: each kept point's own) and the distinct rank vectors (shape (k, m))."""
    n = len(points)
    if n <= 1:
        return np.arange(n), None, rt
    order, new = _lex_order(rt, radix)
    if new.all():
        return order, None, rt.take(order, axis=1)
    run = new.cumsum() - 1
    starts = new.nonzero()[0]
    lengths = np.diff(starts, append=n)
    first = order.take(starts)
    multi = (lengths > 1).any() if points.rows.shape[1] else False  # no rows: all tie
    if multi:
        members = (lengths.take(run) > 1).nonzero()[0]
        at = run.take(members)
        rows = points.rows.take(order.take(members), axis=0)
        members = members.take(np.lexsort((*rows.T[::-1], at)))
        at = run.take(members)
        lead = np.empty(len(members), dtype=bool)
        lead[0] = True
        np.not_equal(at[1:], at[:-1], out=lead[1:])
        lead = lead.nonzero()[0]
        first[at.take(lead)] = order.take(members.take(lead))
    return first, np.add.reduceat(points.count.take(order), starts), \
        rt.take(order.take(starts), axis=1)


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
    first, count, r = _distinct(points, ranks.T)
    return PointSet(points.vals.take(first, axis=0), points.rows.take(first, axis=0),
                    points.count.take(first) if count is None else count), r.T


def deduped(points: PointSet) -> PointSet:
    """``dedupe(points, rank_columns(points.vals))[0]``, the ranking shared with the dedupe.

    Examples
    --------
    >>> p = PointSet(np.array([[1.0, 0], [0, 1], [1, 0]]), np.zeros((3, 0), dtype=np.int16),
    ...              np.array([1, 1, 5]))
    >>> d = deduped(p)
    >>> d.vals.tolist(), d.count.tolist()
    ([[0.0, 1.0], [1.0, 0.0]], [1, 6])
    """
    if len(points) <= 1:
        return points
    first, count, _ = _distinct(points, *_ranks(points.vals))
    return PointSet(points.vals.take(first, axis=0), points.rows.take(first, axis=0),
                    points.count.take(first) if count is None else count)


def _undominated_2(rt: np.ndarray) -> np.ndarray:
    """Mask of undominated points among distinct 2-d rank vectors (columns of ``rt``) in
    increasing lexicographic order (as :func:`dedupe` returns them): from the last, a point is
    kept when its second rank beats every second rank after it."""
    second = rt[1, ::-1]
    keep = np.empty(len(second), dtype=bool)
    keep[0] = True
    np.greater(second[1:], np.maximum.accumulate(second)[:-1], out=keep[1:])
    return keep[::-1]


def _geq(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[i, j]: a[j] >= b[i] in every column."""
    out = a[None, :, 0] >= b[:, None, 0]
    for c in range(1, a.shape[1]):
        out &= a[None, :, c] >= b[:, None, c]
    return out


def _undominated_pairs(rt: np.ndarray) -> np.ndarray:
    """Mask of undominated points among few distinct rank vectors (columns of ``rt``): all pairs
    at once (a distinct vector at least as large in every column dominates)."""
    geq = rt[0] >= rt[0][:, None]  # [p, q]: q >= p
    for c in range(1, len(rt)):
        geq &= rt[c] >= rt[c][:, None]
    np.fill_diagonal(geq, False)
    return ~geq.any(axis=1)


def _undominated_n(rt: np.ndarray) -> np.ndarray:
    """Mask of undominated points among distinct rank vectors (columns of ``rt``, any number).

    Few points are compared all pairs at once.  More are visited by decreasing rank sum (only a
    point with a larger sum can dominate), a block at a time; each block is checked against the
    points kept so far, the best first, so most dominated points drop out after the first
    comparisons.
    """
    n = rt.shape[1]
    if n <= _SMALL:
        return _undominated_pairs(rt)
    order = np.argsort(-rt.sum(axis=0), kind="stable")
    r = rt.T.take(order, axis=0).astype(np.int32)
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
    first, count, rt = _distinct(points, *_ranks(points.vals))
    if len(first) > 1:
        k = len(rt)
        if k == 1:
            keep = rt[0] == rt[0, -1]  # the largest rank comes last
        elif k == 2:
            keep = _undominated_2(rt)
        else:
            keep = _undominated_n(rt)
        if not keep.all():
            at = keep.nonzero()[0]
            first = first.take(at)
            count = None if count is None else count.take(at)
    return PointSet(points.vals.take(first, axis=0), points.rows.take(first, axis=0),
                    points.count.take(first) if count is None else count)


def _bound_ok(vals: np.ndarray, headroom: np.ndarray | None, need: np.ndarray | None) -> np.ndarray:
    if need is None or headroom is None:
        return np.ones(len(vals), dtype=bool)
    floor = (need - PRUNE_TOL).tolist()
    head = headroom.tolist()
    ok = vals[:, 0] + head[0] >= floor[0]  # column by column (row reductions are slow)
    for c in range(1, vals.shape[1]):
        ok &= vals[:, c] + head[c] >= floor[c]
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
        if ok.all():  # every sum: broadcast, no index arrays
            rows = part.rows[:, None, :] + group.rows[None, :, :]
            cand = PointSet(vals, rows.reshape(len(vals), part.rows.shape[1]),
                            (part.count[:, None] * group.count[None, :]).reshape(-1))
        else:
            at = ok.nonzero()[0]
            ia, ib = np.divmod(at, n_group)  # the sum at ia * n_group + ib: part[ia] + group[ib]
            cand = PointSet(vals.take(at, axis=0),
                            part.rows.take(ia, axis=0) + group.rows.take(ib, axis=0),
                            part.count.take(ia) * group.count.take(ib))
        cand = reduce_points(cand)
        result = cand if result is None else reduce_points(PointSet.concat([result, cand]))
    assert result is not None
    return result


def suffix_frontiers(groups: list[PointSet], headrooms: list[np.ndarray] | None = None,
                     need: np.ndarray | None = None,
                     reduced: list[PointSet] | None = None) -> list[PointSet]:
    """Frontiers of the sums of groups k, k+1, ..., last, for every k (merged from the last).

    ``headrooms[k]`` is the most groups 0..k-1 can add (for pruning against ``need``);
    ``reduced``, when given, is ``[reduce_points(g) for g in groups]`` (computed together by
    :func:`negsim.engine.batched.reduce_each`).  Element ``len(groups)`` is the single zero point.
    """
    n_issues = groups[0].rows.shape[1] if groups else 0
    dims = groups[0].vals.shape[1] if groups else 0
    dtype = groups[0].count.dtype if groups else np.int64
    out = [PointSet(np.zeros((1, dims)), np.zeros((1, n_issues), dtype=np.int16),
                    np.ones(1, dtype=dtype))]
    for k in range(len(groups) - 1, -1, -1):
        head = headrooms[k] if headrooms is not None else None
        group = reduce_points(groups[k]) if reduced is None else reduced[k]
        out.append(combine(out[-1], group, head, need))
    return out[::-1]
