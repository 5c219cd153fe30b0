"""Iterated elimination of strictly dominated strategies.

Strategy ``a`` of player ``i`` is *strictly dominated* by a (pure or mixed) strategy ``sigma``
when ``sigma`` pays ``i`` strictly more than ``a`` against every profile of the other players'
surviving strategies.  Eliminating strictly dominated strategies never removes a strategy that is
played in some Nash equilibrium, and the set that survives does not depend on the order of
elimination; here every round removes, for every player at once, all strategies dominated in the
game that survived the previous round.

Pure-by-pure dominance is one broadcast comparison per player and round.  Dominance by mixed
strategies (optional) solves one small linear program per remaining strategy with
:func:`scipy.optimize.linprog`: maximise ``eps`` subject to
``sum_b sigma_b u_i(b, c) - u_i(a, c) >= eps`` for every opponents' profile ``c``,
``sigma >= 0``, ``sum sigma = 1``; ``a`` is dominated when the optimal ``eps`` exceeds the
tolerance.  The LP works for any number of players (opponents' profiles are flattened); the
textbook two-player case is the common use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from negsim.plain import PlainData
from negsim.errors import NegsimError
from negsim.games.pure_nash import as_game_array
from negsim.tolerances import PAYOFF_TOL

__all__ = ["Elimination", "DominanceResult", "iterated_elimination"]


@dataclass(frozen=True)
class Elimination(PlainData):
    """One strategy removed by iterated elimination.

    Attributes
    ----------
    player : int
        Index of the player (0-based).
    strategy : int
        Index of the removed strategy in the original game.
    round : int
        The round (1-based) in which it was removed.
    dominated_by : tuple of float
        A dominating strategy of the same player, as probabilities over its original strategies
        (a unit vector when the dominating strategy is pure).
    """

    player: int
    strategy: int
    round: int
    dominated_by: tuple[float, ...]


@dataclass(frozen=True)
class DominanceResult(PlainData):
    """What survives iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    surviving : tuple of tuple of int
        For each player, the indices of the strategies that survive.
    eliminations : tuple of Elimination
        Every removal, in order.
    rounds : int
        Number of rounds that removed something.
    dominance_solvable : bool
        Whether exactly one strategy per player survives.
    """

    surviving: tuple[tuple[int, ...], ...]
    eliminations: tuple[Elimination, ...]
    rounds: int
    dominance_solvable: bool


def _own_first(u: np.ndarray, player: int, alive: list[np.ndarray]) -> np.ndarray:
    """Player's payoffs restricted to surviving strategies, shape (own, opponents' profiles)."""
    sub = u[player][np.ix_(*alive)]
    return np.moveaxis(sub, player, 0).reshape(len(alive[player]), -1)


def _pure_dominated(U: np.ndarray, tol: float) -> np.ndarray:
    """dom[b, a]: row b strictly beats row a everywhere (by more than tol)."""
    return (U[:, None, :] > U[None, :, :] + tol).all(axis=2)


def _mixed_dominator(U: np.ndarray, a: int, tol: float) -> np.ndarray | None:
    """Mixed strategy over the other rows of U that strictly dominates row a, if any."""
    others = [b for b in range(U.shape[0]) if b != a]
    if not others:
        return None
    k, c = len(others), U.shape[1]
    # variables: sigma_1..sigma_k, eps; maximise eps
    cost = np.zeros(k + 1)
    cost[-1] = -1.0
    a_ub = np.hstack([-U[others].T, np.ones((c, 1))])  # eps - sigma.U[:, col] <= -U[a, col]
    b_ub = -U[a]
    a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    bounds = [(0, None)] * k + [(None, None)]
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status != 0:
        raise NegsimError(f"dominance linear program failed: {res.message}")
    if -res.fun <= tol:
        return None
    sigma = np.zeros(U.shape[0])
    sigma[others] = np.clip(res.x[:k], 0.0, None)
    return sigma / sigma.sum()


def iterated_elimination(payoffs: object, mixed: bool = False,
                         tol: float = PAYOFF_TOL) -> DominanceResult:
    """Iteratively remove strictly dominated strategies of every player.

    Parameters
    ----------
    payoffs : array_like, shape (n, s_1, ..., s_n)
        ``payoffs[i]`` is player ``i``'s payoff table (see :mod:`negsim.games.pure_nash`).
    mixed : bool
        Also remove strategies dominated only by mixed strategies (linear programs).
    tol : float
        A dominating strategy must be better by more than ``tol`` against every profile.

    Returns
    -------
    DominanceResult
        Surviving strategies per player and the elimination order.

    Examples
    --------
    >>> pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]   # Prisoner's Dilemma, 0 = cooperate
    >>> r = iterated_elimination(pd)
    >>> r.surviving, r.dominance_solvable
    (((1,), (1,)), True)
    """
    u = as_game_array(payoffs)
    n = u.shape[0]
    alive = [np.arange(s) for s in u.shape[1:]]
    removed: list[Elimination] = []
    rounds = 0
    while True:
        doomed: list[tuple[int, int, np.ndarray]] = []
        for i in range(n):
            U = _own_first(u, i, alive)
            dom = _pure_dominated(U, tol)
            for a in np.flatnonzero(dom.any(axis=0)):
                sigma = np.zeros(u.shape[i + 1])
                sigma[alive[i][int(np.argmax(dom[:, a]))]] = 1.0
                doomed.append((i, int(a), sigma))
            if mixed:
                for a in np.flatnonzero(~dom.any(axis=0)):
                    local = _mixed_dominator(U, int(a), tol)
                    if local is not None:
                        sigma = np.zeros(u.shape[i + 1])
                        sigma[alive[i]] = local
                        doomed.append((i, int(a), sigma))
        if not doomed:
            break
        rounds += 1
        for i in range(n):
            local = sorted(a for p, a, _ in doomed if p == i)
            if len(local) == len(alive[i]):  # cannot happen for strict dominance; guard anyway
                raise NegsimError("every strategy of a player was found dominated")
        for i, a, sigma in sorted(doomed, key=lambda d: (d[0], d[1])):
            removed.append(Elimination(player=i, strategy=int(alive[i][a]), round=rounds,
                                       dominated_by=tuple(float(p) for p in sigma)))
        for i in range(n):
            gone = {a for p, a, _ in doomed if p == i}
            alive[i] = np.array([s for k, s in enumerate(alive[i]) if k not in gone], dtype=int)
    surviving = tuple(tuple(int(s) for s in a) for a in alive)
    return DominanceResult(
        surviving=surviving,
        eliminations=tuple(removed),
        rounds=rounds,
        dominance_solvable=all(len(s) == 1 for s in surviving),
    )
