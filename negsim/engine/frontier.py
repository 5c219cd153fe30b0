"""Exact Pareto frontiers of many points, fast: the same sets as
:func:`negsim.solutions.pareto.pareto_mask`, without a Python step per surviving point.

A row is on the frontier when no other row is at least as good in every column and strictly
better in one; equal rows are all kept.  Floats are compared exactly (no tolerance), as
``pareto_mask`` does.  More than ``_PIVOT_FROM`` rows are first screened by a few pivot rows.  Few
rows left (``_PAIRS_2`` with two columns, ``_ALL_PAIRS_N`` with more) are compared all pairs at
once, which costs a handful of numpy calls; more rows, with two columns, are one sort and a running
maximum; with more columns they are checked a batch of candidates at a time, those of largest sum:
the batch's undominated rows are frontier points and remove every row they dominate at once.
"""

from __future__ import annotations

import numpy as np

__all__ = ["frontier_mask"]

_FIRST = 4  # candidates decided in the first step (3+ columns); the batch doubles up to _BLOCK
_BLOCK = 256
_PIVOT_FROM = 64  # more rows than this are first screened by a few pivots
_PAIRS = 1 << 14  # comparisons formed at once (small temporaries stay in the allocator's heap)
# Up to these many rows (after the pivots) all pairs are compared at once: the crossovers measured
# against the sort (two columns) and the batches (three to six columns) on random trade-offs;
# past them the n x n temporaries leave the cache.
_ALL_PAIRS_2 = 128
_ALL_PAIRS_N = 320


def _mask_2(u: np.ndarray) -> np.ndarray:
    """Two columns: one sort by the first and a running maximum of the second.  A row with a
    not-a-number value is compared with nothing (kept, and dominating no other)."""
    bad = np.isnan(u).any(axis=1)
    if bad.any():
        mask = np.ones(len(u), dtype=bool)
        mask[~bad] = _mask_2(u[~bad]) if not bad.all() else mask[:0]
        return mask
    x, y = u[:, 0], u[:, 1]
    order = np.argsort(-x, kind="stable")
    xs, ys = x[order], y[order]
    n = len(xs)
    start = np.ones(n, dtype=bool)
    start[1:] = xs[1:] != xs[:-1]
    group = np.cumsum(start) - 1
    firsts = np.flatnonzero(start)
    top = np.maximum.reduceat(ys, firsts)  # the best second column among equal first columns
    before = np.concatenate(([-np.inf], np.maximum.accumulate(top)[:-1]))  # larger first column
    dominated = (before[group] >= ys) | (top[group] > ys)
    mask = np.zeros(n, dtype=bool)
    mask[order[~dominated]] = True
    return mask


def _pivot_filter(u: np.ndarray) -> np.ndarray:
    """Rows no pivot (the best row of each column and of the sum) dominates: a superset of the
    frontier, found with a few comparisons per row (all pivots at once up to ``_PAIRS`` rows)."""
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: an inf sum still orders
        total = u.sum(axis=1)
    at = sorted({*u.argmax(axis=0).tolist(), int(total.argmax())})
    if len(u) <= _PAIRS:
        cols = u.T.copy()  # contiguous columns: the comparisons run several times faster
        piv = cols[:, at, None]  # [c, p, 1]
        geq = (piv >= cols[:, None, :]).all(axis=0)  # [p, i]: p at least as good as i everywhere
        leq = (piv <= cols[:, None, :]).all(axis=0)  # ... and i as p (then they are equal)
        return ~(geq > leq).any(axis=0)
    cols = [u[:, c] for c in range(u.shape[1])]
    left = np.ones(len(u), dtype=bool)
    for p in at:
        geq = cols[0] <= u[p, 0]  # p at least as good as the row in every column ...
        gt = cols[0] < u[p, 0]  # ... and better in one
        for c in range(1, u.shape[1]):
            geq &= cols[c] <= u[p, c]
            gt |= cols[c] < u[p, c]
        left &= ~(geq & gt)
    return left


