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
from dataclasses import dataclass

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
    """

    issues: tuple[int, ...]
    table: np.ndarray
    coef: float
    source: str  # "demand[k]" or "lever:<id>"
    demand: bool = False

    def values(self, rows: np.ndarray) -> np.ndarray:
        """The table's entries for each row of option indices."""
        return self.table[tuple(rows[:, i] for i in self.issues)]

    def block_values(self, space: OutcomeSpace, lead: np.ndarray, split: int) -> np.ndarray:
        """The table's entries for a block of :meth:`OutcomeSpace.blocks`, as an array that
        broadcasts to the block's grid (size 1 along the issues the table does not use)."""
        if not self.issues or self.issues[0] >= split:  # a view of the table itself
            view = [1] * (1 + len(space.shape) - split)
            for p in self.issues:
                view[1 + p - split] = space.shape[p]
            return self.table.reshape(view)
        return self.table[space.block_index(self.issues, lead, split)]


def _gather(table: np.ndarray, issues: tuple[int, ...], cols: list[np.ndarray]) -> np.ndarray:
    """``table[tuple(cols[i] for i in issues)]`` (``take`` for one issue: no cast of small
    integer columns to intp first)."""
    if len(issues) == 1 and table.ndim == 1:
        return table.take(cols[issues[0]])
    return table[tuple(cols[i] for i in issues)]


def _columns(rows: np.ndarray) -> list[np.ndarray]:
    """The option-index columns of rows of outcomes (``rows[:, j]`` for each issue ``j``)."""
    return [rows[:, j] for j in range(rows.shape[1])]


def _factor_sum(factors: Iterable[Factor], cols: list[np.ndarray], n: int) -> np.ndarray:
    """The unrounded utility of ``n`` outcomes given as columns: 0.0 + c1 v1 + c2 v2 + ... in
    factor order (the one order every evaluation path keeps, so they agree bit for bit)."""
    total = np.zeros(n)
    for f in factors:
        total += f.coef * _gather(f.table, f.issues, cols)
    return total


def _any_veto(vetoes: Iterable[Factor], cols: list[np.ndarray], n: int) -> np.ndarray:
    """Whether each of ``n`` outcomes (as columns) crosses one of these red-line tables."""
    out = np.zeros(n, dtype=bool)
    for f in vetoes:
        out |= _gather(f.table, f.issues, cols)
    return out


def demand_scores(demand: Demand, space: OutcomeSpace) -> np.ndarray:
    """The demand's score of every option of its issue, ignoring its condition.

    Examples
    --------
    >>> from negsim.model import Issue
    >>> space = OutcomeSpace((Issue("x", ("a", "b", "c", "d", "e"), "a", ordered=True),))
    >>> demand_scores(Demand("x", want="b"), space).tolist()
    [0.75, 1.0, 0.75, 0.5, 0.25]
    """
    issue = space.issue(demand.issue)
    pos = space.position[issue.id]
    n = len(issue)
    if demand.want is not None:
        wanted = [space.option_index(pos, o) for o in demand.want]
        if issue.ordered:
            ranks = np.arange(n)
            dist = np.min(np.abs(ranks[:, None] - np.array(wanted)[None, :]), axis=1)
            return 1.0 - dist / (n - 1)
        s = np.zeros(n)
        s[wanted] = 1.0
        return s
    if demand.avoid is not None:
        s = np.ones(n)
        s[[space.option_index(pos, o) for o in demand.avoid]] = 0.0
        return s
    s = np.zeros(n)
    for opt, score in demand.scores or ():
        s[space.option_index(pos, opt)] = score
    return s


def condition_mask(cond: Condition, space: OutcomeSpace, axes: tuple[int, ...]) -> np.ndarray:
    """Boolean table over ``axes`` (issue positions, sorted) where the condition holds."""
    shape = tuple(space.shape[a] for a in axes)
    mask = np.ones(shape, dtype=bool)
    for issue_id, opts in cond.terms:
        issue = space.issue(issue_id)
        pos = space.position[issue.id]
        member = np.zeros(len(issue), dtype=bool)
        member[[space.option_index(pos, o) for o in opts]] = True
        view = [1] * len(axes)
        view[axes.index(space.position[issue_id])] = len(issue)
        mask = mask & member.reshape(view)
    return mask


def _demand_tables(demand: Demand, space: OutcomeSpace) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
    """(axes, score table, vetoed table) of a demand over its issue and its condition's issues."""
    own = space.position[demand.issue]
    s = demand_scores(demand, space)
    if not demand.when.terms:  # no condition: the scores themselves
        return (own,), s, (s < 1.0) if demand.hard else np.zeros(len(s), dtype=bool)
    axes = tuple(sorted({own, *(space.position[i] for i in demand.when.issues)}))
    view = [1] * len(axes)
    view[axes.index(own)] = len(s)
    s_full = np.broadcast_to(s.reshape(view), tuple(space.shape[a] for a in axes))
    applies = condition_mask(demand.when, space, axes)
    table = np.where(applies, s_full, 1.0)
    vetoed = applies & (s_full < 1.0) if demand.hard else np.zeros_like(applies)
    return axes, table, vetoed


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
        return np.round(_factor_sum(self.factors, _columns(rows), len(rows)), UTILITY_DECIMALS)

    def vetoed(self, rows: np.ndarray) -> np.ndarray:
        """Whether each row crosses one of the actor's red lines."""
        return _any_veto(self.vetoes, _columns(rows), len(rows))

    @property
    def demand_factors(self) -> tuple[Factor, ...]:
        """The utility terms of the demands (without the levers'), in demand order."""
        return tuple(f for f in self.factors if f.demand)

    def demand_table(self, rows: np.ndarray) -> np.ndarray:
        """Per demand, the score of each row: shape (n_demands, n_rows)."""
        return np.array([f.values(rows) for f in self.demand_factors])


