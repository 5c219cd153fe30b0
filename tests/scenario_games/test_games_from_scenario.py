"""Scenario-facing games: declared games, the proposal game, threats, truces, JSON round trip."""

from __future__ import annotations

import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.scenario_games.from_scenario import normal_form
from negsim.games.pure_nash import pure_nash_equilibria
from negsim.results.analysis import Analysis

HEAD = '''[scenario]
name = "t"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
'''


def _load(tmp_path, text):
    f = tmp_path / "s.toml"
    f.write_text(text)
    return negsim.load_scenario(f)


PD = HEAD + '''[actors.Row]
[actors.Column]
[[games]]
id = "pd"
players = ["Row", "Column"]
strategies = { Row = ["C", "D"], Column = ["C", "D"] }
payoffs = { Row = [[3, 0], [5, 1]], Column = [[3, 5], [0, 1]] }
[[games]]
id = "bos"
players = ["Him", "Her"]
payoffs = { Him = [[3, 0], [0, 2]], Her = [[2, 0], [0, 3]] }
'''


def test_prisoners_dilemma_and_battle_of_sexes_from_toml_give_textbook_equilibria(tmp_path):
    a = negsim.analyze(_load(tmp_path, PD))
    pd = next(g for g in a.games if g.id == "pd")
    assert [e.strategies for e in pd.equilibria] == [{"Row": {"D": 1.0}, "Column": {"D": 1.0}}]
    assert pd.surviving == {"Row": ["D"], "Column": ["D"]} and pd.dominance_solvable
    bos = next(g for g in a.games if g.id == "bos")
    assert bos.equilibrium_count == 3 and bos.all_equilibria
    mixed = next(e for e in bos.equilibria if not e.pure)
    assert mixed.strategies["Him"]["1"] == pytest.approx(0.6)
    assert mixed.payoffs["Him"] == pytest.approx(1.2)


ENTRY = HEAD + '''[actors.Entrant]
[actors.Incumbent]
[[games]]
id = "entry"
kind = "sequential"
[[games.nodes]]
id = "start"
player = "Entrant"
actions = { Out = "out", In = "market" }
[[games.nodes]]
id = "market"
player = "Incumbent"
threat = "Fight"
actions = { Fight = "war", Accommodate = "share" }
[[games.nodes]]
id = "out"
payoffs = { Entrant = 0, Incumbent = 2 }
[[games.nodes]]
id = "war"
payoffs = { Entrant = -1, Incumbent = -1 }
[[games.nodes]]
id = "share"
payoffs = { Entrant = 1, Incumbent = 1 }
'''


def test_entry_deterrence_tree_in_toml_reports_the_non_credible_threat(tmp_path):
    a = negsim.analyze(_load(tmp_path, ENTRY))
    g = a.games[0]
    assert g.spe.path == ("In", "Accommodate") and g.spe.unique
    [t] = g.threats
    assert t.node == "market" and not t.assessment.credible
    assert t.assessment.value_of_commitment == (1.0, 1.0)
    from negsim.text.summary import summary_text
    assert "NOT credible" in summary_text(a)


TARIFF = '''[scenario]
name = "tariff"
[[issues]]
id = "fire"
options = ["war", "truce"]
status_quo = "war"
[actors.R]
demands = [{ issue = "fire", want = "war" }]
[actors.U]
demands = [{ issue = "fire", want = "truce" }]
[[levers]]
id = "tariffs"
by = "U"
effects = { R = -2.0, U = EFFECT }
[[proposals]]
id = "truce"
terms = { fire = "truce" }
[[games]]
id = "deadline"
kind = "sequential"
[[games.nodes]]
id = "r"
player = "R"
actions = { offer = "deal", refuse = "u" }
[[games.nodes]]
id = "u"
player = "U"
actions = { impose = "hit", hold = "quiet" }
[[games.nodes]]
id = "deal"
outcome = "truce"
[[games.nodes]]
id = "hit"
outcome = "no_deal"
levers = ["tariffs"]
[[games.nodes]]
id = "quiet"
outcome = "no_deal"
'''


@pytest.mark.parametrize("effect, credible, path", [(-0.5, False, ("refuse", "hold")),
                                                     (0.5, True, ("offer",))])
def test_lever_in_a_tree_is_credible_exactly_when_carrying_it_out_pays(tmp_path, effect,
                                                                       credible, path):
    a = negsim.analyze(_load(tmp_path, TARIFF.replace("EFFECT", str(effect))))
    g = a.games[0]
    assert g.spe.path == path
    [t] = g.threats
    assert (t.lever, t.node, t.assessment.threat) == ("tariffs", "u", "impose")
    assert t.assessment.credible is credible
    # leaf payoff = demand utility + full effect: R at "hit" is 1 - 2 = -1
    assert g.spe.nodes[-1].action_values["impose"][0] == pytest.approx(effect)


def test_proposal_game_of_two_agreeing_actors_has_the_obvious_pure_equilibria():
    s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b", "c"), "a"),),
                        actors=(negsim.Actor("A", (negsim.Demand("x", want="b"),)),
                                negsim.Actor("B", (negsim.Demand("x", want="b"),))),
                        proposals=(negsim.Proposal("deal", (("x", "b"),)),
                                   negsim.Proposal("bad", (("x", "c"),))))
    players, names, U = normal_form(s)
    assert names == [["deal", "bad", "no_deal"]] * 2
    profiles = {tuple(names[0][k] for k in e.profile) for e in pure_nash_equilibria(U)}
    # by hand: u(deal) = 1, u(bad) = u(no deal) = 0 for both.  (deal, deal) is an equilibrium;
    # a profile where one backs "deal" and the other not is not (the other gains 1 by switching);
    # every profile where nobody backs "deal" gives 0 and no single switch changes that.
    assert profiles == {("deal", "deal")} | {(p, q) for p in ("bad", "no_deal")
                                             for q in ("bad", "no_deal")}


