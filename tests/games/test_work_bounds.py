"""Every bimatrix solver is bounded in work and says when it did not run (no timed test: the
bounds are counts)."""

from __future__ import annotations

import math

import numpy as np

from negsim.games import _vertex
from negsim.games.normal_form import solve_two_player
from negsim.games.pure_nash import pure_nash_equilibria
from negsim.limits import MAX_SUPPORT_PAIRS


def _degenerate(n, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2, (n, n)).astype(float), rng.integers(0, 2, (n, n)).astype(float)


def test_degenerate_12x12_skips_support_enumeration_and_says_so():
    A, B = _degenerate(12, 0)
    sol = solve_two_player(A, B)
    pairs = math.comb(24, 12) - 1
    assert pairs > MAX_SUPPORT_PAIRS
    assert f"support_enumeration not run: {pairs:,} pairs of supports" in sol.notes[0]
    assert sol.is_degenerate and sol.counts["support_enumeration"] == 0
    # every pure equilibrium is a vertex pair, so vertex enumeration finds every one of them
    pure = {((e.profile[0],), (e.profile[1],)) for e in pure_nash_equilibria(np.array([A, B]))}
    assert pure == {(e.row_support, e.column_support) for e in sol.equilibria if e.is_pure}


def test_vertex_enumeration_builds_each_polytope_once(monkeypatch):
    calls = []
    real = _vertex.non_trivial_vertices
    monkeypatch.setattr(_vertex, "non_trivial_vertices",
                        lambda hs: calls.append(1) or real(hs))
    solve_two_player(*_degenerate(12, 1), methods=("vertex_enumeration",))
    assert len(calls) == 2  # nashpy's own loop rebuilds the column polytope per row vertex


def test_vertex_enumeration_over_its_bound_says_so(monkeypatch):
    monkeypatch.setattr(_vertex, "MAX_VERTEX_PAIRS", 10)
    monkeypatch.setattr("negsim.games.normal_form.MAX_VERTEX_PAIRS", 10)
    sol = solve_two_player(*_degenerate(6, 2), methods=("vertex_enumeration", "lemke_howson"))
    assert any(n.startswith("vertex_enumeration not run:") and "MAX_VERTEX_PAIRS (10)" in n
               for n in sol.notes)
    assert sol.methods_agree  # nothing complete to disagree with: Lemke-Howson's are verified


def test_bounded_vertex_enumeration_matches_nashpy():
    import nashpy as nash
    rng = np.random.default_rng(7)
    for _ in range(5):
        A, B = rng.integers(1, 5, (4, 3)).astype(float), rng.integers(1, 5, (4, 3)).astype(float)
        ours, _ = _vertex.vertex_pairs(A, B)
        theirs = list(nash.Game(A, B).vertex_enumeration())
        key = lambda eqs: sorted((tuple(np.round(x, 9)), tuple(np.round(y, 9))) for x, y in eqs)
        assert key(ours) == key(theirs)
