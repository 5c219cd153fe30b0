"""Two-player equilibria: textbook games, degeneracy, and best-response properties."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from negsim.errors import ScenarioError
from negsim.games.normal_form import (Equilibrium, TwoPlayerSolution, degeneracy_witnesses,
                                      solve_two_player)

PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
BOS = ([[3, 0], [0, 2]], [[2, 0], [0, 3]])
PENNIES = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
DEGENERATE = ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])  # von Stengel's example


def test_prisoners_dilemma_has_one_pure_equilibrium_mutual_defection():
    sol = solve_two_player(*PD)
    assert len(sol.equilibria) == 1
    eq = sol.equilibria[0]
    assert eq.is_pure and eq.row_support == (1,) and eq.column_support == (1,)
    assert (eq.row_payoff, eq.column_payoff) == (1.0, 1.0)
    assert not sol.is_degenerate and sol.methods_agree


def test_battle_of_the_sexes_has_two_pure_and_the_textbook_mixed_equilibrium():
    sol = solve_two_player(*BOS)
    pure = [e for e in sol.equilibria if e.is_pure]
    mixed = [e for e in sol.equilibria if not e.is_pure]
    assert sorted((e.row_support, e.column_support) for e in pure) == [((0,), (0,)), ((1,), (1,))]
    assert len(mixed) == 1
    # row mixes to make column indifferent: 2p = 3(1-p) -> p = 3/5; column: 3q = 2(1-q) -> q = 2/5
    assert mixed[0].row_strategy == pytest.approx((0.6, 0.4))
    assert mixed[0].column_strategy == pytest.approx((0.4, 0.6))
    assert mixed[0].row_payoff == pytest.approx(1.2)
    assert mixed[0].column_payoff == pytest.approx(1.2)
    assert sol.counts == {"support_enumeration": 3, "vertex_enumeration": 3, "lemke_howson": 2}
    assert sol.methods_agree and not sol.is_degenerate


def test_matching_pennies_has_unique_half_half_equilibrium_found_by_every_method():
    sol = solve_two_player(*PENNIES)
    assert len(sol.equilibria) == 1
    eq = sol.equilibria[0]
    assert eq.row_strategy == pytest.approx((0.5, 0.5))
    assert eq.column_strategy == pytest.approx((0.5, 0.5))
    assert eq.row_payoff == pytest.approx(0.0)
    assert {f.split("[")[0] for f in eq.found_by} == {
        "support_enumeration", "vertex_enumeration", "lemke_howson"}


def test_degenerate_game_is_detected_and_reported(recwarn):
    sol = solve_two_player(*DEGENERATE)
    assert sol.is_degenerate
    assert any("2 pure best replies" in w for w in sol.degeneracy)
    assert len(recwarn) == 0
    # von Stengel's example: the pure row strategy 0 has two best replies, so a whole segment
    # of column mixtures supports it; its extreme point (2/3, 1/3) is reported
    strategies = [(e.row_strategy, e.column_strategy) for e in sol.equilibria]
    assert any(x == (1.0, 0.0, 0.0) and y == pytest.approx((2 / 3, 1 / 3)) for x, y in strategies)
    assert sol.counts["vertex_enumeration"] == 3
    for eq in sol.equilibria:
        _assert_best_responses(np.array(DEGENERATE[0]), np.array(DEGENERATE[1]), eq)


def test_library_warnings_are_captured_in_notes_not_leaked(recwarn):
    sol = solve_two_player([[0, 2], [0, 1]], [[0, 1], [0, 2]])
    assert any(n.startswith("nashpy warned") for n in sol.notes)
    assert len(recwarn) == 0
    assert sol.is_degenerate


def test_single_strategy_player_is_solved_directly():
    sol = solve_two_player([[1, 2, 2]], [[0, 5, 5]])
    assert [e.column_strategy for e in sol.equilibria] == [(0.0, 1.0, 0.0), (0.0, 0.0, 1.0)]
    assert sol.is_degenerate


def test_degeneracy_witnesses_are_empty_for_a_generic_game():
    rng = np.random.default_rng(1)
    A, B = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    assert degeneracy_witnesses(A, B) == ()


def test_solution_round_trips_through_plain_data():
    sol = solve_two_player(*BOS)
    assert TwoPlayerSolution.from_dict(sol.to_dict()) == sol
    assert TwoPlayerSolution.from_json(sol.to_json()) == sol
    assert isinstance(sol.equilibria[0], Equilibrium)


def test_single_method_runs_alone():
    sol = solve_two_player(*BOS, methods=["lemke_howson"])
    assert sol.methods == ("lemke_howson",) and len(sol.equilibria) == 2


@pytest.mark.parametrize("A, B, key", [
    ([[1, 2]], [[1, 2], [3, 4]], "B"),
    ([[1, float("nan")]], [[1, 2]], "A"),
    ([1, 2], [1, 2], "A"),
    ([["a"]], [[1]], "A"),
])
def test_bad_matrices_raise_scenario_error_naming_the_argument(A, B, key):
    with pytest.raises(ScenarioError) as err:
        solve_two_player(A, B)
    assert err.value.key == key


def test_unknown_method_is_rejected():
    with pytest.raises(ScenarioError, match="unknown equilibrium method"):
        solve_two_player(*PD, methods=["fictitious_play"])


def _assert_best_responses(A, B, eq, tol=1e-9):
    x, y = np.array(eq.row_strategy), np.array(eq.column_strategy)
    assert x.min() >= 0 and y.min() >= 0
    assert x.sum() == pytest.approx(1.0) and y.sum() == pytest.approx(1.0)
    # the solver's documented tie tolerance: tol * max(1, largest |payoff| of the whole game)
    eps = tol * max(1.0, np.abs(A).max(), np.abs(B).max())
    assert (A @ y).max() <= x @ A @ y + eps
    assert (x @ B).max() <= x @ B @ y + eps
    assert eq.row_payoff == pytest.approx(x @ A @ y)


shapes = st.tuples(st.integers(1, 4), st.integers(1, 4))


def test_tiny_payoff_gaps_are_not_ties_when_they_are_a_players_whole_range():
    # the column's 2e-9 edge is its whole payoff range: scaled by 1e9 (a positive affine change,
    # same equilibria) it is 0 vs 2, so only column 1 is a best reply (the old rule called both
    # columns ties because it measured gaps against max|payoff| of both players)
    A, B = np.array([[2.0, 0.0]]), np.array([[0.0, 1.99999994e-09]])
    sol = solve_two_player(A, B)
    assert {eq.column_support for eq in sol.equilibria} == {(1,)}
    assert solve_two_player(A, B * 1e9).equilibria[0].column_support == (1,)


@settings(max_examples=50, deadline=None)
@given(data=st.data(), shape=shapes)
def test_every_equilibrium_reported_is_a_best_response_even_for_degenerate_games(data, shape):
    elems = st.floats(-10, 10, allow_nan=False, width=32)
    A = data.draw(arrays(float, shape, elements=elems))
    B = data.draw(arrays(float, shape, elements=elems))
    sol = solve_two_player(A, B)
    assert sol.equilibria, "every finite game has an equilibrium"
    for eq in sol.equilibria:
        _assert_best_responses(A, B, eq)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=shapes)
def test_methods_agree_and_count_is_odd_on_random_nondegenerate_games(seed, shape):
    rng = np.random.default_rng(seed)
    A, B = rng.uniform(-1, 1, shape), rng.uniform(-1, 1, shape)
    sol = solve_two_player(A, B)
    assert not sol.is_degenerate
    assert sol.methods_agree
    assert len(sol.equilibria) % 2 == 1
    assert sol.counts["support_enumeration"] == sol.counts["vertex_enumeration"]
    for eq in sol.equilibria:
        assert len(eq.row_support) == len(eq.column_support)
        _assert_best_responses(A, B, eq)


def test_a_lemke_howson_pivot_failure_is_a_note_and_the_other_methods_stand():
    # a degenerate 5x5 game (two players backing proposals, a deal only when both back it) on
    # which nashpy's tableau cannot find the dropped label from some initial labels
    k, gains = 4, [(0.0, -1.0), (-2.0, -1.0), (4.0, 1.0), (-1.0, 0.0)]
    A, B = np.zeros((k + 1, k + 1)), np.zeros((k + 1, k + 1))
    for i, (a, b) in enumerate(gains):
        A[i, i], B[i, i] = a, b
    sol = solve_two_player(A, B)
    assert any("lemke_howson" in n and "nashpy" in n for n in sol.notes)
    pure = {(i, j) for i in range(k + 1) for j in range(k + 1)
            if A[i, j] >= A[:, j].max() and B[i, j] >= B[i, :].max()}  # brute force
    assert {(e.row_support[0], e.column_support[0]) for e in sol.equilibria if e.is_pure} == pure
