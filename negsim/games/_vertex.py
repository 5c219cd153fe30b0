"""Vertex enumeration with a work bound (private; used by :mod:`negsim.games.normal_form`).

nashpy 0.0.43's ``vertex_enumeration`` (Nisan et al. 2007, Algorithm 3.5) rebuilds the column
player's best-response polytope (a qhull halfspace intersection) once for every vertex of the row
player's, which made a degenerate 12 x 12 game take many seconds.  This is the same algorithm with
each polytope's vertices computed once, and the pairs of vertices checked for complete labels
bounded by :data:`negsim.limits.MAX_VERTEX_PAIRS`.
"""

from __future__ import annotations

import numpy as np
from nashpy.polytope import build_halfspaces, non_trivial_vertices

from negsim.limits import MAX_VERTEX_PAIRS


def vertex_pairs(A: np.ndarray, B: np.ndarray) -> tuple[list[tuple[np.ndarray, np.ndarray]],
                                                          int]:
    """The equilibria at fully labelled vertex pairs and the number of vertex pairs.

    ``A`` and ``B`` must be strictly positive.  When the two polytopes have more than
    ``MAX_VERTEX_PAIRS`` pairs of vertices, nothing is checked and the list is empty (the caller
    says so)."""
    m, n = A.shape
    full = set(range(m + n))
    rows = [(v, {(label + m) % (m + n) for label in labels})
            for v, labels in non_trivial_vertices(build_halfspaces(B.T))]
    cols = list(non_trivial_vertices(build_halfspaces(A)))
    pairs = len(rows) * len(cols)
    if pairs > MAX_VERTEX_PAIRS:
        return [], pairs
    out = [(rv / rv.sum(), cv / cv.sum()) for rv, rl in rows for cv, cl in cols
           if rl | set(cl) == full]
    return out, pairs
