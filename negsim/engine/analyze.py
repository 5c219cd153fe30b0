"""The engine's analysis of a scenario: verdicts, the acceptable set, solutions, games.

``negsim.analyze`` (:mod:`negsim.pipeline`) adds the answers to the scenario's questions on top.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from negsim.allocator import settle
from negsim.engine.decomposed import DecomposedScan, decomposed_scan
from negsim.engine.deals import deal_table
from negsim.engine.exhaustive import ExhaustiveScan, acceptable_mask, cloud_lists, scan
from negsim.engine.rounding import CLOUD_DECIMALS, rounded, rounded_columns
from negsim.errors import ArgumentError
from negsim.engine.verdicts import check_observations, proposal_verdicts
from negsim.model import Actor, Condition
from negsim.preferences import PreferenceModel, build_preferences, evaluate
from negsim.results.analysis import (AcceptableSet, ActorSummary, Analysis, DemandSummary, IssueSummary,
                           LeverSummary, OptionValue,
                           OutcomeCloud, OutcomePoint, Solution)
from negsim.model.scenario import Scenario
from negsim.scenario_games.from_scenario import scenario_games
from negsim.scenario_games.stability import bargaining_result, truce_result, truce_verdicts
from negsim.version import VERSION
from negsim.solutions import (compromise_forecast, egalitarian_solution,
                              kalai_smorodinsky_solution, nash_solution, utilitarian_solution)

__all__ = ["analyze", "EXHAUSTIVE_LIMIT", "CLOUD_DECIMALS", "rounded", "rounded_columns"]

EXHAUSTIVE_LIMIT = 200_000
"""Spaces up to this many outcomes are enumerated; larger ones are decomposed into issue groups."""


def _point(scenario: Scenario, index: int, utils: np.ndarray) -> OutcomePoint:
    return OutcomePoint(int(index), scenario.space.outcome(int(index)),
                        {a: float(u) for a, u in zip(scenario.actor_names, utils)})


def _points(scenario: Scenario, ids: np.ndarray, utils: np.ndarray,
            rows: np.ndarray | None = None) -> list[OutcomePoint]:
    """``[_point(scenario, i, u) for i, u in zip(ids, utils)]``, decoded together (``rows``, the
    points' option indices, when the caller has them)."""
    space = scenario.space
    if len(ids) == 0:
        return []
    if rows is None:
        if space.size >= 2 ** 62:  # beyond rows_of: one at a time
            return [_point(scenario, int(i), u) for i, u in zip(ids, utils)]
        rows = space.rows_of(ids)
    names = scenario.actor_names
    decoded = [(i.id, i.options) for i in space.issues]
    return [OutcomePoint(int(i), {iid: opts[k] for (iid, opts), k in zip(decoded, row)},
                         dict(zip(names, u)))
            for i, row, u in zip(np.asarray(ids).tolist(), np.asarray(rows).tolist(),
                                 np.asarray(utils, dtype=float).tolist())]


def _solutions(scenario: Scenario, models: tuple[PreferenceModel, ...], frontier_u: np.ndarray,
               frontier_ids: np.ndarray, target: tuple[int, ...],
               nearest_id: int | None, counts: np.ndarray | None = None,
               nearest_u: np.ndarray | None = None,
               frontier_rows: np.ndarray | None = None,
               target_eval: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, Solution]:
    names = scenario.actor_names
    d = np.array([m.reservation for m in models])
    power = np.array([a.power for a in scenario.actors])
    out: dict[str, Solution] = {}
    empty_reason = "no deal is acceptable to every actor"
    pickers = {
        "nash": lambda: nash_solution(frontier_u, d, counts=counts),
        "asymmetric_nash": lambda: nash_solution(frontier_u, d, power, counts=counts),
        "kalai_smorodinsky": lambda: kalai_smorodinsky_solution(frontier_u, d, counts=counts),
        "egalitarian": lambda: egalitarian_solution(frontier_u, d, counts=counts),
        "utilitarian": lambda: utilitarian_solution(frontier_u, counts=counts),
    }
    if len(frontier_u) == 0:
        for name in pickers:
            out[name] = Solution(name, None, None, False, empty_reason)
    else:
        picked = {name: pick() for name, pick in pickers.items()}
        at = np.array([i for i, _ in picked.values()], dtype=np.intp)
        points = _points(scenario, frontier_ids[at], frontier_u[at],
                         None if frontier_rows is None else frontier_rows[at])
        for (name, (i, ties)), p in zip(picked.items(), points):
            reason = ""
            if name in ("nash", "asymmetric_nash") and np.any(frontier_u[i] - d <= 0):
                reason = ("every acceptable deal leaves some actor no better off than without a "
                          "deal; the Nash product is 0 everywhere, so the largest total gain was "
                          "taken")
            out[name] = Solution(name, p.outcome, p.utilities, True, reason, ties)
    space = scenario.space
    row = np.array([target], dtype=np.intp)
    if target_eval is None:
        utils, vetoed = evaluate(models, row)
    else:  # the scan's numbers for it (the same bits)
        utils, vetoed = target_eval[0].reshape(1, -1), target_eval[1].reshape(1, -1)
    forecast = space.decode(target)
    ok = target != space.status_quo and \
        bool(acceptable_mask(utils, vetoed, space.allowed(row), d)[0])
    nearest = None
    reason = ""
    forbidden = [c for c in space.constraints if c.forbids(forecast)]
    if forbidden:
        reason = ("the issue-by-issue forecast is a combination a constraint rules out ("
                  + "; ".join(c.reason or c.forbid.describe() for c in forbidden) + ")")
    if nearest_id is not None:
        if nearest_u is None:
            nearest_u = evaluate(models, np.array([space.row(nearest_id)], dtype=np.intp))[0][0]
        nearest = _point(scenario, nearest_id, nearest_u)
    else:
        reason = "; ".join(r for r in (reason, empty_reason) if r)
    out["compromise"] = Solution("compromise", forecast,
                                 {a: float(u) for a, u in zip(names, utils[0])}, ok, reason, 0,
                                 nearest)
    return out


def _demands(actor: Actor) -> list[DemandSummary]:
    total = actor.total_weight or 1.0
    return [DemandSummary(d.issue, d.describe(), d.weight, d.weight / total, d.hard,
                          d.when.describe() if d.when else "", d.source, d.quote, d.citation)
            for d in actor.demands]


def _acceptable_set(found: ExhaustiveScan, space_size: int, method: str,
                    frontier: list[OutcomePoint], options: dict[str, list[OptionValue]],
                    excluded: dict[str, dict[str, list[str]]]) -> AcceptableSet:
    if isinstance(found, DecomposedScan):
        return AcceptableSet(found.size, space_size, method, frontier, options, excluded,
                             found.exact, found.size_low, found.size_high, found.size_method,
                             [int(c) for c in found.frontier_counts])  # type: ignore[union-attr]
    return AcceptableSet(found.size, space_size, method, frontier, options, excluded, True,
                         found.size, found.size, "enumerated")


def analyze(scenario: Scenario, *, method: str = "auto", games: bool = True) -> Analysis:
    """The engine's analysis: verdicts, acceptable set, bargaining solutions, observation checks.

    It leaves the scenario's questions unanswered; :func:`negsim.analyze` answers them too.

    Parameters
    ----------
    scenario : Scenario
        From :func:`negsim.load_scenario` or built in code.
    method : {"auto", "exhaustive", "decomposed"}
        How to find the acceptable set: evaluate every outcome, or merge issue groups (for
        spaces too large to enumerate).  ``"auto"`` enumerates spaces of at most
        ``EXHAUSTIVE_LIMIT`` outcomes.  The result's ``acceptable.method`` says which was used.
    games : bool
        Solve the declared and the proposal games (``False`` leaves ``games`` empty, faster).

    Returns
    -------
    Analysis
        Plain data; ``to_json()`` writes it, :mod:`negsim.plot` draws it.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> analyze(s).acceptable.size
    1
    """
    settle()  # the allocator in its steady state (negsim.allocator)
    models = build_preferences(scenario)
    verdicts = proposal_verdicts(scenario, models)
    target = compromise_forecast(scenario, models)
    if method not in ("auto", "exhaustive", "decomposed"):
        raise ArgumentError(f"unknown method {method!r}: use 'auto', 'exhaustive' or 'decomposed'")
    if method == "auto":
        method = "exhaustive" if scenario.space.size <= EXHAUSTIVE_LIMIT else "decomposed"
    found = scan(scenario, models, target=target,
                 keep_cloud=scenario.space.size <= scenario.cloud_size) \
        if method == "exhaustive" else \
        decomposed_scan(scenario, models, target=target)
    space = scenario.space
    names = scenario.actor_names
    frontier = _points(scenario, found.frontier_ids, found.frontier_u, found.frontier_rows)
    options = {issue.id: [issue.options[k] for k in np.flatnonzero(found.option_in_acceptable[j])]
               for j, issue in enumerate(space.issues)}
    excluded: dict[str, dict[str, list[str]]] = {}
    for j, issue in enumerate(space.issues):
        # options allowed somewhere that some actor's red lines rule out everywhere
        barred = [found.option_allowed[j] & ~found.option_free_of_veto[a][j]
                  for a in range(len(models))]
        hit = np.flatnonzero(np.logical_or.reduce(barred)) if barred else []
        per_option = {str(issue.options[k]): [names[a] for a in range(len(models))
                                              if barred[a][k]]
                      for k in hit}
        if per_option:
            excluded[issue.id] = per_option
    acceptable = _acceptable_set(found, space.size, method, frontier, options, excluded)
    counts = getattr(found, "frontier_counts", None)
    kept = None if found.acceptable_ids is None else (found.acceptable_ids, found.acceptable_u)
    acceptable = replace(acceptable, table=deal_table(scenario, models, method, found.frontier_ids,
                                                      found.frontier_u, counts, kept))
    nearest_u = None
    if found.nearest_id is not None and found.acceptable_ids is not None:  # kept by the scan
        nearest_u = found.acceptable_u[np.searchsorted(found.acceptable_ids, found.nearest_id)]
    solutions = _solutions(scenario, models, found.frontier_u, found.frontier_ids, target,
                           found.nearest_id, counts, nearest_u,
                           found.frontier_rows,
                           None if found.target_u is None else
                           (found.target_u, found.target_vetoed))
    cloud_u, cloud_ok, cloud_vetoed, sampled = cloud_lists(
        scenario, models, found if isinstance(found, ExhaustiveScan) else None)
    cloud = OutcomeCloud(list(names), cloud_u, cloud_ok, cloud_vetoed, sampled, scenario.seed)
    actors = [ActorSummary(a.name, a.label, a.power, a.patience, m.no_deal_utility, m.lever_shift,
                           m.reservation, m.reservation_given, a.color, _demands(a))
              for a, m in zip(scenario.actors, models)]
    levers = [LeverSummary(lv.id, lv.label, lv.by,
                           "no_deal" if lv.on_no_deal else lv.trigger.describe()  # type: ignore[union-attr]
                           if isinstance(lv.trigger, Condition) else str(lv.trigger),
                           lv.credibility, dict(lv.effects),
                           {a: lv.expected_effect(a) for a, _ in lv.effects})
              for lv in scenario.levers]
    issues = [IssueSummary(i.id, i.label, list(i.options), i.ordered, i.status_quo,
                           {str(o): t for o, t in i.labels})
              for i in space.issues]
    games = scenario_games(scenario, models) if games else []
    truces = [truce_result(scenario, models, t) for t in scenario.truces]
    verdicts = truce_verdicts(verdicts, truces)  # [[truces]] count_in_verdicts
    bargaining = bargaining_result(scenario, models,
                                   [(p.outcome, p.utilities) for p in frontier])
    return Analysis(scenario.name, scenario.date, scenario.summary, scenario.path, VERSION,
                    scenario.seed, issues, actors, levers, verdicts, acceptable, solutions,
                    check_observations(scenario, verdicts), cloud, games=games, truces=truces,
                    bargaining_over_time=bargaining)
