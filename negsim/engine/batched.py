"""The merge steps of :mod:`negsim.engine.merge` on many small point sets at once.

The decomposed engine reduces every issue group before merging it, and the size count
deduplicates every group's utilities: a few points each, where the numpy calls cost far more than
the arithmetic.  Here the sets are laid end to end with a set label and ranked, deduplicated and
(for :func:`reduce_each`) cut to their frontiers in one pass: each column is ranked within its set
(a sort by set then value, the gaps counted from each set's start), the set label leads the
lexicographic key, and dominance is only looked for within a set.  Every set comes out exactly
as the one-set function returns it (same points, order, counts and representatives).
"""

from __future__ import annotations

import numpy as np

from negsim.engine.merge import TOL, PointSet, _distinct, deduped, reduce_points

__all__ = ["reduce_each", "deduped_each"]

_PAIRS_EACH = 512  # up to this many distinct points in all, dominance by one masked pair table


def _laid_out(sets: list[PointSet]) -> tuple[PointSet, np.ndarray, np.ndarray]:
    """The sets end to end, each point's set label and each label's first point."""
    sizes = [len(p) for p in sets]
    seg = np.repeat(np.arange(len(sets)), sizes)
    starts = np.cumsum([0] + sizes[:-1])
    return PointSet.concat(sets), seg, starts


def _set_ranks(vals: np.ndarray, seg: np.ndarray, starts: np.ndarray
               ) -> tuple[np.ndarray, list[int]]:
    """Ranks within each set, one row per column, led by the set label (shape (k + 1, n)), and
    the radix of each row (labels, then each column's most ranks plus one)."""
    n, k = vals.shape
    out = np.empty((k + 1, n), dtype=np.int64)
    out[0] = seg
    same = seg[1:] == seg[:-1]  # the labels are sorted: a sort by label keeps them in place
    run = np.empty(n, dtype=np.int64)
    run[0] = 0
    radix = [len(starts)]
    first = np.minimum(starts, n - 1)  # (an empty set's start is never looked up)
    for c in range(k):
        col = vals[:, c]
        order = np.lexsort((col, seg))
        v = col.take(order)
        gap = v[1:] - v[:-1] > TOL
        gap &= same
        np.cumsum(gap, out=run[1:])
        rank = run - run.take(first).take(seg)  # from 0 in every set
        out[c + 1].put(order, rank)
        radix.append(int(rank.max()) + 1)
    return out, radix


def _each(sets: list[PointSet], frontier: bool) -> list[PointSet]:
    if len(sets) <= 1 or sum(len(p) for p in sets) <= 1:
        one = reduce_points if frontier else deduped
        return [one(p) for p in sets]
    points, seg, starts = _laid_out(sets)
    rt, radix = _set_ranks(points.vals, seg, starts)
    first, count, rt = _distinct(points, rt, radix)
    label = rt[0]
    if frontier:
        if len(first) > _PAIRS_EACH:
            return [reduce_points(p) for p in sets]
        geq = label == label[:, None]  # [p, q]: the same set and q >= p in every column
        for c in range(1, len(rt)):
            geq &= rt[c] >= rt[c][:, None]
        np.fill_diagonal(geq, False)
        keep = ~geq.any(axis=1)  # distinct rank vectors: q >= p means q dominates p
        if not keep.all():
            at = keep.nonzero()[0]
            first, label = first.take(at), label.take(at)
            count = None if count is None else count.take(at)
    cut = label.searchsorted(np.arange(len(sets) + 1)).tolist()
    vals, rows = points.vals.take(first, axis=0), points.rows.take(first, axis=0)
    count = points.count.take(first) if count is None else count
    return [PointSet(vals[a:b], rows[a:b], count[a:b]) for a, b in zip(cut[:-1], cut[1:])]


def reduce_each(sets: list[PointSet]) -> list[PointSet]:
    """``[reduce_points(p) for p in sets]`` in one pass (the sets share their columns, row width
    and count type).

    Examples
    --------
    >>> a = PointSet(np.array([[1.0, 0], [0, 1], [0.5, 0.0]]), np.zeros((3, 1), dtype=np.int16),
    ...              np.ones(3, dtype=np.int64))
    >>> b = PointSet(np.array([[0.0, 0], [0, 0]]), np.array([[2], [1]], dtype=np.int16),
    ...              np.ones(2, dtype=np.int64))
    >>> [(f.vals.tolist(), f.rows[:, 0].tolist(), f.count.tolist()) for f in reduce_each([a, b])]
    [([[0.0, 1.0], [1.0, 0.0]], [0, 0], [1, 1]), ([[0.0, 0.0]], [1], [2])]
    """
    return _each(sets, True)


def deduped_each(sets: list[PointSet]) -> list[PointSet]:
    """``[deduped(p) for p in sets]`` in one pass (the sets share their columns, row width and
    count type).

    Examples
    --------
    >>> a = PointSet(np.array([[1.0], [1.0], [0.0]]), np.zeros((3, 0), dtype=np.int16),
    ...              np.ones(3, dtype=np.int64))
    >>> [(d.vals[:, 0].tolist(), d.count.tolist()) for d in deduped_each([a, a])]
    [([0.0, 1.0], [1, 2]), ([0.0, 1.0], [1, 2])]
    """
    return _each(sets, False)
