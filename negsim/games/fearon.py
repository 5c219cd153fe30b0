"""Fearon's bargaining range: the deals both sides prefer to fighting.

Two states, A and B, dispute a good of value 1.  War gives A the whole good with probability
``p`` and costs the sides ``c_A`` and ``c_B`` (in units of the good), so A expects ``p - c_A``
and B expects ``1 - p - c_B`` from war.  A deal giving A the share ``x`` (and B ``1 - x``) is
preferred to war by both exactly when ``p - c_A <= x <= p + c_B``.  Since war is costly the range
is never empty: it always contains ``p`` (Fearon 1995, "Rationalist explanations for war").

**Commitment problems** (Powell 2006, "War as a commitment problem").  A pause (a truce) shifts
power: after it A wins a war with ``p_after`` instead of ``p``.  Model: the good is split now
(A's share ``x_now``) and then for ever after (``x_after``), each side weighting the future by its
patience ``delta``; war is absorbing and worth ``p - c_A`` to A and ``1 - p - c_B`` to B, in the
same per-period units.  After the shift no side can promise more than the new Fearon range
allows, ``x_after`` in ``[p_after - c_A, p_after + c_B]`` (beyond it the other fights then).  A
pause is acceptable to both when some ``(x_now, x_after)`` gives A at least ``p - c_A`` and B at
least ``1 - p - c_B``, i.e. when ``most_for_a`` -- the most A can get while B accepts -- is at
least A's war value (a two-variable linear programme, solved at its vertices).  If not, the
bargaining range has closed: the side power shifts away from would rather fight now (the rising
side gains by waiting).  With patient sides (``delta = 1``) this is ``|p - p_after| > c_A + c_B``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from negsim.results.game_theory import BargainingRange, CommitmentProblem
from negsim.games._checks import number
from negsim.tolerances import ROUND_TOL

__all__ = ["BargainingRange", "CommitmentProblem", "bargaining_range", "commitment_problem",
           "deals_in_bargaining_range"]


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


def _max_linear(f: tuple[float, float], g: tuple[float, float], k: float,
                box: tuple[tuple[float, float], tuple[float, float]]) -> float:
    """max f.x over the box with g.x <= k (vertices: box corners, the line on the edges)."""
    (x0, x1), (y0, y1) = box
    cands = [(x, y) for x in (x0, x1) for y in (y0, y1)]
    for x in (x0, x1):
        if g[1]:
            cands.append((x, (k - g[0] * x) / g[1]))
    for y in (y0, y1):
        if g[0]:
            cands.append(((k - g[1] * y) / g[0], y))
    ok = [f[0] * x + f[1] * y for x, y in cands
          if x0 - ROUND_TOL <= x <= x1 + ROUND_TOL and y0 - ROUND_TOL <= y <= y1 + ROUND_TOL
          and g[0] * x + g[1] * y <= k + ROUND_TOL]
    return max(ok, default=float("-inf"))


def commitment_problem(p: float, p_after: float, cost_a: float, cost_b: float,
                       patience_a: float = 1.0, patience_b: float = 1.0) -> CommitmentProblem:
    """Whether the shift from ``p`` to ``p_after`` closes the bargaining range (module).

    Examples
    --------
    >>> c = commitment_problem(0.6, 0.3, 0.1, 0.1)  # A's chance halves; war costs 0.2 in all
    >>> c.fights_now, round(c.war_value_a, 10), round(c.most_for_a, 10)
    ('a', 0.5, 0.4)
    >>> commitment_problem(0.6, 0.5, 0.1, 0.1).fights_now is None  # a shift of 0.1 < 0.2
    True
    """
    p = number(p, "p", low=0.0, high=1.0)
    q = number(p_after, "p_after", low=0.0, high=1.0)
    ca = number(cost_a, "cost_a", low=0.0)
    cb = number(cost_b, "cost_b", low=0.0)
    da = number(patience_a, "patience_a", low=0.0, high=1.0)
    db = number(patience_b, "patience_b", low=0.0, high=1.0)
    war_a, war_b = p - ca, 1.0 - p - cb
    box = ((0.0, 1.0), (max(0.0, q - ca), min(1.0, q + cb)))
    # A's value (1-da) x + da y; B's is 1 - ((1-db) x + db y) >= war_b  <=>  (1-db) x + db y <= 1 - war_b
    most_a = _max_linear((1.0 - da, da), (1.0 - db, db), 1.0 - war_b, box)
    # B's most: minimise B's "given away" subject to A's value >= war_a
    least = -_max_linear((-(1.0 - db), -db), (-(1.0 - da), -da), -war_a, box)
    most_b = 1.0 - least
    closed = most_a < war_a - ROUND_TOL  # also when no split keeps B from fighting (-inf)
    fights = ("a" if q < p else "b") if closed else None
    margin = (war_a - most_a) if fights == "a" else (war_b - most_b) if fights == "b" else \
        max(war_a - most_a, war_b - most_b)
    finite = [m if np.isfinite(m) else None for m in (most_a, most_b, margin)]
    return CommitmentProblem(p, q, da, db, war_a, war_b, finite[0], finite[1], fights, finite[2])