TRUCE = '''[scenario]
name = "truce"
[[issues]]
id = "a_fire"
options = ["fight", "hold"]
status_quo = "fight"
[[issues]]
id = "b_fire"
options = ["fight", "hold"]
status_quo = "fight"
[[issues]]
id = "verification"
options = ["none", "monitors"]
status_quo = "none"
[actors.A]
patience = 0.6
reservation = 0.1
demands = [{ issue = "a_fire", scores = { fight = 0.4, hold = 0 } },
           { issue = "b_fire", scores = { hold = 0.6, fight = 0 } }]
[actors.B]
patience = 0.6
reservation = 0.1
demands = [{ issue = "b_fire", scores = { fight = 0.4, hold = 0 } },
           { issue = "a_fire", scores = { hold = 0.6, fight = 0 } }]
[[proposals]]
id = "truce"
terms = { a_fire = "hold", b_fire = "hold" }
[[truces]]
proposal = "truce"
issues = ["a_fire", "b_fire"]
DETECTION
'''


def test_truce_with_t_r_p_5_3_1_has_threshold_one_half(tmp_path):
    # u = (s1 + s2) / 2: R = u(hold, hold) = 0.3, T = u(own fire, other holds) = 0.5, P = 0.1
    a = negsim.analyze(_load(tmp_path, TRUCE.replace("DETECTION", "")))
    [t] = a.truces
    for p in t.parties:
        assert (p.temptation, p.compliance, p.breakdown) == pytest.approx((0.5, 0.3, 0.1))
        assert p.threshold == pytest.approx(0.5) and p.holds  # patience 0.6 >= 0.5
    assert t.violations["A"] == {"a_fire": "fight"} and t.holds
    # minimum q at delta 0.6, alpha 0: (T-R)(1-delta)/(delta (R-P)) = 0.2*0.4/(0.6*0.2)
    assert t.minimum_detection == pytest.approx(2 / 3)


def test_truce_verification_options_decide_whether_it_holds(tmp_path):
    text = TRUCE.replace("DETECTION", 'verification = { issue = "verification", '
                                      'q = { none = 0.3, monitors = 0.9 } }')
    t = negsim.analyze(_load(tmp_path, text)).truces[0]
    assert t.detection == 0.3 and not t.holds
    assert t.verification == {"none": False, "monitors": True}


def test_analysis_with_games_and_truces_round_trips_through_json(tmp_path):
    for text in (PD, ENTRY, TRUCE.replace("DETECTION", "detection = 0.8\nfalse_alarm = 0.05"),
                 TARIFF.replace("EFFECT", "-0.5")):
        a = negsim.analyze(_load(tmp_path, text))
        assert Analysis.from_json(a.to_json()) == a


def test_old_json_without_the_new_fields_still_loads(tmp_path):
    a = negsim.analyze(_load(tmp_path, PD))
    d = a.to_dict()
    for k in ("games", "truces", "bargaining_over_time"):
        d.pop(k)
    old = Analysis.from_dict(d)
    assert old.games == [] and old.truces == [] and old.bargaining_over_time is None


@pytest.mark.parametrize("old, new, key", [
    ('actions = { Fight = "war", Accommodate = "share" }',
     'actions = { Fight = "warr", Accommodate = "share" }', "games[0].nodes[1].actions.Fight"),
    ('threat = "Fight"', 'threat = "Fite"', "games[0].nodes[1].threat"),
    ('payoffs = { Entrant = 0, Incumbent = 2 }', 'payoffs = { Entrant = 0 }',
     "games[0].nodes[3].payoffs"),
    ('id = "out"\n', 'id = "out"\nprobabilities = { x = 2 }\n', "games[0].nodes[2].probabilities"),
])
def test_bad_sequential_games_give_located_errors(tmp_path, old, new, key):
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, ENTRY.replace(old, new))
    assert err.value.key == key and err.value.file.endswith("s.toml")


@pytest.mark.parametrize("old, new, key", [
    ("Column = [[3, 5], [0, 1]] }", "Column = [[3, 5], [0]] }", "games[0].payoffs.Column"),
    ("Column = [[3, 5], [0, 1]] }", "Column = [[3, 5, 1], [0, 1, 1]] }", "games[0].payoffs.Column"),
    ('Column = ["C", "D"] }', 'Column = ["C"] }', "games[0].strategies.Column"),
])
def test_bad_matrices_give_located_errors(tmp_path, old, new, key):
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, PD.replace(old, new))
    assert err.value.key == key


def test_unknown_outcome_and_lever_in_a_tree_suggest_the_right_name(tmp_path):
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, TARIFF.replace("EFFECT", "1").replace('outcome = "truce"',
                                                              'outcome = "truse"'))
    assert err.value.key == "games[0].nodes[2].outcome" and "truce" in (err.value.hint or "")
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, TARIFF.replace("EFFECT", "1").replace('levers = ["tariffs"]',
                                                              'levers = ["tarifs"]'))
    assert err.value.key == "games[0].nodes[3].levers"
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, TRUCE.replace("DETECTION", "").replace('proposal = "truce"\n',
                                                               'proposal = "truse"\n'))
    assert err.value.key == "truces[0].proposal"
