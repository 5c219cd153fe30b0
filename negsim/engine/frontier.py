"""Exact Pareto frontiers of many points, fast: the same sets as
:func:`negsim.solutions.pareto.pareto_mask`, without a Python step per surviving point.

A row is on the frontier when no other row is at least as good in every column and strictly
better in one; equal rows are all kept.  Floats are compared exactly (no tolerance), as
``pareto_mask`` does.  Two columns are one sort and a running maximum; more columns are checked a
block of candidates at a time, in the order of decreasing sum (ties: lexicographically
decreasing), against the frontier points found so far and within the block.
"""

from __future__ import annotations

import numpy as np

__all__ = ["frontier_mask", "merge_frontier_fast"]

_BLOCK = 256  # candidates checked at once (3+ columns)
_KEPT = 2048  # frontier points compared with a block at once


def _mask_2(u: np.ndarray) -> np.ndarray:
    x, y = u[:, 0], u[:, 1]
    order = np.lexsort((-y, -x))
    xs, ys = x[order], y[order]
    n = len(xs)
    start = np.ones(n, dtype=bool)
    start[1:] = xs[1:] != xs[:-1]
    group = np.cumsum(start) - 1
    firsts = np.flatnonzero(start)
    top = ys[firsts][group]  # the best second column among rows with the same first column
    run = np.maximum.accumulate(ys)
    before = np.concatenate(([-np.inf], run[firsts[1:] - 1]))[group]  # rows with larger first
    dominated = (before >= ys) | (top > ys)
    mask = np.zeros(n, dtype=bool)
    mask[order[~dominated]] = True
    return mask


def _dominated_by(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[i]: some row of ``a`` dominates row i of ``b``."""
    geq = a[None, :, 0] >= b[:, None, 0]
    gt = a[None, :, 0] > b[:, None, 0]
    for c in range(1, a.shape[1]):
        geq &= a[None, :, c] >= b[:, None, c]
        gt |= a[None, :, c] > b[:, None, c]
    return (geq & gt).any(axis=1)


def _mask_n(u: np.ndarray) -> np.ndarray:
    n, k = u.shape
    order = np.lexsort(tuple(-u[:, j] for j in reversed(range(k))) + (-u.sum(axis=1),))
    v = u[order]
    kept = np.empty_like(v)
    n_kept = 0
    keep = np.zeros(n, dtype=bool)
    for lo in range(0, n, _BLOCK):
        block = np.arange(lo, min(n, lo + _BLOCK))
        for s in range(0, n_kept, _KEPT):
            if not len(block):
                break
            block = block[~_dominated_by(kept[s:min(n_kept, s + _KEPT)], v[block])]
        if len(block) > 1:
            block = block[~_dominated_by(v[block], v[block])]
        keep[order[block]] = True
        kept[n_kept:n_kept + len(block)] = v[block]
        n_kept += len(block)
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
    if u.shape[1] == 1:
        return u[:, 0] == u[:, 0].max()
    if u.shape[1] == 2:
        return _mask_2(u)
    return _mask_n(u)


def merge_frontier_fast(front_u: np.ndarray, front_ids: np.ndarray, new_u: np.ndarray,
                        new_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~negsim.solutions.pareto.merge_frontier` with :func:`frontier_mask`."""
    u = np.concatenate([front_u, new_u]) if len(front_u) else new_u
    ids = np.concatenate([front_ids, new_ids]) if len(front_ids) else new_ids
    if len(u) == 0:
        return u, ids
    keep = frontier_mask(u)
    return u[keep], ids[keep]
