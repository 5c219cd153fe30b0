"""Powell's commitment problem: closed form for patient sides, brute force otherwise."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.games.fearon import commitment_problem


def test_patient_sides_fight_exactly_when_the_shift_exceeds_the_costs_of_war():
    # binary-exact numbers: a shift of 0.5 against costs 0.25 + 0.25 is the boundary
    assert commitment_problem(0.75, 0.25, 0.25, 0.25).fights_now is None
    assert commitment_problem(0.75, 0.125, 0.25, 0.25).fights_now == "a"
    assert commitment_problem(0.25, 0.875, 0.25, 0.25).fights_now == "b"  # power shifts to A
    assert commitment_problem(0.5, 0.5, 0, 0).fights_now is None  # no shift, no problem


def _brute(p, q, ca, cb, da, db, n=201):
    xs = np.linspace(0, 1, n)
    ys = np.linspace(max(0, q - ca), min(1, q + cb), n)
    X, Y = np.meshgrid(xs, ys)
    a = (1 - da) * X + da * Y
    b = (1 - db) * (1 - X) + db * (1 - Y)
    ok = b >= 1 - p - cb - 1e-12
    return a[ok].max() if ok.any() else -np.inf


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 1),
       st.floats(0, 1))
def test_most_for_a_is_the_best_split_b_accepts(p, q, ca, cb, da, db):
    c = commitment_problem(p, q, ca, cb, da, db)
    brute = _brute(p, q, ca, cb, da, db)
    if c.most_for_a is None:  # no split keeps B from fighting: the grid finds none either
        assert brute == -np.inf and c.fights_now is not None
        return
    # the grid's best is below the vertex optimum by at most the grid step times the slope
    assert brute <= c.most_for_a + 1e-9
    if np.isfinite(brute):
        assert c.most_for_a - brute <= 2 / 200 + 1e-9
    if c.fights_now is None:
        assert c.most_for_a >= c.war_value_a - 1e-9 and c.most_for_b >= c.war_value_b - 1e-9
    else:
        assert c.fights_now == ("a" if q < p else "b")
