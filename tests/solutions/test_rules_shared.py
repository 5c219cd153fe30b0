"""The shared rules (frontier, selection, acceptance, errors) against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.engine.verdicts import acceptance_margin, accepts, meets_reservation
from negsim.errors import ArgumentError, NegsimError, ScenarioError, relocated
from negsim.solutions.pareto import dominated_in_runs, pareto_mask
from negsim.solutions.select import best, best_in_runs
from negsim.tolerances import ACCEPT_TOL, TIE_TOL

values = st.integers(0, 4).map(lambda k: k / 4)


def brute_dominated(u: np.ndarray) -> np.ndarray:
    return np.array([any(np.all(v >= x) and np.any(v > x) for v in u) for x in u], dtype=bool)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.lists(values, min_size=3, max_size=3)),
                min_size=1, max_size=30))
def test_frontier_per_run_equals_frontier_of_each_run(pairs):
    pairs.sort(key=lambda p: p[0])
    runs = np.array([p[0] for p in pairs])
    u = np.array([p[1] for p in pairs])
    got = pareto_mask(u, runs=runs)
    for r in np.unique(runs):
        sel = runs == r
        assert got[sel].tolist() == (~brute_dominated(u[sel])).tolist()
        assert got[sel].tolist() == pareto_mask(u[sel]).tolist()
    assert dominated_in_runs(u, runs).tolist() == (~got).tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(values, values), min_size=1, max_size=8), min_size=1,
                max_size=5))
def test_best_in_runs_equals_best_on_each_run(runs):
    score = np.array([s for run in runs for s, _ in run])
    tb = np.array([t for run in runs for _, t in run])
    lens = np.array([len(r) for r in runs])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    first, _ = best_in_runs(score, tb, starts, lens)
    for k, (s0, n) in enumerate(zip(starts, lens)):
        i, _ = best(score[s0:s0 + n], tb[s0:s0 + n])
        top = score[s0:s0 + n].max()
        tied = [j for j in range(n) if score[s0 + j] >= top - TIE_TOL * max(1.0, abs(top))]
        top_tb = max(tb[s0 + j] for j in tied)
        want = min(j for j in tied if tb[s0 + j] >= top_tb - TIE_TOL)
        assert i == want and first[k] == s0 + want


def test_best_counts_ties_on_score_and_all_neginf_ties_everything():
    assert best(np.array([1.0, 1.0 - 1e-10, 0.5]), tiebreak=np.array([0.0, 1.0, 5.0])) == (1, 2)
    assert best(np.array([-np.inf, -np.inf])) == (0, 2)
    with pytest.raises(ValueError):
        best(np.zeros(0))


@settings(max_examples=200, deadline=None)
@given(st.floats(-1, 1), st.floats(-1, 1), st.booleans())
def test_margin_rule_scalar_and_array_agree(u, r, vetoed):
    m = acceptance_margin(u, r)
    assert m == round(u - r, 12)
    ok = accepts(m, vetoed)
    assert ok == (not vetoed and round(u - r, 12) >= -ACCEPT_TOL)
    arr = accepts(acceptance_margin(np.array([u]), np.array([r])), np.array([vetoed]))
    assert bool(arr[0]) == ok
    assert bool(meets_reservation(np.array([u]), r)[0]) == (u >= r - ACCEPT_TOL)


def test_margin_rule_at_the_tolerance():
    assert accepts(acceptance_margin(0.5, 0.5 + ACCEPT_TOL / 2), False)
    assert not accepts(acceptance_margin(0.5, 0.5 + 2 * ACCEPT_TOL), False)
    assert not accepts(acceptance_margin(0.9, 0.1), True)


def test_relocated_keeps_the_detail_at_a_new_place():
    e = ScenarioError("must be positive", file="a.toml", key="sd", expected="> 0", found="-1",
                      hint="use 1")
    moved = relocated(e, file="b.toml", key="uncertain[0].sd")
    assert str(moved) == "b.toml: uncertain[0].sd: must be positive (expected > 0, found -1); use 1"
    assert str(relocated(e)) == "sd: must be positive (expected > 0, found -1); use 1"


def test_argument_error_is_both_families():
    import negsim

    with pytest.raises(ArgumentError) as info:
        negsim.ensemble(_toy(), draws=0)
    assert isinstance(info.value, ValueError) and isinstance(info.value, NegsimError)
    assert str(info.value) == "draws must be an integer from 1 to 10,000,000, not 0"


def _toy():
    import negsim

    return negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
                           actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),))
