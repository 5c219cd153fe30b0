"""Sensitivity swings and tipping points: planted roots, closed forms, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import negsim
from negsim.model.distributions import Distribution
from negsim.uncertainty import sensitivity, target_value, tipping_point

from tests.support.uncertainty_helpers import TOY_UNCERTAIN, one_weight_scenario, toy


def test_a_planted_tipping_point_in_a_weight_is_found_to_1e_6():
    # margin (w - 1)/(w + 1) + 0.2 crosses 0 at w = 2/3
    tp = tipping_point(one_weight_scenario(0.1, 3.0), "actors.A.demands[0].weight", "margin:deal:A")
    assert tp.found and tp.value == pytest.approx(2 / 3, abs=1e-6)
    assert tp.low == 0.1 and tp.high == 3.0  # the distribution's range by default
    assert "rejected for actors.A.demands[0].weight below 0.666667, accepted above" in tp.message


def test_the_tariff_cost_at_which_russia_accepts_the_air_truce_is_linear_in_the_effect():
    s = toy()
    v = negsim.analyze(s).verdict("air_truce").response("Russia")
    # margin(e) = margin0 - credibility * (e - e0); credibility 0.6, e0 = -0.5
    planted = -0.5 + v.margin / 0.6
    tp = tipping_point(s, "levers.secondary_tariffs.effects.Russia", "margin:air_truce:Russia",
                       low=-3, high=0)
    assert tp.value == pytest.approx(planted, abs=1e-6)
    assert tp.crossings == [tp.value]


def test_no_flip_in_the_range_is_reported_as_such():
    tp = tipping_point(toy(), "levers.secondary_tariffs.effects.Russia", "margin:air_truce:Russia",
                       low=-3, high=-2)
    assert not tp.found and tp.value is None and "no flip" in tp.message


def test_a_red_line_is_flagged_whatever_the_value():
    tp = tipping_point(toy(), "levers.secondary_tariffs.effects.Russia",
                       "margin:full_ceasefire:Russia", low=-3, high=0)
    assert tp.vetoed is False  # arms halted: Russia's conditional red line is met
    s = toy().with_changes(proposals=(negsim.Proposal("bad", {"ground_war": "ceasefire"}),))
    assert tipping_point(s, "levers.secondary_tariffs.effects.Russia", "margin:bad:Russia",
                         low=-3, high=0).vetoed


def test_without_a_range_a_certain_parameter_needs_low_and_high():
    with pytest.raises(negsim.ScenarioError, match="give low and high"):
        tipping_point(toy(), "actors.Russia.power", "margin:air_truce:Russia")


def test_sensitivity_bars_match_the_target_at_both_ends_and_are_ranked_by_swing():
    s = toy(TOY_UNCERTAIN)
    sens = sensitivity(s, "margin:air_truce:Russia")
    swings = [b.swing for b in sens.bars]
    assert swings == sorted(swings, reverse=True)
    for b in sens.bars:
        d = s.uncertain_parameter(b.parameter).distribution
        assert b.low == pytest.approx(float(d.ppf([0.05])[0]))
        assert b.target_high == target_value(s.with_parameters({b.parameter: b.high}),
                                             "margin:air_truce:Russia")
    by = {b.parameter: b for b in sens.bars}
    assert by["actors.Russia.power"].swing == 0.0  # power does not enter margins
    assert by["levers.secondary_tariffs.effects.Russia"].swing == pytest.approx(
        0.6 * (by["levers.secondary_tariffs.effects.Russia"].high
               - by["levers.secondary_tariffs.effects.Russia"].low))


def test_unbounded_normal_swings_over_percentiles_but_not_over_its_whole_range():
    s = toy({"levers.secondary_tariffs.effects.Russia": Distribution.normal(-0.5, 0.1)})
    assert sensitivity(s, "margin:air_truce:Russia").bars[0].low == pytest.approx(-0.5 - 0.1 * 1.6448536)
    with pytest.raises(negsim.ScenarioError, match="unbounded"):
        sensitivity(s, "margin:air_truce:Russia", span=(0.0, 1.0))


@pytest.mark.slow
def test_negsim_run_shows_and_writes_the_answers(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text('''
[scenario]
name = "tiny"
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"
[actors.A]
[[actors.A.demands]]
issue = "war"
want = "truce"
[[levers]]
id = "aid"
by = "A"
effects = { A = { dist = "uniform", low = 0, high = 2 } }
[[proposals]]
id = "truce"
terms = { war = "truce" }
[[questions]]
kind = "tipping_point"
parameter = "levers.aid.effects.A"
target = "margin:truce:A"
label = "aid that makes A walk away"
''')
    out = subprocess.run([sys.executable, "-m", "negsim", "run", str(toml), "--json",
                          str(tmp_path / "a.json")], capture_output=True, text=True, check=True)
    assert "Tipping points" in out.stdout and "below 1, rejected above" in out.stdout
    assert "Sensitivity of margin:truce" in out.stdout
    data = json.loads((tmp_path / "a.json").read_text())
    assert data["tipping_points"][0]["value"] == pytest.approx(1.0, abs=1e-9)
    assert negsim.Analysis.from_dict(data).tipping_points[0].label == "aid that makes A walk away"


@pytest.mark.parametrize("bad,match", [
    ('effects = { A = { dist = "gauss", mean = 0, sd = 1 } }', "effects.A.dist: unknown distribution"),
    ('effects = { A = { dist = "normal", mean = 0, sd = -1 } }', "effects.A.sd: the standard deviation"),
    ('effects = { A = { dist = "uniform", low = 1 } }', "effects.A.high: a uniform distribution needs high"),
    ('effects = { A = { dist = "uniform", low = 2, high = 1 } }', "effects.A.low: low is above high"),
    ('credibility = { dist = "uniform", low = 0.5, high = 1.5 }\neffects = { A = 1 }',
     "levers\\[0\\].credibility: the distribution can draw values that"),
])
def test_bad_distributions_name_file_and_key(tmp_path, bad, match):
    toml = tmp_path / "bad.toml"
    toml.write_text(f'''
[scenario]
name = "bad"
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"
[actors.A]
[[levers]]
id = "aid"
by = "A"
{bad}
''')
    with pytest.raises(negsim.ScenarioError, match=match) as err:
        negsim.load_scenario(toml)
    assert err.value.file == str(toml)
