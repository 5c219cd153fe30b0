"""The utilitarian (max total utility) solution."""

from __future__ import annotations

import numpy as np

from negsim.solutions.select import best

__all__ = ["utilitarian_solution"]


def utilitarian_solution(utilities: np.ndarray,
        counts: np.ndarray | None = None) -> tuple[int, int]:
    """The point with the largest sum of utilities (ties: the larger smallest utility).

    Examples
    --------
    >>> utilitarian_solution(np.array([[0.9, 0.1], [0.5, 0.4], [0.45, 0.45]]))
    (0, 1)
    """
    u = np.asarray(utilities, dtype=float)
    return best(u.sum(axis=1), tiebreak=u.min(axis=1), counts=counts)
