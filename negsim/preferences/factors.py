"""The factors of a preference model and the model itself: tables over a few issues, summed.

Every evaluation path adds an outcome's terms in the same order, ``0.0 + c1 v1 + c2 v2 + ...``
(factor order), so that they agree bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from negsim.model.space import OutcomeSpace
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["Factor", "PreferenceModel"]


@dataclass(frozen=True, eq=False)
class Factor:
    """A table over a few issues (positions ``issues``), times a coefficient.

    ``demand`` tells a demand's term (``source`` ``"demand[k]"``) from a lever's
    (``"lever:<id>"``); code that needs the demands alone tests this flag, never the label.
    ``scaled`` is ``0.0 + coef * table`` (the boolean table itself for a red line), made from
    the other fields, never given: the term every evaluation path adds.  ``(c * t)[i] == c *
    t[i]`` bit for bit, and the ``0.0 +`` only turns ``-0.0`` into ``0.0``, which changes no sum
    that starts at ``0.0`` (such a sum is never ``-0.0``, and ``x + 0.0 == x + -0.0`` for every
    other ``x``).  ``spread`` is the shape of the table viewed over every issue of the space
    (size 1 along the issues it does not use), set by :func:`negsim.preferences.build_preferences`
    (empty otherwise: worked out when needed).
    """

    issues: tuple[int, ...]
    table: np.ndarray
    coef: float
    source: str  # "demand[k]" or "lever:<id>"
    demand: bool = False
    scaled: np.ndarray = field(init=False, repr=False)
    spread: tuple[int, ...] = field(init=False, default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scaled", _scaled(self.table, self.coef))

    def values(self, rows: np.ndarray) -> np.ndarray:
        """The table's entries for each row of option indices."""
        return self.table[tuple(rows[:, i] for i in self.issues)]

    def block_values(self, space: OutcomeSpace, lead: np.ndarray, split: int) -> np.ndarray:
        """The table's entries for a block of :meth:`OutcomeSpace.blocks`, as an array that
        broadcasts to the block's grid (size 1 along the issues the table does not use)."""
        return _block_term(self, self.table, space, lead, split)


def _scaled(table: np.ndarray, coef: float) -> np.ndarray:
    """A factor's ``scaled``: ``0.0 + coef * table``, or a red line's boolean table itself."""
    return table if table.dtype == bool else 0.0 + coef * table


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


def _any_veto(vetoes: tuple[Factor, ...], cols: list[np.ndarray], n: int,
              out: np.ndarray | None = None) -> np.ndarray:
    """Whether each of ``n`` outcomes (as columns) crosses one of these red-line tables."""
    if out is None:
        out = np.zeros(n, dtype=bool)
    for f in vetoes:
        np.logical_or(out, _gather(f.table, f.issues, cols, n), out=out)
    return out


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
