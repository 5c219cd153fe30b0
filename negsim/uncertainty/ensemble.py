"""``negsim.ensemble``: Monte Carlo over a scenario's uncertain parameters, vectorised over draws.

Draws are split into chunks of a fixed size (``chunk_size``, never chosen by the executor); chunk
``i`` draws from child ``i`` of ``np.random.SeedSequence(seed)``, and returns integer counts, which
add up exactly.  So the numbers depend on the seed, the number of draws and the chunk size only —
not on whether the chunks run in-process, on a process pool, or on a Dask cluster.

Within a chunk, utilities of the proposals are matrix products over draws
(:mod:`negsim.uncertainty.linear`).  On spaces of at most ``enumerate_limit`` outcomes (by
default those ``analyze`` enumerates) the outcomes no red line excludes are evaluated directly
when few are left; else the acceptable ones are counted by bounds over the issue groups'
contributions and the solutions chosen among a pool of group assignments that no draw can
beat (:mod:`negsim.uncertainty.bounded`; on spaces under ``BOUNDED_MIN`` outcomes, or whose
groups are not runs of consecutive issues, every outcome is evaluated as outer sums of the
contributions, :mod:`negsim.uncertainty.separable`).  Larger spaces merge the issue groups'
frontiers per draw (:mod:`negsim.uncertainty.by_groups`), as ``analyze`` does.  The bargaining
solutions are chosen per draw by the same rules as :mod:`negsim.solutions`
(:func:`~negsim.solutions.select.best_in_runs`: ties within ``TIE_TOL``, then the tiebreak, then
the lowest outcome number among the tied deals on the draw's Pareto frontier).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor

import numpy as np

from negsim.allocator import settle
from negsim.engine.analyze import EXHAUSTIVE_LIMIT
from negsim.engine.verdicts import acceptance_margin, accepts, meets_reservation
from negsim.errors import ArgumentError, did_you_mean
from negsim.limits import MAX_CHUNK, MAX_DRAWS, check_count
from negsim.preferences import UTILITY_DECIMALS, evaluate
from negsim.model.scenario import Scenario
from negsim.solutions.pareto import pareto_mask
from negsim.solutions.select import best_in_runs
from negsim.parallel import run_chunks
from negsim.scenario_games.levers import derive_credibility
from negsim.uncertainty.linear import LinearForm, linear_form
from negsim.uncertainty.pool import candidate_features, solution_pool
from negsim.uncertainty.structure import structural_ensemble
from negsim.uncertainty.bounded import GroupPlan, acceptable_counts, group_plan, meets_rounded
from negsim.uncertainty.by_groups import SIZE_SAMPLES, frontier_solutions, sampled_size
from negsim.uncertainty.separable import SpaceSums, space_sums
from negsim.results.uncertainty import (EnsembleResult, OutcomeOdds, ParameterDraws, ProposalOdds,
                                        SolutionOdds)

__all__ = ["ensemble", "ENUMERATE_LIMIT", "DRAW_CHUNK", "BOUNDED_MIN", "ENSEMBLE_SOLUTIONS"]

ENUMERATE_LIMIT = EXHAUSTIVE_LIMIT
"""Spaces up to this many outcomes (those ``analyze`` enumerates) are evaluated outcome by outcome
in every draw; larger ones merge issue groups per draw."""

DRAW_CHUNK = 1_000
"""Draws per chunk (the unit of work and of seeding)."""

BOUNDED_MIN = 1_024
"""Smallest space whose acceptable set is counted by bounds over its issue groups
(:mod:`negsim.uncertainty.bounded`); smaller ones cost less evaluated outcome by outcome."""

ENSEMBLE_SOLUTIONS = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")

_BLOCK = 1 << 20  # outcomes × draws evaluated at once
_BOUNDED_BLOCK = 3 << 19  # outcomes × draws counted by bounds at once (the nodes stay in cache)
_POOL_BLOCK = 1 << 17  # pool outcomes × draws scored at once (stays in cache)
_TALLY_RANGE = 64  # values' range per value up to which _tally counts by histogram


def _segments(flat: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For pairs given as sorted flat indices ``draw * m + outcome``: the draws that have pairs,
    where their runs start, their lengths."""
    starts = np.searchsorted(flat, np.arange(n + 1) * m)
    lens = np.diff(starts)
    has = np.flatnonzero(lens)
    return has, starts[has], lens[has]