def _mask_pairs(u: np.ndarray) -> np.ndarray:
    """Every pair compared at once: ``geq[i, j]`` when row j is at least as good as row i in
    every column; j dominates i when that holds and its converse does not."""
    cols = u.T.copy()
    c0 = cols[0]
    geq = c0 >= c0[:, None]
    for c in range(1, len(cols)):
        cc = cols[c]
        geq &= cc >= cc[:, None]
    return ~(geq > geq.T).any(axis=1)


def _dominated_by(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[i]: some row of ``a`` dominates row i of ``b`` (compared in pieces of ``_PAIRS``)."""
    out = np.zeros(len(b), dtype=bool)
    step = max(1, _PAIRS // max(1, len(a)))
    for lo in range(0, len(b), step):
        bb = b[lo:lo + step]
        geq = a[None, :, 0] >= bb[:, None, 0]
        gt = a[None, :, 0] > bb[:, None, 0]
        for c in range(1, a.shape[1]):
            geq &= a[None, :, c] >= bb[:, None, c]
            gt |= a[None, :, c] > bb[:, None, c]
        out[lo:lo + step] = (geq & gt).any(axis=1)
    return out


def _mask_n(u: np.ndarray) -> np.ndarray:
    """Best first.  A row can only be dominated by one with at least its (floating-point) sum:
    the undecided rows with the largest sums (all those tied with the last one too) are checked
    among themselves, since every row that could dominate one of them is among them or decided
    already; the ones left are on the frontier and remove every undecided row they dominate.
    The batch doubles while rows survive; the undecided rows are compacted as they go."""
    n, k = u.shape
    with np.errstate(over="ignore", invalid="ignore"):  # an overflowing sum is +-inf: monotone
        sums = u.sum(axis=1)
    idx = np.arange(n)  # undecided rows
    vals, sums_left = u, sums
    keep = np.zeros(n, dtype=bool)
    batch = _FIRST
    while len(idx):
        if len(idx) > batch:
            threshold = np.partition(sums_left, len(idx) - batch)[len(idx) - batch]
            top = sums_left >= threshold
        else:
            top = np.ones(len(idx), dtype=bool)
        cand = vals[top]
        on = ~_dominated_by(cand, cand) if len(cand) > 1 else np.ones(len(cand), dtype=bool)
        keep[idx[top][on]] = True
        rest = ~top
        if rest.any():
            rest[rest] = ~_dominated_by(cand[on], vals[rest])
        idx, vals, sums_left = idx[rest], vals[rest], sums_left[rest]
        batch = min(_BLOCK, batch * 2)
    return keep


def frontier_mask(utilities: np.ndarray) -> np.ndarray:
    """Which rows are Pareto-optimal (exactly :func:`~negsim.solutions.pareto.pareto_mask`).

    Examples
    --------
    >>> frontier_mask(np.array([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4], [1, 0]])).tolist()
    [True, True, True, False, True]
    >>> frontier_mask(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0.5]])).tolist()
    [True, True, True, False]
    """
    u = np.asarray(utilities, dtype=float)
    n = len(u)
    if n == 0:
        return np.zeros(0, dtype=bool)
    if n == 1 or u.shape[1] == 0:
        return np.ones(n, dtype=bool)
    if u.shape[1] == 1:  # the largest values (not a number is never compared)
        col = u[:, 0]
        real = col[col == col]
        return ~(col < real.max()) if len(real) else np.ones(n, dtype=bool)
    if n > _PIVOT_FROM:
        left = np.flatnonzero(_pivot_filter(u))
        if len(left) < n:
            mask = np.zeros(n, dtype=bool)
            mask[left] = frontier_mask(u[left])
            return mask
    return _mask_small(u)


def _mask_small(u: np.ndarray) -> np.ndarray:
    """The frontier mask of rows already screened (at least one row, two or more columns)."""
    if len(u) <= (_ALL_PAIRS_2 if u.shape[1] == 2 else _ALL_PAIRS_N):
        return _mask_pairs(u)
    return _mask_2(u) if u.shape[1] == 2 else _mask_n(u)
