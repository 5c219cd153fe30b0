"""Choosing the best point of a finite set, with ties counted rather than hidden."""

from __future__ import annotations

import numpy as np

TIE_TOL = 1e-9


def best(score: np.ndarray, tiebreak: np.ndarray | None = None,
         counts: np.ndarray | None = None) -> tuple[int, int]:
    """Index of the highest ``score`` and how many points tie for it (within 1e-9).

    Among tied points the highest ``tiebreak`` wins, then the lowest index, so the choice is
    deterministic.  ``counts`` (optional) says how many outcomes each point stands for; ties
    are then counted in outcomes.
    """
    if len(score) == 0:
        raise ValueError("no points to choose from")
    top = np.max(score)
    if np.isneginf(top):
        tied = np.ones(len(score), dtype=bool)
    else:
        tied = score >= top - TIE_TOL * max(1.0, abs(float(top)))
    candidates = np.flatnonzero(tied)
    if tiebreak is not None and len(candidates) > 1:
        tb = tiebreak[candidates]
        candidates = candidates[tb >= np.max(tb) - TIE_TOL]
    n_tied = int(np.count_nonzero(tied)) if counts is None else int(sum(counts[tied]))
    return int(candidates[0]), n_tied
