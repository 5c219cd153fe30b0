"""Pareto frontiers of finite sets of utility vectors."""

from __future__ import annotations

import numpy as np

__all__ = ["pareto_mask", "merge_frontier"]


def pareto_mask(utilities: np.ndarray) -> np.ndarray:
    """Which rows are Pareto-optimal: no other row is at least as good for every actor and
    strictly better for one.  Rows with equal utilities are all kept.

    Parameters
    ----------
    utilities : ndarray, shape (n_points, n_actors)

    Returns
    -------
    ndarray of bool, shape (n_points,)

    Examples
    --------
    >>> pareto_mask(np.array([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4], [1, 0]])).tolist()
    [True, True, True, False, True]
    """
    u = np.asarray(utilities, dtype=float)
    n = len(u)
    if n == 0:
        return np.zeros(0, dtype=bool)
    # Visit points from the highest sum down: a point can only be dominated by one with a larger
    # sum, so each survivor removes, in one vectorised step, everything it dominates.
    order = np.lexsort(tuple(-u[:, j] for j in reversed(range(u.shape[1]))) + (-u.sum(axis=1),))
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
                   new_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The frontier of the union of a frontier and new points (ids travel with their rows)."""
    u = np.concatenate([front_u, new_u]) if len(front_u) else new_u
    ids = np.concatenate([front_ids, new_ids]) if len(front_ids) else new_ids
    if len(u) == 0:
        return u, ids
    keep = pareto_mask(u)
    return u[keep], ids[keep]
