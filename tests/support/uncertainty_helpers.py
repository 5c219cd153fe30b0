"""Scenarios built in code for the uncertainty and dynamics tests."""

from __future__ import annotations

import negsim
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter


def toy(uncertain: dict[str, Distribution] | None = None, **kw) -> negsim.Scenario:
    """The toy air-truce scenario: three issues, three actors, a tariff lever, one proposal."""
    I, D, A = negsim.Issue, negsim.Demand, negsim.Actor
    issues = (I("air_strikes", ("continue", "halt_energy", "halt_all"), "continue", ordered=True),
              I("ground_war", ("continue", "ceasefire"), "continue"),
              I("arms_deliveries", ("continue", "halted"), "continue"))
    actors = (A("Russia", (D("ground_war", want="continue", weight=3), D("air_strikes", want="continue"),
                           D("arms_deliveries", want="halted", hard=True,
                             when={"ground_war": "ceasefire"}))),
              A("Ukraine", (D("ground_war", want="ceasefire", weight=2),
                            D("air_strikes", want="halt_all"), D("arms_deliveries", want="continue"))),
              A("USA", (D("ground_war", want="ceasefire"),)))
    levers = (negsim.Lever("secondary_tariffs", by="USA", effects={"Russia": -0.5, "USA": -0.03},
                           credibility=0.6),
              negsim.Lever("air_aid", by="USA", effects={"Ukraine": 0.1, "Russia": -0.05},
                           trigger={"air_strikes": "halt_all"}, credibility=0.5))
    proposals = (negsim.Proposal("air_truce", {"air_strikes": "halt_all"}, by="Russia"),
                 negsim.Proposal("full_ceasefire", {"air_strikes": "halt_all",
                                                    "ground_war": "ceasefire",
                                                    "arms_deliveries": "halted"}))
    s = negsim.Scenario("toy", issues=issues, actors=actors, levers=levers, proposals=proposals, **kw)
    if uncertain:
        s = s.with_parameters({p: d.point for p, d in uncertain.items()})
        s = s.with_changes(uncertain=tuple(UncertainParameter(p, d) for p, d in uncertain.items()))
    return s


TOY_UNCERTAIN = {
    "actors.Russia.demands[0].weight": Distribution.triangular(2, 3, 5),
    "levers.secondary_tariffs.credibility": Distribution.beta(6, 4),
    "levers.secondary_tariffs.effects.Russia": Distribution.uniform(-0.8, -0.2),
    "levers.air_aid.effects.Ukraine": Distribution.normal(0.1, 0.05, low=0, high=0.3),
    "actors.Russia.power": Distribution.uniform(0.5, 2),
}


def one_weight_scenario(low: float, high: float) -> negsim.Scenario:
    """One actor, one uncertain weight w ~ uniform(low, high).

    A's margin on the proposal is (w - 1)/(w + 1) + 0.2, >= 0 exactly when w >= 2/3."""
    I, D = negsim.Issue, negsim.Demand
    s = negsim.Scenario(
        "one weight",
        issues=(I("war", ("fight", "truce"), "fight"), I("money", ("keep", "pay"), "keep")),
        actors=(negsim.Actor("A", (D("war", want="truce", weight=(low + high) / 2),
                                   D("money", want="keep"))),),
        levers=(negsim.Lever("sanctions", by="A", effects={"A": -0.2}),),
        proposals=(negsim.Proposal("deal", {"war": "truce", "money": "pay"}),))
    return s.with_changes(uncertain=(UncertainParameter(
        "actors.A.demands[0].weight", Distribution.uniform(low, high)),))
