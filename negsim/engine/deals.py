"""The acceptable deals themselves (the zone of possible agreement as data), best first.

For an enumerated space (at most ``EXHAUSTIVE_LIMIT`` outcomes) a second chunked pass keeps the
numbers of the acceptable outcomes and their utilities: memory is bounded by the acceptable set,
never by an array the size of the space beyond one chunk.  The outcome itself is decoded from its
number on demand (:meth:`negsim.results.analysis.DealTable.deals`), so the JSON holds one integer
and one utility row per deal.  For a decomposed space the deals cannot be listed; the table then
holds the Pareto frontier, one deal per distinct utility vector, with how many outcomes share it.

The order, stated once here and in :data:`DEAL_ORDER`: the worst-off actor's gain over its
reservation, highest first; then the total gain, highest first; then the outcome number;
values within ``TIE_TOL`` count as equal (:func:`negsim.solutions.select.tie_ranks`).
"""

from __future__ import annotations

import numpy as np

from negsim.engine.exhaustive import acceptable_mask
from negsim.model.scenario import Scenario
from negsim.preferences import PreferenceModel, evaluate
from negsim.results.analysis import DealTable
from negsim.solutions.select import tie_ranks
from negsim.tolerances import TIE_TOL, UTILITY_DECIMALS

__all__ = ["deal_table", "DEAL_ORDER"]

DEAL_ORDER = ("best first: the worst-off actor's gain over its reservation (highest first), then "
              f"the total gain (highest first), then the outcome number; values within {TIE_TOL:g} "
              "count as equal")


def _order(ids: np.ndarray, utils: np.ndarray, reservations: np.ndarray) -> np.ndarray:
    """Positions of the deals in :data:`DEAL_ORDER`: ``np.lexsort((ids, total rank, worst
    rank))``; when the numbers are increasing already (an exhaustive scan's), one unstable sort
    of a single integer key that holds the two ranks and the position (every key distinct, so
    the same order)."""
    gains = np.round(utils - reservations, UTILITY_DECIMALS)
    worst = np.zeros(len(ids))
    if gains.size:  # column by column: numpy's row-wise reduction over a few columns is slow
        worst = gains[:, 0].copy()
        for j in range(1, gains.shape[1]):
            np.minimum(worst, gains[:, j], out=worst)
    total = np.round(gains.sum(axis=1), UTILITY_DECIMALS)
    n = len(ids)
    rank_total, rank_worst = tie_ranks(total), tie_ranks(worst)
    if n > 1 and n ** 3 < 1 << 62 and ids.dtype.kind in "iu" and bool(np.all(ids[1:] > ids[:-1])):
        return np.argsort((rank_worst * n + rank_total) * n + np.arange(n))
    return np.lexsort((ids, rank_total, rank_worst))


def deal_table(scenario: Scenario, models: tuple[PreferenceModel, ...], method: str,
               frontier_ids: np.ndarray, frontier_u: np.ndarray,
               frontier_counts: np.ndarray | None = None,
               acceptable: tuple[np.ndarray, np.ndarray] | None = None) -> DealTable:
    """Every acceptable deal (``method="exhaustive"``) or the frontier with counts (else).

    ``acceptable`` (numbers and utilities of every acceptable deal, in outcome order, as
    :func:`~negsim.engine.exhaustive.scan` keeps them) saves the exhaustive pass.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.examples.toy_scenario()
    >>> t = deal_table(s, build_preferences(s), "exhaustive", np.zeros(0), np.zeros((0, 1)))
    >>> t.kind, [d.outcome for d in t.deals()]
    ('all', [{'war': 'truce'}])
    """
    space = scenario.space
    reservations = np.array([m.reservation for m in models])
    if method == "exhaustive" and acceptable is not None:
        ids = np.asarray(acceptable[0], dtype=np.int64)
        utils = np.asarray(acceptable[1], dtype=float).reshape(len(ids), len(models))
        counts = np.ones(len(ids), dtype=np.int64)
        kind = "all"
    elif method == "exhaustive":
        sq_id = space.index(scenario.no_deal)
        keep_ids, keep_u = [], []
        for start, rows in space.chunks():
            ids = np.arange(start, start + len(rows), dtype=np.int64)
            utils, vetoed = evaluate(models, rows)
            ok = acceptable_mask(utils, vetoed, space.allowed(rows) & (ids != sq_id), reservations)
            keep_ids.append(ids[ok])
            keep_u.append(utils[ok])
        ids = np.concatenate(keep_ids) if keep_ids else np.zeros(0, dtype=np.int64)
        utils = np.concatenate(keep_u) if keep_u else np.zeros((0, len(models)))
        counts = np.ones(len(ids), dtype=np.int64)
        kind = "all"
    else:
        ids = np.asarray(frontier_ids, dtype=np.int64)
        utils = np.asarray(frontier_u, dtype=float).reshape(len(ids), len(models))
        counts = np.ones(len(ids), dtype=np.int64) if frontier_counts is None else \
            np.asarray(frontier_counts, dtype=np.int64)
        kind = "frontier"
    order = _order(ids, utils, reservations)
    return DealTable(kind, DEAL_ORDER, list(scenario.actor_names),
                     {i.id: list(i.options) for i in space.issues},
                     [m.reservation for m in models],
                     ids[order].tolist(), utils[order].tolist(), counts[order].tolist())
