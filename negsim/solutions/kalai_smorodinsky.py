"""The Kalai–Smorodinsky bargaining solution on a finite set."""

from __future__ import annotations

import numpy as np

from negsim.solutions.select import best

__all__ = ["kalai_smorodinsky_solution"]


def kalai_smorodinsky_solution(utilities: np.ndarray, disagreement: np.ndarray,
        counts: np.ndarray | None = None) -> tuple[int, int]:
    """The point whose smallest gain, as a share of each actor's ideal gain, is largest.

    The ideal gain of an actor is the most it gets from any point of the set.  On a continuous
    frontier this is the point on the line from the disagreement point to the ideal point.  Actors
    whose ideal gain is 0 are left out of the comparison.

    Examples
    --------
    >>> x = np.linspace(0, 1, 100001)
    >>> i, _ = kalai_smorodinsky_solution(np.column_stack([np.sqrt(x), 1 - x]), np.zeros(2))
    >>> round(float(x[i]), 3), round((3 - 5 ** 0.5) / 2, 3)
    (0.382, 0.382)
    """
    u = np.asarray(utilities, dtype=float)
    gains = u - np.asarray(disagreement, dtype=float)
    ideal = gains.max(axis=0)
    active = ideal > 0
    if not np.any(active):
        return best(gains.sum(axis=1), counts=counts)
    ratios = gains[:, active] / ideal[active]
    return best(ratios.min(axis=1), tiebreak=ratios.sum(axis=1), counts=counts)