def _build_one(actor: Actor, levers: tuple[Lever, ...], space: OutcomeSpace) -> PreferenceModel:
    total = actor.total_weight or 1.0  # an actor with no demands is indifferent over outcomes
    factors: list[Factor] = []
    vetoes: list[Factor] = []
    for k, d in enumerate(actor.demands):
        axes, table, vetoed = _demand_tables(d, space)
        factors.append(Factor(axes, table, d.weight / total, f"demand[{k}]", demand=True))
        if d.hard:
            vetoes.append(Factor(axes, vetoed, 0.0, f"demand[{k}]", demand=True))
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
            factors.append(Factor(axes, condition_mask(cond, space, axes).astype(float), effect,
                                  f"lever:{lv.id}"))
    sq = np.array([space.status_quo], dtype=np.intp)
    model = PreferenceModel(actor.name, tuple(factors), tuple(vetoes), 0.0, 0.0, 0.0, False)
    no_deal = float(model.utility(sq)[0])
    shift = round(shift, UTILITY_DECIMALS)
    given = actor.reservation is not None
    reservation = float(actor.reservation) if given else round(no_deal + shift, UTILITY_DECIMALS)
    return PreferenceModel(actor.name, tuple(factors), tuple(vetoes), no_deal, shift,
                           reservation, given)


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
    return tuple(_build_one(a, scenario.levers, space) for a in scenario.actors)


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
    total = np.zeros(len(rows))
    for f in model.demand_factors:
        total += f.coef * f.values(rows)
    return np.round(total, UTILITY_DECIMALS)


def evaluate(models: tuple[PreferenceModel, ...], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Utilities (n_rows × n_actors) and red-line vetoes (n_rows × n_actors) of rows."""
    utils = np.stack([m.utility(rows) for m in models], axis=1)
    vetoed = np.stack([m.vetoed(rows) for m in models], axis=1)
    return utils, vetoed


_COLUMN_PIECE = 1 << 13
"""Outcomes :func:`evaluate_columns` sums at once (its temporaries stay small, reused memory)."""


def evaluate_columns(models: tuple[PreferenceModel, ...],
                     columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`evaluate` of outcomes given as one array of option indices per issue
    (``columns[j] == rows[:, j]``): the same numbers, without forming the rows.

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
    for lo in range(0, n, _COLUMN_PIECE):  # pieces: the same operations per outcome, and
        cols = [c[lo:lo + _COLUMN_PIECE] for c in columns]  # temporaries reused, not fresh
        k = len(cols[0])
        for a, m in enumerate(models):
            np.round(_factor_sum(m.factors, cols, k), UTILITY_DECIMALS,
                     out=utils[a, lo:lo + _COLUMN_PIECE])
            vetoed[a, lo:lo + _COLUMN_PIECE] = _any_veto(m.vetoes, cols, k)
    return utils.T, vetoed.T


def _spread_add(part: np.ndarray | float, term: np.ndarray, out: np.ndarray) -> None:
    """``np.add(part, term, out=out)``, by one call per option when ``term`` varies along one
    axis that ``part`` does not: each call then runs over a long stretch of ``out`` instead of
    numpy looping over the (often short) last axis (the same additions, the same bits)."""
    along = [ax for ax, k in enumerate(term.shape) if k != 1]
    if isinstance(part, np.ndarray) and part.ndim == out.ndim and len(along) == 1 and \
            part.shape[along[0]] == 1 and out.shape[along[0]] * 64 <= out.size:
        ax = along[0]
        head = (slice(None),) * ax
        base = part[head + (0,)]
        values = term.reshape(-1)
        for k in range(out.shape[ax]):
            np.add(base, values[k], out=out[head + (k,)])
        return
    np.add(part, term, out=out)


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
    n = int(np.prod(grid))
    utils = np.empty((len(models), n))  # actor-major: each actor's row is contiguous
    vetoed = np.zeros((len(models), n), dtype=bool)
    for a, m in enumerate(models):
        total = utils[a].reshape(grid)
        # Summed factor by factor as on the whole grid (0.0 + c1 v1 + c2 v2 + ...), but each
        # partial sum only over the axes its factors vary along so far: the same operations on
        # every outcome's numbers, on a grid that grows to the block's at most once.
        part: np.ndarray | float = 0.0
        shape = (1,) * len(grid)  # the partial sum's shape
        whole = False
        for f in m.factors:
            term = f.coef * f.block_values(space, lead, split)
            if whole:
                total += term
                continue
            spans = tuple(map(max, shape, term.shape)) if term.ndim == len(grid) else \
                np.broadcast_shapes(shape, term.shape)
            if spans == grid:
                _spread_add(part, term, total)
                whole = True
            else:
                grown = np.empty(spans)
                _spread_add(part, term, grown)
                part, shape = grown, spans
        if whole:
            np.round(total, UTILITY_DECIMALS, out=total)
        else:  # rounded on the smaller grid, then spread over the block
            total[...] = np.round(np.asarray(part, dtype=float), UTILITY_DECIMALS)
        if m.vetoes:
            hit: np.ndarray | bool = False
            for f in m.vetoes:
                hit = hit | f.block_values(space, lead, split)
            vetoed[a].reshape(grid)[...] = hit
    return utils.T, vetoed.T
