"""Structural uncertainty: red lines with a probability, alternative triggers and conditions."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.model.structure import StructuralChoice, apply_structure, hard_choice
from negsim.uncertainty.structure import variant_draws

TOY = """
[scenario]
name = "toy"
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"
[[issues]]
id = "aid"
options = ["none", "some"]
status_quo = "none"
[actors.A]
[[actors.A.demands]]
issue = "war"
want = "fight"
hard = {hard}
weight = 1
[[actors.A.demands]]
issue = "aid"
want = "some"
weight = 2
[actors.B]
[[actors.B.demands]]
issue = "war"
want = "truce"
[[proposals]]
id = "truce_aid"
terms = {{ war = "truce", aid = "some" }}
[[proposals]]
id = "truce"
terms = {{ war = "truce" }}
"""


def _load(tmp_path: Path, text: str, name: str = "s.toml") -> negsim.Scenario:
    f = tmp_path / name
    f.write_text(textwrap.dedent(text))
    return negsim.load_scenario(f)


def _plain(result: negsim.EnsembleResult) -> dict:
    out = result.to_dict()
    out.pop("notes")
    return out


@pytest.mark.parametrize("p, certain", [(1, "true"), (0, "false"), (1.0, "true"), (0.0, "false")])
def test_hard_one_and_zero_are_the_certain_readings(tmp_path: Path, p: float, certain: str) -> None:
    s = _load(tmp_path, TOY.format(hard=p), "p.toml")
    c = _load(tmp_path, TOY.format(hard=certain), "c.toml")
    assert s == c and not s.structural
    assert _plain(negsim.ensemble(s, 3000, 7)) == _plain(negsim.ensemble(c, 3000, 7))


@pytest.mark.parametrize("probs, hard", [((1.0, 0.0), True), ((0.0, 1.0), False)])
def test_degenerate_choice_equals_certain_ensemble_draw_by_draw(tmp_path: Path, probs, hard) -> None:
    c = _load(tmp_path, TOY.format(hard=str(hard).lower()))
    c = c.with_parameters({}).with_changes(uncertain=(negsim.UncertainParameter(
        "actors.A.demands[1].weight", negsim.Distribution.uniform(0.5, 4)),))
    s = c.with_changes(structural=(StructuralChoice("actors.A.demands[0].hard", (True, False),
                                                    probs),))
    a, b = negsim.ensemble(s, 2500, 11), negsim.ensemble(c, 2500, 11)
    assert _plain(a) == _plain(b)


def test_red_line_probability_counts_exactly(tmp_path: Path) -> None:
    """A acccepts the truce with aid exactly in the draws where the red line is soft
    (weight 2 for aid beats weight 1 for the war; with the red line it is vetoed)."""
    s = _load(tmp_path, TOY.format(hard=0.3))
    assert s.structural == (hard_choice("actors.A.demands[0].hard", 0.3),)
    assert s.actor("A").demands[0].hard is False  # the more likely reading
    n, seed = 20_000, 5
    soft = int((variant_draws(s, n, seed)[:, 0] == 1).sum())
    r = negsim.ensemble(s, n, seed)
    assert r.proposal("truce_aid").accept_counts["A"] == soft
    assert r.proposal("truce").accept_counts["A"] == 0
    assert abs(soft / n - 0.7) < 5 * math.sqrt(0.21 / n)
    nash = r.solutions["nash"]
    assert sum(o.count for o in nash.outcomes) + nash.no_solution == n


def test_trigger_alternatives_closed_form(tmp_path: Path) -> None:
    """A tariff lever hurts A unless a deal; under the stricter reading only while the war goes
    on.  The truce without aid is accepted by A exactly when the lever does not fire on it."""
    s = _load(tmp_path, TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "tariffs"
        by = "B"
        effects = { A = -0.6 }
        [[levers.trigger_alternatives]]
        trigger = "no_deal"
        p = 0.4
        label = "any deal"
        [[levers.trigger_alternatives]]
        trigger = { aid = "none" }
        p = 0.6
        label = "a deal with aid"
        """))
    (choice,) = s.structural
    assert choice.path == "levers.tariffs.trigger" and choice.labels == ("any deal", "a deal with aid")
    assert s.lever("tariffs").trigger == negsim.Condition.of({"aid": "none"})
    n = 10_000
    picks = variant_draws(s, n, 2)[:, 0]
    r = negsim.ensemble(s, n, 2)
    # truce (aid none): A scores 0 of 3 there; no-deal utility 1/3 under "any deal" less 0.6 → accept;
    # under "aid" trigger the lever also fires on the truce: 0 - 0.6 vs 1/3 - 0.6 → reject
    assert r.proposal("truce").accept_counts["A"] == int((picks == 0).sum())


