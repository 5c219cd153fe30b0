"""The egalitarian (max-min gain) bargaining solution."""

from __future__ import annotations

import numpy as np

from negsim.solutions.select import best

__all__ = ["egalitarian_solution"]


def egalitarian_solution(utilities: np.ndarray, disagreement: np.ndarray,
        counts: np.ndarray | None = None) -> tuple[int, int]:
    """The point whose smallest gain over the disagreement point is largest (ties: larger total).

    Examples
    --------
    >>> egalitarian_solution(np.array([[0.9, 0.1], [0.5, 0.4], [0.45, 0.45]]), np.zeros(2))
    (2, 1)
    """
    gains = np.asarray(utilities, dtype=float) - np.asarray(disagreement, dtype=float)
    return best(gains.min(axis=1), tiebreak=gains.sum(axis=1), counts=counts)