def _scores(name: str, g: np.ndarray, u: np.ndarray, power: np.ndarray, has: np.ndarray,
            starts: np.ndarray, lens: np.ndarray, cache: dict
            ) -> tuple[np.ndarray, np.ndarray | None]:
    """Score and tiebreak of one solution for acceptable (outcome, draw) pairs; g and u (A, P),
    power (A, draws); the pairs of draw ``has[k]`` are ``starts[k]:starts[k] + lens[k]``."""
    if "total" not in cache:
        cache["total"] = g.sum(axis=0)
    if name in ("nash", "asymmetric_nash") and "logs" not in cache:
        gp = g > 0
        cache["pos"] = pos = gp.all(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            cache["logs"] = np.log(g if pos.all() else np.where(gp, g, 1.0))
    if name == "nash":
        return np.where(cache["pos"], cache["logs"].sum(axis=0), -np.inf), cache["total"]
    if name == "asymmetric_nash":
        w = np.repeat(power[:, has], lens, axis=1)
        return (np.where(cache["pos"], np.einsum("ap,ap->p", cache["logs"], w), -np.inf),
                cache["total"])
    if name == "kalai_smorodinsky":
        ideal = np.stack([np.maximum.reduceat(x, starts) for x in g])  # (A, draws with pairs)
        active = ideal > 0
        if active.all():  # the usual case: every actor can gain in every draw
            ratios = g / np.repeat(ideal, lens, axis=1)
            return ratios.min(axis=0), ratios.sum(axis=0)
        act = np.repeat(active, lens, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = g / np.repeat(np.where(active, ideal, 1.0), lens, axis=1)
        any_active = np.repeat(active.any(axis=0), lens)
        return (np.where(any_active, np.where(act, ratios, np.inf).min(axis=0), cache["total"]),
                np.where(any_active, np.where(act, ratios, 0.0).sum(axis=0), 0.0))
    if name == "egalitarian":
        return g.min(axis=0), cache["total"]
    return u.sum(axis=0), u.min(axis=0)  # utilitarian


def _solutions(u: np.ndarray, r: np.ndarray, power: np.ndarray, acc: np.ndarray,
               names: tuple[str, ...], cols: np.ndarray | None = None,
               rounded: bool = False) -> dict[str, np.ndarray]:
    """Chosen row per draw (-1: none) for each named solution; u (A, s, M), r and power (A, s),
    acc (s, M).  ``cols`` (optional) restricts the choice to these columns of ``u`` (``acc`` is
    then (s, len(cols)) and the rows chosen are positions in ``cols``), without copying
    ``u[:, :, cols]``; ``rounded`` says ``u`` holds rounded utilities already.

    Only the acceptable (outcome, draw) pairs are scored.  A solution is picked among the
    acceptable deals of a draw and then, where several tie, restricted to those on the draw's
    Pareto frontier, which is what :func:`negsim.analyze` picks among: every score and tiebreak
    is non-decreasing when an actor gains and no one loses, so the best score and tiebreak over
    the acceptable set equal those over its frontier, and the tied frontier points are the tied
    acceptable points that nothing acceptable dominates.  Whatever dominates a tied point ties
    with it too, so a single tied point is on the frontier, and where several tie only they
    need comparing with each other.
    """
    n, m = acc.shape
    flat = np.flatnonzero(acc)  # draw * m + outcome: sorted by draw, then by outcome
    out = {k: np.full(n, -1, dtype=np.int64) for k in names}
    if len(flat) == 0:
        return out
    has, starts, lens = _segments(flat, n, m)
    at = flat if cols is None else flat // m * u.shape[2] + cols[flat % m]
    up = np.take(u.reshape(len(u), -1), at, axis=1)
    if not rounded:
        np.round(up, UTILITY_DECIMALS, out=up)
    g = up - np.repeat(r[:, has], lens, axis=1)
    cache: dict = {}
    for name in names:
        score, tb = _scores(name, g, up, power, has, starts, lens, cache)
        first, tied = best_in_runs(score, tb, starts, lens)
        chosen = flat[first] % m
        multi = np.add.reduceat(tied, starts) > 1
        if multi.any():  # ties: keep the tied deals on their draw's frontier, take the first
            seg = np.repeat(np.arange(len(starts)), lens)
            t = np.flatnonzero(tied & multi[seg])
            tied[t[~pareto_mask(up[:, t].T, runs=seg[t])]] = False
            pos = np.where(tied, np.arange(len(tied)), len(tied))
            chosen = flat[np.minimum.reduceat(pos, starts)] % m
        out[name][has] = chosen
    return out


def _tally(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``found`` (non-negative ints) in increasing order and their counts, as
    ``np.unique(found, return_counts=True)``; a histogram when the values' range is small
    against their number (no sort)."""
    if len(found) and int(found.max()) <= _TALLY_RANGE * len(found):
        hist = np.bincount(found)
        uniq = np.flatnonzero(hist)
        return uniq, hist[uniq]
    return np.unique(found, return_counts=True)


def _pool_solutions(plan: GroupPlan, sums: SpaceSums, coefs: list[np.ndarray], r: np.ndarray,
                    power: np.ndarray, names: tuple[str, ...]) -> dict[str, list[np.ndarray]]:
    """Per solution, the pool position chosen in each draw (-1: none), in blocks of draws."""
    chosen: dict[str, list[np.ndarray]] = {k: [] for k in names}
    n = len(r[0])
    step = max(1, _POOL_BLOCK // max(1, len(plan.ids)))
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        rb = r[:, lo:hi]
        u = plan.pool_utilities(sums.parts([c[lo:hi] for c in coefs]))
        acc = np.ones(u.shape[1:], dtype=bool)
        for a in range(len(u)):
            acc &= meets_rounded(u[a], rb[a, :, None])
        for name, idx in _solutions(u, rb, power[:, lo:hi], acc, names).items():
            chosen[name].append(idx)
    return chosen


def _chunk(scenario: Scenario, n: int, seed: np.random.SeedSequence, limit: int,
           names: tuple[str, ...] = ENSEMBLE_SOLUTIONS) -> dict:
    """Counts for ``n`` draws seeded by ``seed`` (runs in a worker)."""
    form: LinearForm = linear_form(scenario)
    rng = np.random.default_rng(seed)
    theta = form.draw(n, rng, scenario)
    coefs = [form.coefficients(a, theta) for a in range(form.n_actors)]
    r = form.reservations(theta, coefs)
    space = scenario.space
    out: dict = {}
    if scenario.proposals:
        rows = np.array([space.indices_of(scenario.outcome_of(p)) for p in scenario.proposals],
                        dtype=np.intp)
        _, vetoed = evaluate(form.models, rows)
        u = form.utilities([form.features(a, rows) for a in range(form.n_actors)], coefs)
        accept = accepts(acceptance_margin(u, r[:, None, :]), vetoed.T[:, :, None])
        out["accept"] = accept.sum(axis=2).T.astype(np.int64)  # (P, A)
        out["all_accept"] = accept.all(axis=0).sum(axis=1).astype(np.int64)
    if space.size > limit:  # decomposed: group frontiers merged per draw
        power = form.powers(theta)
        nonempty, picks = frontier_solutions(scenario, coefs, r, power, names)
        out["nonempty"] = nonempty
        out["size_sum"] = sampled_size(scenario, coefs, r, rng)
        out["solutions"] = {}
        for name, idx in picks.items():
            counts: dict[int, int] = {}
            for i in idx:
                if i >= 0:
                    counts[i] = counts.get(i, 0) + 1
            out["solutions"][name] = (counts, sum(1 for i in idx if i < 0))
        return out
    ids, feats = candidate_features(scenario)
    sums = space_sums(scenario)
    direct = feats is not None
    plan = None if direct or space.size < BOUNDED_MIN else group_plan(scenario)
    power = form.powers(theta)
    nonempty = size_sum = 0
    chosen: dict[str, list[np.ndarray]] = {k: [] for k in names}
    if direct:
        pool = solution_pool(scenario)
        step = max(1, _BLOCK // max(1, len(ids)))
    elif plan is not None:  # bounded count, solutions among the group pool
        pool = None
        ids = plan.ids
        step = max(1, _BOUNDED_BLOCK // max(1, space.size))
        if names:
            chosen = _pool_solutions(plan, sums, coefs, r, power, names)
    else:
        pool = None
        step = max(1, _BLOCK // max(1, space.size))
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        block = [c[lo:hi] for c in coefs]
        rb, pb = r[:, lo:hi], power[:, lo:hi]
        if plan is not None:
            counts = acceptable_counts(plan, sums.parts(block), rb)
            nonempty += int(np.count_nonzero(counts))
            size_sum += int(counts.sum())
            continue
        if direct:  # few candidates: one product per actor over them, (A, s, M)
            u = form.utilities(feats, block, draws_first=True)
            acc = np.ones(u.shape[1:], dtype=bool)
        else:  # every outcome, summed group by group, (A, s, N)
            u = sums.utilities(block, rounded=False)
            acc = np.broadcast_to(sums.candidates, u.shape[1:]).copy()
        for a in range(len(u)):  # the products are rounded already; the sums are not
            acc &= meets_reservation(u[a], rb[a, :, None]) if direct else \
                meets_rounded(u[a], rb[a, :, None])
        nonempty += int(acc.any(axis=1).sum())
        size_sum += int(np.count_nonzero(acc))
        if names and pool is not None:  # only the candidates some draw could choose
            # the pool's columns of u read in place (a copy of u[:, :, pool] costs more than
            # the scoring); the products are rounded already
            for name, idx in _solutions(u, rb, pb, np.take(acc, pool, axis=1), names,
                                        cols=pool, rounded=True).items():
                chosen[name].append(np.where(idx >= 0, pool[idx], -1))
        elif names:
            for name, idx in _solutions(u, rb, pb, acc, names).items():
                chosen[name].append(idx)
    out["nonempty"] = nonempty
    out["size_sum"] = size_sum
    out["solutions"] = {}
    for name, parts in chosen.items():
        idx = np.concatenate(parts) if parts else np.full(n, -1)
        uniq, counts = _tally(idx[idx >= 0])
        if direct or plan is not None:
            uniq = ids[uniq]
        out["solutions"][name] = ({int(i): int(c) for i, c in zip(uniq, counts)},
                                  int(np.count_nonzero(idx < 0)))
    return out


def ensemble(scenario: Scenario, draws: int = 10_000, seed: int | None = None, *,
             executor: Executor | None = None, progress: bool | None = None,
             chunk_size: int = DRAW_CHUNK, enumerate_limit: int = ENUMERATE_LIMIT,
             solutions: Sequence[str] = ENSEMBLE_SOLUTIONS) -> EnsembleResult:
    """Monte Carlo over the scenario's uncertain parameters.

    Parameters
    ----------
    scenario : Scenario
        Its ``uncertain`` parameters are drawn; everything else stays at its point value.
    draws : int
        Number of draws.
    seed : int, optional
        Default: the scenario's seed.  Same seed, draws and chunk size → same numbers.
    executor : concurrent.futures.Executor, optional
        Where the chunks run (default: in-process).  A ``ProcessPoolExecutor`` uses the cores of
        one machine; ``distributed.Client(...).get_executor()`` a Dask cluster.
    progress : bool, optional
        Show a progress bar (needs tqdm; default: only on a terminal).
    chunk_size : int
        Draws per chunk; part of the study's definition (it fixes which seed each draw uses).
    enumerate_limit : int
        Largest space evaluated outcome by outcome per draw; larger ones merge issue groups per
        draw (exact frontier and solutions; the mean acceptable size is then estimated from
        seeded samples, which the result's ``notes`` say).  A space whose coupled issues form a
        group too large to enumerate raises the engine's error, as ``analyze`` does.
    solutions : sequence of str
        Which bargaining solutions to find in every draw (default: all of
        ``ENSEMBLE_SOLUTIONS``); ``()`` counts only acceptances and the acceptable set, which is
        faster.  The result's ``solutions`` holds exactly these.

    Returns
    -------
    EnsembleResult

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.distributions import Distribution
    >>> from negsim.model.parameters import UncertainParameter
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     uncertain=(UncertainParameter("levers.aid.effects.A", Distribution.uniform(0, 2)),))
    >>> round(ensemble(s, draws=4000, seed=1).proposal("truce").all_accept, 1)
    0.5
    """
    settle()  # the allocator in its steady state (negsim.allocator)
    draws = check_count(draws, "draws", MAX_DRAWS)
    chunk_size = check_count(chunk_size, "chunk_size", MAX_CHUNK)
    names = (solutions,) if isinstance(solutions, str) else tuple(solutions)
    for name in names:
        if name not in ENSEMBLE_SOLUTIONS:
            hint = did_you_mean(name, ENSEMBLE_SOLUTIONS)
            raise ArgumentError(f"unknown solution {name!r}; expected some of "
                             f"{', '.join(ENSEMBLE_SOLUTIONS)}" + (f" ({hint})" if hint else ""))
    names = tuple(k for k in ENSEMBLE_SOLUTIONS if k in names)  # canonical order, no repeats
    # credibility = { from_game = "ID" }: the game's credibility at the point values (kept in
    # every draw; negsim.robustness re-derives it per draw)
    scenario, _ = derive_credibility(scenario)
    if scenario.structural:  # red lines, triggers, conditions with alternatives
        return structural_ensemble(scenario, draws, seed, ensemble, executor=executor, progress=progress,
                                   chunk_size=chunk_size, enumerate_limit=enumerate_limit,
                                   solutions=names)
    seed = scenario.seed if seed is None else seed
    sizes = [min(chunk_size, draws - lo) for lo in range(0, draws, chunk_size)]
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    tasks = [(scenario, n, s, enumerate_limit, names) for n, s in zip(sizes, seeds)]
    parts = run_chunks(_chunk, tasks, executor=executor, progress=progress, desc="ensemble",
                       weights=sizes)
    actor_names = scenario.actor_names
    proposals = []
    if scenario.proposals:
        accept = sum(p["accept"] for p in parts)
        all_accept = sum(p["all_accept"] for p in parts)
        for k, prop in enumerate(scenario.proposals):
            proposals.append(ProposalOdds(
                prop.id, prop.label,
                {a: int(accept[k, i]) / draws for i, a in enumerate(actor_names)},
                {a: int(accept[k, i]) for i, a in enumerate(actor_names)},
                int(all_accept[k]) / draws, int(all_accept[k])))
    params = []
    for p in scenario.uncertain:
        d = p.distribution
        q = d.ppf(np.array([0.05, 0.95]))
        params.append(ParameterDraws(p.path, d.describe(), p.point, d.mean, float(q[0]),
                                     float(q[1])))
    space = scenario.space
    result = dict(scenario=scenario.name, draws=draws, seed=seed, chunk_size=chunk_size,
                  parameters=params, proposals=proposals, space_size=space.size)
    notes = []
    if space.size > enumerate_limit:
        notes.append(f"the outcome space has {space.size:,} outcomes, more than the "
                     f"{enumerate_limit:,} enumerated per draw: each draw's frontier and "
                     "solutions come from merging issue groups (exact); the mean acceptable "
                     f"size is estimated from {SIZE_SAMPLES:,} seeded uniform outcomes per "
                     f"chunk of draws")
    nonempty = sum(p["nonempty"] for p in parts)
    solutions = {}
    for name in names:
        counts: dict[int, int] = {}
        none = 0
        for p in parts:
            c, missing = p["solutions"][name]
            none += missing
            for i, k in c.items():
                counts[i] = counts.get(i, 0) + k
        ordered = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
        solutions[name] = SolutionOdds(name, [OutcomeOdds(i, space.outcome(i), k, k / draws)
                                              for i, k in ordered], none)
    return EnsembleResult(**result, acceptable_nonempty=nonempty / draws,
                          acceptable_nonempty_count=nonempty,
                          mean_acceptable_size=sum(p["size_sum"] for p in parts) / draws,
                          solutions=solutions, notes=notes,
                          candidates=0 if notes else
                          int(np.count_nonzero(space_sums(scenario).candidates)))
