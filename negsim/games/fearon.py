"""Fearon's bargaining range: the deals both sides prefer to fighting.

Two states, A and B, dispute a good of value 1.  War gives A the whole good with probability
``p`` and costs the sides ``c_A`` and ``c_B`` (in units of the good), so A expects ``p - c_A``
and B expects ``1 - p - c_B`` from war.  A deal giving A the share ``x`` (and B ``1 - x``) is
preferred to war by both exactly when ``p - c_A <= x <= p + c_B``.  Since war is costly the range
is never empty: it always contains ``p`` (Fearon 1995, "Rationalist explanations for war").
"""

from __future__ import annotations

from collections.abc import Iterable

from negsim.results.game_theory import BargainingRange
from negsim.games._checks import number

__all__ = ["BargainingRange", "bargaining_range", "deals_in_bargaining_range"]


def bargaining_range(p: float, cost_a: float, cost_b: float) -> BargainingRange:
    """Fearon's bargaining range ``[p - c_A, p + c_B]``, clipped to ``[0, 1]``.

    Parameters
    ----------
    p : float
        A's probability of winning a war, in ``[0, 1]``.
    cost_a, cost_b : float
        Costs of war (``>= 0``) to A and B, in units of the disputed good.

    Returns
    -------
    BargainingRange
        The shares of A that both sides weakly prefer to war.

    Examples
    --------
    >>> r = bargaining_range(0.6, 0.1, 0.2)
    >>> round(r.low, 10), round(r.high, 10)
    (0.5, 0.8)
    """
    p = number(p, "p", low=0.0, high=1.0)
    ca = number(cost_a, "cost_a", low=0.0)
    cb = number(cost_b, "cost_b", low=0.0)
    return BargainingRange(low=max(0.0, p - ca), high=min(1.0, p + cb), p=p,
                           cost_a=ca, cost_b=cb)


def deals_in_bargaining_range(deals: Iterable[float], p: float, cost_a: float,
                              cost_b: float) -> tuple[bool, ...]:
    """Which deals (A's shares) both sides prefer to war.

    Examples
    --------
    >>> deals_in_bargaining_range([0.3, 0.55, 0.9], 0.6, 0.1, 0.2)
    (False, True, False)
    """
    r = bargaining_range(p, cost_a, cost_b)
    return tuple(r.contains(number(x, f"deals[{i}]")) for i, x in enumerate(deals))
