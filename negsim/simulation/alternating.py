"""``negsim.simulate``: a multilateral alternating-offers negotiation, round by round.

In each round one actor (in turn) proposes; every other actor accepts or rejects.  A proposal is
agreed when all others accept.  With a deadline of ``rounds`` offers, time runs t = k/(rounds − 1).

- The proposer offers, among the deals worth at least its current target to itself, the one best
  for the others: the largest smallest gain of the others (each relative to its best attainable
  gain), then the largest total, then the lowest outcome number.
- A responder accepts when the offer crosses none of its red lines, gives it at least its
  reservation, and its gain is at least ``patience ×`` the gain of its own next target
  (waiting a round costs a factor ``patience`` on gains: the actors' patience as discounting).

Deals are drawn from the enumerated space (at most ``enumerate_limit`` outcomes, red lines and
constraints removed) or, for larger spaces, from the acceptable Pareto frontier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from negsim.engine.exhaustive import scan
from negsim.engine.verdicts import ACCEPT_TOL
from negsim.errors import NegsimError
from negsim.limits import MAX_ROUNDS, check_count
from negsim.preferences import PreferenceModel, build_preferences, evaluate
from negsim.model.scenario import Scenario
from negsim.results.simulation import NegotiationTrace, Offer
from negsim.simulation.strategies import Strategy, TimeBased, strategy_from
from negsim.solutions import nash_solution
from negsim.tolerances import ROUND_TOL

__all__ = ["simulate", "PROTOCOLS"]

PROTOCOLS = ("alternating",)
ENUMERATE_LIMIT = 50_000


@dataclass(frozen=True, eq=False)
class _Setup:
    models: tuple[PreferenceModel, ...]
    ids: np.ndarray          # outcome numbers of the deals that can be offered
    utils: np.ndarray        # (n_deals, n_actors)
    reservations: np.ndarray
    frontier_u: np.ndarray
    nash_u: np.ndarray | None
    source: str


@lru_cache(maxsize=8)
def _setup(scenario: Scenario, limit: int) -> _Setup:
    space = scenario.space
    models = build_preferences(scenario)
    d = np.array([m.reservation for m in models])
    found = scan(scenario, models)
    if space.size <= limit:
        sq_id = space.index(scenario.no_deal)
        ids_l, u_l = [], []
        for start, rows in space.chunks():
            ids = np.arange(start, start + len(rows), dtype=np.int64)
            u, vetoed = evaluate(models, rows)
            ok = space.allowed(rows) & ~vetoed.any(axis=1) & (ids != sq_id)
            ids_l.append(ids[ok])
            u_l.append(u[ok])
        ids, utils, source = np.concatenate(ids_l), np.concatenate(u_l), "enumerated space"
    else:
        ids, utils, source = found.frontier_ids, found.frontier_u, "acceptable Pareto frontier"
    nash_u = None
    if len(found.frontier_u):
        i, _ = nash_solution(found.frontier_u, d)
        nash_u = found.frontier_u[i]
    return _Setup(models, ids, utils, d, found.frontier_u, nash_u, source)


def _choose(setup: _Setup, proposer: int, target: float, lo: np.ndarray, span: np.ndarray) -> int:
    """Row of the deal the proposer offers (see the module docstring)."""
    u = setup.utils
    mine = u[:, proposer] >= min(target, u[:, proposer].max()) - ROUND_TOL
    others = [j for j in range(u.shape[1]) if j != proposer]
    if not others:
        score = u[:, proposer]
        tb = np.zeros(len(u))
    else:
        g = (u[:, others] - lo[others]) / span[others]
        score, tb = g.min(axis=1), g.sum(axis=1)
    score = np.where(mine, score, -np.inf)
    top = score.max()
    tied = score >= top - ROUND_TOL
    tbm = np.where(tied, tb, -np.inf)
    return int(np.flatnonzero(tied & (tbm >= tbm.max() - ROUND_TOL))[0])


def simulate(scenario: Scenario, protocol: str = "alternating",
             strategies: Mapping[str, Strategy | str | float] | None = None, rounds: int = 40,
             seed: int | None = None, *, order: str = "scenario",
             enumerate_limit: int = ENUMERATE_LIMIT) -> NegotiationTrace:
    """Simulate a negotiation and return its trace.

    Parameters
    ----------
    scenario : Scenario
    protocol : str
        ``"alternating"`` (multilateral alternating offers).
    strategies : mapping actor → Strategy, name or exponent, optional
        Default: linear concession for everyone.  Names: ``boulware``, ``linear``, ``conceder``,
        ``hardliner``, ``tit_for_tat``; a number is a time-based exponent.
    rounds : int
        The deadline: the number of offers before talks break down.
    seed : int, optional
        Seeds the order of proposers when ``order="random"`` (default: the scenario's seed).
    order : str
        ``"scenario"`` (actors in the scenario's order) or ``"random"`` (a seeded permutation).

    Returns
    -------
    NegotiationTrace

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("split", issues=(negsim.Issue.numeric_range("x", 0, 100, 101),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want=100),), reservation=0.0),
    ...             negsim.Actor("B", (negsim.Demand("x", want=0),), reservation=0.0)))
    >>> tr = simulate(s, rounds=20)
    >>> tr.agreement, tr.agreement_round
    ({'x': 47}, 9)
    """
    if protocol not in PROTOCOLS:
        raise NegsimError(f"unknown protocol {protocol!r}; use one of {list(PROTOCOLS)}")
    rounds = check_count(rounds, "rounds", MAX_ROUNDS, minimum=2)
    names = scenario.actor_names
    given = dict(strategies or {})
    for a in given:
        scenario.actor(a, key="strategies")
    strat = [strategy_from(given.get(a, TimeBased(1.0))) for a in names]
    if order not in ("scenario", "random"):
        raise NegsimError(f"order must be 'scenario' or 'random', not {order!r}")
    turn = list(range(len(names)))
    if order == "random":
        rng = np.random.default_rng(scenario.seed if seed is None else seed)
        turn = [int(i) for i in rng.permutation(len(names))]
    setup = _setup(scenario, enumerate_limit)
    space = scenario.space
    patience = np.array([a.patience for a in scenario.actors])
    d = setup.reservations
    notes = [f"deals offered from the {setup.source} ({len(setup.ids):,} deals)"]
    offers: list[Offer] = []
    agreement = None
    if len(setup.ids) == 0:
        notes.append("no deal avoids every red line: talks cannot start")
    else:
        u = setup.utils
        ideal = np.maximum(u.max(axis=0), d)
        lo = d
        span = np.where(ideal - d > ROUND_TOL, ideal - d, 1.0)
        received: list[list[float]] = [[] for _ in names]

        def targets(t: float) -> np.ndarray:
            return np.array([s.target(t, ideal[i], d[i], received[i])
                             for i, s in enumerate(strat)])

        for k in range(rounds):
            t, t_next = k / (rounds - 1), min(1.0, (k + 1) / (rounds - 1))
            p = turn[k % len(turn)]
            now = targets(t)
            row = _choose(setup, p, now[p], lo, span)
            uo = u[row]
            nxt = targets(t_next)
            accepted = [names[p]]
            for j in range(len(names)):
                if j == p:
                    continue
                gain, want = uo[j] - d[j], patience[j] * (nxt[j] - d[j])
                if gain >= -ACCEPT_TOL and gain >= want - ACCEPT_TOL:
                    accepted.append(names[j])
                received[j].append(float(uo[j]))
            done = len(accepted) == len(names)
            idx = int(setup.ids[row])
            offers.append(Offer(k, round(t, 12), names[p], idx, space.outcome(idx),
                                {a: float(x) for a, x in zip(names, uo)},
                                {a: round(float(x), 12) for a, x in zip(names, now)},
                                accepted, done))
            if done:
                agreement = (k, row)
                break
    if agreement is None:
        return NegotiationTrace(scenario.name, protocol, rounds,
                                {a: s.describe() for a, s in zip(names, strat)},
                                {a: float(x) for a, x in zip(names, d)}, offers, None, None, None,
                                None, None, _as_dict(names, setup.nash_u), None, None, notes)
    k, row = agreement
    uo = setup.utils[row]
    disc = d + patience ** k * (uo - d)
    pareto = float(np.min(np.linalg.norm(setup.frontier_u - uo, axis=1))) \
        if len(setup.frontier_u) else None
    nash = float(np.linalg.norm(setup.nash_u - uo)) if setup.nash_u is not None else None
    idx = int(setup.ids[row])
    return NegotiationTrace(scenario.name, protocol, rounds,
                            {a: s.describe() for a, s in zip(names, strat)},
                            {a: float(x) for a, x in zip(names, d)}, offers, space.outcome(idx),
                            idx, k, {a: float(x) for a, x in zip(names, uo)},
                            {a: round(float(x), 12) for a, x in zip(names, disc)},
                            _as_dict(names, setup.nash_u), pareto, nash, notes)


def _as_dict(names: tuple[str, ...], values: np.ndarray | None) -> dict[str, float] | None:
    return None if values is None else {a: float(x) for a, x in zip(names, values)}
