"""The value of a :class:`~negsim.model.parameters.Target` in a scenario (margins, reservations, ...)."""

from __future__ import annotations

import math

import numpy as np

from negsim.engine.verdicts import acceptance_margin
from negsim.model.parameters import Target, parse_target
from negsim.preferences import build_preferences
from negsim.model.scenario import Scenario
from negsim.scenario_games.stability import truce_worth

__all__ = ["target_value", "target_vetoed"]


def _margins(scenario: Scenario, proposal: str) -> tuple[dict[str, float], dict[str, bool]]:
    models = build_preferences(scenario)
    space = scenario.space
    row = np.array([space.indices_of(scenario.outcome_of(scenario.proposal(proposal)))],
                   dtype=np.intp)
    worth = truce_worth(scenario, models, proposal)  # [[truces]] count_in_verdicts
    margins = {m.actor: acceptance_margin(worth.get(m.actor, float(m.utility(row)[0])),
                                          m.reservation) for m in models}
    vetoed = {m.actor: bool(m.vetoed(row)[0]) for m in models}
    return margins, vetoed


def target_value(scenario: Scenario, target: str | Target) -> float:
    """The target's value (``nan`` for a solution that does not exist).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.25}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),))
    >>> target_value(s, "margin:truce:A"), target_value(s, "reservation:A")
    (0.75, 0.25)
    """
    t = parse_target(target)
    t.check(scenario)
    if t.kind == "margin":
        margins, _ = _margins(scenario, t.proposal)  # type: ignore[arg-type]
        return margins[t.actor] if t.actor else min(margins.values())
    if t.kind == "reservation":
        models = build_preferences(scenario)
        return next(m.reservation for m in models if m.actor == t.actor)
    from negsim.engine import analyze

    sol = analyze(scenario).solution(t.solution)  # type: ignore[arg-type]
    if sol.utilities is None:
        return math.nan
    return float(sol.utilities[t.actor])  # type: ignore[index]


def target_vetoed(scenario: Scenario, target: str | Target) -> bool:
    """Whether a margin target's proposal crosses a red line (of its actor, or of anyone for
    ``margin:PROPOSAL``): then no parameter value makes it acceptable."""
    t = parse_target(target)
    if t.kind != "margin":
        return False
    _, vetoed = _margins(scenario, t.proposal)  # type: ignore[arg-type]
    return vetoed[t.actor] if t.actor else any(vetoed.values())
