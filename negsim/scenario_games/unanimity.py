"""Equilibria of the proposal-backing game from its unanimity structure.

The game (:func:`negsim.scenario_games.from_scenario.normal_form`): each player backs a proposal
or ``no_deal`` (and, if it owns levers, pulls some of them); a proposal passes iff *every* player
backs it and it crosses nobody's red line, otherwise there is no deal.  So, without levers owned
by players, player ``p``'s payoff is ``d_p + v_p(b)`` when everyone backs the same ``b`` and
``d_p`` otherwise, where ``d_p`` is its payoff of no deal and ``v_p(b)`` its gain from ``b``
(``0`` for ``no_deal`` and for a vetoed proposal).  With two players this is a diagonal game::

    A[i, j] = d_1 + v_1(i) [i = j],    B[i, j] = d_2 + v_2(i) [i = j].

Derivation of its equilibria (``x``, ``y`` the mixed strategies, ``c_p`` a player's expected
gain over no deal).  Player 1's gain from backing ``i`` is ``v_1(i) y_i``, so ``c_1 =
max_i v_1(i) y_i >= 0`` (``no_deal`` gains 0).

* ``c_1 > 0`` and ``c_2 > 0``: every ``i`` player 1 plays has ``v_1(i) y_i = c_1 > 0``, so
  ``y_i > 0`` and ``v_1(i) > 0``; symmetrically, so both play the same support ``S`` of
  proposals with ``v_1 > 0`` and ``v_2 > 0`` (the set ``P+``), and indifference gives the closed
  form ``y_i = c_1 / v_1(i)``, ``x_i = c_2 / v_2(i)`` with ``c_p = 1 / sum_{i in S} 1/v_p(i)``.
  Every non-empty ``S`` of ``P+`` is one isolated equilibrium (``|S| = 1``: the pure deal on it):
  ``2^|P+| - 1`` of them.
* ``c_2 = 0`` forces ``x`` onto ``N_1 = {no_deal} ∪ {i : v_2(i) <= 0}``, and ``c_1 = 0`` forces
  ``y`` onto ``N_2``.  If ``N_1`` and ``N_2`` are just ``{no_deal}``, the only such equilibrium
  is no deal; otherwise these equilibria form continua (against ``no_deal`` any mixture over
  ``N_1`` is a best reply), which are not enumerated: their pure members are listed.

Pure equilibria (any number of players, with levers) come from enumerating the profiles
(:func:`negsim.games.pure_nash.pure_nash_equilibria`, bounded by ``MAX_PROFILES``).  The game is
always degenerate (against ``no_deal`` every strategy of the other player pays the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import numpy as np

from negsim.games.pure_nash import pure_nash_equilibria
from negsim.results.games import EquilibriumProfile
from negsim.tolerances import PAYOFF_TOL

__all__ = ["unanimity_equilibria", "MAX_MIXED"]

MAX_MIXED = 50
"""At most this many mixed equilibria of the closed form are listed (all are counted)."""


def unanimity_equilibria(players: Sequence[str], names: Sequence[Sequence[str]],
                         payoffs: np.ndarray, no_deal: Sequence[int], lever_free: bool
                         ) -> tuple[list[EquilibriumProfile], int, bool, list[str]]:
    """Equilibria of a proposal-backing game: pure by enumeration, mixed in closed form.

    Parameters
    ----------
    players, names : the players and each player's strategy names.
    payoffs : array, shape (n, s_1, ..., s_n)
        The game (:func:`~negsim.scenario_games.from_scenario.normal_form`).
    no_deal : sequence of int
        Each player's index of the strategy ``no_deal``.
    lever_free : bool
        Whether no player owns a lever (the strategies are the proposals and ``no_deal``).

    Returns
    -------
    (equilibria listed, equilibria counted, whether that is every equilibrium, notes)

    Examples
    --------
    >>> U = np.array([[[2.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 0.0]]])
    >>> eqs, count, complete, _ = unanimity_equilibria(["A", "B"], [["d", "no_deal"]] * 2, U,
    ...                                                [1, 1], True)
    >>> [e.strategies["A"] for e in eqs], count, complete
    ([{'d': 1.0}, {'no_deal': 1.0}], 2, True)
    """
    pure = [EquilibriumProfile({p: {names[i][e.profile[i]]: 1.0} for i, p in enumerate(players)},
                               {p: float(v) for p, v in zip(players, e.payoffs)}, True)
            for e in pure_nash_equilibria(payoffs, tol=PAYOFF_TOL)]
    if len(players) != 2:
        return pure, len(pure), False, ["more than two players: pure equilibria only (mixed "
                                        "equilibria of this game are not enumerated)"]
    if not lever_free:
        return pure, len(pure), False, ["players own levers: pure equilibria only (mixed "
                                        "equilibria of this game are not enumerated)"]
    A, B = payoffs[0], payoffs[1]
    n1, n2 = no_deal
    off = ~np.eye(A.shape[0], dtype=bool)
    if A.shape[0] != A.shape[1] or not (np.all(A[off] == A[n1, n2])
                                        and np.all(B[off] == B[n1, n2])):
        return pure, len(pure), False, ["the payoffs off the diagonal are not all the no-deal "
                                        "payoffs: pure equilibria only (mixed equilibria of this "
                                        "game are not enumerated)"]
    d = (Fraction(float(A[n1, n2])), Fraction(float(B[n1, n2])))
    backs = [k for k in range(A.shape[0]) if k != n1]  # both players back the same list
    gain = {k: (Fraction(float(A[k, k])) - d[0], Fraction(float(B[k, k])) - d[1]) for k in backs}
    both = [k for k in backs if gain[k][0] > 0 and gain[k][1] > 0]
    mixed_count = 2 ** len(both) - 1 - len(both)
    mixed: list[EquilibriumProfile] = []
    for size in range(2, len(both) + 1):
        for support in combinations(both, size):
            if len(mixed) >= MAX_MIXED:
                break
            mixed.append(_closed_form(players, names, support, gain, d))
        if len(mixed) >= MAX_MIXED:
            break
    complete = all(gain[k][0] > 0 and gain[k][1] > 0 for k in backs)
    notes = []
    if mixed_count:
        notes.append(f"{mixed_count:,} mixed equilibria in closed form (one per set of two or more "
                     "proposals both players gain from)"
                     + (f"; the first {MAX_MIXED} are listed" if mixed_count > MAX_MIXED else ""))
    if not complete:
        notes.append("mixed equilibria in which a player gains nothing over no deal form continua "
                     "here and are not enumerated (their pure members are listed)")
    return pure + mixed, len(pure) + mixed_count, complete, notes


def _closed_form(players: Sequence[str], names: Sequence[Sequence[str]], support: Sequence[int],
                 gain: dict[int, tuple[Fraction, Fraction]],
                 d: tuple[Fraction, Fraction]) -> EquilibriumProfile:
    """The equilibrium on ``support``: each player mixes in inverse proportion to the other's
    gains, so that the other is indifferent."""
    c1 = 1 / sum(1 / gain[k][0] for k in support)
    c2 = 1 / sum(1 / gain[k][1] for k in support)
    x = {names[0][k]: float(c2 / gain[k][1]) for k in support}
    y = {names[1][k]: float(c1 / gain[k][0]) for k in support}
    return EquilibriumProfile({players[0]: x, players[1]: y},
                              {players[0]: float(d[0] + c1), players[1]: float(d[1] + c2)}, False)
