"""n-player pure equilibria (vectorised) and iterated strict dominance."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from negsim.errors import ScenarioError
from negsim.games.dominance import DominanceResult, iterated_elimination
from negsim.games.pure_nash import (PureEquilibrium, payoff_array_from_bimatrix,
                                    pure_nash_equilibria)

PD = payoff_array_from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
BOS = payoff_array_from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
PENNIES = payoff_array_from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_prisoners_dilemma_pure_equilibrium_is_mutual_defection():
    assert pure_nash_equilibria(PD) == (PureEquilibrium((1, 1), (1.0, 1.0)),)


def test_battle_of_the_sexes_has_two_pure_equilibria_and_pennies_none():
    assert [e.profile for e in pure_nash_equilibria(BOS)] == [(0, 0), (1, 1)]
    assert pure_nash_equilibria(PENNIES) == ()


def test_three_player_coordination_game_has_both_unanimous_profiles():
    u = np.zeros((3, 2, 2, 2))
    u[:, 0, 0, 0] = 1
    u[:, 1, 1, 1] = 2
    assert [e.profile for e in pure_nash_equilibria(u)] == [(0, 0, 0), (1, 1, 1)]


def _brute_force(u):
    n = u.shape[0]
    found = []
    for prof in itertools.product(*(range(s) for s in u.shape[1:])):
        ok = True
        for i in range(n):
            for dev in range(u.shape[i + 1]):
                alt = list(prof)
                alt[i] = dev
                if u[(i, *alt)] > u[(i, *prof)] + 1e-12:
                    ok = False
        if ok:
            found.append(prof)
    return found


@st.composite
def games(draw):
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.integers(-2, 3, size=(n, *shape)).astype(float)  # small integers: many ties


@settings(max_examples=50, deadline=None)
@given(games())
def test_pure_equilibria_equal_a_brute_force_loop(u):
    assert [e.profile for e in pure_nash_equilibria(u)] == _brute_force(u)


def test_wrong_shape_is_rejected_with_a_hint():
    with pytest.raises(ScenarioError, match="one payoff table per player"):
        pure_nash_equilibria(np.zeros((3, 2, 2)))


def test_prisoners_dilemma_is_dominance_solvable_in_one_round():
    r = iterated_elimination(PD)
    assert r.surviving == ((1,), (1,)) and r.dominance_solvable and r.rounds == 1
    assert [(e.player, e.strategy, e.dominated_by) for e in r.eliminations] == [
        (0, 0, (0.0, 1.0)), (1, 0, (0.0, 1.0))]


def test_battle_of_the_sexes_has_no_dominated_strategy():
    r = iterated_elimination(BOS, mixed=True)
    assert r.surviving == ((0, 1), (0, 1)) and r.eliminations == () and not r.dominance_solvable


def test_iterated_elimination_takes_several_rounds_in_order():
    # rows Up, Middle, Down; columns Left, Centre, Right.  Right falls to Centre, then Down to
    # Up, then Left to Centre, then Middle to Up.
    A = [[2, 3, 0], [3, 2, 0], [1, 1, 5]]
    B = [[1, 2, 0], [0, 1, -1], [3, 0, -1]]
    r = iterated_elimination(payoff_array_from_bimatrix(A, B))
    assert r.surviving == ((0,), (1,))
    assert [(e.round, e.player, e.strategy) for e in r.eliminations] == [
        (1, 1, 2), (2, 0, 2), (3, 1, 0), (4, 0, 1)]
    assert DominanceResult.from_dict(r.to_dict()) == r


def test_strategy_dominated_only_by_a_mixture_needs_the_mixed_option():
    A = [[3, 0], [0, 3], [1, 1]]
    B = [[1, 0], [0, 1], [1, 0]]
    game = payoff_array_from_bimatrix(A, B)
    assert iterated_elimination(game).surviving == ((0, 1, 2), (0, 1))
    r = iterated_elimination(game, mixed=True)
    assert r.surviving == ((0, 1), (0, 1))
    sigma = np.array(r.eliminations[0].dominated_by)
    assert sigma[2] == 0 and sigma.sum() == pytest.approx(1)
    assert np.all(sigma @ np.array(A, dtype=float) > np.array(A[2]))


@settings(max_examples=50, deadline=None)
@given(games())
def test_iterated_elimination_never_removes_a_pure_equilibrium_strategy(u):
    r = iterated_elimination(u, mixed=True)
    for eq in pure_nash_equilibria(u):
        assert all(a in r.surviving[i] for i, a in enumerate(eq.profile))
    # and no surviving strategy is strictly dominated by a pure one in the reduced game
    for i, keep in enumerate(r.surviving):
        sub = u[i][np.ix_(*r.surviving)]
        sub = np.moveaxis(sub, i, 0).reshape(len(keep), -1)
        assert not any(np.all(sub[b] > sub[a] + 1e-9)
                       for a in range(len(keep)) for b in range(len(keep)))
