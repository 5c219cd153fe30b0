"""Gambit export: parse the files back with a tiny reader; load them in pygambit if present."""

from fractions import Fraction

import numpy as np
import pytest

from negsim.games.gambit import to_efg, to_nfg
from negsim.games.tree import Decision, chance, decision, terminal
from tests.support.gambit_reader import read_efg, read_nfg

def test_nfg_round_trips_a_three_player_game():
    rng = np.random.default_rng(3)
    u = rng.integers(-5, 6, size=(3, 2, 3, 2)).astype(float)
    u[0, 0, 0, 0] = 0.1
    u[1, 1, 2, 1] = 1e-20
    title, players, back = read_nfg(to_nfg(u, 'a "quoted" title', ["Russia", "Ukraine", "USA"]))
    assert title == 'a "quoted" title' and players == ["Russia", "Ukraine", "USA"]
    assert np.array_equal(back, u)


def test_nfg_orders_profiles_with_the_first_player_fastest():
    # Gambit's documented example e02.nfg: 3 x 2 game, payoffs "1 1 0 2 0 2 1 1 0 3 2 0"
    A = [[1, 1], [0, 0], [0, 2]]
    B = [[1, 1], [2, 3], [2, 0]]
    text = to_nfg([A, B], "Selten (IJGT, 75), Figure 2, normal form")
    assert text.split("\n")[2] == "1 1 0 2 0 2 1 1 0 3 2 0"


def test_efg_round_trips_a_tree_with_chance():
    weak = decision("Incumbent", Fight=terminal(Entrant=1.5, Incumbent=-1),
                    Accommodate=terminal(Entrant=1, Incumbent=1))
    tree = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
                    In=chance({"weak": (1 / 3, weak),
                               "strong": (2 / 3, terminal(Entrant=-1, Incumbent=0.25))}))
    text = to_efg(tree, "entry")
    assert 'c "" 1 "" { "weak" 1/3 "strong" 2/3 } 0' in text
    players, back = read_efg(text)
    assert players == ["Entrant", "Incumbent"]
    assert Decision.from_dict(back.to_dict()).to_dict() == _rounded(tree.to_dict())


def _rounded(d):
    if isinstance(d, dict):
        return {k: _rounded(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_rounded(v) for v in d]
    if isinstance(d, float):
        return float(Fraction(d).limit_denominator(10**9))
    return d


def test_pygambit_loads_both_files(tmp_path):
    gbt = pytest.importorskip("pygambit")
    nfg = tmp_path / "pd.nfg"
    nfg.write_text(to_nfg([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], "PD"))
    g = gbt.read_nfg(str(nfg))
    assert [len(p.strategies) for p in g.players] == [2, 2]
    efg = tmp_path / "entry.efg"
    efg.write_text(to_efg(decision("E", Out=terminal(E=0, I=2),
                                   In=decision("I", F=terminal(E=-1, I=-1),
                                               A=terminal(E=1, I=1))), "entry"))
    h = gbt.read_efg(str(efg))
    assert len(h.players) == 2
    eqs = gbt.nash.enumpure_solve(g).equilibria
    assert len(eqs) == 1


def test_pygambit_finds_our_pure_equilibria_in_the_exported_nfg(tmp_path):
    gbt = pytest.importorskip("pygambit")
    from negsim.games.pure_nash import pure_nash_equilibria
    for seed in range(5):
        u = np.random.default_rng(seed).integers(-3, 4, size=(3, 2, 3, 2)).astype(float)
        path = tmp_path / f"g{seed}.nfg"
        path.write_text(to_nfg(u))
        g = gbt.read_nfg(str(path))
        theirs = sorted(
            tuple(int(np.argmax([float(eq[s]) for s in pl.strategies])) for pl in g.players)
            for eq in gbt.nash.enumpure_solve(g).equilibria)
        assert theirs == [e.profile for e in pure_nash_equilibria(u)]


def test_efg_numbers_information_sets_per_player():
    from tests.games.kuhn import kuhn_poker
    from tests.games.textbook import beer_quiche
    lines = [ln.split() for ln in to_efg(beer_quiche()).splitlines() if ln.startswith("p ")]
    # sender (player 1): one set per type; receiver (player 2): after beer = 1, after quiche = 2
    assert [(ln[2], ln[3]) for ln in lines] == [
        ("1", "1"), ("2", "1"), ("2", "2"), ("1", "2"), ("2", "1"), ("2", "2")]
    kuhn = [ln.split() for ln in to_efg(kuhn_poker()).splitlines() if ln.startswith("p ")]
    per_player = {p: {ln[3] for ln in kuhn if ln[2] == p} for p in ("1", "2")}
    assert per_player == {"1": {str(k) for k in range(1, 7)}, "2": {str(k) for k in range(1, 7)}}
    assert len(kuhn) == 6 * 4  # per deal: P1 first, P2 after check, P1 after check-bet, P2 after bet


def test_pygambit_agrees_on_kuhn_poker_and_beer_quiche(tmp_path):
    gbt = pytest.importorskip("pygambit")
    from negsim.games.extensive import solve_extensive
    from tests.games.kuhn import kuhn_poker
    from tests.games.textbook import beer_quiche
    path = tmp_path / "kuhn.efg"
    path.write_text(to_efg(kuhn_poker(), "Kuhn poker"))
    game = gbt.read_efg(str(path))
    (ours,) = solve_extensive(kuhn_poker())
    theirs = gbt.nash.lcp_solve(game, rational=True).equilibria
    assert theirs and all(Fraction(str(eq.payoff(list(game.players)[0]))) == Fraction(-1, 18)
                          for eq in theirs)
    assert Fraction(ours.exact_payoffs["P1"]) == Fraction(-1, 18)
    path = tmp_path / "bq.efg"
    path.write_text(to_efg(beer_quiche(), "Beer-Quiche"))
    bq = gbt.read_efg(str(path))
    pays = sorted(round(float(eq.payoff(list(bq.players)[0])), 9)
                  for eq in gbt.nash.enumpure_solve(bq).equilibria)
    ours_bq = sorted({round(e.payoffs["Sender"], 9) for e in solve_extensive(beer_quiche())
                      if e.pure})
    assert sorted(set(pays)) == ours_bq


def test_pygambit_agrees_on_the_hybrid_equilibrium_of_beer_quiche(tmp_path):
    """At prior 2/5 strong every information set is reached in every equilibrium (pooling and
    separating fail on the path), so Nash equilibria are the perfect Bayesian ones: Gambit's
    exact LCP on the exported .efg must give the one semi-separating equilibrium's payoffs."""
    gbt = pytest.importorskip("pygambit")
    from negsim.games.mixed_signalling import mixed_perfect_bayesian
    from tests.games.textbook import beer_quiche
    path = tmp_path / "bq4.efg"
    path.write_text(to_efg(beer_quiche(0.4), "Beer-Quiche 2/5"))
    game = gbt.read_efg(str(path))
    (ours,) = mixed_perfect_bayesian(beer_quiche(0.4))
    theirs = gbt.nash.lcp_solve(game, rational=True).equilibria
    assert theirs
    for eq in theirs:
        got = [Fraction(str(eq.payoff(p))) for p in game.players]
        assert got == [Fraction(ours.exact_payoffs["Sender"]),
                       Fraction(ours.exact_payoffs["Receiver"])]
