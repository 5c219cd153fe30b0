"""Preference models built from an actor's demands and the scenario's levers."""

from __future__ import annotations

from collections.abc import Iterable
import math

import numpy as np

from negsim.model import Actor, Condition, Demand, Lever
from negsim.model.scenario import Scenario
from negsim.model.space import OutcomeSpace
from negsim.preferences.factors import (Factor, PreferenceModel, _columns, _factor_sum, _scaled,
                                        _spread_shape)
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["build_preferences", "condition_mask", "demand_scores", "demand_utility"]


def _option_indices(space: OutcomeSpace, pos: int, options: Iterable[object]) -> list[int]:
    """``[space.option_index(pos, o) for o in options]``: a dictionary hit on an option of the
    same type is the same option (``same_option`` of equal values of one type), anything else
    goes through :meth:`OutcomeSpace.option_index` (its answer, its error)."""
    positions, opts = space.option_positions[pos], space.issues[pos].options
    out = []
    for o in options:
        try:
            k = positions.get(o)  # type: ignore[call-overload]
        except TypeError:  # unhashable
            k = None
        if k is None or opts[k].__class__ is not o.__class__:
            k = space.option_index(pos, o)
        out.append(k)
    return out


def demand_scores(demand: Demand, space: OutcomeSpace) -> np.ndarray:
    """The demand's score of every option of its issue, ignoring its condition.

    ``want``: 1 on the wanted options; on an ordered issue ``1 - d / (n - 1)`` elsewhere (``d``
    the rank distance to the nearest wanted option), else 0.  ``avoid``: 0 on those, 1
    elsewhere.  ``scores``: the listed scores, 0 for the options not listed.

    Examples
    --------
    >>> from negsim.model import Issue
    >>> space = OutcomeSpace((Issue("x", ("a", "b", "c", "d", "e"), "a", ordered=True),))
    >>> demand_scores(Demand("x", want="b"), space).tolist()
    [0.75, 1.0, 0.75, 0.5, 0.25]
    """
    return np.array(_score_list(demand, space)[1], dtype=float)


def _score_list(demand: Demand, space: OutcomeSpace) -> tuple[int, list[float]]:
    """(position of the demand's issue, :func:`demand_scores` as a list of Python floats)."""
    pos = space.position.get(demand.issue)
    issue = space.issues[pos] if pos is not None else space.issue(demand.issue)
    n = len(issue.options)
    if demand.want is not None:
        wanted = _option_indices(space, pos, demand.want)  # type: ignore[arg-type]
        if issue.ordered:  # the same IEEE operations as on arrays: 1.0 - float(d) / float(n - 1)
            return pos, [1.0 - min(abs(r - w) for w in wanted) / (n - 1)  # type: ignore[return-value]
                         for r in range(n)]
        s = [0.0] * n
        for k in wanted:
            s[k] = 1.0
        return pos, s  # type: ignore[return-value]
    if demand.avoid is not None:
        s = [1.0] * n
        for k in _option_indices(space, pos, demand.avoid):  # type: ignore[arg-type]
            s[k] = 0.0
        return pos, s  # type: ignore[return-value]
    pairs = demand.scores or ()
    s = [0.0] * n
    for k, (_, score) in zip(_option_indices(space, pos, [o for o, _ in pairs]),  # type: ignore[arg-type]
                             pairs):
        s[k] = float(score)
    return pos, s  # type: ignore[return-value]


def condition_mask(cond: Condition, space: OutcomeSpace, axes: tuple[int, ...]) -> np.ndarray:
    """Boolean table over ``axes`` (issue positions, sorted) where the condition holds."""
    mask = np.ones(tuple(space.shape[a] for a in axes), dtype=bool)
    for issue_id, opts in cond.terms:
        pos = space.position.get(issue_id)
        if pos is None:
            space.issue(issue_id)  # the error naming the known issues
        member = np.zeros(space.shape[pos], dtype=bool)  # type: ignore[index]
        member[_option_indices(space, pos, opts)] = True  # type: ignore[arg-type]
        view = [1] * len(axes)
        view[axes.index(pos)] = len(member)  # type: ignore[arg-type]
        mask &= member.reshape(view)
    return mask


def _demand_tables(demand: Demand, space: OutcomeSpace) -> tuple[tuple[int, ...], np.ndarray,
                                                                   np.ndarray | None]:
    """(axes, score table, vetoed table or None when the demand is no red line) of a demand
    over its issue and its condition's issues."""
    own = space.position[demand.issue]
    s = demand_scores(demand, space)
    if not demand.when.terms:  # no condition: the scores themselves
        return (own,), s, (s < 1.0) if demand.hard else None
    axes = tuple(sorted({own, *(space.position[i] for i in demand.when.issues)}))
    view = [1] * len(axes)
    view[axes.index(own)] = len(s)
    s_full = np.broadcast_to(s.reshape(view), tuple(space.shape[a] for a in axes))
    applies = condition_mask(demand.when, space, axes)
    table = np.where(applies, s_full, 1.0)
    return axes, table, applies & (s_full < 1.0) if demand.hard else None


def _new_factor(issues: tuple[int, ...], table: np.ndarray, coef: float, source: str,
                demand: bool, scaled: np.ndarray, spread: tuple[int, ...]) -> Factor:
    """A :class:`Factor` with its made fields given too (``scaled`` must be ``_scaled(table,
    coef)``), set in one step (what ``__init__`` does one ``object.__setattr__`` at a time)."""
    f = object.__new__(Factor)
    f.__dict__.update(issues=issues, table=table, coef=coef, source=source, demand=demand,
                      scaled=scaled, spread=spread)
    return f


