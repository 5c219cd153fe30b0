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
from negsim.preferences import PreferenceModel, evaluate
from negsim.model.scenario import Scenario
from negsim.solutions.compromise import rank_distance
from negsim.solutions.pareto import merge_frontier
from negsim.model.space import DEFAULT_CHUNK
from negsim.tolerances import ROUND_TOL

__all__ = ["ExhaustiveScan", "scan"]


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


def acceptable_mask(utils: np.ndarray, vetoed: np.ndarray, allowed: np.ndarray,
                    reservations: np.ndarray) -> np.ndarray:
    """Rows nobody vetoes, no constraint forbids, and that give everyone its reservation."""
    return allowed & ~vetoed.any(axis=1) & np.all(meets_reservation(utils, reservations), axis=1)


def scan(scenario: Scenario, models: tuple[PreferenceModel, ...],
         target: tuple[int, ...] | None = None, chunk_size: int = DEFAULT_CHUNK,
         keep_cloud: bool = False) -> ExhaustiveScan:
    """Scan the whole space once.  ``target`` (option indices) asks for the nearest acceptable
    deal; ``keep_cloud`` keeps what :func:`outcome_cloud` would evaluate again (``res.cloud``)."""
    space = scenario.space
    n_actors = len(models)
    reservations = np.array([m.reservation for m in models])
    sq_id = space.index(scenario.no_deal)
    res = ExhaustiveScan(size=space.size)
    res.frontier_u = np.zeros((0, n_actors))
    res.frontier_rows = np.zeros((0, len(space.issues)), dtype=np.intp)
    res.option_in_acceptable = [np.zeros(k, dtype=bool) for k in space.shape]
    res.option_allowed = [np.zeros(k, dtype=bool) for k in space.shape]
    res.option_free_of_veto = [[np.zeros(k, dtype=bool) for k in space.shape]
                               for _ in range(n_actors)]
    count = 0
    kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start, rows in space.chunks(chunk_size):
        ids = np.arange(start, start + len(rows), dtype=np.int64)
        possible = space.allowed(rows)
        allowed = possible & (ids != sq_id)
        utils, vetoed = evaluate(models, rows)
        ok = acceptable_mask(utils, vetoed, allowed, reservations)
        if keep_cloud:
            kept.append((utils[allowed], ok[allowed], vetoed[allowed].any(axis=1)))
        count += int(np.count_nonzero(ok))
        res.allowed += int(np.count_nonzero(allowed))
        for j, k in enumerate(space.shape):
            res.option_in_acceptable[j] |= np.bincount(rows[ok, j], minlength=k) > 0
            res.option_allowed[j] |= np.bincount(rows[possible, j], minlength=k) > 0
            for a in range(n_actors):
                free = possible & ~vetoed[:, a]
                res.option_free_of_veto[a][j] |= np.bincount(rows[free, j], minlength=k) > 0
        if np.any(ok):
            keep_u, keep_ids = merge_frontier(res.frontier_u, res.frontier_ids, utils[ok], ids[ok])
            res.frontier_u, res.frontier_ids = keep_u, keep_ids
            if target is not None:
                dist = rank_distance(rows[ok], target, scenario)
                i = int(np.argmin(dist))
                if dist[i] < res.nearest_distance - ROUND_TOL:
                    res.nearest_distance = float(dist[i])
                    res.nearest_id = int(ids[ok][i])
    order = np.argsort(res.frontier_ids, kind="stable")
    res.frontier_u = res.frontier_u[order]
    res.frontier_ids = res.frontier_ids[order]
    res.frontier_rows = np.array([space.row(int(i)) for i in res.frontier_ids],
                                 dtype=np.intp).reshape(-1, len(space.issues))
    res.size = count
    if keep_cloud:
        res.cloud = (np.concatenate([k[0] for k in kept]) if kept else np.zeros((0, n_actors)),
                     np.concatenate([k[1] for k in kept]) if kept else np.zeros(0, dtype=bool),
                     np.concatenate([k[2] for k in kept]) if kept else np.zeros(0, dtype=bool))
    return res


def outcome_cloud(scenario: Scenario, models: tuple[PreferenceModel, ...],
                  found: ExhaustiveScan | None = None) -> tuple[
        np.ndarray, np.ndarray, np.ndarray, bool]:
    """Utilities, acceptable and vetoed flags of the outcomes kept for plotting.

    All allowed outcomes (but no-deal) when there are at most ``scenario.cloud_size`` (taken
    from ``found.cloud`` when the scan kept them, not evaluated again), else a sample of that
    many drawn with ``scenario.seed``.
    """
    space = scenario.space
    if found is not None and found.cloud is not None and space.size <= scenario.cloud_size:
        utils, ok, vetoed = found.cloud
        return utils, ok, vetoed, False
    reservations = np.array([m.reservation for m in models])
    sq = np.array(space.status_quo)
    if space.size <= scenario.cloud_size:
        rows = np.concatenate([r for _, r in space.chunks()]) if space.size else np.zeros((0, 0))
        sampled = False
    else:
        rng = np.random.default_rng(scenario.seed)
        rows = space.sample(scenario.cloud_size, rng)
        sampled = True
    keep = space.allowed(rows) & ~np.all(rows == sq, axis=1)
    rows = rows[keep]
    utils, vetoed = evaluate(models, rows)
    ok = acceptable_mask(utils, vetoed, np.ones(len(rows), dtype=bool), reservations)
    return utils, ok, vetoed.any(axis=1), sampled
