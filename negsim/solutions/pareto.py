"""Pareto frontiers of finite sets of utility vectors."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["pareto_mask", "merge_frontier", "dominated_in_runs"]

_PAIRS = 1 << 22  # comparisons made at once by dominated_in_runs


def dominated_in_runs(values: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """Which rows another row of the same run Pareto-dominates (at least as good in every
    column, strictly better in one); ``runs`` labels each row's run (a draw, say), sorted.

    This is the frontier of many sets at once: ``~dominated_in_runs(u, runs)`` restricted to a
    run is :func:`pareto_mask` of that run's rows.  Every pair of a run is compared (in batches of
    at most 4M comparisons), so use it for small runs.

    Examples
    --------
    >>> dominated_in_runs(np.array([[1, 0], [0.5, 0], [0, 1], [1, 1]]),
    ...                   np.array([0, 0, 1, 1])).tolist()
    [False, True, True, False]
    """
    vals = np.asarray(values, dtype=float)
    runs = np.asarray(runs)
    n = len(vals)
    out = np.zeros(n, dtype=bool)
    if n == 0:
        return out
    bounds = np.flatnonzero(np.diff(runs)) + 1
    g_start = np.concatenate(([0], bounds))
    g_len = np.diff(np.concatenate((g_start, [n])))
    grp = np.repeat(np.arange(len(g_start)), g_len)
    n_cmp = g_len[grp]
    lo = 0
    while lo < n:  # batches of at most _PAIRS comparisons (at least one row)
        hi = lo + max(1, int(np.searchsorted(np.cumsum(n_cmp[lo:]), _PAIRS, side="right")))
        k = n_cmp[lo:hi]
        offsets = np.concatenate(([0], np.cumsum(k)[:-1]))
        cand = np.repeat(np.arange(lo, hi), k)
        other = np.repeat(g_start[grp[lo:hi]] - offsets, k) + np.arange(int(k.sum()))
        a, b = vals[other].T, vals[cand].T
        dom = np.all(a >= b, axis=0) & np.any(a > b, axis=0)
        out[lo:hi] = np.logical_or.reduceat(dom, offsets)
        lo = hi
    return out


def pareto_mask(utilities: np.ndarray, runs: np.ndarray | None = None) -> np.ndarray:
    """Which rows are Pareto-optimal: no other row is at least as good for every actor and
    strictly better for one.  Rows with equal utilities are all kept.

    Parameters
    ----------
    utilities : ndarray, shape (n_points, n_actors)
    runs : ndarray, shape (n_points,), optional
        Sorted labels of several sets laid end to end (the draws of an ensemble): then each set's
        own frontier (see :func:`dominated_in_runs`).

    Returns
    -------
    ndarray of bool, shape (n_points,)

    Examples
    --------
    >>> pareto_mask(np.array([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4], [1, 0]])).tolist()
    [True, True, True, False, True]
    """
    u = np.asarray(utilities, dtype=float)
    if runs is not None:
        return ~dominated_in_runs(u, runs)
    n = len(u)
    if n == 0:
        return np.zeros(0, dtype=bool)
    # Visit points from the highest sum down: a point can only be dominated by one with a larger
    # sum, so each survivor removes, in one vectorised step, everything it dominates.
    with np.errstate(over="ignore", invalid="ignore"):  # an overflowing sum is +-inf: monotone
        total = u.sum(axis=1)
    order = np.lexsort(tuple(-u[:, j] for j in reversed(range(u.shape[1]))) + (-total,))
    u_sorted = u[order]
    alive = np.ones(n, dtype=bool)
    for i in range(n):
        if not alive[i]:
            continue
        rest = alive.copy()
        rest[: i + 1] = False
        cand = np.flatnonzero(rest)
        if len(cand) == 0:
            break
        sub = u_sorted[cand]
        dominated = np.all(sub <= u_sorted[i], axis=1) & np.any(sub < u_sorted[i], axis=1)
        alive[cand[dominated]] = False
    mask = np.zeros(n, dtype=bool)
    mask[order[alive]] = True
    return mask


def merge_frontier(front_u: np.ndarray, front_ids: np.ndarray, new_u: np.ndarray,
                   new_ids: np.ndarray, mask: Callable[[np.ndarray], np.ndarray] = pareto_mask
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The frontier of the union of a frontier and new points (ids travel with their rows);
    ``mask`` finds it (``pareto_mask``, or an exact equivalent such as
    :func:`negsim.engine.frontier.frontier_mask`)."""
    u = np.concatenate([front_u, new_u]) if len(front_u) else new_u
    ids = np.concatenate([front_ids, new_ids]) if len(front_ids) else new_ids
    if len(u) == 0:
        return u, ids
    keep = mask(u)
    return u[keep], ids[keep]
