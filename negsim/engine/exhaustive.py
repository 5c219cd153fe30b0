"""The acceptable set by exhaustive, chunked, vectorised evaluation of the outcome space.

One pass over the space, a chunk of outcomes at a time, gathers everything the result needs: the
number of acceptable deals, their Pareto frontier (merged chunk by chunk), the options that occur in
some acceptable deal, the options each actor's red lines rule out, and the acceptable deal nearest
to a target outcome.  Memory is bounded by the chunk size and the frontier, never by the space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from negsim.engine.verdicts import meets_reservation
from negsim.errors import ArgumentError
from negsim.engine.frontier import frontier_mask
from negsim.engine.rounding import rounded_array
from negsim.plain import ArrayList
from negsim.preferences import PreferenceModel, evaluate_block, evaluate_columns
from negsim.model.scenario import Scenario
from negsim.solutions.compromise import rank_distance
from negsim.model.space import DEFAULT_CHUNK
from negsim.tolerances import ROUND_TOL

__all__ = ["ExhaustiveScan", "scan", "outcome_cloud", "cloud_lists", "SCAN_BLOCK"]

SCAN_BLOCK = 1 << 14
"""The most outcomes evaluated at once by :func:`scan`: arrays of a block stay small enough to be
reused by the memory allocator instead of being mapped afresh (page faults cost more than the
arithmetic on large temporaries)."""


@dataclass
class ExhaustiveScan:
    """What one pass over the space found (arrays; the engine turns them into plain data)."""

    size: int = 0
    allowed: int = 0
    frontier_u: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    frontier_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.intp))
    frontier_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    option_in_acceptable: list[np.ndarray] = field(default_factory=list)
    option_free_of_veto: list[list[np.ndarray]] = field(default_factory=list)
    option_allowed: list[np.ndarray] = field(default_factory=list)
    nearest_id: int | None = None
    nearest_distance: float = np.inf
    cloud: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    """Utilities, acceptable and vetoed flags of every allowed outcome but no-deal, in outcome
    order, when the scan was asked to keep them (the plot cloud of a small space)."""
    cloud_drop: int | None = None
    """When set, ``cloud`` still holds the no-deal outcome, at this position (taken out when the
    cloud is made into lists, :func:`cloud_lists`, rather than by copying the arrays)."""
    acceptable_ids: np.ndarray | None = None
    """Numbers of every acceptable deal, in outcome order (an exhaustive scan; else ``None``)."""
    acceptable_u: np.ndarray | None = None
    """Their utilities (n_deals × n_actors)."""
    target_u: np.ndarray | None = None
    """The target outcome's utilities (one per actor), when a target was given."""
    target_vetoed: np.ndarray | None = None
    """Whether each actor's red lines rule the target out, when a target was given."""


def acceptable_mask(utils: np.ndarray, vetoed: np.ndarray, allowed: np.ndarray,
                    reservations: np.ndarray) -> np.ndarray:
    """Rows nobody vetoes, no constraint forbids, and that give everyone its reservation."""
    return allowed & ~vetoed.any(axis=1) & np.all(meets_reservation(utils, reservations), axis=1)


