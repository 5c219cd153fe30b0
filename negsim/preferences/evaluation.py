"""Utilities and red-line vetoes of many outcomes at once: as rows, as columns, as blocks.

Each path sums an outcome's terms as :func:`negsim.preferences.factors` defines (the same
operations in the same order), so all of them give the same numbers bit for bit.
"""

from __future__ import annotations

import math

import numpy as np

from negsim.model.space import OutcomeSpace
from negsim.preferences.factors import (_FEW_ROWS, Factor, PreferenceModel, _any_veto, _block_term,
                                        _factor_sum, _row_sum, _row_veto, _spread_shape)
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["evaluate", "evaluate_block", "evaluate_columns"]


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
    """The position of each outcome in a flat table over ``issues`` (option counts ``shape``),
    in the smallest unsigned integer type that holds them: the columns must hold valid option
    indices."""
    cells = math.prod(shape)
    dtype = np.uint8 if cells <= 1 << 8 else np.uint16 if cells <= 1 << 16 else np.uint64
    idx = cols[issues[0]].astype(dtype)
    for q, k in zip(issues[1:], shape[1:]):
        np.multiply(idx, k, out=idx, casting="unsafe")
        np.add(idx, cols[q], out=idx, casting="unsafe")
    return idx


def evaluate(models: tuple[PreferenceModel, ...], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Utilities (n_rows × n_actors) and red-line vetoes (n_rows × n_actors) of rows.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
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
    (``columns[j] == rows[:, j]``, valid option indices of any integer type): the same
    numbers, without forming the rows.  The first few factors of an actor are gathered at once
    from a table of their partial sums (:func:`_prefix_table`).  The arrays returned are
    transposed views of actor-major ones (``utils.T[a]`` is contiguous).

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
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


_SPREAD_MIN = 128
"""Per-option additions (:func:`_spread_add`) pay off from ``_SPREAD_MIN * n ** 2`` outcomes
(``n`` options on the axis): numpy's own loop then makes ``size / n`` short passes, which cost
more than ``n`` calls."""


def _spread_add(part: np.ndarray, term: np.ndarray, out: np.ndarray, ax: int | None) -> None:
    """``np.add(part, term, out=out)``, by one call per option when ``term`` varies along the
    one axis ``ax`` (``None``: along several, or none) and that axis is the last that ``out``
    varies along: each call then runs over a long stretch of ``out`` instead of numpy looping
    over that short last axis (the same additions, the same bits)."""
    if ax is not None and out.size >= _SPREAD_MIN * out.shape[ax] ** 2 and \
            math.prod(out.shape[ax + 1:]) == 1:
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
    >>> from negsim.preferences import build_preferences
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
                elif math.prod(spans) < 1 << 11:  # small: one allocating addition
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
