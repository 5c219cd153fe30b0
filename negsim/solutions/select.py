"""Choosing the best point of a finite set, with ties counted rather than hidden.

One rule, for one set (:func:`best`) or for many sets laid end to end (:func:`best_in_runs`, the
ensemble's draws): scores within ``TIE_TOL`` of the top (relative to max(1, |top|)) tie; among
them the highest tiebreak (within ``TIE_TOL``) wins, then the lowest index.  The same rule ranks a
whole list (:func:`tie_ranks`, the order of the deal table).
"""

from __future__ import annotations

import math

import numpy as np

from negsim.tolerances import TIE_TOL

__all__ = ["best", "best_in_runs", "tie_ranks", "TIE_TOL"]


def _tie_floor(top: np.ndarray | float) -> np.ndarray | float:
    """The lowest score that ties with ``top``: within ``TIE_TOL`` relative to max(1, |top|);
    everything ties with a top that is not finite (the one tolerance of this module).  A float
    ``top`` gives a float (the same double operations, without numpy's per-call cost)."""
    if isinstance(top, float):
        return top - TIE_TOL * max(1.0, abs(top)) if math.isfinite(top) else -math.inf
    top = np.asarray(top, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(top), top - TIE_TOL * np.maximum(1.0, np.abs(top)), -np.inf)


def best_in_runs(score: np.ndarray, tiebreak: np.ndarray | None, starts: np.ndarray,
                 lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per run ``starts[k]:starts[k] + lens[k]`` of points (runs non-empty, laid end to end): the
    index of the point chosen, and a mask of every point that ties with it (score and tiebreak).

    A run whose top score is not finite (every point scores -inf) ties all its points.

    Examples
    --------
    >>> first, tied = best_in_runs(np.array([1.0, 3.0, 3.0, 2.0, -np.inf]),
    ...                            np.array([0.0, 1.0, 2.0, 0.0, 0.0]),
    ...                            np.array([0, 3]), np.array([3, 2]))
    >>> first.tolist(), tied.tolist()
    ([2, 3], [False, False, True, True, False])
    """
    top = np.maximum.reduceat(score, starts)  # per run; thresholds are made per run too
    tied = score >= np.repeat(_tie_floor(top), lens)  # all of a run's points when its top is -inf
    if tiebreak is not None:
        tb = np.where(tied, tiebreak, -np.inf)
        tied &= tb >= np.repeat(np.maximum.reduceat(tb, starts) - TIE_TOL, lens)
    pos = np.where(tied, np.arange(len(score)), len(score))
    return np.minimum.reduceat(pos, starts), tied


def best(score: np.ndarray, tiebreak: np.ndarray | None = None,
         counts: np.ndarray | None = None) -> tuple[int, int]:
    """Index of the highest ``score`` and how many points tie for it (within ``TIE_TOL``).

    Among tied points the highest ``tiebreak`` wins, then the lowest index, so the choice is
    deterministic.  ``counts`` (optional) says how many outcomes each point stands for; ties
    are then counted in outcomes (tied on the score, whatever their tiebreak).

    Examples
    --------
    >>> best(np.array([1.0, 2.0, 2.0 - 1e-12]), tiebreak=np.array([0.0, 0.0, 1.0]))
    (2, 2)
    """
    score = np.asarray(score, dtype=float)
    n = len(score)
    if n == 0:
        raise ValueError("no points to choose from")
    # best_in_runs of one run, written out: the same comparisons, a fraction of the calls
    tied = score >= _tie_floor(float(score.max()))
    chosen = tied
    if tiebreak is not None:
        tb = np.where(tied, np.asarray(tiebreak, dtype=float), -np.inf)
        chosen = tied & (tb >= float(tb.max()) - TIE_TOL)
    first = int(np.argmax(chosen))
    if not chosen[first]:  # nothing chosen (a nan top): past the end, as best_in_runs says
        first = n
    n_tied = int(np.count_nonzero(tied)) if counts is None else int(sum(counts[tied]))
    return first, n_tied


def tie_ranks(values: np.ndarray) -> np.ndarray:
    """Dense ranks of ``values``, highest first, where neighbours (in sorted order) within
    ``TIE_TOL`` (relative to max(1, |v|)) share a rank: the tie tolerance of :func:`best_in_runs`
    applied down a whole list, so a float artefact (1/3 summed as 0.333333333334 or
    0.333333333333) never decides an order.

    Examples
    --------
    >>> tie_ranks(np.array([0.5, 1/3 + 1e-12, 1/3, 0.9])).tolist()
    [1, 2, 2, 0]
    """
    v = np.asarray(values, dtype=float)
    order = np.argsort(-v)  # equal values share a rank, so their order among them is moot
    s = v[order]
    gap = s[1:] < _tie_floor(s[:-1])  # a new rank where a value falls below its neighbour's ties
    ranks = np.empty(len(v), dtype=np.int64)
    ranks[order] = np.concatenate(([0], np.cumsum(gap)))[: len(v)]
    return ranks
