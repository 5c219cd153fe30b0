"""Lemke–Howson with a cap on the number of pivots.

nashpy's :func:`nashpy.algorithms.lemke_howson.lemke_howson` has no iteration cap and can cycle
forever on degenerate games (for instance from some labels of the 4x4 game
``A=[[-3,-7,-7,6],[8,8,4,-7],[8,-9,-4,-4],[5,-7,9,-6]]``,
``B=[[7,2,-5,-1],[-7,-1,4,-6],[9,3,-3,-4],[5,-2,8,-1]]``).  This is the same algorithm
(Nisan et al. 2007, Algorithm 3.6, nashpy's tableaux and integer pivoting) that stops after
``max_steps`` pivots and says so by returning ``None``.
"""

from __future__ import annotations

from itertools import cycle

import numpy as np
from nashpy.linalg import create_col_tableau, create_row_tableau

from negsim.limits import MAX_LEMKE_HOWSON_STEPS

__all__ = ["lemke_howson_capped"]


def lemke_howson_capped(A: np.ndarray, B: np.ndarray, initial_dropped_label: int = 0,
                        max_steps: int = MAX_LEMKE_HOWSON_STEPS
                        ) -> tuple[np.ndarray, np.ndarray] | None:
    """The equilibrium Lemke–Howson reaches from ``initial_dropped_label``, or ``None`` if it
    did not reach one within ``max_steps`` pivots (or reached a malformed one).

    ``A`` and ``B`` should have strictly positive entries (shift them first).

    Examples
    --------
    >>> x, y = lemke_howson_capped(np.array([[4.0, 1.0], [1.0, 3.0]]),
    ...                            np.array([[3.0, 1.0], [1.0, 4.0]]))
    >>> [round(float(p), 6) for p in x], [round(float(p), 6) for p in y]
    ([1.0, 0.0], [1.0, 0.0])
    """
    col_tableau = create_col_tableau(A, True)
    row_tableau = create_row_tableau(B, True)
    if initial_dropped_label in row_tableau.non_basic_variables:
        tableaux = cycle((row_tableau, col_tableau))
    else:
        tableaux = cycle((col_tableau, row_tableau))
    full_labels = col_tableau.labels
    entering = initial_dropped_label
    for _ in range(max_steps):
        entering = next(tableaux).pivot_and_drop_label(entering)
        if col_tableau.non_basic_variables.union(row_tableau.non_basic_variables) == full_labels:
            break
    else:
        return None
    x = row_tableau.to_strategy(col_tableau.non_basic_variables)
    y = col_tableau.to_strategy(row_tableau.non_basic_variables)
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        return None
    return x, y
