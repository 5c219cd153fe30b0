"""Preference models, built from an actor's demands (never typed in by hand).

An actor's utility is a weighted sum of *factors*: small tables over the few issues a demand (or a
lever's trigger) depends on.  A demand without a condition is a table over its own issue; a
conditional demand is a table over its issue and the issues of its condition.  Evaluating a chunk of
outcomes is one fancy-indexing gather per factor, so the cost grows with the number of demands,
never with the number of outcomes held in memory.

    u(o) = Σ_d w_d · s_d(o) / Σ_d w_d  +  Σ_levers credibility · effect · [trigger holds at o]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
import math

import numpy as np

from negsim.model import Actor, Condition, Demand, Lever
from negsim.model.scenario import Scenario
from negsim.model.space import OutcomeSpace
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["Factor", "PreferenceModel", "build_preferences", "condition_mask", "demand_scores",
           "demand_utility", "evaluate", "evaluate_block", "evaluate_columns", "UTILITY_DECIMALS"]


@dataclass(frozen=True, eq=False)
class Factor:
    """A table over a few issues (positions ``issues``), times a coefficient.

    ``demand`` tells a demand's term (``source`` ``"demand[k]"``) from a lever's
    (``"lever:<id>"``); code that needs the demands alone tests this flag, never the label.
    ``scaled`` is ``0.0 + coef * table`` (made when not given; the boolean table itself for a red
    line), the term every evaluation path adds: ``(c * t)[i] == c * t[i]`` bit for bit, and the
    ``0.0 +`` only turns ``-0.0`` into ``0.0``, which changes no sum that starts at ``0.0`` (such
    a sum is never ``-0.0``, and ``x + 0.0 == x + -0.0`` for every other ``x``).  ``spread`` is
    ``scaled`` viewed over every issue of the space (size 1 along the issues it does not use).
    """

    issues: tuple[int, ...]
    table: np.ndarray
    coef: float
    source: str  # "demand[k]" or "lever:<id>"
    demand: bool = False
    scaled: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    spread: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.scaled is None:
            scaled = self.table if self.table.dtype == bool else 0.0 + self.coef * self.table
            object.__setattr__(self, "scaled", scaled)

    def values(self, rows: np.ndarray) -> np.ndarray:
        """The table's entries for each row of option indices."""
        return self.table[tuple(rows[:, i] for i in self.issues)]

    def block_values(self, space: OutcomeSpace, lead: np.ndarray, split: int) -> np.ndarray:
        """The table's entries for a block of :meth:`OutcomeSpace.blocks`, as an array that
        broadcasts to the block's grid (size 1 along the issues the table does not use)."""
        return _block_term(self, self.table, space, lead, split)


def _block_term(f: Factor, table: np.ndarray, space: OutcomeSpace, lead: np.ndarray,
                split: int) -> np.ndarray:
    """``table`` (``f.table`` or ``f.scaled``) over a block's grid: a view when the factor uses
    none of the block's leading issues, else a gather of the leading rows."""
    if not f.issues or f.issues[0] >= split:
        full = f.spread if len(f.spread) == len(space.shape) else _spread_shape(f.issues, space)
        return table.reshape((1, *full[split:]))
    return table[space.block_index(f.issues, lead, split)]


def _spread_shape(issues: tuple[int, ...], space: OutcomeSpace) -> tuple[int, ...]:
    """The shape of a table over ``issues`` viewed over every issue of the space."""
    shape = [1] * len(space.shape)
    for p in issues:
        shape[p] = space.shape[p]
    return tuple(shape)


def _gather(table: np.ndarray, issues: tuple[int, ...], cols: list[np.ndarray], n: int) -> np.ndarray:
    """``table[tuple(cols[i] for i in issues)]`` as a fresh array of ``n`` entries (``take``
    for one issue; a table over no issue is its one entry ``n`` times)."""
    if len(issues) == 1 and table.ndim == 1:
        return table.take(cols[issues[0]])
    if not issues:
        return np.full(n, table[()])
    return table[tuple(cols[i] for i in issues)]


def _columns(rows: np.ndarray) -> list[np.ndarray]:
    """The option-index columns of rows of outcomes (``rows[:, j]`` for each issue ``j``)."""
    return [rows[:, j] for j in range(rows.shape[1])]


