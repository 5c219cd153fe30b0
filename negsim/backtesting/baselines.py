"""Baselines a back-test compares the model with, on the same observations.

- ``red_lines_only``: the actor accepts iff the proposal crosses none of its red lines (no
  weights, no reservation, no levers).
- ``own_side``: the actor accepts what its side proposed and rejects everything else (a proposal
  with no ``by`` is nobody's side).  Sides are given as ``{actor: side}``; an actor not listed is
  a side of its own.
- ``all_reject`` and ``all_accept``: the same answer to everything.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences

__all__ = ["BASELINES", "baseline_predictions"]

BASELINES = ("red_lines_only", "own_side", "all_reject", "all_accept")


def baseline_predictions(scenario: Scenario,
                         sides: Mapping[str, str] | None = None) -> dict[str, list[bool]]:
    """Per baseline, whether it predicts each observation's actor accepts (``True``).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce", hard=True),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight", hard=True),))),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}, by="A"),),
    ...     observations=(negsim.Observation("A", "truce", "accept"),
    ...                   negsim.Observation("B", "truce", "reject")))
    >>> baseline_predictions(s)
    {'red_lines_only': [True, False], 'own_side': [True, False], 'all_reject': [False, False], 'all_accept': [True, True]}
    """
    sides = dict(sides or {})
    models = {m.actor: m for m in build_preferences(scenario)}
    space = scenario.space
    red, own = [], []
    for o in scenario.observations:
        proposal = scenario.proposal(o.proposal)
        row = np.array([space.indices_of(scenario.outcome_of(proposal))], dtype=np.intp)
        red.append(not bool(models[o.actor].vetoed(row)[0]))
        by = proposal.by
        own.append(by is not None and sides.get(by, by) == sides.get(o.actor, o.actor))
    n = len(scenario.observations)
    return {"red_lines_only": red, "own_side": own, "all_reject": [False] * n,
            "all_accept": [True] * n}
