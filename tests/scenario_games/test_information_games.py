"""Declared games with information sets, from a scenario file: loading errors and results."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.results.analysis import Analysis

HERE = Path(__file__).resolve().parent


def test_beer_quiche_from_a_scenario_file():
    a = negsim.analyze(negsim.load_scenario(HERE / "beer_quiche.toml"))
    (g,) = [g for g in a.games if g.id == "bq"]
    assert g.spe is None and [h.id for h in g.info_sets] == ["after_beer", "after_quiche"]
    # the declared actions of wb are in another order: the tree follows the set's first node
    assert next(n for n in g.tree if n.id == "wb").actions == ["duel", "not_duel"]
    meals = sorted((e.actions["s"], e.actions["w"], e.intuitive) for e in g.perfect_bayesian)
    assert meals == [("beer", "beer", True), ("quiche", "quiche", False)]
    assert all(e.kind == "pooling" for e in g.perfect_bayesian)
    assert sorted(tuple(sorted(e.paths)) for e in g.perfect_bayesian) == \
        [("strong/beer/not_duel", "weak/beer/not_duel"),
         ("strong/quiche/not_duel", "weak/quiche/not_duel")]
    assert Analysis.from_dict(json.loads(json.dumps(a.to_dict()))) == a
    text = str(a)
    assert "intuitive criterion: FAILS" in text and "belief at after_beer" in text


def _with(tmp_path, old, new):
    text = (HERE / "beer_quiche.toml").read_text().replace(old, new, 1)
    assert text != (HERE / "beer_quiche.toml").read_text()
    f = tmp_path / "s.toml"
    f.write_text(text)
    return f


def test_an_information_set_with_other_actions_is_a_located_error(tmp_path):
    f = _with(tmp_path, 'actions = { not_duel = "wb_n", duel = "wb_d" }',
              'actions = { spare = "wb_n", duel = "wb_d" }')
    with pytest.raises(ScenarioError, match="same actions") as err:
        negsim.load_scenario(f)
    assert "games[0].nodes[4].actions" in str(err.value)


def test_an_information_set_with_another_player_is_a_located_error(tmp_path):
    f = _with(tmp_path, 'id = "wb"\nplayer = "Receiver"', 'id = "wb"\nplayer = "Sender"')
    with pytest.raises(ScenarioError, match="same player") as err:
        negsim.load_scenario(f)
    assert "games[0].nodes[4].player" in str(err.value)


def test_an_information_set_on_a_chance_node_or_named_as_a_node_is_refused(tmp_path):
    f = _with(tmp_path, 'id = "nature"\n', 'id = "nature"\ninfo_set = "n"\n')
    with pytest.raises(ScenarioError, match="only a player's move"):
        negsim.load_scenario(f)
    f = _with(tmp_path, 'info_set = "after_quiche"', 'info_set = "sb"')
    with pytest.raises(ScenarioError, match="name of another node"):
        negsim.load_scenario(f)


ROOT = HERE.parents[1]


def test_shipped_us_resolve_game_agrees_with_the_typed_credibility():
    a = negsim.analyze(negsim.load_scenario(ROOT / "scenarios/air_truce_secondary_tariffs.toml"))
    g = next(g for g in a.games if g.id == "tariff_resolve")
    assert [h.id for h in g.info_sets] == ["russia_reads_us"]
    assert len(g.perfect_bayesian) == 2  # Moscow is indifferent about the offer
    for e in g.perfect_bayesian:
        assert e.beliefs["russia_reads_us"] == {"resolute": 0.7, "irresolute": 0.3}
        assert e.actions["us_resolute_after_offer"] == "impose_tariffs"
        assert e.actions["us_irresolute_after_offer"] == "hold"
    assert any("agrees with this game" in line for line in g.credibility)
    old = next(g for g in a.games if g.id == "tariff_deadline")
    assert any(line.startswith("warning:") for line in old.credibility)
    # adjust: the resolute type's cost of backing down is on top of the model's payoff
    leaf = {n.id: n for n in g.tree if n.kind == "terminal"}
    assert leaf["resolute_backs_down"].payoffs["USA"] == \
        pytest.approx(leaf["no_tariffs"].payoffs["USA"] - 0.05)


def test_adjust_needs_an_outcome(tmp_path):
    f = _with(tmp_path, 'id = "sb_d"\npayoffs', 'id = "sb_d"\nadjust = { Sender = 1 }\npayoffs')
    with pytest.raises(ScenarioError, match="adjust changes the model's payoffs"):
        negsim.load_scenario(f)


def test_powell_commitment_problem_in_a_scenario(tmp_path):
    text = '''[scenario]
name = "t"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
[actors.A]
patience = 0.9
[actors.B]
patience = 0.9
[war]
actors = ["A", "B"]
p = 0.6
p_after = 0.3
costs = { A = 0.1, B = 0.1 }
'''
    f = tmp_path / "w.toml"
    f.write_text(text)
    a = negsim.analyze(negsim.load_scenario(f))
    c = a.bargaining_over_time.commitment
    assert c.fights_now == "a" and c.p_after == 0.3
    assert "A would rather fight now" in str(a)
    f.write_text(text.replace("p_after = 0.3", "p_after = 0.55"))
    a = negsim.analyze(negsim.load_scenario(f))
    assert a.bargaining_over_time.commitment.fights_now is None
    assert "some deal still beats war for both" in str(a)


TRUCE_TEXT = '''[scenario]
name = "t"
[[issues]]
id = "x"
options = ["war", "truce"]
status_quo = "war"
[actors.A]
patience = 0.5
demands = [{ issue = "x", want = "truce" }]
reservation = 0.3
[actors.B]
patience = 0.5
demands = [{ issue = "x", want = "truce" }]
reservation = 0.3
[[proposals]]
id = "pause"
terms = { x = "truce" }
[[truces]]
proposal = "pause"
false_alarm = 0.5
count_in_verdicts = true
hold_belief = { B = 0.25 }
'''


def test_count_in_verdicts_values_the_truce_at_its_expected_worth(tmp_path):
    text = TRUCE_TEXT
    f = tmp_path / "t.toml"
    f.write_text(text)
    a = negsim.analyze(negsim.load_scenario(f))
    (t,) = a.truces
    # R = 1, P = 0.3, delta = 0.5, alpha = 0.5: V = (0.5 + 0.25 * 0.3) / (0.5 + 0.25) = 23/30
    v = (0.5 * 1 + 0.5 * 0.5 * 0.3) / (1 - 0.5 + 0.5 * 0.5)
    assert t.expected_values["A"] == pytest.approx(v)
    assert t.expected_values["B"] == pytest.approx(0.25 * v + 0.75 * 0.3)
    (pv,) = a.verdicts
    by = {r.actor: r for r in pv.responses}
    assert by["A"].utility == pytest.approx(v) and by["A"].accepts
    assert by["B"].margin == pytest.approx(0.25 * (v - 0.3))
    assert "the verdicts use these values" in str(a)
    assert "the ensemble value the terms as certain" in " ".join(str(a).split())
    # sensitivity and tipping points move the same margin the verdicts report (one rule)
    from negsim.uncertainty.targets import target_value
    s = negsim.load_scenario(f)
    for actor in ("A", "B"):
        assert target_value(s, f"margin:pause:{actor}") == pytest.approx(by[actor].margin)
    assert target_value(s, "margin:pause") == pytest.approx(0.25 * (v - 0.3))
    f.write_text(text.replace("count_in_verdicts = true", "count_in_verdicts = false"))
    b = negsim.analyze(negsim.load_scenario(f))
    assert {r.actor: r.utility for r in b.verdicts[0].responses} == {"A": 1.0, "B": 1.0}


def test_margins_under_changed_parameters_read_the_truce_worth(tmp_path):
    """With count_in_verdicts the margins that sensitivity and tipping points move are the
    truce's expected worth (the batch linear form declines them): A's margin at patience
    delta is V(delta) - 0.3 with V = ((1 - delta) R + delta alpha P) / (1 - delta + delta
    alpha), R = 1, P = 0.3, alpha = 0.5 (negsim.scenario_games.stability.truce_value)."""
    from negsim.uncertainty.targets import linear_target_values, target_value
    text = TRUCE_TEXT
    f = tmp_path / "t.toml"
    f.write_text(text)
    s = negsim.load_scenario(f)
    assert linear_target_values(s, "margin:pause:A", "actors.A.patience",
                                np.array([0.4, 0.6])) is None
    for d in (0.4, 0.5, 0.6):
        v = ((1 - d) * 1 + d * 0.5 * 0.3) / (1 - d + d * 0.5)
        got = target_value(s.with_parameters({"actors.A.patience": d}), "margin:pause:A")
        assert got == pytest.approx(v - 0.3)
