"""The decomposed engine's merge and pair-count steps as they were before they were tuned
(negsim 0.x, commit f6d467a), kept verbatim as a reference: the tuned code must give the same
arrays, in the same order, bit for bit.
"""

from __future__ import annotations

import numpy as np

from negsim.engine.merge import PointSet
from negsim.tolerances import MERGE_TOL, PRUNE_TOL

TOL = MERGE_TOL
_CANDIDATES = 1 << 21
_BLOCK = 128
_KEPT = 1024
_PAIR_BLOCKS = 6


def rank_columns(vals: np.ndarray) -> np.ndarray:
    """Each column replaced by the rank of its value, values within TOL sharing a rank."""
    n = len(vals)
    out = np.empty(vals.shape, dtype=np.int64)
    if n == 0:
        return out
    run = np.empty(n, dtype=np.int64)
    run[0] = 0
    for c in range(vals.shape[1]):
        col = vals[:, c]
        order = np.argsort(col, kind="stable")
        v = col[order]
        np.cumsum(v[1:] - v[:-1] > TOL, out=run[1:])
        out[order, c] = run
    return out


def _lex_key(ranks: np.ndarray) -> np.ndarray | None:
    """Rank vectors as mixed-radix integers (lexicographic order kept), or None if too wide."""
    if ranks.shape[1] == 0:
        return np.zeros(len(ranks), dtype=np.int64)
    radix = ranks.max(axis=0) + 1
    if float(np.prod(radix.astype(float))) >= 2.0 ** 62:
        return None
    key = ranks[:, 0].copy()
    for c in range(1, ranks.shape[1]):
        key *= int(radix[c])
        key += ranks[:, c]
    return key


def dedupe(points: PointSet, ranks: np.ndarray) -> tuple[PointSet, np.ndarray]:
    """One point per rank vector: counts added, the lexicographically smallest row kept."""
    n = len(points)
    if n <= 1:
        return points, ranks
    key = _lex_key(ranks)
    if key is not None:  # one integer per rank vector, in the same (lexicographic) order
        order = np.argsort(key, kind="stable")
        k = key[order]
        new = np.ones(n, dtype=bool)
        np.not_equal(k[1:], k[:-1], out=new[1:])
    else:
        order = np.lexsort(ranks.T[::-1])
        new = np.ones(n, dtype=bool)
        r = ranks[order]
        new[1:] = np.any(r[1:] != r[:-1], axis=1)
    r = ranks[order]
    if new.all():
        return points.take(order), r
    run = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    lengths = np.diff(np.append(starts, n))
    first = order[starts].copy()
    multi = np.flatnonzero(lengths > 1) if points.rows.shape[1] else ()  # no rows: all tie
    if len(multi):
        members = np.flatnonzero(lengths[run] > 1)
        rows = points.rows[order[members]]
        sub = np.lexsort((*rows.T[::-1], run[members]))
        members = members[sub]
        lead = np.ones(len(members), dtype=bool)
        lead[1:] = run[members[1:]] != run[members[:-1]]
        first[run[members[lead]]] = order[members[lead]]
    count = np.add.reduceat(points.count[order], starts)
    return PointSet(points.vals[first], points.rows[first], count), r[starts]


def _undominated_2(ranks: np.ndarray, ascending: bool = False) -> np.ndarray:
    """Mask of undominated points among distinct 2-d rank vectors (``ascending``: already in
    increasing lexicographic order, as :func:`dedupe` returns them)."""
    order = np.arange(len(ranks) - 1, -1, -1) if ascending else \
        np.lexsort((-ranks[:, 1], -ranks[:, 0]))
    second = ranks[order, 1]
    best_before = np.maximum.accumulate(np.concatenate([[-1], second[:-1]]))
    keep = np.zeros(len(ranks), dtype=bool)
    keep[order[second > best_before]] = True
    return keep