def test_when_alternatives(tmp_path: Path) -> None:
    s = _load(tmp_path, TOY.format(hard="false").replace(
        'want = "some"\nweight = 2', 'want = "some"\nweight = 2\n'
        '[[actors.A.demands.when_alternatives]]\nwhen = { war = "truce" }\np = 0.5\n'
        '[[actors.A.demands.when_alternatives]]\nwhen = {}\np = 0.5\n'))
    (choice,) = s.structural
    assert choice.path == "actors.A.demands[1].when" and choice.point_index == 0
    assert apply_structure(s, [1]).actor("A").demands[1].when == negsim.Condition()
    # no deal: the aid demand does not apply at war = fight under reading 0 (counts as met: 3/3),
    # and scores 0 under reading 1 (1/3); truce with aid scores 2/3 either way
    r = negsim.ensemble(s, 4000, 1)
    assert r.proposal("truce_aid").accept_counts["A"] == int((variant_draws(s, 4000, 1) == 1).sum())


@pytest.mark.parametrize("snippet, key, words", [
    ("hard = 1.5", "actors.A.demands[0].hard", "[0, 1]"),
    ("hard = -0.1", "actors.A.demands[0].hard", "[0, 1]"),
])
def test_bad_probability_is_one_located_line(tmp_path: Path, snippet: str, key: str, words: str) -> None:
    with pytest.raises(ScenarioError) as e:
        _load(tmp_path, TOY.format(hard=snippet.split(" = ")[1]))
    assert e.value.key == key and words in str(e.value) and str(e.value).count("\n") == 0


def test_probabilities_must_sum_to_one(tmp_path: Path) -> None:
    text = TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "tariffs"
        by = "B"
        effects = { A = -0.6 }
        [[levers.trigger_alternatives]]
        trigger = "no_deal"
        p = 0.4
        [[levers.trigger_alternatives]]
        trigger = { aid = "none" }
        p = 0.4
        """)
    with pytest.raises(ScenarioError) as e:
        _load(tmp_path, text)
    assert e.value.file.endswith("s.toml") and e.value.key.startswith("levers[0].trigger_alternatives")
    assert "sum to 1" in str(e.value)


def test_both_trigger_and_alternatives_rejected(tmp_path: Path) -> None:
    text = TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "tariffs"
        by = "B"
        trigger = "no_deal"
        effects = { A = -0.6 }
        [[levers.trigger_alternatives]]
        trigger = "no_deal"
        p = 1
        """)
    with pytest.raises(ScenarioError, match="not both"):
        _load(tmp_path, text)


def test_alternative_condition_checked(tmp_path: Path) -> None:
    text = TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "tariffs"
        by = "B"
        effects = { A = -0.6 }
        [[levers.trigger_alternatives]]
        trigger = "no_deal"
        p = 0.5
        [[levers.trigger_alternatives]]
        trigger = { aid = "lots" }
        p = 0.5
        """)
    with pytest.raises(ScenarioError) as e:
        _load(tmp_path, text)
    assert "lots" in str(e.value) and "trigger" in (e.value.key or "")


def test_model_must_hold_the_point_alternative() -> None:
    s = negsim.examples.toy_scenario()
    with pytest.raises(ScenarioError, match="most probable"):
        s.with_changes(structural=(hard_choice("actors.A.demands[0].hard", 0.9),))


def test_same_seed_same_numbers(tmp_path: Path) -> None:
    s = _load(tmp_path, TOY.format(hard=0.5))
    assert negsim.ensemble(s, 3000, 4).to_json() == negsim.ensemble(s, 3000, 4).to_json()


def test_sensitivity_has_a_bar_per_structural_choice(tmp_path: Path) -> None:
    s = _load(tmp_path, TOY.format(hard=0.3))
    sens = negsim.sensitivity(s, "margin:truce_aid:A")
    (bar,) = sens.bars
    assert bar.parameter == "actors.A.demands[0].hard" and bar.flips
    assert (bar.low, bar.high) == (0.0, 1.0)  # red line (vetoed) at the low end, soft at the high
    # the margin itself: 2/3 - 1/3 under both readings (a red line acts through its veto)
    assert bar.target_low == pytest.approx(1 / 3) and bar.target_high == pytest.approx(1 / 3)


def test_tipping_point_reports_the_other_readings(tmp_path: Path) -> None:
    s = _load(tmp_path, TOY.format(hard=0.3))
    tp = negsim.tipping_point(s, "actors.A.demands[1].weight", "margin:truce_aid:A", low=0.1, high=4)
    # soft reading (the point model): margin w/(1 + w) - 1/(1 + w) crosses 0 at w = 1
    assert tp.value == pytest.approx(1.0)
    assert "if actors.A.demands[0].hard is red line (30%)" in tp.message and "vetoed" in tp.message
