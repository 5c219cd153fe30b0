"""Proposal verdicts and the check of recorded responses."""

from __future__ import annotations

from typing import Any

import numpy as np

from negsim.preferences import PreferenceModel
from negsim.results.analysis import ActorVerdict, Blocker, ObservationCheck, ProposalVerdict
from negsim.model.scenario import Scenario
from negsim.tolerances import ACCEPT_TOL, UTILITY_DECIMALS

__all__ = ["proposal_verdicts", "check_observations", "acceptance_margin", "accepts",
           "meets_reservation", "ACCEPT_TOL", "MAX_SHORTFALLS"]

MAX_SHORTFALLS = 3


def acceptance_margin(utility: Any, reservation: Any) -> Any:
    """Utility less reservation, rounded to ``UTILITY_DECIMALS`` (a float for scalars, an array
    otherwise): the margin a verdict reports.

    Examples
    --------
    >>> acceptance_margin(0.3, 0.1)
    0.2
    """
    diff = np.subtract(utility, reservation)
    if np.ndim(diff) == 0:
        return round(float(diff), UTILITY_DECIMALS)
    return np.round(diff, UTILITY_DECIMALS)


def accepts(margin: Any, vetoed: Any) -> Any:
    """The acceptance rule: no red line crossed and a margin of at least ``-ACCEPT_TOL``
    (a bool for scalars, an array otherwise).

    Examples
    --------
    >>> accepts(-1e-10, False), accepts(-1e-8, False), accepts(0.5, True)
    (True, False, False)
    """
    if np.ndim(margin) == 0 and np.ndim(vetoed) == 0:
        return not vetoed and margin >= -ACCEPT_TOL
    return ~np.asarray(vetoed, dtype=bool) & (np.asarray(margin) >= -ACCEPT_TOL)


def meets_reservation(utility: np.ndarray, reservation: np.ndarray) -> np.ndarray:
    """The acceptance rule on unrounded utilities of many outcomes (the acceptable set): utility
    at least the reservation less ``ACCEPT_TOL``, compared without forming the margin.

    Examples
    --------
    >>> meets_reservation(np.array([0.1, 0.1 - 1e-10, 0.09]), 0.1).tolist()
    [True, True, False]
    """
    return utility >= reservation - ACCEPT_TOL


def _blockers(scenario: Scenario, model: PreferenceModel, actor_index: int,
              row: np.ndarray) -> list[Blocker]:
    actor = scenario.actors[actor_index]
    scores = model.demand_table(row[None, :])[:, 0] if actor.demands else np.zeros(0)
    total = actor.total_weight or 1.0
    red, soft = [], []
    for k, (d, s) in enumerate(zip(actor.demands, scores)):
        shortfall = round(d.weight / total * (1.0 - float(s)), UTILITY_DECIMALS)
        if shortfall <= 0:
            continue
        b = Blocker(k, d.issue, d.describe(), d.hard, round(float(s), UTILITY_DECIMALS), shortfall, d.source,
                    d.quote, d.citation)
        (red if d.hard else soft).append(b)
    soft.sort(key=lambda b: (-b.shortfall, b.demand))
    return red + soft[:MAX_SHORTFALLS]


def proposal_verdicts(scenario: Scenario,
                      models: tuple[PreferenceModel, ...]) -> list[ProposalVerdict]:
    """For each proposal and actor: accepts or not, utility, margin, and the blocking demands.

    An actor accepts when the proposal crosses none of its red lines and gives it at least its
    reservation.  Blockers are the red lines crossed, then the largest shortfalls (weight share ×
    unmet part), listed only for actors who reject.
    """
    space = scenario.space
    out = []
    for p in scenario.proposals:
        outcome = scenario.outcome_of(p)
        row = np.array(space.indices_of(outcome), dtype=np.intp)
        responses = []
        for k, m in enumerate(models):
            u = float(m.utility(row[None, :])[0])
            vetoed = bool(m.vetoed(row[None, :])[0])
            margin = acceptance_margin(u, m.reservation)
            ok = accepts(margin, vetoed)
            blockers = [] if ok else _blockers(scenario, m, k, row)
            responses.append(ActorVerdict(m.actor, ok, u, m.reservation, margin, vetoed,
                                          blockers))
        out.append(ProposalVerdict(p.id, p.label, p.by, outcome,
                                   all(r.accepts for r in responses), responses))
    return out


def check_observations(scenario: Scenario,
                       verdicts: list[ProposalVerdict]) -> list[ObservationCheck]:
    """Each recorded response beside the model's prediction."""
    by_id = {v.proposal: v for v in verdicts}
    out = []
    for o in scenario.observations:
        r = by_id[o.proposal].response(o.actor)
        predicted = "accept" if r.accepts else "reject"
        out.append(ObservationCheck(o.actor, o.proposal, o.response, predicted,
                                    predicted == o.response, r.margin, o.must_match, o.date,
                                    o.source, o.quote, o.note, o.citation))
    return out