def _geq(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[i, j]: a[j] >= b[i] in every column."""
    out = a[None, :, 0] >= b[:, None, 0]
    for c in range(1, a.shape[1]):
        out &= a[None, :, c] >= b[:, None, c]
    return out


def _undominated_n(ranks: np.ndarray) -> np.ndarray:
    """Mask of undominated points among distinct rank vectors (any number of columns).

    Points are visited by decreasing rank sum (only a point with a larger sum can dominate), a
    block at a time; each block is checked against the points kept so far, the best first, so
    most dominated points drop out after the first comparisons.
    """
    n = len(ranks)
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

    Examples
    --------
    >>> p = PointSet(np.array([[1.0, 0], [0, 1], [1, 0], [0.4, 0.4], [0.5, 0.5]]),
    ...              np.array([[3], [1], [2], [0], [4]], dtype=np.int16), np.ones(5, dtype=np.int64))
    >>> f = reduce_points(p)
    >>> f.vals.tolist(), f.rows[:, 0].tolist(), f.count.tolist()
    ([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], [1, 4, 2], [1, 1, 2])
    """
    if len(points) == 0:
        return points
    points, ranks = dedupe(points, rank_columns(points.vals))
    if len(points) <= 1:
        return points
    if ranks.shape[1] == 1:
        keep = ranks[:, 0] == ranks[:, 0].max()
    elif ranks.shape[1] == 2:
        keep = _undominated_2(ranks, ascending=True)
    else:
        keep = _undominated_n(ranks)
    return points.take(keep)


def _bound_ok(vals: np.ndarray, headroom: np.ndarray | None, need: np.ndarray | None) -> np.ndarray:
    if need is None or headroom is None:
        return np.ones(len(vals), dtype=bool)
    floor = need - PRUNE_TOL
    ok = vals[:, 0] + headroom[0] >= floor[0]  # column by column: no (n, k) temporaries
    for c in range(1, vals.shape[1]):
        ok &= vals[:, c] + headroom[c] >= floor[c]
    return ok


def combine(front: PointSet, group: PointSet, headroom: np.ndarray | None = None,
            need: np.ndarray | None = None) -> PointSet:
    """The frontier of all sums of a point of ``front`` and a point of ``group``.

    ``group`` covers other issues than ``front`` (rows add up).  Sums that cannot reach ``need``
    even with ``headroom`` added (the most the groups not merged yet can add) are dropped.
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
        at = np.flatnonzero(ok)
        ia, ib = np.divmod(at, n_group)  # the sum at ia * n_group + ib is part[ia] + group[ib]
        vals = vals[at]
        cand = PointSet(vals, part.rows[ia] + group.rows[ib], part.count[ia] * group.count[ib])
        cand = reduce_points(cand)
        result = cand if result is None else reduce_points(PointSet.concat([result, cand]))
    assert result is not None
    return result


def _pairs_2(lsum: PointSet, rsum: PointSet, need: np.ndarray) -> int:
    """The pairs (left, right) whose sums clear ``need`` (two actors, below 2**62 outcomes),
    weighted by their counts: the comparisons ``right >= need - TOL - left`` of the matrix of
    all pairs, made on a fraction of it.

    The right sums are sorted by their first column (largest first) and cut into a few blocks;
    the rights a left sum clears in the first column are a prefix: the whole blocks in it are
    counted by binary search in their sorted second column, the one block it ends in by direct
    comparison."""
    if len(lsum) == 0 or len(rsum) == 0:
        return 0
    t0 = need[0] - TOL - lsum.vals[:, 0]
    t1 = need[1] - TOL - lsum.vals[:, 1]
    order = np.argsort(-rsum.vals[:, 0], kind="stable")
    r0, r1, rc = rsum.vals[order, 0], rsum.vals[order, 1], rsum.count[order]
    n = len(r0)
    prefix = n - np.searchsorted(r0[::-1], t0, side="left")  # how many rights have r0 >= t0
    size = -(-n // max(1, min(_PAIR_BLOCKS, n // 64)))
    per_left = np.zeros(len(t0), dtype=np.int64)
    for lo in range(0, n, size):
        hi = min(n, lo + size)
        whole = prefix >= hi
        if whole.any():
            at = np.argsort(r1[lo:hi], kind="stable")
            v = r1[lo:hi][at]
            tail = np.concatenate((np.cumsum(rc[lo:hi][at][::-1])[::-1], [0]))  # counts >= v[k]
            per_left[whole] += tail[np.searchsorted(v, t1[whole], side="left")]
        part = (prefix > lo) & (prefix < hi)
        if part.any():
            ok = r1[None, lo:hi] >= t1[part, None]
            ok &= np.arange(lo, hi)[None, :] < prefix[part, None]
            per_left[part] += ok.astype(np.int64) @ rc[lo:hi]
    return int(np.dot(lsum.count.astype(np.int64), per_left))


def sampled_hits(groups: list[np.ndarray], need: np.ndarray, samples: int, seed: int) -> int:
    """The hits of ``counting._sampled`` as it was: rows gathered, then summed (f6d467a)."""
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, samples, 1 << 16):
        n = min(1 << 16, samples - start)
        u = np.zeros((n, len(need)))
        for g in groups:
            u += g[rng.integers(0, len(g), size=n)]
        hits += int(np.count_nonzero(np.all(u >= need - TOL, axis=1)))
    return hits
