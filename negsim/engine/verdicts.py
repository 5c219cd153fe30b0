"""Proposal verdicts and the check of recorded responses."""

from __future__ import annotations

import numpy as np

from negsim.preferences import PreferenceModel
from negsim.results.analysis import ActorVerdict, Blocker, ObservationCheck, ProposalVerdict
from negsim.model.scenario import Scenario

__all__ = ["proposal_verdicts", "check_observations", "ACCEPT_TOL", "MAX_SHORTFALLS"]

ACCEPT_TOL = 1e-9
"""An actor accepts when its utility is at least its reservation less this tolerance."""

MAX_SHORTFALLS = 3


def _blockers(scenario: Scenario, model: PreferenceModel, actor_index: int,
              row: np.ndarray) -> list[Blocker]:
    actor = scenario.actors[actor_index]
    scores = model.demand_table(row[None, :])[:, 0] if actor.demands else np.zeros(0)
    total = actor.total_weight or 1.0
    red, soft = [], []
    for k, (d, s) in enumerate(zip(actor.demands, scores)):
        shortfall = round(d.weight / total * (1.0 - float(s)), 12)
        if shortfall <= 0:
            continue
        b = Blocker(k, d.issue, d.describe(), d.hard, round(float(s), 12), shortfall, d.source,
                    d.quote)
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
            margin = round(u - m.reservation, 12)
            accepts = not vetoed and margin >= -ACCEPT_TOL
            blockers = [] if accepts else _blockers(scenario, m, k, row)
            responses.append(ActorVerdict(m.actor, accepts, u, m.reservation, margin, vetoed,
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
                                    o.source, o.quote, o.note))
    return out
