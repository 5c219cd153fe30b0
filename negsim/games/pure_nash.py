"""Pure-strategy Nash equilibria of n-player normal-form games, vectorised.

A game with ``n`` players where player ``i`` has ``s_i`` pure strategies is one payoff array of
shape ``(n, s_1, ..., s_n)``: ``payoffs[i][a_1, ..., a_n]`` is player ``i``'s payoff at the profile
``(a_1, ..., a_n)``.  A profile is a pure Nash equilibrium when, for every player ``i``, its payoff
equals the maximum along its own axis ``i + 1`` (no unilateral deviation pays).  One ``max`` per
player and one logical ``and`` over players mark every equilibrium at once; no Python loop runs
over profiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negsim.plain import PlainData
from negsim.errors import ScenarioError
from negsim.games._checks import payoff_array

__all__ = ["PureEquilibrium", "pure_nash_equilibria", "payoff_array_from_bimatrix",
           "as_game_array"]


@dataclass(frozen=True)
class PureEquilibrium(PlainData):
    """A pure-strategy Nash equilibrium.

    Attributes
    ----------
    profile : tuple of int
        The strategy index of every player.
    payoffs : tuple of float
        Every player's payoff at the profile.
    """

    profile: tuple[int, ...]
    payoffs: tuple[float, ...]


def as_game_array(payoffs: object, name: str = "payoffs") -> np.ndarray:
    """Check an n-player payoff array of shape ``(n, s_1, ..., s_n)`` and return it as floats.

    Examples
    --------
    >>> as_game_array([[[1, 0], [0, 1]], [[1, 0], [0, 1]]]).shape
    (2, 2, 2)
    """
    arr = payoff_array(payoffs, name)
    if arr.ndim < 2 or arr.shape[0] != arr.ndim - 1:
        raise ScenarioError(f"{name} must have one payoff table per player", key=name,
                            expected="shape (n_players, s_1, ..., s_n_players)",
                            found=f"shape {arr.shape}",
                            hint="for two players stack the matrices: np.stack([A, B])")
    return arr


def payoff_array_from_bimatrix(A: object, B: object) -> np.ndarray:
    """Stack a bimatrix game ``(A, B)`` into one payoff array of shape ``(2, m, n)``.

    Examples
    --------
    >>> payoff_array_from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]).shape
    (2, 2, 2)
    """
    a = payoff_array(A, "A", ndim=2)
    b = payoff_array(B, "B", ndim=2)
    if a.shape != b.shape:
        raise ScenarioError("A and B must have the same shape", key="B",
                            expected=f"shape {a.shape}", found=f"shape {b.shape}")
    return np.stack([a, b])


def pure_nash_equilibria(payoffs: object, tol: float = 1e-12) -> tuple[PureEquilibrium, ...]:
    """Every pure-strategy Nash equilibrium of an n-player normal-form game.

    Parameters
    ----------
    payoffs : array_like, shape (n, s_1, ..., s_n)
        ``payoffs[i]`` is player ``i``'s payoff table.
    tol : float
        A deviation must gain more than ``tol`` to break an equilibrium.

    Returns
    -------
    tuple of PureEquilibrium
        In lexicographic order of profiles; empty if the game has no pure equilibrium.

    Examples
    --------
    >>> pd = payoff_array_from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_nash_equilibria(pd)
    (PureEquilibrium(profile=(1, 1), payoffs=(1.0, 1.0)),)
    """
    u = as_game_array(payoffs)
    n = u.shape[0]
    stable = np.ones(u.shape[1:], dtype=bool)
    for i in range(n):  # a loop over players, not over profiles
        stable &= u[i] >= u[i].max(axis=i, keepdims=True) - tol
    profiles = np.argwhere(stable)
    if len(profiles) == 0:
        return ()
    values = u[(slice(None), *profiles.T)].T  # (k, n): payoffs at each equilibrium
    return tuple(
        PureEquilibrium(profile=tuple(int(a) for a in p), payoffs=tuple(float(v) for v in row))
        for p, row in zip(profiles, values)
    )
