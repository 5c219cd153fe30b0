"""Behaviour-strategy equilibria above MAX_ALL_EQUILIBRIA reduced strategies (bounded methods)."""

from __future__ import annotations

from fractions import Fraction

from negsim.games import normal_form
from negsim.games.extensive import MAX_ALL_EQUILIBRIA, reduced_form, solve_extensive
from negsim.games.tree import decision, terminal

from tests.games.checks import exact_behaviour, pure_best_response_value, value


def _pennies_with_decoys(decoys: int):
    """A picks h, t or one of ``decoys`` strictly dominated moves (A gets -5); B, not seeing
    which, guesses h or t.  Payoffs (A, B): (h, h) = (1, -1), (h, t) = (-1, 1),
    (t, h) = (-1, 2), (t, t) = (1, -2).  By hand: B indifferent needs
    -p + 2 (1 - p) = p - 2 (1 - p), p = 2/3 on h; A indifferent needs 2q - 1 = 1 - 2q, q = 1/2;
    the decoys are strictly dominated, so this is the only equilibrium; payoffs (0, 0)."""
    pay = {("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 2), ("t", "t"): (1, -2)}

    def guess(a):
        return decision("B", info_set="guess", **{
            g: terminal(A=pay.get((a, g), (-5, 0))[0], B=pay.get((a, g), (-5, 0))[1])
            for g in ("h", "t")})

    moves = ["h", "t"] + [f"d{k}" for k in range(decoys)]
    return decision("A", **{a: guess(a) for a in moves})


def _expect_the_mixed_equilibrium(game, eqs):
    (eq,) = eqs
    assert eq.exact_behaviour["guess"] == {"h": "1/2", "t": "1/2"}
    a_mix = eq.exact_behaviour["@"]
    assert a_mix["h"] == "2/3" and a_mix["t"] == "1/3"
    assert all(a_mix[k] == "0" for k in a_mix if k.startswith("d"))
    beh = exact_behaviour(eq)
    for player in ("A", "B"):  # exact, by the independent reading
        assert value(game, beh, player) == 0 == pure_best_response_value(game, beh, player)
    return eq


def test_above_the_all_equilibria_bound_support_enumeration_and_lemke_howson_find_it():
    game = _pennies_with_decoys(12)
    _, strategies, _ = reduced_form(game)
    assert len(strategies[0]) == 14 > MAX_ALL_EQUILIBRIA
    eq = _expect_the_mixed_equilibrium(game, solve_extensive(game))
    assert eq.method.startswith("some equilibria: 14 reduced strategies exceed "
                                "MAX_ALL_EQUILIBRIA (12); found by support enumeration and "
                                "lemke howson")


def test_when_support_enumeration_is_over_its_bound_lemke_howson_alone_is_said(monkeypatch):
    monkeypatch.setattr(normal_form, "MAX_SUPPORT_PAIRS", 10)
    game = _pennies_with_decoys(12)
    eq = _expect_the_mixed_equilibrium(game, solve_extensive(game))
    assert "found by lemke howson (reduced" in eq.method


def test_below_the_bound_all_equilibria_are_enumerated():
    game = _pennies_with_decoys(3)
    eq = _expect_the_mixed_equilibrium(game, solve_extensive(game))
    assert eq.method == "all equilibria (reduced strategic form)"
    assert Fraction(eq.exact_payoffs["A"]) == 0
