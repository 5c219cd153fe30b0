"""Mixed perfect Bayesian equilibria of signalling games (negsim.games.mixed_signalling)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.errors import ArgumentError
from negsim.games import mixed_signalling
from negsim.games.bayesian import perfect_bayesian
from negsim.games.mixed_signalling import mixed_perfect_bayesian
from negsim.games.tree import chance, decision, terminal
from negsim.results.game_theory import MixedPerfectBayesianEquilibrium

from tests.games.checks import best_at_set, pure_best_response_value, reach, sets_of, value
from tests.games.textbook import beer_quiche, entry_with_types


def _check(root, eq):
    """Independent exact check (tests/games/checks.py, plain recursion): at every information
    set only best actions are played given the belief — Bayes' rule where the set is reached,
    and each end of the reported range where it is not — and no player gains by any pure
    strategy (Nash)."""
    beh = {h: {a: Fraction(p) for a, p in mix.items()} for h, mix in eq.exact_behaviour.items()}
    for hid, (player, actions, paths) in sets_of(root).items():
        played = {a for a, p in beh[hid].items() if p > 0}
        total = sum(reach(root, beh, x) for x in paths)
        if total:
            belief = {x: reach(root, beh, x) / total for x in paths}
            if len(paths) > 1:
                assert eq.exact_beliefs[hid] == {"/".join(x): str(q) for x, q in belief.items()}
            assert played <= best_at_set(root, beh, hid, belief), hid
        else:
            rng = eq.exact_off_path[hid]
            assert len(paths) == 2  # two types here: the range of one belief fixes the other
            first = "/".join(paths[0])
            for end in rng[first]:
                p = Fraction(end)
                assert played <= best_at_set(root, beh, hid, {paths[0]: p, paths[1]: 1 - p})
    for player in {p for p, _, _ in sets_of(root).values()}:
        here = value(root, beh, player)
        assert str(here) == eq.exact_payoffs[player]
        assert pure_best_response_value(root, beh, player) == here


def test_beer_quiche_with_a_weak_majority_has_one_hybrid_equilibrium():
    """Beer-Quiche with prior 2/5 strong, 3/5 weak (payoffs as in tests/games/textbook.py).

    By hand.  Pooling fails: at the pooled breakfast the belief is the prior, 3/5 weak > 1/2, so
    the receiver duels, and the type that dislikes that breakfast would switch (it gets 1 > 0).
    Separating fails: the receiver then duels quiche and not beer, and the weak type would take
    beer (2 > 1).  If the strong type mixed it would be indifferent,
    1 + 2 (1 - d_beer) = 2 (1 - d_quiche), and then the weak type strictly prefers quiche
    (its gain 1 + 2 (1 - d_quiche) - 2 (1 - d_beer) = 2), so only the strong type drinks beer,
    the receiver never duels at beer, and the indifference reads 3 = 2 (1 - d_quiche): none.
    So the strong type drinks beer and the weak one mixes: indifference of the weak type,
    1 = 2 (1 - d_beer), gives d_beer = 1/2; the receiver mixes at beer only if its belief there
    is 1/2 weak: (3/5) b / ((3/5) b + 2/5) = 1/2 gives b = 2/3 (weak drinks beer with
    probability 2/3); quiche is then a weak type's breakfast (belief 1) and is duelled.  The
    strong type gets 1 + 2 (1/2) = 2 from beer against 0 from quiche.  Payoffs: sender
    2/5 * 2 + 3/5 * 1 = 7/5; receiver: beer is drunk with probability 2/5 + 3/5 * 2/3 = 4/5 and
    earns 1/2 there, quiche (1/5) earns 1: 4/5 * 1/2 + 1/5 = 3/5.
    """
    game = beer_quiche(0.4)
    assert perfect_bayesian(game) == []  # no pure one
    (eq,) = mixed_perfect_bayesian(game)
    _check(game, eq)
    assert eq.kind == "semi-separating"
    assert eq.exact_behaviour == {
        "strong": {"beer": "1", "quiche": "0"}, "weak": {"beer": "2/3", "quiche": "1/3"},
        "after beer": {"duel": "1/2", "not_duel": "1/2"},
        "after quiche": {"duel": "1", "not_duel": "0"}}
    assert eq.exact_beliefs["after beer"] == {"strong/beer": "1/2", "weak/beer": "1/2"}
    assert eq.exact_beliefs["after quiche"] == {"strong/quiche": "0", "weak/quiche": "1"}
    assert eq.off_path == {}
    assert eq.exact_payoffs == {"Sender": "7/5", "Receiver": "3/5"}


def test_beer_quiche_with_a_strong_majority_pools_and_contains_the_pure_equilibria():
    """Prior 0.9 strong: the two pooling equilibria of Cho and Kreps, each with the receiver's
    off-path reply either a duel (belief in weak at least 1/2) or — the other extreme of the
    same cell — a duel with probability exactly 1/2 (the least that keeps the weak type, which
    gets 1 + 2 (1 - d) from its favourite against 2, from switching), at belief exactly 1/2."""
    game = beer_quiche(0.9)
    eqs = mixed_perfect_bayesian(game)
    for eq in eqs:
        _check(game, eq)
    assert {e.kind for e in eqs} == {"pooling"}
    replies = sorted((e.exact_behaviour["strong"]["beer"],
                      e.exact_behaviour["after quiche" if e.behaviour["strong"]["beer"] == 1
                                        else "after beer"]["duel"]) for e in eqs)
    assert replies == [("0", "1"), ("0", "1/2"), ("1", "1"), ("1", "1/2")]
    half = next(e for e in eqs if e.behaviour["after quiche"]["duel"] == 0.5)
    assert half.exact_off_path["after quiche"]["weak/quiche"] == ["1/2", "1/2"]
    # every pure PBE is one of the mixed ones, with the same payoffs and off-path range
    for pure in perfect_bayesian(game):
        match = [e for e in eqs if all(e.behaviour[h][a] == 1 for h, a in pure.actions.items())]
        assert len(match) == 1
        assert match[0].payoffs == pure.payoffs and match[0].off_path == pure.off_path


def test_result_round_trips_through_json():
    (eq,) = mixed_perfect_bayesian(beer_quiche(0.4))
    again = MixedPerfectBayesianEquilibrium.from_json(eq.to_json())
    assert again == eq


def _signalling(prior, pay, n_actions):
    """Two types, two messages, ``n_actions`` receiver actions; ``pay[t][m][a] = (S, R)``."""
    acts = [f"a{k}" for k in range(n_actions)]

    def node(t):
        return decision("S", info_set=t, **{
            m: decision("R", info_set=f"after {m}",
                        **{a: terminal(S=pay[t][m][k][0], R=pay[t][m][k][1])
                           for k, a in enumerate(acts)})
            for m in ("m0", "m1")})

    return chance({"t0": (prior, node("t0")), "t1": (1 - prior, node("t1"))})


_pair = st.tuples(st.integers(-3, 3), st.integers(-3, 3))


@settings(max_examples=15, deadline=None, derandomize=True)
@given(prior=st.sampled_from([0.25, 0.4, 0.5, 0.7]), n=st.sampled_from([2, 3]), data=st.data())
def test_random_signalling_games_every_equilibrium_checks_and_one_exists(prior, n, data):
    pay = {t: {m: [data.draw(_pair) for _ in range(n)] for m in ("m0", "m1")}
           for t in ("t0", "t1")}
    game = _signalling(prior, pay, n)
    eqs = mixed_perfect_bayesian(game)
    assert eqs  # a finite signalling game has a perfect Bayesian equilibrium
    for eq in eqs:
        _check(game, eq)
    keys = [json.dumps(e.exact_behaviour, sort_keys=True) for e in eqs]
    assert len(keys) == len(set(keys))
    for pure in perfect_bayesian(game):  # pure ones are extreme: all of them are found
        assert any(all(e.behaviour[h][a] == 1 for h, a in pure.actions.items()) for e in eqs)


def test_games_that_are_not_signalling_games_are_refused():
    with pytest.raises(ArgumentError, match="chance root"):
        mixed_perfect_bayesian(decision("A", x=terminal(A=1)))
    with pytest.raises(ArgumentError, match="not a signalling game"):
        mixed_perfect_bayesian(entry_with_types(0.3))


def test_the_support_bound_is_enforced(monkeypatch):
    monkeypatch.setattr(mixed_signalling, "MAX_SUPPORT_PROFILES", 10)
    with pytest.raises(ArgumentError, match="support profiles"):
        mixed_perfect_bayesian(beer_quiche(0.4))
