"""The compromise forecast: positions averaged with power × salience as weights.

On an ordered issue each actor's position is the rank of its best option(s) on that issue (from its
demands on the issue), its salience the share of its total weight those demands carry; the forecast
is the power × salience weighted mean rank, rounded to the nearest option.  This is the "compromise
model" that did best on the EU decision-making data (Thomson, Stokman, Achen and König, *The
European Union Decides*, 2006).  On an unordered issue a mean makes no sense, so the option with the
largest power × salience support is taken; an issue no actor has a demand on stays at its status quo.
"""

from __future__ import annotations

import numpy as np

from negsim.preferences import demand_scores
from negsim.model.scenario import Scenario
from negsim.tolerances import ROUND_TOL

__all__ = ["compromise_forecast", "rank_distance"]


def compromise_forecast(scenario: Scenario) -> tuple[int, ...]:
    """Option indices of the compromise forecast, one per issue.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy",
    ...     issues=(negsim.Issue("days", (0, 30, 60, 90), 0, ordered=True),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("days", want=90),), power=3),
    ...             negsim.Actor("B", (negsim.Demand("days", want=0),), power=1)))
    >>> compromise_forecast(s)   # (3*3 + 1*0) / 4 = 2.25 -> rank 2
    (2,)
    """
    space = scenario.space
    result = []
    for pos, issue in enumerate(space.issues):
        support = np.zeros(len(issue))
        ranks, weights = [], []
        for actor in scenario.actors:
            mine = [d for d in actor.demands if d.issue == issue.id]
            if not mine or actor.total_weight == 0:
                continue
            w = sum(d.weight for d in mine)
            combined = sum(d.weight * demand_scores(d, space) for d in mine) / w
            ideal = np.flatnonzero(combined >= combined.max() - ROUND_TOL)
            salience = w / actor.total_weight
            ranks.append(float(ideal.mean()))
            weights.append(actor.power * salience)
            support[ideal] += actor.power * salience / len(ideal)
        if not weights:
            result.append(issue.status_quo_index)
        elif issue.ordered:
            mean = float(np.dot(ranks, weights) / np.sum(weights))
            result.append(int(np.floor(mean + 0.5)))
        else:
            top = np.flatnonzero(support >= support.max() - ROUND_TOL)
            sq = issue.status_quo_index
            result.append(sq if sq in top else int(top[0]))
    return tuple(result)


def rank_distance(rows: np.ndarray, target: tuple[int, ...], scenario: Scenario) -> np.ndarray:
    """Distance of each row to ``target``: the sum over issues of the rank difference as a share
    of the issue's range (ordered issues), or 1 where the option differs (unordered issues)."""
    dist = np.zeros(len(rows))
    for pos, issue in enumerate(scenario.space.issues):
        diff = np.abs(rows[:, pos] - target[pos])
        dist += diff / (len(issue) - 1) if issue.ordered else (diff > 0)
    return dist
