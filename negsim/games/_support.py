"""Support enumeration with tolerances (private; used by :mod:`negsim.games.normal_form`).

nashpy 0.0.43's support enumeration accepts an indifference solution only if every probability
is ``>= 0`` exactly, so a round-off value such as ``-1e-17`` for a strategy outside the support
makes it miss equilibria of generic float games (for instance the 3x3 game drawn from
``numpy.random.default_rng(0).uniform(-1, 1)``).  This is the same algorithm (Nisan et al. 2007,
Algorithm 3.4: equal-size supports, solve the indifference equations, keep best replies) with a
tolerance on signs and on the best-reply test.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import numpy as np


def _indifferent(M: np.ndarray) -> np.ndarray | None:
    """Probabilities p (length k) with M @ p constant; M is k x k.  None if singular."""
    k = M.shape[0]
    lhs = np.zeros((k + 1, k + 1))
    lhs[:k, :k] = M
    lhs[:k, k] = -1.0
    lhs[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        sol = np.linalg.solve(lhs, rhs)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(sol)) or sol[:k].min() < -1e-12 or np.linalg.cond(lhs) > 1e12:
        return None  # the (costly) condition number only for a candidate that passes the signs
    return sol[:k]


def support_enumeration(A: np.ndarray, B: np.ndarray,
                        eps: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield the equilibria whose supports have equal size (all of them if non-degenerate)."""
    m, n = A.shape
    for k in range(1, min(m, n) + 1):
        for rows in combinations(range(m), k):
            for cols in combinations(range(n), k):
                y_sub = _indifferent(A[np.ix_(rows, cols)])
                if y_sub is None:
                    continue
                x_sub = _indifferent(B[np.ix_(rows, cols)].T)
                if x_sub is None:
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[list(rows)] = np.clip(x_sub, 0.0, None)
                y[list(cols)] = np.clip(y_sub, 0.0, None)
                x, y = x / x.sum(), y / y.sum()
                if (A @ y).max() <= x @ A @ y + eps and (x @ B).max() <= x @ B @ y + eps:
                    yield x, y
