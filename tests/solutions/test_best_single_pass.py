"""select.best (one run, written out) against the tie rule by hand and against best_in_runs."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.solutions.select import best, best_in_runs
from negsim.tolerances import TIE_TOL

# scores on a coarse grid plus nudges below TIE_TOL and above it, and -inf
_base = st.integers(-3, 3).map(lambda k: k / 2)
_nudge = st.sampled_from([0.0, TIE_TOL / 4, -TIE_TOL / 4, 3 * TIE_TOL, -3 * TIE_TOL])
scores = st.one_of(st.tuples(_base, _nudge).map(sum), st.just(-math.inf))


def by_hand(score: list[float], tiebreak: list[float] | None,
            counts: list[int] | None) -> tuple[int, int]:
    top = max(score)
    floor = top - TIE_TOL * max(1.0, abs(top)) if math.isfinite(top) else -math.inf
    tied = [i for i, s in enumerate(score) if s >= floor]
    n_tied = len(tied) if counts is None else sum(counts[i] for i in tied)
    if tiebreak is None:
        return tied[0], n_tied
    tb_top = max(tiebreak[i] for i in tied)
    return [i for i in tied if tiebreak[i] >= tb_top - TIE_TOL][0], n_tied


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(scores, st.tuples(_base, _nudge).map(sum), st.integers(1, 5)),
                min_size=1, max_size=12), st.booleans(), st.booleans())
def test_best_is_the_tie_rule(points, with_tiebreak, with_counts):
    score = [p[0] for p in points]
    tb = [p[1] for p in points] if with_tiebreak else None
    counts = [p[2] for p in points] if with_counts else None
    got = best(np.array(score), None if tb is None else np.array(tb),
               None if counts is None else np.array(counts))
    assert got == by_hand(score, tb, counts)
    first, tied = best_in_runs(np.array(score), None if tb is None else np.array(tb),
                               np.array([0]), np.array([len(score)]))
    assert got[0] == int(first[0])
    if counts is None and tb is None:
        assert got[1] == int(tied.sum())


def test_best_with_nan_top_is_past_the_end_as_best_in_runs():
    score = np.array([np.nan, np.nan])
    first, _ = best_in_runs(score, None, np.array([0]), np.array([2]))
    assert best(score) == (int(first[0]), 0) == (2, 0)
