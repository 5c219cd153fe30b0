"""Rubinstein's alternating-offers bargaining: the closed form and a discrete counterpart.

Two players split a pie; player 1 proposes first, the other accepts or rejects, and after a
rejection the roles swap one period later.  Payoffs are discounted by ``delta_i`` per period.  The
unique subgame-perfect equilibrium gives the first proposer ``x1 = (1 - delta2) / (1 - delta1
delta2)`` immediately (Rubinstein 1982).

:func:`alternating_offers` solves the same game when the deal must be one of finitely many
outcomes with given utilities (and a disagreement point).  Stationary SPE strategies are pairs of
offers ``(x, y)``: player 1 always proposes ``x``, player 2 always proposes ``y``, and each
accepts exactly what gives it at least its discounted value of proposing next period.  With
utilities measured from the disagreement point, ``w_i = u_i - d_i``, and ``V_i`` the value of
proposing, they solve

    x = argmax { w_1(z) : w_2(z) >= delta2 V_2 },   V_1 = w_1(x),
    y = argmax { w_2(z) : w_1(z) >= delta1 V_1 },   V_2 = w_2(y),

over the individually rational Pareto frontier.  The map ``V_2 -> V_1 -> V_2'`` is monotone
(non-decreasing), so iterating it from the highest possible ``V_2`` converges, in finitely many
steps on a finite set, to the largest fixed point, and from ``V_2 = 0`` to the smallest.  If the
two coincide the stationary SPE is unique; otherwise both extreme equilibria are reported (a
discrete frontier can support several).  On a fine grid of the pie the answer approaches
Rubinstein's closed form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negsim.plain import PlainData
from negsim.errors import ScenarioError
from negsim.tolerances import ROUND_TOL
from negsim.games._checks import number, payoff_array

__all__ = ["rubinstein_split", "StationaryOffers", "AlternatingOffersResult",
           "alternating_offers"]


def _deltas(delta1: float, delta2: float) -> tuple[float, float]:
    d1 = number(delta1, "delta1", low=0.0, high=1.0)
    d2 = number(delta2, "delta2", low=0.0, high=1.0)
    if d1 * d2 >= 1.0:
        raise ScenarioError("at least one player must be impatient", key="delta1, delta2",
                            expected="delta1 * delta2 < 1", found=f"{d1:g} * {d2:g}")
    return d1, d2


def rubinstein_split(delta1: float, delta2: float) -> float:
    """The first proposer's share of the pie in Rubinstein's bargaining game.

    Parameters
    ----------
    delta1, delta2 : float
        Discount factors in ``[0, 1]`` of the first proposer and the responder
        (``delta1 * delta2 < 1``).

    Returns
    -------
    float
        ``x1 = (1 - delta2) / (1 - delta1 * delta2)``; the responder gets ``1 - x1``.

    Examples
    --------
    >>> round(rubinstein_split(0.9, 0.9), 4), round(rubinstein_split(0.9, 0.8), 4)
    (0.5263, 0.7143)
    """
    d1, d2 = _deltas(delta1, delta2)
    return (1.0 - d2) / (1.0 - d1 * d2)


@dataclass(frozen=True)
class StationaryOffers(PlainData):
    """One stationary SPE of discrete alternating offers.

    Attributes
    ----------
    first_offer : int
        Index of the outcome player 1 proposes (accepted at once on the equilibrium path).
    counter_offer : int
        Index of the outcome player 2 would propose after a rejection.
    first_offer_utilities, counter_offer_utilities : (float, float)
        Both players' utilities (not discounted, disagreement point not subtracted).
    """

    first_offer: int
    counter_offer: int
    first_offer_utilities: tuple[float, float]
    counter_offer_utilities: tuple[float, float]


@dataclass(frozen=True)
class AlternatingOffersResult(PlainData):
    """Stationary SPE of alternating offers over a finite set of outcomes.

    Attributes
    ----------
    equilibria : tuple of StationaryOffers
        The extreme stationary equilibria: one if unique, else the best for player 1 first,
        then the worst for player 1.
    unique : bool
        Whether the largest and smallest fixed points coincide.
    frontier : tuple of int
        Indices of the individually rational Pareto-optimal outcomes the offers are drawn from.
    iterations : int
        Steps the fixed-point iterations took (both together).
    """

    equilibria: tuple[StationaryOffers, ...]
    unique: bool
    frontier: tuple[int, ...]
    iterations: int


def _best(w_own: np.ndarray, w_other: np.ndarray, floor: float, eps: float) -> int:
    ok = w_other >= floor - eps
    if not ok.any():  # cannot happen: floor <= the other's best on the frontier
        ok = w_other >= w_other.max() - eps
    return int(np.flatnonzero(ok)[np.argmax(w_own[ok])])


def alternating_offers(utilities: object, disagreement: tuple[float, float] = (0.0, 0.0),
                       delta1: float = 0.9, delta2: float = 0.9,
                       tol: float = ROUND_TOL) -> AlternatingOffersResult:
    """Stationary subgame-perfect offers of alternating-offers bargaining over finite outcomes.

    Parameters
    ----------
    utilities : array_like, shape (k, 2)
        ``utilities[j] = (u1, u2)`` of outcome ``j``.
    disagreement : (float, float)
        Utilities if no deal is ever reached; outcomes worse than this for either player are
        never offered nor accepted.
    delta1, delta2 : float
        Discount factors of the first proposer and the responder.
    tol : float
        Utility differences below ``tol`` are ties.

    Returns
    -------
    AlternatingOffersResult
        The first proposer's offer (accepted at once) and the counter-offer, per extreme
        stationary equilibrium.

    Examples
    --------
    >>> x = np.linspace(0, 1, 1001)
    >>> r = alternating_offers(np.column_stack([x, 1 - x]), delta1=0.9, delta2=0.9)
    >>> share = r.equilibria[0].first_offer_utilities[0]
    >>> abs(share - rubinstein_split(0.9, 0.9)) < 0.01   # a grid of 1001 points
    True
    """
    u = payoff_array(utilities, "utilities", ndim=2)
    if u.shape[1] != 2:
        raise ScenarioError("utilities needs two columns", key="utilities",
                            expected="shape (k, 2)", found=f"shape {u.shape}")
    d1, d2 = _deltas(delta1, delta2)
    d = np.array([number(disagreement[0], "disagreement[0]"),
                  number(disagreement[1], "disagreement[1]")])
    w = u - d
    rational = np.flatnonzero((w >= -tol).all(axis=1))
    if len(rational) == 0:
        raise ScenarioError("no outcome is at least as good as disagreement for both players",
                            key="disagreement", expected="a point below some outcome",
                            found=repr(tuple(d)))
    # Pareto frontier in O(k log k): by w1 descending (ties: w2 descending), keep a point only
    # if it beats every point before it on w2; of identical utility pairs the first is kept
    r = w[rational]
    order = np.lexsort((-r[:, 1], -r[:, 0]))
    best_before = np.maximum.accumulate(np.concatenate([[-np.inf], r[order, 1]]))[:-1]
    front = np.sort(rational[order[r[order, 1] > best_before + tol]])
    w1, w2 = w[front, 0], w[front, 1]

    def run(v2: float) -> tuple[int, int, int]:
        for step in range(1, 4 * len(front) + 3):
            x = _best(w1, w2, d2 * v2, tol)
            y = _best(w2, w1, d1 * w1[x], tol)
            if abs(w2[y] - v2) <= tol:
                return x, y, step
            v2 = float(w2[y])
        raise AssertionError("monotone iteration on a finite set must converge")

    hi = run(float(w2.max()))
    lo = run(0.0)
    found = [hi] if (hi[0], hi[1]) == (lo[0], lo[1]) else [lo, hi]

    def offers(x: int, y: int) -> StationaryOffers:
        i, j = int(front[x]), int(front[y])
        return StationaryOffers(i, j, (float(u[i, 0]), float(u[i, 1])),
                                (float(u[j, 0]), float(u[j, 1])))

    return AlternatingOffersResult(
        equilibria=tuple(offers(x, y) for x, y, _ in found),
        unique=len(found) == 1,
        frontier=tuple(int(f) for f in front),
        iterations=hi[2] + lo[2],
    )
