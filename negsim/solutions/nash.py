"""The Nash bargaining solution, symmetric and asymmetric."""

from __future__ import annotations

import numpy as np

from negsim.solutions.select import best

__all__ = ["nash_solution"]


def nash_solution(utilities: np.ndarray, disagreement: np.ndarray,
                  weights: np.ndarray | None = None,
                  counts: np.ndarray | None = None) -> tuple[int, int]:
    """The point that maximises the (weighted) Nash product Π (u_i − d_i)^w_i.

    Points where some actor gains nothing have product 0; if every point is like that, the one
    with the largest total gain is returned.

    Parameters
    ----------
    utilities : ndarray, shape (n_points, n_actors)
    disagreement : ndarray, shape (n_actors,)
    weights : ndarray, shape (n_actors,), optional
        Bargaining powers; equal by default (the symmetric solution).

    Returns
    -------
    (index, ties) : the chosen row and how many rows tie for it.

    Examples
    --------
    >>> x = np.linspace(0, 1, 10001)
    >>> i, _ = nash_solution(np.column_stack([np.sqrt(x), 1 - x]), np.zeros(2))
    >>> round(float(x[i]), 3)
    0.333
    """
    u = np.asarray(utilities, dtype=float)
    gains = u - np.asarray(disagreement, dtype=float)
    w = np.ones(u.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(gains > 0, np.log(np.where(gains > 0, gains, 1.0)), -np.inf)
    score = np.where(np.all(gains > 0, axis=1), logs @ w, -np.inf)
    return best(score, tiebreak=gains.sum(axis=1), counts=counts)