def _build_one(actor: Actor, levers: tuple[Lever, ...], space: OutcomeSpace,
               status_quo: tuple[int, ...], spreads: list[tuple[int, ...]]) -> PreferenceModel:
    total = actor.total_weight or 1.0  # an actor with no demands is indifferent over outcomes
    at_sq: list[float] = []  # each factor's term at the status quo
    # demands without a condition: tables over their own issue, the scores and their scaled
    # copies as Python floats (the same IEEE operations as on arrays) in one array, viewed
    flat: list[float] = []
    plan: list[tuple[int, int, int, float, int, bool] | tuple[Factor, Factor | None]] = []
    for k, d in enumerate(actor.demands):
        coef = d.weight / total
        if not d.when.terms:
            pos, s = _score_list(d, space)
            scaled = [0.0 + coef * x for x in s]
            at_sq.append(scaled[status_quo[pos]])
            plan.append((k, pos, len(flat), coef, len(s), d.hard))
            flat += s
            flat += scaled
            continue
        axes, table, vetoed = _demand_tables(d, space)
        f = _new_factor(axes, table, coef, f"demand[{k}]", True, _scaled(table, coef),
                        _spread_shape(axes, space))
        at_sq.append(float(f.scaled[tuple(status_quo[i] for i in axes)]))
        plan.append((f, None if vetoed is None else
                     _new_factor(axes, vetoed, 0.0, f"demand[{k}]", True, vetoed, f.spread)))
    tables = np.array(flat)
    factors: list[Factor] = []
    vetoes: list[Factor] = []
    for step in plan:
        if len(step) == 2:
            factors.append(step[0])  # type: ignore[arg-type]
            if step[1] is not None:
                vetoes.append(step[1])  # type: ignore[arg-type]
            continue
        k, pos, lo, coef, n, hard = step  # type: ignore[misc]
        table = tables[lo:lo + n]
        factors.append(_new_factor((pos,), table, coef, f"demand[{k}]", True,
                                   tables[lo + n:lo + 2 * n], spreads[pos]))
        if hard:
            vetoed = table < 1.0
            vetoes.append(_new_factor((pos,), vetoed, 0.0, f"demand[{k}]", True, vetoed,
                                      spreads[pos]))
    shift = 0.0
    for lv in levers:
        effect = lv.expected_effect(actor.name)
        if effect == 0.0:
            continue
        if lv.on_no_deal:
            shift += effect
        else:
            cond = lv.trigger
            assert isinstance(cond, Condition)
            axes = tuple(sorted(space.position[i] for i in cond.issues))
            mask = condition_mask(cond, space, axes).astype(float)
            f = _new_factor(axes, mask, effect, f"lever:{lv.id}", False, _scaled(mask, effect),
                            _spread_shape(axes, space))
            factors.append(f)
            at_sq.append(float(f.scaled[tuple(status_quo[i] for i in axes)]))
    no_deal = 0.0  # the status quo's utility, summed as every evaluation path sums it
    for x in at_sq:
        no_deal += x
    no_deal = _rounded(no_deal)
    shift = round(shift, UTILITY_DECIMALS)
    given = actor.reservation is not None
    reservation = float(actor.reservation) if given else round(no_deal + shift, UTILITY_DECIMALS)
    return PreferenceModel(actor.name, tuple(factors), tuple(vetoes), no_deal, shift,
                           reservation, given)


_SCALE = 10.0 ** UTILITY_DECIMALS


def _rounded(x: float) -> float:
    """``float(np.round(x, UTILITY_DECIMALS))`` of one Python float without the array round
    trip: numpy rounds as ``rint(x * 10**d) / 10**d``, and ``round`` of a float is ``rint`` (half
    to even) but for the sign of a zero, which ``copysign`` restores.

    Examples
    --------
    >>> _rounded(0.1 + 0.2), _rounded(-1e-13)
    (0.3, -0.0)
    """
    y = x * _SCALE
    if not math.isfinite(y):
        return float(np.round(x, UTILITY_DECIMALS))
    return math.copysign(float(round(y)), y) / _SCALE


def build_preferences(scenario: Scenario) -> tuple[PreferenceModel, ...]:
    """One preference model per actor, in the scenario's actor order.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("sanctions", by="A", effects={"A": -0.2}),))
    >>> m = build_preferences(s)[0]
    >>> m.no_deal_utility, m.lever_shift, m.reservation
    (0.0, -0.2, -0.2)
    """
    space = scenario.space
    status_quo = space.status_quo
    spreads = [_spread_shape((p,), space) for p in range(len(space.shape))]
    return tuple(_build_one(a, scenario.levers, space, status_quo, spreads)
                 for a in scenario.actors)


def demand_utility(model: PreferenceModel, rows: np.ndarray) -> np.ndarray:
    """An actor's utility of each row from its demands alone (no lever), in [0, 1].

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}, trigger={"war": "truce"}),))
    >>> m = build_preferences(s)[0]
    >>> rows = np.array([[1]])
    >>> float(demand_utility(m, rows)[0]), float(m.utility(rows)[0])
    (1.0, 1.5)
    """
    total = _factor_sum(model.demand_factors, _columns(rows), len(rows))
    return np.round(total, UTILITY_DECIMALS, out=total)
