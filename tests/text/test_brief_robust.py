"""The brief's "how sure", key-number probabilities and caveats from ``negsim.robustness``."""

from __future__ import annotations

import math
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.text.bottom_line import bottom_line, key_numbers  # noqa: E402
from negsim.text.brief import brief_html  # noqa: E402
from negsim.text.caveats import caveats  # noqa: E402
from negsim.uncertainty.robustness import default_spread_parameters  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DRAWS = 400


def _lever_scenario() -> negsim.Scenario:
    """A accepts the truce (utility 1) iff its walk-away, the lever effect e ~ U(0, 2), is at most
    1: the proposal passes with probability exactly 1/2."""
    return negsim.Scenario(
        "toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
        actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
        levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}, label="Aid"),),
        proposals=(negsim.Proposal("truce", {"war": "truce"}),),
        uncertain=(negsim.UncertainParameter("levers.aid.effects.A",
                                             negsim.Distribution.uniform(0, 2)),))


@pytest.fixture(scope="module")
def lever():
    s = _lever_scenario()
    return s, negsim.analyze(s), negsim.robustness(s, draws=DRAWS, seed=7)


def _percent(text: str) -> float:
    return int(re.search(r"(\d+)% of", text).group(1)) / 100


def test_key_number_probability_is_the_closed_form_one_half_within_three_standard_errors(lever):
    s, a, r = lever
    rows = dict((what, prob) for what, _, prob in key_numbers(a, robust=r))
    prob = rows["“truce”"]
    assert prob.startswith("accepted by all in ") and prob.endswith(f"of {DRAWS} draws")
    assert abs(_percent(prob) - 0.5) <= 3 * math.sqrt(0.25 / DRAWS)
    assert _percent(prob) == round(r.claim("passes:truce").holds, 2)


def test_how_sure_names_the_least_sure_finding_and_its_hinge_in_the_figures_words(lever):
    s, a, r = lever
    last = bottom_line(a, robust=r)[-1]
    assert last.startswith(f"How sure: over {DRAWS} draws of the scenario's 1 uncertain input")
    # the proposal passing and some deal being acceptable are the same event here
    assert re.search(r"the least sure, that (“truce” is accepted by every party|some deal is "
                     r"acceptable to every party), is true in \d+%", last), last
    assert "hinges on Aid: effect on A" in last  # the lever label, as the figures name it
    cs = caveats(a, robust=r)
    hinge = next(c for c in cs if "hinges on" in c)
    # low half of the effect: A accepts (holds), high half: A rejects
    assert re.search(r"\((9\d|100)% of draws with it low, ([0-9])% with it high\)", hinge), hinge


def test_a_scenario_without_uncertainty_gets_the_default_spread_and_the_caveats_say_so():
    s = load_scenario(REPO / "scenarios" / "victory_day_truce.toml")
    assert not s.uncertain and s.judged
    r = negsim.robustness(s, draws=20)
    a = negsim.analyze(s)
    n = len(default_spread_parameters(s))
    cs = caveats(a, robust=r, judged=tuple(s.judged))
    assert cs[0] == ("Judgement: the scenario declares no uncertainty, so the probabilities put a "
                     f"stated default spread of ±30% on each of its {n} # judgement numbers; they "
                     "measure how much the answer leans on those judgements, not a forecast.")
    page = brief_html(a, {}, robust=r, judged=tuple(s.judged))
    assert "default spread of ±30%" in page and "point value" not in page
    assert f"over 20 draws putting ±30% on each of the {n} judged numbers" in page


def test_no_hinge_names_the_judged_numbers_instead():
    s = negsim.examples.toy_scenario(proposal=True).with_changes(
        judged=("actors.A.demands[0].weight",))
    a = negsim.analyze(s)
    r = negsim.robustness(s, draws=20, seed=1)
    cs = caveats(a, robust=r, judged=tuple(s.judged))
    assert any(c.startswith("Judgement: 1 number is marked as judgement (A: weight of")
               for c in cs), cs
