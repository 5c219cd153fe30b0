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

from negsim.model import Demand
from negsim.preferences import PreferenceModel, demand_scores
from negsim.model.scenario import Scenario
from negsim.tolerances import ROUND_TOL

__all__ = ["compromise_forecast", "rank_distance"]

_FEW_ROWS = 8
"""Up to this many rows, :func:`rank_distance` sums in Python floats."""


def _score_lists(scenario: Scenario, k: int,
                 models: tuple[PreferenceModel, ...] | None) -> list[list[float]]:
    """The scores of actor ``k``'s demands as lists: from the models' tables where a demand has
    no condition (its table is :func:`demand_scores` itself), else computed."""
    space = scenario.space
    factors = models[k].factors if models is not None else ()
    out = []
    for j, d in enumerate(scenario.actors[k].demands):
        if j < len(factors) and not d.when.terms:
            f = factors[j]
            if f.demand and f.table.ndim == 1 and f.source == f"demand[{j}]" and \
                    f.issues == (space.position.get(d.issue),):
                out.append(f.table.tolist())
                continue
        out.append(demand_scores(d, space).tolist())
    return out


def compromise_forecast(scenario: Scenario,
                        models: tuple[PreferenceModel, ...] | None = None) -> tuple[int, ...]:
    """Option indices of the compromise forecast, one per issue.

    ``models`` (:func:`negsim.preferences.build_preferences` of the scenario, optional) saves
    scoring the demands again.

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
    by_issue: dict[str, list[tuple[float, float, float, list[float]]]] = {}
    for k, actor in enumerate(scenario.actors):  # (power, total weight, weight, combined scores)
        total = actor.total_weight
        if total == 0:
            continue
        tables = _score_lists(scenario, k, models)
        demands = actor.demands
        if len({d.issue for d in demands}) == len(demands):  # one demand per issue
            for d, t in zip(demands, tables):  # sum() of one term: 0 + x, which is x
                w = d.weight
                by_issue.setdefault(d.issue, []).append((actor.power, total, w,
                                                         [w * x / w for x in t]))
            continue
        mine: dict[str, list[tuple[Demand, list[float]]]] = {}
        for d, t in zip(demands, tables):
            mine.setdefault(d.issue, []).append((d, t))
        for issue_id, ds in mine.items():  # Python floats: the same operations as on arrays
            w = sum(d.weight for d, _ in ds)
            combined = [sum(d.weight * t[i] for d, t in ds) / w for i in range(len(ds[0][1]))]
            by_issue.setdefault(issue_id, []).append((actor.power, total, w, combined))
    result = []
    for issue in space.issues:
        entries = by_issue.get(issue.id)
        if not entries:
            result.append(issue.status_quo_index)
            continue
        support = [0.0] * len(issue)
        ranks, weights = [], []
        for power, total, w, combined in entries:
            cut = max(combined) - ROUND_TOL
            at = [i for i, c in enumerate(combined) if c >= cut]
            salience = w / total
            ranks.append(sum(at) / len(at))  # the mean rank (exact: small integers)
            weights.append(power * salience)
            share = power * salience / len(at)
            for i in at:
                support[i] += share
        if issue.ordered:
            mean = float(np.dot(ranks, weights) / np.sum(weights))
            result.append(int(np.floor(mean + 0.5)))
        else:
            cut = max(support) - ROUND_TOL
            top = [i for i, v in enumerate(support) if v >= cut]
            sq = issue.status_quo_index
            result.append(sq if sq in top else top[0])
    return tuple(result)


def rank_distance(rows: np.ndarray, target: tuple[int, ...], scenario: Scenario) -> np.ndarray:
    """Distance of each row to ``target``: the sum over issues of the rank difference as a share
    of the issue's range (ordered issues), or 1 where the option differs (unordered issues).

    Each issue's term of each option is tabulated once and gathered (a few rows are summed in
    Python floats): the same operations, in issue order, as one issue at a time on arrays.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(
    ...     negsim.Issue("days", (0, 30, 60), 0, ordered=True), negsim.Issue("who", ("a", "b"), "a")),
    ...     actors=(negsim.Actor("A", (negsim.Demand("days", want=60),)),))
    >>> rank_distance(np.array([[0, 0], [1, 1], [2, 0]]), (2, 0), s).tolist()
    [1.0, 1.5, 0.0]
    """
    # per issue, the term of each option: |k - t| / (n - 1) or [k != t], the same IEEE
    # operations as on arrays of differences; then added in issue order from 0.0
    tables = [[abs(k - t) / (len(i) - 1) for k in range(len(i))] if i.ordered else
              [0.0 if k == t else 1.0 for k in range(len(i))]
              for i, t in zip(scenario.space.issues, target)]
    if len(rows) <= _FEW_ROWS:
        out = []
        for row in np.asarray(rows).tolist():
            d = 0.0
            for table, k in zip(tables, row):
                d += table[k]
            out.append(d)
        return np.array(out, dtype=float)
    dist = np.zeros(len(rows))
    for j, table in enumerate(tables):
        dist += np.array(table).take(rows[:, j])
    return dist
