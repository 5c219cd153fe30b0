"""Declared games with information sets, from a scenario file: loading errors and results."""

from __future__ import annotations

import json
from pathlib import Path

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
