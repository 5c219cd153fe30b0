"""The value of a :class:`~negsim.model.parameters.Target` in a scenario (margins, reservations, ...)."""

from __future__ import annotations

import math

import numpy as np

from negsim.engine.verdicts import acceptance_margin
from negsim.model.parameters import Target, parse_target
from negsim.preferences import build_preferences
from negsim.model.scenario import Scenario
from negsim.scenario_games.stability import truce_worth
from negsim.uncertainty.linear import linear_form

__all__ = ["target_value", "target_vetoed", "linear_target_values"]


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


def linear_target_values(scenario: Scenario, target: str | Target, path: str,
                         values: np.ndarray) -> np.ndarray | None:
    """:func:`target_value` of ``scenario.with_parameters({path: x})`` for every ``x`` in
    ``values`` at once, from the scenario's linear form (one matrix product per actor), or None
    where that form does not cover the question (a solution target, a structural scenario, a
    parameter the form has no slot for); the caller then evaluates one by one.

    Margins and reservations are linear in the parameters given the form's rounding, which is
    the preference models' own (the ensemble relies on the same identity draw by draw).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.25}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),))
    >>> linear_target_values(s, "margin:truce:A", "levers.aid.effects.A",
    ...                      np.array([0.25, 0.5])).tolist()
    [0.75, 0.5]
    """
    t = parse_target(target)
    if t.kind not in ("margin", "reservation") or scenario.structural:
        return None
    if t.kind == "margin" and any(x.proposal == t.proposal and x.count_in_verdicts
                                  for x in scenario.truces):
        return None  # its worth is the truce's expected value (truce_worth), not linear
    form = linear_form(scenario)
    if path not in form.slots:
        return None
    theta = np.tile(form.point, (len(values), 1))
    theta[:, form.slots.index(path)] = np.asarray(values, dtype=float)
    coefs = [form.coefficients(a, theta) for a in range(form.n_actors)]
    r = form.reservations(theta, coefs)
    names = list(form.actors)
    if t.kind == "reservation":
        return r[names.index(t.actor)]  # type: ignore[arg-type]
    space = scenario.space
    row = np.array([space.indices_of(scenario.outcome_of(scenario.proposal(t.proposal)))],  # type: ignore[arg-type]
                   dtype=np.intp)
    u = form.utilities([form.features(a, row) for a in range(form.n_actors)], coefs)[:, 0, :]
    margins = acceptance_margin(u, r)
    return margins[names.index(t.actor)] if t.actor else margins.min(axis=0)
