"""Perfect Bayesian equilibria and the intuitive criterion: Beer-Quiche, entry with types."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negsim.errors import ArgumentError
from negsim.games.bayesian import perfect_bayesian
from negsim.games.tree import decision, terminal

from tests.games.checks import best_at_set, reach, sets_of
from tests.games.textbook import beer_quiche, entry_with_types


def _check_assessment(root, eq):
    """Sequential rationality at every set, Bayes on the path, and each end of every off-path
    belief range supports the action (exact, by the independent reading)."""
    beh = {h: {a: Fraction(int(a == c)) for a in sets_of(root)[h][1]}
           for h, c in eq.actions.items()}
    for hid, (player, actions, paths) in sets_of(root).items():
        total = sum(reach(root, beh, x) for x in paths)
        if total:
            belief = {x: reach(root, beh, x) / total for x in paths}
            if len(paths) > 1:
                assert eq.beliefs[hid] == {"/".join(x): float(q) for x, q in belief.items()}
            assert eq.actions[hid] in best_at_set(root, beh, hid, belief)
        else:
            first = "/".join(paths[0])
            for end in eq.off_path[hid][first]:
                p = Fraction(end).limit_denominator(1000)
                belief = {paths[0]: p, paths[1]: 1 - p} if len(paths) == 2 else {paths[0]: p}
                assert eq.actions[hid] in best_at_set(root, beh, hid, belief)


def test_beer_quiche_two_pooling_equilibria_and_the_intuitive_criterion():
    game = beer_quiche()
    eqs = perfect_bayesian(game)
    for eq in eqs:
        _check_assessment(game, eq)
    assert sorted((e.actions["strong"], e.actions["weak"]) for e in eqs) == \
        [("beer", "beer"), ("quiche", "quiche")]
    assert {e.kind for e in eqs} == {"pooling"}  # no separating equilibrium
    by = {e.actions["strong"]: e for e in eqs}
    beer, quiche = by["beer"], by["quiche"]
    assert beer.exact_payoffs == {"Sender": "29/10", "Receiver": "9/10"}
    assert quiche.exact_payoffs == {"Sender": "21/10", "Receiver": "9/10"}
    # off the path the receiver duels; that needs a belief of at least 1/2 in the weak type
    assert beer.actions["after quiche"] == "duel"
    assert beer.off_path["after quiche"]["weak/quiche"] == [0.5, 1.0]
    assert quiche.off_path["after beer"]["weak/beer"] == [0.5, 1.0]
    assert beer.intuitive is True
    assert quiche.intuitive is False and "strong would then get 3 instead of 2" in \
        quiche.intuitive_reason


def test_beer_quiche_with_a_weak_majority_has_no_pure_equilibrium():
    # prior 0.4 strong: pooling fails (the receiver duels on the path) and so does separating
    # (the weak type would copy the strong); the equilibrium is mixed (not enumerated)
    assert perfect_bayesian(beer_quiche(0.4)) == []


def test_entry_with_types_the_non_credible_threat_is_gone():
    game = entry_with_types(0.3)
    (eq,) = perfect_bayesian(game)
    _check_assessment(game, eq)
    assert eq.actions == {"entrant": "enter", "tough": "fight", "weak": "accommodate"}
    assert eq.beliefs == {"entrant": {"tough": 0.3, "weak": 0.7}}
    assert eq.exact_payoffs == {"Entrant": "2/5", "Incumbent": "1"}
    # with a tough majority the entrant stays out: 1 - 2 p < 0
    (deterred,) = perfect_bayesian(entry_with_types(0.6))
    assert deterred.actions["entrant"] == "out" and deterred.actions["weak"] == "accommodate"


def test_a_game_without_a_chance_root_is_refused():
    with pytest.raises(ArgumentError, match="move of chance"):
        perfect_bayesian(decision("A", x=terminal(A=1)))
