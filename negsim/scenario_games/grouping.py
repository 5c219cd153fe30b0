"""Equilibria grouped by the outcome they lead to, and weak dominance of pure strategies.

A proposal-backing game among four actors easily has hundreds of pure equilibria that differ only
in what a player backs when its choice changes nothing (everyone else already backs different
proposals, so there is no deal whatever it does).  What an analyst needs is the handful of
*outcomes* these equilibria lead to: :func:`group_equilibria` groups them by outcome (the deal
agreed or no deal, the levers pulled there, and the payoffs), with a count and one representative
per group, and counts how many equilibria of each group avoid weakly dominated strategies
(:func:`weakly_dominated`): a group whose every equilibrium needs some player to back a
weakly dominated strategy is the kind of equilibrium refinements discard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from negsim.games.pure_nash import as_game_array
from negsim.results.games import EquilibriumGroup, EquilibriumProfile
from negsim.tolerances import PAYOFF_TOL

__all__ = ["weakly_dominated", "group_equilibria", "MAX_GROUPS"]

MAX_GROUPS = 50
"""At most this many outcome groups are kept (largest first)."""


def weakly_dominated(payoffs: object, tol: float = PAYOFF_TOL) -> list[np.ndarray]:
    """Which pure strategies of each player are weakly dominated by another pure strategy.

    Strategy ``a`` of player ``i`` is weakly dominated when some other strategy ``b`` pays ``i``
    at least as much against every profile of the others and strictly more (by more than
    ``tol``) against at least one.  Memory stays at the size of the payoff array: one pass per
    candidate dominator.

    Returns
    -------
    list of bool arrays, one per player, ``True`` where the strategy is weakly dominated.

    Examples
    --------
    >>> u = [[[1, 1], [1, 0]], [[1, 1], [1, 0]]]   # row 1 and column 1 are weakly worse
    >>> [w.tolist() for w in weakly_dominated(u)]
    [[False, True], [False, True]]
    """
    u = as_game_array(payoffs)
    out = []
    for i in range(u.shape[0]):
        U = np.moveaxis(u[i], i, 0).reshape(u.shape[i + 1], -1)
        dom = np.zeros(U.shape[0], dtype=bool)
        for b in range(U.shape[0]):
            ge = (U[b][None, :] >= U - tol).all(axis=1)
            gt = (U[b][None, :] > U + tol).any(axis=1)
            dom |= ge & gt
        out.append(dom)
    return out


def _profile_indices(e: EquilibriumProfile, players: Sequence[str],
                     names: Sequence[Sequence[str]]) -> tuple[int, ...] | None:
    if not e.pure:
        return None
    return tuple(list(names[i]).index(next(iter(e.strategies[p]))) for i, p in enumerate(players))


def group_equilibria(equilibria: Sequence[EquilibriumProfile], players: Sequence[str],
                     names: Sequence[Sequence[str]], payoffs: object,
                     outcome_of: Callable[[tuple[int, ...]], tuple[str, Sequence[str]]]
                     | None = None, tol: float = PAYOFF_TOL) -> list[EquilibriumGroup]:
    """Group equilibria by the outcome they lead to.

    Parameters
    ----------
    equilibria : sequence of EquilibriumProfile
        All equilibria found (pure or mixed).
    players, names : player names and each player's strategy names (indices into ``payoffs``).
    payoffs : array_like, shape (n, s_1, ..., s_n)
    outcome_of : callable, optional
        Maps a pure profile (strategy indices) to ``(outcome, levers pulled)``.  Without it, and
        for mixed equilibria, the outcome is ``""`` and equilibria are grouped by payoffs.

    Returns
    -------
    list of EquilibriumGroup
        Largest group first (ties: first found first); at most :data:`MAX_GROUPS`.

    Examples
    --------
    >>> eq = [EquilibriumProfile({"A": {"x": 1.0}, "B": {"x": 1.0}}, {"A": 1.0, "B": 1.0}, True),
    ...       EquilibriumProfile({"A": {"y": 1.0}, "B": {"y": 1.0}}, {"A": 1.0, "B": 1.0}, True)]
    >>> g = group_equilibria(eq, ["A", "B"], [["x", "y"], ["x", "y"]],
    ...                      [[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> len(g), g[0].count, g[0].undominated
    (1, 2, 2)
    """
    weak = weakly_dominated(payoffs, tol)
    index = [{s: k for k, s in enumerate(n)} for n in names]
    groups: dict[tuple, list] = {}
    for e in equilibria:
        profile = _profile_indices(e, players, names)
        outcome, levers = ("", ())
        if profile is not None and outcome_of is not None:
            outcome, levers = outcome_of(profile)
        key = (outcome, tuple(sorted(levers)),
               tuple(round(float(e.payoffs[p]), 9) for p in players))
        clean = not any(weak[i][index[i][s]] for i, p in enumerate(players)
                        for s in e.strategies[p])
        entry = groups.setdefault(key, [0, 0, None, None])
        entry[0] += 1
        entry[1] += int(clean)
        if entry[2] is None:
            entry[2] = e
        if clean and entry[3] is None:
            entry[3] = e
    order = sorted(groups.items(), key=lambda kv: -kv[1][0])  # stable: first found first
    return [EquilibriumGroup(outcome=k[0], payoffs={p: v for p, v in zip(players, k[2])},
                             count=c, representative=clean_rep or first, levers=list(k[1]),
                             undominated=n_clean)
            for k, (c, n_clean, first, clean_rep) in order[:MAX_GROUPS]]
