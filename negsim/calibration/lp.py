"""The linear programs behind calibration: most robust margin, ranges, and conflicting subsets.

One actor's recorded responses, with its demands fixed, are linear in its parameters ``x`` (the
weight shares, which sum to 1, then optionally a reservation shift):

    accept:  a · x + c >= 0          reject:  a · x + c <= -EPS

(the margin of a response is ``a · x + c``; a reject needs a margin strictly below zero, which
``EPS`` makes a closed constraint).  Everything here is a small LP solved by HiGHS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

__all__ = ["Rows", "EPS", "SHIFT_BOUND", "feasible", "max_margin", "closest", "ranges", "conflicting_subset"]

EPS = 1e-6
"""How far below zero a rejection's margin must be (well above the verdicts' 1e-9 tolerance and
the solver's 1e-7 feasibility tolerance)."""

SHIFT_BOUND = 1.0
"""A fitted reservation shift lies in [-SHIFT_BOUND, SHIFT_BOUND]."""

T_CAP = 10.0
"""Upper bound on the margin, so that an unconstrained margin stays finite."""


@dataclass(frozen=True, eq=False)
class Rows:
    """The constraints of one actor: ``a`` (m × n), ``c`` (m), ``accept`` (m bools), the bounds
    of each variable and the number of weight variables (the first ``n_weights`` sum to 1)."""

    a: np.ndarray
    c: np.ndarray
    accept: np.ndarray
    bounds: tuple[tuple[float, float], ...]
    n_weights: int

    def subset(self, keep: np.ndarray) -> Rows:
        return Rows(self.a[keep], self.c[keep], self.accept[keep], self.bounds, self.n_weights)

    @property
    def n(self) -> int:
        return self.a.shape[1]


def _solve(cost: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray, rows: Rows,
           extra_bounds: tuple[tuple[float | None, float | None], ...] = ()):
    n_total = len(cost)
    a_eq = np.zeros((1, n_total))
    a_eq[0, :rows.n_weights] = 1.0
    bounds = list(rows.bounds) + list(extra_bounds)
    res = linprog(cost, A_ub=a_ub if len(a_ub) else None, b_ub=b_ub if len(b_ub) else None,
                  A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
    return res


def _feasibility_system(rows: Rows) -> tuple[np.ndarray, np.ndarray]:
    """A_ub x <= b_ub for: accept a·x + c >= 0, reject a·x + c <= -EPS."""
    sign = np.where(rows.accept, -1.0, 1.0)
    a_ub = sign[:, None] * rows.a
    b_ub = np.where(rows.accept, rows.c, -rows.c - EPS)
    return a_ub, b_ub


def feasible(rows: Rows) -> bool:
    """Whether some parameters reproduce every response in ``rows``."""
    a_ub, b_ub = _feasibility_system(rows)
    res = _solve(np.zeros(rows.n), a_ub, b_ub, rows)
    if res.status not in (0, 2):  # pragma: no cover - bounded, small problems
        raise RuntimeError(f"linprog failed: {res.message}")
    return res.status == 0


def max_margin(rows: Rows) -> tuple[np.ndarray, float] | None:
    """Parameters with the largest margin ``t``: accepts at ``>= t``, rejects at ``<= -t``.

    If the largest common margin is below ``EPS`` (some acceptance can only be reproduced at a
    margin of exactly zero), accepts are held at ``>= 0`` and the rejections' margin maximised.
    Returns ``None`` when no parameters reproduce the responses.
    """
    if not feasible(rows):
        return None
    sign = np.where(rows.accept, -1.0, 1.0)
    a_ub = np.hstack([sign[:, None] * rows.a, np.ones((len(rows.c), 1))])
    b_ub = np.where(rows.accept, rows.c, -rows.c)
    cost = np.zeros(rows.n + 1)
    cost[-1] = -1.0
    res = _solve(cost, a_ub, b_ub, rows, ((-T_CAP, T_CAP),))
    if res.status == 0 and -res.fun >= EPS:
        return res.x[:-1], float(-res.fun)
    col = np.where(rows.accept, 0.0, 1.0)[:, None]
    a_ub = np.hstack([sign[:, None] * rows.a, col])
    res = _solve(cost, a_ub, b_ub, rows, ((-T_CAP, T_CAP),))
    if res.status != 0:  # pragma: no cover - feasible above
        raise RuntimeError(f"linprog failed: {res.message}")
    return res.x[:-1], 0.0


def closest(rows: Rows, margin: float, target: np.ndarray) -> np.ndarray | None:
    """Among parameters with accepts at ``>= margin`` (0 if margin < EPS) and rejects at
    ``<= -max(margin, EPS)``, those nearest ``target`` in L1 distance (``None`` if the solver
    finds none, which only rounding can cause)."""
    n = rows.n
    sign = np.where(rows.accept, -1.0, 1.0)
    t_acc = margin if margin >= EPS else 0.0
    t_rej = max(margin, EPS)
    # shrink the margin a hair so that the optimum of max_margin stays feasible
    t_acc, t_rej = t_acc * (1 - 1e-7), max(t_rej * (1 - 1e-7), EPS)
    a_ub = np.hstack([sign[:, None] * rows.a, np.zeros((len(rows.c), n))])
    b_ub = np.where(rows.accept, rows.c - t_acc, -rows.c - t_rej)
    eye = np.eye(n)
    a_dev = np.vstack([np.hstack([eye, -eye]), np.hstack([-eye, -eye])])
    b_dev = np.concatenate([target, -target])
    cost = np.concatenate([np.zeros(n), np.ones(n)])
    res = _solve(cost, np.vstack([a_ub, a_dev]), np.concatenate([b_ub, b_dev]), rows,
                 tuple((0.0, None) for _ in range(n)))
    return res.x[:n] if res.status == 0 else None


def ranges(rows: Rows) -> list[tuple[float, float]]:
    """For each parameter, its least and greatest value over all that reproduce the responses."""
    a_ub, b_ub = _feasibility_system(rows)
    out = []
    for j in range(rows.n):
        ends = []
        for direction in (1.0, -1.0):
            cost = np.zeros(rows.n)
            cost[j] = direction
            res = _solve(cost, a_ub, b_ub, rows)
            if res.status != 0:  # pragma: no cover - called on feasible systems only
                raise RuntimeError(f"linprog failed: {res.message}")
            ends.append(float(res.x[j]))
        out.append((ends[0], ends[1]))
    return out


def conflicting_subset(rows: Rows) -> list[int]:
    """An irreducible infeasible subset of the responses (deletion filter), as row indices.

    Every response in it is needed for the conflict: drop any one and the rest can be
    reproduced.  Call it only when ``feasible(rows)`` is false.
    """
    keep = np.ones(len(rows.c), dtype=bool)
    for i in range(len(rows.c)):
        keep[i] = False
        if feasible(rows.subset(keep)):
            keep[i] = True
    return [int(i) for i in np.flatnonzero(keep)]
