"""Stated positions of the shipped scenarios that an encoding must not turn around (issue 14).

The USA "returned to the White House pledging to bring a rapid end to the war" (001) and pushed the
30-day ceasefire (003, 004); France and the UK called for a 30-day ceasefire (001). So, in every shipped
configuration, each of them must rank an open-ended ceasefire above a short pause and a short pause above
no truce at all.  A conditional encoding (``when = { ground_war = "ceasefire" }`` on ``duration``) scores
"no truce" as meeting the demand, i.e. the USA preferring war to a pause on that demand: the per-demand
check below fails for it whatever the weights.  Utilities come from the brute-force reading in
tests/support/reference.py, not from the engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import negsim
from tests.support import reference

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted((REPO / "scenarios").glob("*.toml"))
FULL = {"ground_war": "ceasefire", "air_strikes": "halt_all", "sea": "halt"}
GROUND = {"ground_war": "ceasefire"}
TERMS = ("72_hours", "30_days", "open_ended")


def _ladder(s: negsim.Scenario, terms: dict) -> list[dict]:
    """No truce (the status quo), then the same truce for 72 hours, 30 days and open-ended."""
    return [dict(s.no_deal)] + [{**s.no_deal, **terms, "duration": d} for d in TERMS]


@pytest.fixture(scope="module", params=SHIPPED, ids=[p.stem for p in SHIPPED])
def scenario(request) -> negsim.Scenario:
    return negsim.load_scenario(request.param)


def test_there_are_shipped_scenarios():
    assert len(SHIPPED) == 5


@pytest.mark.parametrize("terms", [FULL, GROUND], ids=["full", "ground_only"])
def test_usa_ranks_open_ended_over_30_days_over_72_hours_over_no_truce(scenario, terms):
    usa = scenario.actor("USA")
    u = [reference.utility(scenario, usa, o) for o in _ladder(scenario, terms)]
    assert u[0] < u[1] < u[2] < u[3], u


@pytest.mark.parametrize("terms", [FULL, GROUND], ids=["full", "ground_only"])
def test_europe_ranks_a_month_or_more_over_72_hours_over_no_truce(scenario, terms):
    europe = scenario.actor("Europe")
    u = [reference.utility(scenario, europe, o) for o in _ladder(scenario, terms)]
    assert u[0] < u[1] < u[2] <= u[3], u


@pytest.mark.parametrize("name", ["USA", "Europe"])
def test_no_demand_of_theirs_scores_no_truce_above_a_pause(scenario, name):
    # demand by demand, so that no weight (a draw of the ensemble, a calibrated fit) can reverse it
    actor = scenario.actor(name)
    issues = {i.id: i for i in scenario.issues}
    ladder = _ladder(scenario, FULL)
    for d in actor.demands:
        scores = [reference.score(d, issues[d.issue], o[d.issue]) if reference.applies(d, o)
                  else 1.0 for o in ladder]
        assert scores == sorted(scores), (d.label, scores)


def test_istanbul_russia_prefers_neutrality_without_guarantees_to_no_neutrality():
    # the 2022-draft demand is conditional on neutrality (a false condition counts as met); its weight
    # must not turn Russia's core aim around
    s = negsim.load_scenario(REPO / "scenarios" / "istanbul_ceasefire_vs_settlement.toml")
    russia = s.actor("Russia")
    settlement = {**s.no_deal, **FULL, "duration": "open_ended", "territory": "recognised_withdrawal",
                  "military_limits": "limited"}
    u = {g: reference.utility(s, russia, {**settlement, "neutrality": "neutral",
                                          "security_guarantees": g})
         for g in ("none", "us_commitment", "p5_multilateral")}
    not_neutral = reference.utility(s, russia, {**settlement, "neutrality": "not_neutral"})
    assert not_neutral < u["none"] == u["us_commitment"] < u["p5_multilateral"]
