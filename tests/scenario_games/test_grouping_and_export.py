"""Equilibria grouped by outcome, weak dominance, and Gambit files written from a scenario."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.gambit_reader import read_efg, read_nfg

import negsim
from negsim.cli import main
from negsim.errors import ScenarioError
from negsim.games.backward_induction import backward_induction
from negsim.scenario_games.export import gambit_files, gambit_text
from negsim.scenario_games.from_scenario import MAX_KEPT, normal_form, proposal_game
from negsim.scenario_games.grouping import weakly_dominated
from negsim.games.pure_nash import pure_nash_equilibria
from negsim.text.summary import summary_text
from negsim.results.analysis import Analysis


def _brute_weak(u):
    out = []
    for i in range(u.shape[0]):
        U = np.moveaxis(u[i], i, 0).reshape(u.shape[i + 1], -1)
        out.append([any((U[b] >= U[a]).all() and (U[b] > U[a]).any()
                        for b in range(len(U)) if b != a) for a in range(len(U))])
    return out


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_weakly_dominated_strategies_equal_a_pairwise_loop(data):
    n = data.draw(st.integers(2, 3))
    shape = tuple(data.draw(st.integers(1, 3)) for _ in range(n))
    flat = data.draw(st.lists(st.integers(-2, 2), min_size=n * int(np.prod(shape)),
                              max_size=n * int(np.prod(shape))))
    u = np.array(flat, dtype=float).reshape(n, *shape)
    assert [w.tolist() for w in weakly_dominated(u)] == _brute_weak(u)


def _three(proposals=("deal", "bad")):
    """Three actors who all want x = b; "deal" gives b, "bad" gives c; no deal is a."""
    props = {"deal": (("x", "b"),), "bad": (("x", "c"),)}
    actors = tuple(negsim.Actor(n, (negsim.Demand("x", want="b"),)) for n in ("A", "B", "C"))
    return negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b", "c"), "a", ordered=False),),
                           actors=actors,
                           proposals=tuple(negsim.Proposal(p, props[p]) for p in proposals))


def test_equilibria_of_the_proposal_game_are_grouped_by_the_deal_they_lead_to():
    s = _three()
    g = proposal_game(s)
    # by hand (u = 1 at x = b, 0 elsewhere): a deal needs all three to back the same proposal;
    # one player alone changes nothing when the other two disagree, so every profile where at
    # most one backs "deal" is an equilibrium: (bad, bad, bad) agrees on "bad" (utility 0), the
    # rest give no deal; (deal, deal, deal) is one (utility 1 each); profiles with exactly two
    # backing "deal" are not (the third gains 1 by joining).
    names = ["deal", "bad", "no_deal"]
    low = [p for p in itertools.product(names, repeat=3) if p.count("deal") <= 1]
    assert g.equilibrium_count == len(low) + 1
    groups = {grp.outcome: grp for grp in g.outcome_groups}
    assert set(groups) == {"deal", "bad", "no_deal"}
    assert groups["no_deal"].count == len(low) - 1
    assert groups["deal"].count == groups["bad"].count == 1
    assert groups["deal"].payoffs == {"A": 1.0, "B": 1.0, "C": 1.0}
    assert groups["no_deal"].payoffs == {"A": 0.0, "B": 0.0, "C": 0.0}
    # backing "deal" weakly dominates the rest: only the deal equilibrium avoids dominated ones
    assert groups["deal"].undominated == 1
    assert groups["no_deal"].undominated == groups["bad"].undominated == 0
    assert g.outcome_groups[0].outcome == "no_deal"  # largest group first
    rep = groups["no_deal"].representative
    assert sum(list(st_)[0] == "deal" for st_ in rep.strategies.values()) <= 1


def test_group_counts_match_outcomes_recomputed_from_the_strategy_names():
    s = _three()
    players, names, U = normal_form(s)
    expected = Counter()
    for e in pure_nash_equilibria(U, tol=1e-9):
        backed = [names[i][k] for i, k in enumerate(e.profile)]
        expected[backed[0] if len(set(backed)) == 1 else "no_deal"] += 1
    got = {grp.outcome: grp.count for grp in proposal_game(s).outcome_groups}
    assert got == dict(expected)


def test_summary_names_the_outcome_and_a_representative_not_every_profile():
    actors = tuple(negsim.Actor(n, (negsim.Demand("x", want="b", hard=n == "A"),))
                   for n in "ABCD")  # A's red line blocks every proposal
    s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b", "c"), "a"),), actors=actors,
                        proposals=tuple(negsim.Proposal(f"p{k}", (("x", "c"),))
                                        for k in range(4)))
    a = negsim.analyze(s)
    g = a.games[-1]
    assert g.equilibrium_count > MAX_KEPT and len(g.equilibria) == MAX_KEPT
    [grp] = g.outcome_groups
    assert grp.outcome == "no_deal" and grp.count == g.equilibrium_count
    text = summary_text(a)
    assert f"{g.equilibrium_count} pure equilibria, all leading to no deal (A 0.00" in text
    assert text.count("e.g. A:") == 1
    assert Analysis.from_json(a.to_json()) == a


def test_declared_game_groups_by_payoffs(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(PD_AND_ENTRY)
    a = negsim.analyze(negsim.load_scenario(f))
    bos = next(g for g in a.games if g.id == "bos")
    assert sorted(grp.count for grp in bos.outcome_groups) == [1, 1, 1]
    assert {grp.outcome for grp in bos.outcome_groups} == {""}
    assert "3 equilibria (all of them), leading to 3 outcomes" in summary_text(a)


PD_AND_ENTRY = '''[scenario]
name = "toy"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
[actors.Row]
demands = [{ issue = "x", want = "b" }]
[actors.Column]
demands = [{ issue = "x", want = "b" }]
[[proposals]]
id = "deal"
terms = { x = "b" }
[[games]]
id = "pd"
label = "Prisoners' dilemma"
players = ["Row", "Column"]
strategies = { Row = ["C", "D"], Column = ["C", "D"] }
payoffs = { Row = [[3, 0], [5, 1]], Column = [[3, 5], [0, 1]] }
[[games]]
id = "bos"
players = ["Him", "Her"]
payoffs = { Him = [[3, 0], [0, 2]], Her = [[2, 0], [0, 3]] }
[[games]]
id = "entry"
kind = "sequential"
[[games.nodes]]
id = "start"
player = "Row"
actions = { Out = "out", In = "market" }
[[games.nodes]]
id = "market"
player = "Column"
threat = "Fight"
actions = { Fight = "war", Accommodate = "share" }
[[games.nodes]]
id = "out"
outcome = "no_deal"
[[games.nodes]]
id = "war"
outcome = "no_deal"
[[games.nodes]]
id = "share"
outcome = "deal"
'''


def test_cli_writes_every_game_for_gambit_and_the_files_read_back(tmp_path, capsys):
    f = tmp_path / "s.toml"
    f.write_text(PD_AND_ENTRY)
    out = tmp_path / "gambit"
    assert main(["games", str(f), "--gambit", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Prisoners' dilemma [pd, normal form]" in printed and "wrote" in printed
    assert sorted(p.name for p in out.iterdir()) == ["bos.nfg", "entry.efg", "pd.nfg",
                                                     "proposals.nfg"]
    title, players, u = read_nfg((out / "pd.nfg").read_text())
    assert (title, players) == ("Prisoners' dilemma", ["Row", "Column"])
    assert u.tolist() == [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    assert "Strategies: Row: 1 C, 2 D" in (out / "pd.nfg").read_text()
    s = negsim.load_scenario(f)
    _, names, U = normal_form(s)
    _, players, back = read_nfg((out / "proposals.nfg").read_text())
    assert players == ["Row", "Column"] and np.array_equal(back, U)
    players, root = read_efg((out / "entry.efg").read_text())
    spe = backward_induction(root)
    solved = next(g for g in negsim.analyze(s).games if g.id == "entry")
    assert spe.path == solved.spe.path == ("In", "Accommodate")
    assert spe.payoffs == pytest.approx(solved.spe.payoffs)


def test_gambit_text_of_one_game_and_unknown_ids(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(PD_AND_ENTRY)
    s = negsim.load_scenario(f)
    assert gambit_text(s, "entry").filename == "entry.efg"
    assert [x.game for x in gambit_files(s)] == ["pd", "bos", "entry", "proposals"]
    with pytest.raises(ScenarioError) as err:
        gambit_text(s, "entyr")
    assert "entry" in (err.value.hint or "")
    assert main(["games", str(f), "--gambit", str(tmp_path / "g"), ]) == 0


def test_cli_bad_scenario_writes_nothing(tmp_path, capsys):
    f = tmp_path / "s.toml"
    f.write_text(PD_AND_ENTRY.replace('threat = "Fight"', 'threat = "Fite"'))
    out = tmp_path / "gambit"
    assert main(["games", str(f), "--gambit", str(out)]) == 1
    assert "error:" in capsys.readouterr().err and not out.exists()


def test_a_game_with_one_equilibrium_reads_as_one(tmp_path):
    path = tmp_path / "pd.toml"
    path.write_text(
        '[scenario]\nname = "PD"\n[[issues]]\nid = "x"\noptions = ["a", "b"]\nstatus_quo = "a"\n'
        '[actors.Row]\n[actors.Column]\n[[games]]\nid = "pd"\nplayers = ["Row", "Column"]\n'
        'strategies = { Row = ["C", "D"], Column = ["C", "D"] }\n'
        'payoffs = { Row = [[3, 0], [5, 1]], Column = [[3, 5], [0, 1]] }\n', encoding="utf-8")
    text = summary_text(negsim.analyze(negsim.load_scenario(path)))
    assert "1 equilibrium (the only one), leading to payoffs Row 1.00, Column 1.00" in text
