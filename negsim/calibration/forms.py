"""The record as linear forms: each observation's margin as ``a · x + c`` in the weight shares.

Shared by :mod:`.fit` (one scenario) and :mod:`.pooled` (several).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negsim.engine.verdicts import check_observations, proposal_verdicts
from negsim.model.scenario import Scenario
from negsim.preferences import PreferenceModel, build_preferences
from negsim.tolerances import ROUND_TOL

__all__ = ["record_checks"]


def record_checks(scenario: Scenario):  # type: ignore[no-untyped-def]
    """Each recorded response beside the model's prediction (as :func:`negsim.backtesting.backtest_scenario`,
    which sits above calibration in the layers)."""
    return check_observations(scenario, proposal_verdicts(scenario, build_preferences(scenario)))


@dataclass
class _Obs:
    index: int
    a: np.ndarray
    c: float
    accept: bool
    decided_by: str


def _lever_part(model: PreferenceModel, rows: np.ndarray) -> np.ndarray:
    total = np.zeros(len(rows))
    for f in model.factors:
        if f.source.startswith("lever:"):
            total += f.coef * f.values(rows)
    return total


def _linear_forms(scenario: Scenario, k: int, model: PreferenceModel,
                  fit_reservation: bool) -> list[_Obs]:
    """Each observation of actor ``k`` as ``margin = a · x + c`` in the parameters ``x``."""
    actor = scenario.actors[k]
    space = scenario.space
    sq = np.array([space.status_quo], dtype=np.intp)
    d_sq = model.demand_table(sq)[:, 0]
    l_sq = float(_lever_part(model, sq)[0])
    out = []
    for i, o in enumerate(scenario.observations):
        if o.actor != actor.name:
            continue
        row = np.array([space.indices_of(scenario.outcome_of(scenario.proposal(o.proposal)))],
                       dtype=np.intp)
        d_p = model.demand_table(row)[:, 0]
        l_p = float(_lever_part(model, row)[0])
        if actor.reservation is None:
            a, c = d_p - d_sq, l_p - l_sq - model.lever_shift
        else:
            a, c = d_p, l_p - actor.reservation
        if fit_reservation:
            a = np.append(a, -1.0)
        if bool(model.vetoed(row)[0]):
            how = "red line"
        elif not o.must_match:
            how = "not used"
        elif not fit_reservation and np.ptp(a) < ROUND_TOL:
            how = "fixed"
        else:
            how = "weights"
        out.append(_Obs(i, np.asarray(a, dtype=float), float(c), o.response == "accept", how))
    return out


