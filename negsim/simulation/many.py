"""``negsim.simulate_many``: many simulated negotiations with random concession exponents."""

from __future__ import annotations

import math
from concurrent.futures import Executor

import numpy as np

from negsim.model.scenario import Scenario
from negsim.limits import MAX_CHUNK, MAX_ROUNDS, MAX_RUNS, check_count
from negsim.simulation.alternating import ENUMERATE_LIMIT, simulate
from negsim.results.simulation import SimulationSummary
from negsim.simulation.strategies import TimeBased
from negsim.parallel import run_chunks
from negsim.results.uncertainty import OutcomeOdds

__all__ = ["simulate_many", "RUN_CHUNK"]

RUN_CHUNK = 50
"""Runs per chunk (the unit of work and of seeding)."""


def _chunk(scenario: Scenario, n: int, seed: np.random.SeedSequence, rounds: int,
           exponents: tuple[float, float], limit: int, vary: bool = False) -> dict:
    rng = np.random.default_rng(seed)
    names = scenario.actor_names
    # Parameters first, in the scenario's order and from the same generator as a chunk of
    # negsim.ensemble, so run k of a chunk sees draw k of the ensemble's chunk.
    draws = {p.path: p.distribution.sample(n, rng) for p in scenario.uncertain} if vary else {}
    lo, hi = math.log(exponents[0]), math.log(exponents[1])
    out: dict = {"counts": {}, "breakdowns": 0, "round_sum": 0, "u_sum": np.zeros(len(names)),
                 "nash_sum": 0.0, "nash_n": 0, "pareto_sum": 0.0}
    for k in range(n):
        e = np.exp(rng.uniform(lo, hi, size=len(names)))
        run = scenario.with_parameters({p: float(v[k]) for p, v in draws.items()}) if draws \
            else scenario
        tr = simulate(run, strategies={a: TimeBased(float(x)) for a, x in zip(names, e)},
                      rounds=rounds, enumerate_limit=limit)
        if tr.agreement_index is None:
            out["breakdowns"] += 1
            continue
        out["counts"][tr.agreement_index] = out["counts"].get(tr.agreement_index, 0) + 1
        out["round_sum"] += tr.agreement_round
        out["u_sum"] += np.array([tr.utilities[a] for a in names])  # type: ignore[index]
        out["pareto_sum"] += tr.pareto_distance or 0.0
        if tr.nash_distance is not None:
            out["nash_sum"] += tr.nash_distance
            out["nash_n"] += 1
    return out


def simulate_many(scenario: Scenario, runs: int = 200, seed: int | None = None, *,
                  rounds: int = 40, exponents: tuple[float, float] = (0.2, 5.0),
                  executor: Executor | None = None, progress: bool | None = None,
                  chunk_size: int = RUN_CHUNK, enumerate_limit: int = ENUMERATE_LIMIT,
                  vary_parameters: bool = False) -> SimulationSummary:
    """Simulate ``runs`` negotiations, each actor's concession exponent drawn log-uniformly.

    Comparable with :func:`negsim.ensemble`: both give a distribution over outcomes
    (:meth:`SimulationSummary.as_solution_odds` puts the agreements in the ensemble's form).
    Chunks of ``chunk_size`` runs are seeded from ``np.random.SeedSequence(seed).spawn``, so the
    numbers do not depend on the executor.

    With ``vary_parameters`` every run also draws the scenario's uncertain parameters (its
    ``uncertain`` distributions), the whole chunk's parameters first and in the scenario's order,
    as :func:`negsim.ensemble` does: with the same seed and ``chunk_size`` as an ensemble, run
    ``k`` negotiates under the ensemble's draw ``k``.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("split", issues=(negsim.Issue.numeric_range("x", 0, 100, 11),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want=100),), reservation=0.0),
    ...             negsim.Actor("B", (negsim.Demand("x", want=0),), reservation=0.0)))
    >>> summary = simulate_many(s, runs=20, seed=1, rounds=10)
    >>> summary.breakdowns + sum(o.count for o in summary.agreements)
    20
    """
    runs = check_count(runs, "runs", MAX_RUNS)
    rounds = check_count(rounds, "rounds", MAX_ROUNDS, minimum=2)
    chunk_size = check_count(chunk_size, "chunk_size", MAX_CHUNK)
    if not 0 < exponents[0] <= exponents[1]:
        raise ValueError(f"exponents must satisfy 0 < low <= high, not {exponents!r}")
    seed = scenario.seed if seed is None else seed
    sizes = [min(chunk_size, runs - lo) for lo in range(0, runs, chunk_size)]
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    tasks = [(scenario, n, s, rounds, tuple(exponents), enumerate_limit, vary_parameters)
             for n, s in zip(sizes, seeds)]
    parts = run_chunks(_chunk, tasks, executor=executor, progress=progress, desc="simulations",
                       weights=sizes)
    counts: dict[int, int] = {}
    u_sum = np.zeros(len(scenario.actor_names))
    breakdowns = round_sum = nash_n = 0
    nash_sum = pareto_sum = 0.0
    for p in parts:  # in chunk order: float sums do not depend on the executor
        for i, k in p["counts"].items():
            counts[i] = counts.get(i, 0) + k
        breakdowns += p["breakdowns"]
        round_sum += p["round_sum"]
        u_sum += p["u_sum"]
        nash_sum += p["nash_sum"]
        nash_n += p["nash_n"]
        pareto_sum += p["pareto_sum"]
    agreed = runs - breakdowns
    space = scenario.space
    ordered = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
    return SimulationSummary(
        scenario.name, runs, seed, rounds, [float(x) for x in exponents],
        [OutcomeOdds(i, space.outcome(i), k, k / runs) for i, k in ordered], breakdowns,
        round_sum / agreed if agreed else None,
        {a: float(x) / agreed for a, x in zip(scenario.actor_names, u_sum)} if agreed else None,
        nash_sum / nash_n if nash_n else None, pareto_sum / agreed if agreed else None,
        varied_parameters=[p.path for p in scenario.uncertain] if vary_parameters else [],
        chunk_size=chunk_size)
