"""The proposal-backing game's equilibria from its unanimity structure, checked against the
general bimatrix solver (support/vertex enumeration, Lemke-Howson) on small games."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

import negsim
from negsim.games.normal_form import solve_two_player
from negsim.scenario_games import from_scenario
from negsim.scenario_games.unanimity import unanimity_equilibria


def _game(d, gains):
    """The two-player unanimity game: d_p off the diagonal and at no deal (the last strategy),
    d_p + v_p(k) when both back proposal k."""
    k = len(gains)
    U = np.empty((2, k + 1, k + 1))
    for p in range(2):
        U[p] = d[p]
        for i, g in enumerate(gains):
            U[p, i, i] = d[p] + g[p]
    return U


def _key(strategies, names):
    return tuple(round(strategies.get(n, 0.0), 9) for n in names)


gain = st.integers(-3, 4).map(float)


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(-2, 2).map(float), st.integers(-2, 2).map(float)),
       st.lists(st.tuples(gain, gain), min_size=1, max_size=4))
@example(d=(0.0, 0.0), gains=[(0.0, -1.0), (-2.0, -1.0), (4.0, 1.0), (-1.0, 0.0)])  # nashpy's
def test_against_the_general_solver(d, gains):  # Lemke-Howson fails to pivot on this one
    U = _game(d, gains)
    names = [f"p{i}" for i in range(len(gains))] + ["no_deal"]
    eqs, count, complete, _ = unanimity_equilibria(["A", "B"], [names, names], U,
                                                   [len(gains)] * 2, True)
    sol = solve_two_player(U[0], U[1])
    general_pure = {(e.row_support, e.column_support) for e in sol.equilibria if e.is_pure}
    ours_pure = {((names.index(next(iter(e.strategies["A"]))),),
                  (names.index(next(iter(e.strategies["B"]))),)) for e in eqs if e.pure}
    # pure equilibria are found by enumeration in both; the general solver may only miss some
    # in a degenerate game, never report one that is not an equilibrium
    assert general_pure <= ours_pure
    from negsim.games.pure_nash import pure_nash_equilibria
    brute = {((e.profile[0],), (e.profile[1],)) for e in pure_nash_equilibria(U)}
    assert ours_pure == brute
    if complete:  # a finite equilibrium set: the general solver finds exactly it
        ours = {(_key(e.strategies["A"], names), _key(e.strategies["B"], names)) for e in eqs}
        theirs = {(tuple(round(p, 9) for p in e.row_strategy),
                   tuple(round(q, 9) for q in e.column_strategy)) for e in sol.equilibria}
        assert ours == theirs
        assert count == len(theirs) == 2 ** len(gains)  # 2^k - 1 deals on subsets + no deal


def test_closed_form_battle_of_proposals():
    # gains (3, 1) on a and (1, 2) on b: the mixed equilibrium puts x_a = 1/(1+1/2)... in rationals
    U = _game((0.0, 0.0), [(3.0, 1.0), (1.0, 2.0)])
    names = ["a", "b", "no_deal"]
    eqs, count, complete, _ = unanimity_equilibria(["A", "B"], [names] * 2, U, [2, 2], True)
    mixed = [e for e in eqs if not e.pure]
    assert complete and count == 4 and len(mixed) == 1
    # B indifferent: 1 * x_a = 2 * x_b -> x = (2/3, 1/3); A indifferent: 3 y_a = y_b -> (1/4, 3/4)
    assert mixed[0].strategies == {"A": {"a": 2 / 3, "b": 1 / 3}, "B": {"a": 0.25, "b": 0.75}}
    assert mixed[0].payoffs == {"A": 0.75, "B": 2 / 3}


def _scenario(n):
    opts = tuple(f"o{i}" for i in range(n + 1))
    return negsim.Scenario(
        "t", issues=(negsim.Issue("x", opts, "o0"),),
        actors=(negsim.Actor("A", (negsim.Demand("x", want="o3"),)),
                negsim.Actor("B", (negsim.Demand("x", want="o2"),))),
        proposals=tuple(negsim.Proposal(f"p{i}", (("x", f"o{i}"),)) for i in range(1, n + 1)))


def test_eleven_proposals_never_reach_the_general_solver(monkeypatch):
    # the issue's case: 2 actors, 11 proposals took over 100 s in degenerate support enumeration
    def refuse(*args, **kwargs):
        raise AssertionError("the proposal game must not run the general solver")
    monkeypatch.setattr("negsim.games.normal_form.solve_two_player", refuse)
    r = from_scenario.proposal_game(_scenario(11))
    from negsim.games.pure_nash import pure_nash_equilibria
    _, _, U = from_scenario.normal_form(_scenario(11))
    assert r.equilibrium_count == len(pure_nash_equilibria(U)) == 123  # no proposal both gain from
    assert any("not enumerated" in n for n in r.notes)
    assert not r.all_equilibria and r.degenerate


def test_mixed_count_is_exact_beyond_the_listing():
    U = _game((0.0, 0.0), [(1.0 + i, 2.0 + i) for i in range(8)])
    names = [f"p{i}" for i in range(8)] + ["no_deal"]
    eqs, count, complete, notes = unanimity_equilibria(["A", "B"], [names] * 2, U, [8, 8], True)
    assert complete and count == 2 ** 8  # 255 deals on non-empty subsets + no deal
    assert len(eqs) == 9 + 50 and "the first 50 are listed" in notes[0]


@pytest.mark.parametrize("lever_free, players", [(False, 2), (True, 3)])
def test_pure_only_says_so(lever_free, players):
    U = np.zeros((players,) + (2,) * players)
    names = [["a", "no_deal"]] * players
    eqs, count, complete, notes = unanimity_equilibria([f"P{i}" for i in range(players)], names,
                                                       U, [1] * players, lever_free)
    assert not complete and "not enumerated" in notes[0] and count == len(eqs)


def test_a_matrix_without_the_unanimity_structure_gets_no_closed_form():
    U = _game((0.0, 0.0), [(1.0, 1.0), (2.0, 2.0)])
    U[0, 0, 1] = 5.0  # a payoff off the diagonal that is not the no-deal payoff
    names = ["a", "b", "no_deal"]
    eqs, count, complete, notes = unanimity_equilibria(["A", "B"], [names] * 2, U, [2, 2], True)
    assert not complete and all(e.pure for e in eqs) and "not enumerated" in notes[0]