def _present(mask: np.ndarray, start: int, lead: np.ndarray, split: int, shape: tuple[int, ...],
             out: list[np.ndarray]) -> None:
    """``out[j] |=`` which options of issue j some outcome of the block where ``mask`` holds has.

    From the rows of the fewer of the outcomes where the mask holds and where it does not: an
    option is present unless every outcome of the block with it is masked out."""
    n = len(mask)
    hits = int(np.count_nonzero(mask))
    if hits == 0:
        return
    trail = n // len(lead)
    offsets = np.concatenate(([0], np.cumsum(shape)[:-1]))
    if hits == n or hits * 2 <= n:
        if hits == n:  # all of the block: the leading rows' options and every trailing option
            counts = [np.bincount(lead[:, j], minlength=k) for j, k in enumerate(shape[:split])]
            for j in range(split):
                out[j] |= counts[j] > 0
            for j in range(split, len(shape)):
                out[j][:] = True
            return
        rows = np.stack(np.unravel_index(start + np.flatnonzero(mask), shape), axis=1)
        total = np.bincount((rows + offsets).ravel(), minlength=sum(shape))
        for j, k in enumerate(shape):
            out[j] |= total[offsets[j]:offsets[j] + k] > 0
        return
    rows = np.stack(np.unravel_index(start + np.flatnonzero(~mask), shape), axis=1)
    missing = np.bincount((rows + offsets).ravel(), minlength=sum(shape))
    for j, k in enumerate(shape):
        if j < split:
            have = np.bincount(lead[:, j], minlength=k) * trail
        else:
            have = np.full(k, n // k)
        out[j] |= have - missing[offsets[j]:offsets[j] + k] > 0


def _nearest(ids: np.ndarray, dist: np.ndarray, chunk_size: int) -> tuple[int | None, float]:
    """The acceptable deal nearest the target: the first nearest of each run of ``chunk_size``
    outcome numbers, replaced by a later run's only when nearer by more than ``ROUND_TOL``."""
    best_id, best = None, np.inf
    if not len(ids):
        return best_id, best
    chunk = ids // chunk_size
    starts = np.flatnonzero(np.concatenate(([True], chunk[1:] != chunk[:-1])))
    ends = np.append(starts[1:], len(ids))
    for lo, hi in zip(starts.tolist(), ends.tolist()):
        i = lo + int(np.argmin(dist[lo:hi]))
        if dist[i] < best - ROUND_TOL:
            best, best_id = float(dist[i]), int(ids[i])
    return best_id, best


def scan(scenario: Scenario, models: tuple[PreferenceModel, ...],
         target: tuple[int, ...] | None = None, chunk_size: int = DEFAULT_CHUNK,
         keep_cloud: bool = False) -> ExhaustiveScan:
    """Scan the whole space once.  ``target`` (option indices) asks for the nearest acceptable
    deal; ``keep_cloud`` keeps what :func:`outcome_cloud` would evaluate again (``res.cloud``).

    The space is visited in blocks of at most ``chunk_size`` outcomes (grids filled by
    broadcasting the preference tables, :func:`negsim.preferences.evaluate_block`); the
    acceptable deals' numbers and utilities are kept (``res.acceptable_ids``,
    ``res.acceptable_u``) for the deal table, and so are the target's utilities and red-line
    flags (``res.target_u``, ``res.target_vetoed``).

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.examples.toy_scenario()
    >>> r = scan(s, build_preferences(s))
    >>> r.size, r.acceptable_ids.tolist()
    (1, [1])
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ArgumentError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    space = scenario.space
    shape = space.shape
    n_actors = len(models)
    reservations = np.array([m.reservation for m in models])
    sq_id = space.index(scenario.no_deal)
    res = ExhaustiveScan(size=space.size)
    res.option_in_acceptable = [np.zeros(k, dtype=bool) for k in shape]
    res.option_allowed = [np.zeros(k, dtype=bool) for k in shape]
    res.option_free_of_veto = [[np.zeros(k, dtype=bool) for k in shape]
                               for _ in range(n_actors)]
    acc_ids: list[np.ndarray] = []
    acc_u: list[np.ndarray] = []
    kept: list = []
    any_vetoes = any(m.vetoes for m in models)
    target_id = -1 if target is None else space.number(target)
    for start, lead, split in space.blocks(min(chunk_size, SCAN_BLOCK)):
        possible = space.allowed_block(lead, split)
        n = len(possible)
        allowed = possible
        if start <= sq_id < start + n:
            allowed = possible.copy()
            allowed[sq_id - start] = False
        utils, vetoed = evaluate_block(models, space, lead, split)
        if start <= target_id < start + n:
            res.target_u, res.target_vetoed = utils[target_id - start].copy(), \
                vetoed[target_id - start].copy()
        by_actor, veto_by_actor = utils.T, vetoed.T  # contiguous rows
        any_veto = np.logical_or.reduce(veto_by_actor, axis=0) if any_vetoes \
            else np.zeros(n, dtype=bool)
        ok = allowed & ~any_veto if any_vetoes else allowed.copy()
        for a in range(n_actors):
            ok &= meets_reservation(by_actor[a], reservations[a])
        if keep_cloud:
            if possible.all():  # all but (perhaps) no-deal: dropped later, not copied out here
                drop = sq_id - start if start <= sq_id < start + n else None
                kept.append((utils, ok, any_veto, drop))
            else:
                kept.append((utils[allowed], ok[allowed], any_veto[allowed], None))
        res.allowed += int(np.count_nonzero(allowed))
        _present(ok, start, lead, split, shape, res.option_in_acceptable)
        _present(possible, start, lead, split, shape, res.option_allowed)
        for a in range(n_actors if any_vetoes else 0):  # no red lines: the allowed options
            _present(possible & ~veto_by_actor[a], start, lead, split, shape,
                     res.option_free_of_veto[a])
        at = np.flatnonzero(ok)
        if len(at):
            acc_ids.append(start + at.astype(np.int64))
            acc_u.append(utils[at])
    if not any_vetoes:
        res.option_free_of_veto = [[x.copy() for x in res.option_allowed] for _ in range(n_actors)]
    res.acceptable_ids = np.concatenate(acc_ids) if acc_ids else np.zeros(0, dtype=np.int64)
    res.acceptable_u = np.concatenate(acc_u) if acc_u else np.zeros((0, n_actors))
    res.size = len(res.acceptable_ids)
    on = frontier_mask(res.acceptable_u)  # in outcome order already
    res.frontier_u, res.frontier_ids = res.acceptable_u[on], res.acceptable_ids[on]
    res.frontier_rows = space.rows_of(res.frontier_ids)
    if target is not None and res.size:
        dist = rank_distance(space.rows_of(res.acceptable_ids), target, scenario)
        res.nearest_id, res.nearest_distance = _nearest(res.acceptable_ids, dist, chunk_size)
    if keep_cloud and len(kept) == 1:
        res.cloud, res.cloud_drop = kept[0][:3], kept[0][3]
    elif keep_cloud:
        kept = [k[:3] if k[3] is None else tuple(np.delete(x, k[3], axis=0) for x in k[:3])
                for k in kept]
        res.cloud = (np.concatenate([k[0] for k in kept]) if kept else np.zeros((0, n_actors)),
                     np.concatenate([k[1] for k in kept]) if kept else np.zeros(0, dtype=bool),
                     np.concatenate([k[2] for k in kept]) if kept else np.zeros(0, dtype=bool))
    return res


_MASKED_ISSUES = 3
"""Issues matched over the whole sample by :func:`_rows_at` before it narrows by positions."""


def outcome_cloud(scenario: Scenario, models: tuple[PreferenceModel, ...],
                  found: ExhaustiveScan | None = None) -> tuple[
        np.ndarray, np.ndarray, np.ndarray, bool]:
    """Utilities, acceptable and vetoed flags of the outcomes kept for plotting.

    All allowed outcomes (but no-deal) when there are at most ``scenario.cloud_size`` (taken
    from ``found.cloud`` when the scan kept them, not evaluated again), else a sample of that
    many drawn with ``scenario.seed``.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.examples.toy_scenario()
    >>> u, ok, vetoed, sampled = outcome_cloud(s, build_preferences(s))
    >>> u.shape[0] == len(ok) == len(vetoed), sampled
    (True, False)
    """
    space = scenario.space
    if found is not None and found.cloud is not None and space.size <= scenario.cloud_size:
        utils, ok, vetoed = found.cloud
        if found.cloud_drop is not None:
            utils, ok, vetoed = (np.delete(x, found.cloud_drop, axis=0) for x in found.cloud)
        return utils, ok, vetoed, False
    reservations = np.array([m.reservation for m in models])
    if space.size <= scenario.cloud_size:
        rows = np.concatenate([r for _, r in space.chunks()]) if space.size else np.zeros((0, 0))
        cols = [rows[:, j] for j in range(rows.shape[1])]
        sampled = False
    else:
        cols = space.sample_columns(scenario.cloud_size, np.random.default_rng(scenario.seed))
        sampled = True
    keep = space.allowed_columns(cols)
    keep[_rows_at(cols, space.status_quo, len(keep))] = False
    if not keep.all():
        cols = [c[keep] for c in cols]
    utils, vetoed = evaluate_columns(models, cols)
    by_actor, veto_by_actor = utils.T, vetoed.T  # contiguous rows
    if any(m.vetoes for m in models):
        any_veto = np.logical_or.reduce(veto_by_actor, axis=0)
        ok = ~any_veto
    else:
        any_veto = np.zeros(len(utils), dtype=bool)
        ok = np.ones(len(utils), dtype=bool)
    for a in range(len(models)):  # acceptable_mask, an actor's contiguous row at a time
        ok &= meets_reservation(by_actor[a], reservations[a])
    return utils, ok, any_veto, sampled


def _rows_at(cols: list[np.ndarray], target: tuple[int, ...], n: int) -> np.ndarray:
    """Positions of the outcomes (given as columns of ``n`` option indices) equal to
    ``target``: a mask of the first few issues' matches, then narrowed issue by issue on the
    few positions left."""
    if not cols:
        return np.arange(n)
    hit = cols[0] == target[0]
    eq = np.empty_like(hit)
    for c, k in zip(cols[1:_MASKED_ISSUES], target[1:_MASKED_ISSUES]):
        hit &= np.equal(c, k, out=eq)
    at = np.flatnonzero(hit)
    for c, k in zip(cols[_MASKED_ISSUES:], target[_MASKED_ISSUES:]):
        if not len(at):
            break
        at = at[c[at] == k]
    return at


def cloud_lists(scenario: Scenario, models: tuple[PreferenceModel, ...],
                found: ExhaustiveScan | None = None) -> tuple[
        list[ArrayList], ArrayList, ArrayList, bool]:
    """:func:`outcome_cloud` as the columns of the result: each actor's utilities rounded to
    ``CLOUD_DECIMALS``, the acceptable and the vetoed flags (each an
    :class:`negsim.plain.ArrayList`, equal to the list of its values, made into Python objects
    only when read or written), whether sampled.  The arrays are used as work space (a scan's
    kept cloud is spent); a kept no-deal outcome is left out by viewing the arrays around it."""
    if found is not None and found.cloud is not None and found.cloud_drop is not None and \
            scenario.space.size <= scenario.cloud_size:
        (utils, ok, vetoed), drop = found.cloud, found.cloud_drop
        sampled = False
    else:
        utils, ok, vetoed, sampled = outcome_cloud(scenario, models, found)
        drop = None
    utils = rounded_array(utils, overwrite=True)

    def column(x: np.ndarray) -> ArrayList:
        return ArrayList(x) if drop is None else ArrayList(x[:drop], x[drop + 1:])

    return [column(utils[:, j]) for j in range(utils.shape[1])], column(ok), column(vetoed), \
        sampled