def _factor_sum(factors: tuple[Factor, ...], cols: list[np.ndarray], n: int,
                out: np.ndarray | None = None, done: int = 0,
                head: np.ndarray | None = None) -> np.ndarray:
    """The unrounded utility of ``n`` outcomes given as columns: 0.0 + c1 v1 + c2 v2 + ... in
    factor order (the one order every evaluation path keeps, so they agree bit for bit), summed
    as ``scaled1 + scaled2 + ...`` (the same bits, see :class:`Factor`), into ``out`` if given.
    ``head`` (a fresh array) is the sum of the first ``done`` factors, already gathered."""
    rest = factors[done:]
    if head is None:
        if not rest:
            head = np.zeros(n)
        else:
            head, rest = _gather(rest[0].scaled, rest[0].issues, cols, n), rest[1:]
    if not rest:
        if out is None:
            return head
        out[...] = head
        return out
    total = np.add(head, _gather(rest[0].scaled, rest[0].issues, cols, n), out=out)
    for f in rest[1:]:
        np.add(total, _gather(f.scaled, f.issues, cols, n), out=total)
    return total


_PREFIX_MAX = 1 << 10
"""Most cells of a table of the first few factors' partial sums (:func:`_prefix_table`)."""


def _prefix_table(factors: tuple[Factor, ...], n: int) -> tuple[int, tuple[int, ...],
                                                              tuple[int, ...], np.ndarray] | None:
    """``(p, issues, shape, table)``: the partial sums ``scaled1 + ... + scaled_p`` of the
    longest run of first factors (``p >= 2``) over at most ``min(_PREFIX_MAX, n // 4)``
    combinations of their issues, as a flat table over those issues (sorted positions, option
    counts ``shape``).  Summed by broadcasting, in factor order: each entry is the same sum, bit
    for bit, as the outcome's first ``p`` terms, so one gather stands for ``p``."""
    limit = min(_PREFIX_MAX, n // 4)
    sizes: dict[int, int] = {}
    cells, p = 1, 0
    for f in factors:
        new = {q: k for q, k in zip(f.issues, f.table.shape) if q not in sizes}
        if cells * math.prod(new.values()) > limit:
            break
        sizes.update(new)
        cells *= math.prod(new.values())
        p += 1
    if p < 2:
        return None
    issues = tuple(sorted(sizes))
    shape = tuple(sizes[q] for q in issues)
    table: np.ndarray = factors[0].scaled
    for k, f in enumerate(factors[:p]):
        view = [1] * len(issues)
        for q in f.issues:
            view[issues.index(q)] = sizes[q]
        term = f.scaled.reshape(view)
        table = term if k == 0 else table + term
    return p, issues, shape, np.ascontiguousarray(np.broadcast_to(table, shape)).reshape(-1)


def _flat_index(cols: list[np.ndarray], issues: tuple[int, ...], shape: tuple[int, ...]) -> np.ndarray:
    """The position of each outcome in a flat table over ``issues`` (option counts ``shape``,
    at most ``2 ** 16`` cells), as small unsigned integers: the columns must hold valid option
    indices."""
    dtype = np.uint8 if math.prod(shape) <= 1 << 8 else np.uint16
    idx = cols[issues[0]].astype(dtype)
    for q, k in zip(issues[1:], shape[1:]):
        np.multiply(idx, k, out=idx, casting="unsafe")
        np.add(idx, cols[q], out=idx, casting="unsafe")
    return idx


def _any_veto(vetoes: tuple[Factor, ...], cols: list[np.ndarray], n: int,
              out: np.ndarray | None = None) -> np.ndarray:
    """Whether each of ``n`` outcomes (as columns) crosses one of these red-line tables."""
    if out is None:
        out = np.zeros(n, dtype=bool)
    for f in vetoes:
        np.logical_or(out, _gather(f.table, f.issues, cols, n), out=out)
    return out


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


@dataclass(frozen=True, eq=False)
class PreferenceModel:
    """One actor's preferences over the outcome space.

    Attributes
    ----------
    actor : str
    factors : tuple of Factor
        Utility terms (demands, then conditional levers).
    vetoes : tuple of Factor
        Boolean tables of the red lines (``coef`` unused).
    no_deal_utility : float
        Utility of the status-quo outcome.
    lever_shift : float
        Expected effect of the levers pulled when there is no deal.
    reservation : float
        Walk-away utility: the explicit one, or no-deal utility plus lever shift.
    reservation_given : bool
        Whether the reservation was set explicitly.
    """

    actor: str
    factors: tuple[Factor, ...]
    vetoes: tuple[Factor, ...]
    no_deal_utility: float
    lever_shift: float
    reservation: float
    reservation_given: bool

    def utility(self, rows: np.ndarray) -> np.ndarray:
        """Utility of each row of option indices."""
        if len(rows) <= _FEW_ROWS:
            total = np.array([_row_sum(self.factors, r) for r in rows.tolist()], dtype=float)
        else:
            total = _factor_sum(self.factors, _columns(rows), len(rows))
        return np.round(total, UTILITY_DECIMALS, out=total)

    def vetoed(self, rows: np.ndarray) -> np.ndarray:
        """Whether each row crosses one of the actor's red lines."""
        if len(rows) <= _FEW_ROWS:
            return np.array([_row_veto(self.vetoes, r) for r in rows.tolist()], dtype=bool)
        return _any_veto(self.vetoes, _columns(rows), len(rows))

    @property
    def demand_factors(self) -> tuple[Factor, ...]:
        """The utility terms of the demands (without the levers'), in demand order."""
        return tuple(f for f in self.factors if f.demand)

    def demand_table(self, rows: np.ndarray) -> np.ndarray:
        """Per demand, the score of each row: shape (n_demands, n_rows)."""
        return np.array([f.values(rows) for f in self.demand_factors])


def _new_factor(issues: tuple[int, ...], table: np.ndarray, coef: float, source: str,
                demand: bool, scaled: np.ndarray, spread: tuple[int, ...]) -> Factor:
    """``Factor(issues, table, coef, source, demand, scaled, spread)`` with every field given,
    set in one step (what the generated ``__init__`` does one ``object.__setattr__`` at a time)."""
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
        f = Factor(axes, table, coef, f"demand[{k}]", True, spread=_spread_shape(axes, space))
        at_sq.append(float(f.scaled[tuple(status_quo[i] for i in axes)]))
        plan.append((f, None if vetoed is None else
                     Factor(axes, vetoed, 0.0, f"demand[{k}]", True, spread=f.spread)))
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
            f = Factor(axes, condition_mask(cond, space, axes).astype(float), effect,
                       f"lever:{lv.id}", spread=_spread_shape(axes, space))
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


_FEW_ROWS = 8
"""Up to this many rows are summed in Python floats (the same IEEE operations as on arrays,
without a numpy call per factor)."""


def _row_sum(factors: tuple[Factor, ...], row: list[int]) -> float:
    """The unrounded utility of one outcome (a list of option indices), as :func:`_factor_sum`
    sums it: 0.0 + scaled1 + scaled2 + ... in factor order."""
    total = 0.0
    for f in factors:
        issues = f.issues
        total += f.scaled.item(row[issues[0]]) if len(issues) == 1 else \
            f.scaled.item(*[row[i] for i in issues])
    return total


def _row_veto(vetoes: tuple[Factor, ...], row: list[int]) -> bool:
    """Whether one outcome (a list of option indices) crosses one of these red-line tables."""
    return any(f.table.item(*[row[i] for i in f.issues]) for f in vetoes)


def evaluate(models: tuple[PreferenceModel, ...], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Utilities (n_rows × n_actors) and red-line vetoes (n_rows × n_actors) of rows.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> utils, vetoed = evaluate(build_preferences(s), np.array([[0], [1]]))
    >>> utils.shape == vetoed.shape == (2, len(s.actors))
    True
    """
    if 0 < len(models) and len(rows) <= _FEW_ROWS:
        listed = rows.tolist()
        shape = (len(listed), len(models))
        utils = np.array([[_row_sum(m.factors, r) for m in models] for r in listed],
                         dtype=float).reshape(shape)
        vetoed = np.array([[_row_veto(m.vetoes, r) for m in models] for r in listed],
                          dtype=bool).reshape(shape)
        return np.round(utils, UTILITY_DECIMALS, out=utils), vetoed
    utils = np.stack([m.utility(rows) for m in models], axis=1)
    vetoed = np.stack([m.vetoed(rows) for m in models], axis=1)
    return utils, vetoed


_COLUMN_PIECE = 1 << 13
"""Outcomes :func:`evaluate_columns` sums at once (its temporaries stay small, reused memory)."""


def evaluate_columns(models: tuple[PreferenceModel, ...],
                     columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`evaluate` of outcomes given as one array of option indices per issue
    (``columns[j] == rows[:, j]``): the same numbers, without forming the rows.  The arrays
    returned are transposed views of actor-major ones (``utils.T[a]`` is contiguous).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> models = build_preferences(s)
    >>> rows = np.array([[0], [1]])
    >>> all((a == b).all() for a, b in zip(evaluate_columns(models, [rows[:, 0]]),
    ...                                    evaluate(models, rows)))
    True
    """
    n = len(columns[0]) if columns else 0
    utils = np.empty((len(models), n))
    vetoed = np.zeros((len(models), n), dtype=bool)
    prefixes = [_prefix_table(m.factors, n) for m in models]
    for lo in range(0, n, _COLUMN_PIECE):  # pieces: the same operations per outcome, and
        hi = min(n, lo + _COLUMN_PIECE)    # temporaries reused, not fresh
        cols = [c[lo:hi] for c in columns]
        flat: dict[tuple[int, ...], np.ndarray] = {}  # positions in prefix tables, shared
        for a, m in enumerate(models):
            row, prefix = utils[a, lo:hi], prefixes[a]
            if prefix is None:
                _factor_sum(m.factors, cols, hi - lo, out=row)
            else:
                p, issues, shape, table = prefix
                if issues not in flat:
                    flat[issues] = _flat_index(cols, issues, shape)
                _factor_sum(m.factors, cols, hi - lo, out=row, done=p,
                            head=table.take(flat[issues]))
            np.round(row, UTILITY_DECIMALS, out=row)
            if m.vetoes:
                _any_veto(m.vetoes, cols, hi - lo, out=vetoed[a, lo:hi])
    return utils.T, vetoed.T


_SPREAD_MIN = 1024
"""Shortest stretch of a block worth one addition call of its own (:func:`_spread_add`)."""


def _spread_add(part: np.ndarray, term: np.ndarray, out: np.ndarray, ax: int | None) -> None:
    """``np.add(part, term, out=out)``, by one call per option when ``term`` varies along the
    one axis ``ax`` (``None``: along several, or none): each call then runs over a long stretch
    of ``out`` instead of numpy looping over the (often short) last axis (the same additions,
    the same bits)."""
    if ax is not None and out.size >= _SPREAD_MIN * out.shape[ax]:
        head = (slice(None),) * ax
        values = term.reshape(-1).tolist()
        if part.shape[ax] == 1:
            base = part[head + (0,)]
            for k, v in enumerate(values):
                np.add(base, v, out=out[head + (k,)])
        else:
            for k, v in enumerate(values):
                np.add(part[head + (k,)], v, out=out[head + (k,)])
        return
    np.add(part, term, out=out)


def _block_scaled(f: Factor, space: OutcomeSpace, lead: np.ndarray,
                  split: int) -> tuple[np.ndarray, int | None]:
    """(``f.scaled`` over a block's grid, the one axis it varies along or ``None``)."""
    issues = f.issues
    if issues and issues[0] < split:
        return f.scaled[space.block_index(issues, lead, split)], 0 if len(issues) == 1 else None
    full = f.spread if len(f.spread) == len(space.shape) else _spread_shape(issues, space)
    return f.scaled.reshape((1, *full[split:])), 1 + issues[0] - split if len(issues) == 1 else None


def evaluate_block(models: tuple[PreferenceModel, ...], space: OutcomeSpace, lead: np.ndarray,
                   split: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`evaluate` of every outcome of a block of :meth:`OutcomeSpace.blocks`, in outcome
    order, the tables broadcast over the block's grid instead of gathered outcome by outcome
    (the same sums in the same order, so the same numbers bit for bit).  The arrays returned
    are transposed views of actor-major ones (``utils.T[a]`` is contiguous).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> models = build_preferences(s)
    >>> (start, lead, split), = s.space.blocks()
    >>> rows = np.concatenate([r for _, r in s.space.chunks()])
    >>> all((a == b).all() for a, b in zip(evaluate_block(models, s.space, lead, split),
    ...                                    evaluate(models, rows)))
    True
    """
    grid = (len(lead), *space.shape[split:])
    n = math.prod(grid)
    utils = np.empty((len(models), n))  # actor-major: each actor's row is contiguous
    vetoed = np.zeros((len(models), n), dtype=bool)
    whole = [False] * len(models)
    for a, m in enumerate(models):
        total = utils[a].reshape(grid)
        # Summed factor by factor as on the whole grid (scaled1 + scaled2 + ..., see Factor),
        # but each partial sum only over the axes its factors vary along so far: the same
        # operations on every outcome's numbers, on a grid that grows to the block's at most
        # once.  The first term is a view of its table, never written to.
        part: np.ndarray | None = None
        for f in m.factors:
            term, ax = _block_scaled(f, space, lead, split)
            if whole[a]:
                _spread_add(total, term, total, ax)
            elif part is None:
                part = term
            else:
                spans = tuple(map(max, part.shape, term.shape))
                if spans == grid:
                    _spread_add(part, term, total, ax)
                    whole[a] = True
                elif math.prod(spans) < _SPREAD_MIN * 2:  # small: one allocating addition
                    part = part + term
                else:
                    grown = np.empty(spans)
                    _spread_add(part, term, grown, ax)
                    part = grown
        if not whole[a]:  # rounded on the smaller grid, then spread over the block
            total[...] = 0.0 if part is None else np.round(part, UTILITY_DECIMALS)
        if m.vetoes:
            hit = _block_term(m.vetoes[0], m.vetoes[0].table, space, lead, split)
            for f in m.vetoes[1:]:
                hit = hit | _block_term(f, f.table, space, lead, split)
            vetoed[a].reshape(grid)[...] = hit
    if all(whole):  # every actor's grid summed in full: rounded in one call
        np.round(utils, UTILITY_DECIMALS, out=utils)
    else:
        for a in range(len(models)):
            if whole[a]:
                np.round(utils[a], UTILITY_DECIMALS, out=utils[a])
    return utils.T, vetoed.T
