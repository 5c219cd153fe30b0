"""Reputation: when a costly threat is credible because the relationship goes on.

The model (a chain-store game with a grim reading of reputation).  A threatener faces the same
challenge round after round.  In a round where it is challenged, carrying out its threat costs
it ``cost`` (> 0) now, against backing down: that is why the threat is not credible in the one-shot
game.  Challengers read its record: while it has never backed down, they believe the threat and
behave as if it were committed to it, which is worth ``gain`` to it per round (its payoff under
commitment minus its payoff when the threat is not believed: the value of commitment); after a
single back-down nobody believes it again, and it gets its one-shot payoff for ever.  Future
rounds are discounted by its ``patience`` ``delta`` and the relationship continues after each
round with probability ``continuation`` ``pi`` (for ``rounds`` more rounds, or without end).

Carrying out the threat is then a best reply at the challenge exactly when what a kept threat is
worth in the future is at least its cost now::

    cost <= gain * W,   W = sum_{k=1..N} (delta * pi)^k = d (1 - d^N) / (1 - d),   d = delta * pi

(``W = d / (1 - d)`` without end, ``W = N`` when ``d = 1``).  Without end the least patience that
makes the threat credible has the closed form ``delta* = cost / ((cost + gain) * pi)`` (credible
for no patience if it exceeds 1); with ``N`` rounds ``W`` rises with ``delta`` and the threshold is
the root of ``gain * W(delta) = cost`` in ``(0, 1]``, found by bisection.  ``cost <= 0`` is credible
in the one-shot game already; ``gain <= 0`` never pays for a cost.

Exact for fractions: the comparison is done in the arithmetic of the arguments, so at the
closed-form threshold (``Fraction`` inputs) the threat is credible, just below it is not.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Real

from negsim.errors import ArgumentError
from negsim.results.game_theory import ReputationAssessment

__all__ = ["ReputationAssessment", "future_weight", "patience_threshold", "reputation"]

_BISECTIONS = 200
"""Bisection steps for the finite-horizon threshold (halving [0, 1] this often is exact in
binary floating point)."""


def _check(delta: Real, continuation: Real, rounds: int | None) -> None:
    if not 0 <= delta <= 1 or not 0 <= continuation <= 1:
        raise ArgumentError(f"patience and continuation must lie in [0, 1], not {delta!r} "
                            f"and {continuation!r}")
    if rounds is not None and (isinstance(rounds, bool) or not isinstance(rounds, int)
                               or rounds < 0):
        raise ArgumentError(f"rounds must be a whole number >= 0 or None, not {rounds!r}")
    if rounds is None and delta * continuation >= 1:
        raise ArgumentError("without a last round, patience * continuation must be below 1")


def future_weight(delta: Real, rounds: int | None = None, continuation: Real = 1) -> Real:
    """``W``: the discounted number of future rounds (see the module docstring).

    Examples
    --------
    >>> future_weight(Fraction(1, 2)), future_weight(Fraction(1, 2), 2), future_weight(1, 3)
    (Fraction(1, 1), Fraction(3, 4), 3)
    """
    _check(delta, continuation, rounds)
    d = delta * continuation
    if rounds is None:
        return d / (1 - d)
    if d == 1:
        return rounds
    return d * (1 - d ** rounds) / (1 - d)


def patience_threshold(cost: Real, gain: Real, rounds: int | None = None,
                       continuation: Real = 1) -> Real | None:
    """The least patience at which the kept threat pays (0 if it is free, None if none does).

    Examples
    --------
    >>> patience_threshold(Fraction(1), Fraction(3))
    Fraction(1, 4)
    >>> patience_threshold(1, 1, rounds=1) is None  # one round of gain 1 never pays a cost 1...
    False
    >>> patience_threshold(2, 1, rounds=1) is None  # ...but never one of 2
    True
    """
    if cost <= 0:
        return 0
    if gain <= 0 or continuation == 0:
        return None
    if rounds is None:
        t = cost / ((cost + gain) * continuation)
        return t if t < 1 else None
    if gain * future_weight(1, rounds, continuation) < cost:
        return None
    lo, hi = 0.0, 1.0
    for _ in range(_BISECTIONS):
        mid = (lo + hi) / 2
        if gain * future_weight(mid, rounds, continuation) >= cost:
            hi = mid
        else:
            lo = mid
    return hi


def reputation(cost: Real, gain: Real, patience: Real, rounds: int | None = None,
               continuation: Real = 1) -> ReputationAssessment:
    """Whether reputation makes a threat that costs ``cost`` now credible (module docstring).

    Examples
    --------
    >>> r = reputation(Fraction(1), Fraction(3), Fraction(1, 4))
    >>> r.credible, r.future_weight, r.threshold
    (True, 0.3333333333333333, 0.25)
    >>> reputation(Fraction(1), Fraction(3), Fraction(1, 4) - Fraction(1, 10**9)).credible
    False
    """
    w = future_weight(patience, rounds, continuation)
    credible = cost <= 0 or (gain > 0 and gain * w >= cost)
    t = patience_threshold(cost, gain, rounds, continuation)
    return ReputationAssessment(
        cost=float(cost), gain=float(gain), patience=float(patience), rounds=rounds,
        continuation=float(continuation), future_weight=float(w), credible=bool(credible),
        threshold=None if t is None else float(t))
