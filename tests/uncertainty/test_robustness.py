"""Robustness of headline claims: probabilities against closed forms, hinges, default spread."""

from __future__ import annotations

import math

import pytest

import negsim
from negsim.model.structure import hard_choice
from negsim.results.robustness import Robustness
from negsim.uncertainty.robustness import default_spread_parameters
from negsim.uncertainty.structure import variant_draws


def _toy(low: float, high: float, *, extra: bool = False, questions: tuple = ()) -> negsim.Scenario:
    """A wants the truce (utility 1 there, 0 at no deal) but gains e from a lever with no deal;
    it accepts iff 1 >= e.  With e ~ U(low, high): P(accept) = (1 - low) / (high - low)."""
    levers = [negsim.Lever("aid", by="A", effects={"A": (low + high) / 2})]
    unc = [negsim.UncertainParameter("levers.aid.effects.A", negsim.Distribution.uniform(low, high))]
    if extra:  # a parameter no claim about A depends on
        levers.append(negsim.Lever("noise", by="B", effects={"B": 0.1}))
        unc.append(negsim.UncertainParameter("levers.noise.effects.B",
                                             negsim.Distribution.uniform(0, 0.2)))
    return negsim.Scenario(
        "toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
        actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
                negsim.Actor("B", (negsim.Demand("war", want="truce"),))),
        levers=tuple(levers), proposals=(negsim.Proposal("truce", {"war": "truce"}),),
        uncertain=tuple(unc), questions=questions)


@pytest.mark.parametrize("low, high", [(0.0, 4.0), (0.5, 1.5), (-1.0, 1.5)])
def test_verdict_probability_matches_closed_form(low: float, high: float) -> None:
    n = 600
    r = negsim.robustness(_toy(low, high), draws=n, seed=3)
    p_accept = (1 - low) / (high - low)
    point_accepts = 1 >= (low + high) / 2
    c = r.claim("verdict:truce:A")
    assert c.text == ("A accepts truce" if point_accepts else "A rejects truce")
    expected = p_accept if point_accepts else 1 - p_accept
    assert abs(c.holds - expected) < 4.5 * math.sqrt(expected * (1 - expected) / n)
    assert r.claim("verdict:truce:B").holds == 1.0 and r.claim("verdict:truce:B").hinges == []


@pytest.mark.slow
def test_converges_with_draws() -> None:
    """At 2500 draws the share is within the 4.5-sigma band of 3/4 (half as wide as at 600)."""
    n = 2500
    c = negsim.robustness(_toy(0.0, 4.0), draws=n, seed=11).claim("verdict:truce:A")
    assert abs(c.holds - 0.75) < 4.5 * math.sqrt(0.75 * 0.25 / n)


def test_hinge_names_the_parameter_that_matters() -> None:
    r = negsim.robustness(_toy(0.0, 4.0, extra=True), draws=400, seed=2)
    c = r.claim("verdict:truce:A")
    assert [h.parameter for h in c.hinges] == ["levers.aid.effects.A"]
    h = c.hinges[0]
    # A rejects; in the lower half of e's draws (e < 2) it accepts half the time, in the upper never
    assert h.high == 1.0 and abs(h.low - 0.5) < 0.1


def test_tipping_point_claim_is_the_cdf() -> None:
    q = negsim.Question("tipping_point", "margin:truce:A", parameter="levers.aid.effects.A")
    n = 400
    r = negsim.robustness(_toy(0.0, 4.0, questions=(q,)), draws=n, seed=5)
    (c,) = [c for c in r.claims if c.kind == "tipping_point"]
    assert "1" in c.text and abs(c.holds - 0.75) < 4.5 * math.sqrt(0.75 * 0.25 / n)


def test_structural_claim_counts_exactly() -> None:
    s = negsim.Scenario(
        "toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
        actors=(negsim.Actor("A", (negsim.Demand("war", want="fight", weight=1),
                                   negsim.Demand("war", want="truce", weight=2))),),
        proposals=(negsim.Proposal("truce", {"war": "truce"}),),
        structural=(hard_choice("actors.A.demands[0].hard", 0.35),))
    n = 400
    r = negsim.robustness(s, draws=n, seed=8)
    c = r.claim("verdict:truce:A")
    assert c.text == "A accepts truce"  # soft is the more likely reading
    assert c.count == int((variant_draws(s, n, 8)[:, 0] == 1).sum())
    assert c.hinges[0].parameter == "actors.A.demands[0].hard"
    assert r.default_spread is None and "1 structural choices" in r.note


def test_default_spread_on_judged_numbers() -> None:
    s = _toy(0.0, 4.0).with_changes(uncertain=(), judged=("levers.aid.effects.A",))
    (p,) = default_spread_parameters(s, 0.3)
    assert p.distribution.describe() == "uniform(1.4, 2.6)"
    r = negsim.robustness(s, draws=300, seed=1)
    assert r.default_spread == 0.3 and "±30%" in r.note and r.parameters == ["levers.aid.effects.A"]
    assert r.claim("verdict:truce:A").holds == 1.0  # e stays above 1.4 > 1: A always rejects
    off = negsim.robustness(s, draws=50, seed=1, default_spread=None)
    assert off.parameters == [] and "off" in off.note


def test_same_seed_same_bytes_and_json_round_trip() -> None:
    s = _toy(0.0, 4.0)
    a, b = negsim.robustness(s, 200, 4), negsim.robustness(s, 200, 4)
    assert a.to_json() == b.to_json()
    assert Robustness.from_json(a.to_json()) == a
