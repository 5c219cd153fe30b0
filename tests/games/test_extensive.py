"""Nash equilibria in behaviour strategies of games with information sets (reduced strategic
form), checked exactly against textbook values and a brute-force reading of the tree."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negsim.errors import ScenarioError
from negsim.games.backward_induction import backward_induction
from negsim.games.extensive import information_sets, reduced_form, solve_extensive
from negsim.games.tree import chance, decision, terminal

from tests.games.checks import exact_behaviour, pure_best_response_value, reach, sets_of, \
    best_at_set, value
from tests.games.kuhn import kuhn_poker
from tests.games.textbook import entry_with_types


def _is_nash_everywhere(root, eq, players):
    beh = exact_behaviour(eq)
    for p in players:  # no pure deviation gains (brute force over every pure strategy)
        assert pure_best_response_value(root, beh, p) == value(root, beh, p)
    for hid, (player, actions, paths) in sets_of(root).items():  # every set reached
        total = sum(reach(root, beh, x) for x in paths)
        if total == 0:
            continue
        belief = {x: reach(root, beh, x) / total for x in paths}
        played = {a for a, q in beh[hid].items() if q > 0}
        assert played <= best_at_set(root, beh, hid, belief), hid


def test_kuhn_poker_first_player_value_is_minus_one_eighteenth():
    game = kuhn_poker()
    players, strategies, _ = reduced_form(game)
    assert [len(s) for s in strategies] == [27, 64]  # 3**3 reduced plans; 2**6 for the second
    (eq,) = solve_extensive(game)
    assert eq.exact_payoffs == {"P1": "-1/18", "P2": "1/18"}
    _is_nash_everywhere(game, eq, players)
    b = exact_behaviour(eq)
    # Kuhn's family: P1 bets a Jack with alpha in [0, 1/3], a King with 3 alpha, and calls
    # with a Queen with alpha + 1/3; P2 bets a Jack after a check 1/3 and calls a Queen 1/3
    alpha = b["P1 J"]["bet"]
    assert 0 <= alpha <= Fraction(1, 3)
    assert b["P1 K"]["bet"] == 3 * alpha
    assert b["P1 Q check-bet"]["call"] == alpha + Fraction(1, 3)
    assert b["P2 J after check"]["bet"] == Fraction(1, 3)
    assert b["P2 Q after bet"]["call"] == Fraction(1, 3)
    assert b["P2 K after bet"]["call"] == 1 and b["P2 J after bet"]["fold"] == 1


def test_matching_pennies_as_a_tree_has_the_uniform_equilibrium_only():
    def guess(h, t):
        return decision("B", info_set="guess", h=terminal(A=h, B=-h), t=terminal(A=t, B=-t))
    game = decision("A", h=guess(1, -1), t=guess(-1, 1))
    (eq,) = solve_extensive(game)
    assert eq.exact_behaviour == {"@": {"h": "1/2", "t": "1/2"}, "guess": {"h": "1/2", "t": "1/2"}}
    _is_nash_everywhere(game, eq, ("A", "B"))


def test_entry_game_with_types_has_nash_equilibria_resting_on_a_non_credible_threat():
    game = entry_with_types(0.3)
    eqs = solve_extensive(game)
    for eq in eqs:
        _is_nash_everywhere(game, eq, ("Entrant", "Incumbent"))
    outs = [e for e in eqs if e.behaviour["entrant"]["out"] == 1]
    assert outs and all(e.behaviour["weak"]["fight"] > 0 for e in outs)  # the empty threat
    entering = [e for e in eqs if e.behaviour["entrant"]["enter"] == 1]
    assert [e.exact_payoffs for e in entering] == [{"Entrant": "2/5", "Incumbent": "1"}]


def test_perfect_information_trees_agree_with_backward_induction():
    game = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
                    In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=-1),
                                Accommodate=terminal(Entrant=1, Incumbent=1)))
    spe = backward_induction(game)
    eqs = solve_extensive(game)
    assert spe.payoffs in [e.payoffs for e in eqs]
    assert {"Entrant": 0.0, "Incumbent": 2.0} in [e.payoffs for e in eqs]  # Nash, not SPE


def test_an_information_set_needs_one_player_and_the_same_actions():
    bad = decision("A", l=decision("B", info_set="s", x=terminal(A=0, B=0)),
                   r=decision("B", info_set="s", y=terminal(A=0, B=0)))
    with pytest.raises(ScenarioError, match="same actions") as err:
        information_sets(bad)
    assert "info_set 's'" in str(err.value) and "['r']" in str(err.value)
    other = decision("A", l=decision("B", info_set="s", x=terminal(A=0, B=0, C=0)),
                     r=decision("C", info_set="s", x=terminal(A=0, B=0, C=0)))
    with pytest.raises(ScenarioError, match="same player"):
        information_sets(other)


def test_imperfect_recall_is_refused():
    # A moves, then forgets its own move: both of its later nodes in one set
    later = lambda: decision("A", info_set="forgot", u=terminal(A=1), v=terminal(A=0))
    game = decision("A", l=later(), r=later())
    with pytest.raises(ScenarioError, match="perfect recall"):
        information_sets(game)


def test_chance_probabilities_read_exactly():
    game = chance({"a": (1 / 3, terminal(A=3)), "b": (2 / 3, terminal(A=0))})
    assert reduced_form(game)[2][(0,)] == (Fraction(1),)  # 3 * 1/3, not 3 * 0.333...
