"""Negotiation strategies: what utility an actor aims for at each moment.

A strategy maps the time ``t`` in [0, 1] (0 at the first offer, 1 at the deadline), the actor's
best attainable utility (``ideal``), its reservation, and the utilities the others' offers gave it
so far, to a *target* utility.  The actor proposes deals worth at least its target to itself and
accepts offers worth (after discounting for the wait) what its next target would be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from negsim.errors import NegsimError, did_you_mean

__all__ = ["Strategy", "TimeBased", "HardLiner", "TitForTat", "boulware", "linear", "conceder",
           "strategy_from", "STRATEGY_NAMES"]


class Strategy:
    """Base class: ``target(t, ideal, reservation, received)`` → the utility aimed for."""

    def target(self, t: float, ideal: float, reservation: float,
               received: Sequence[float]) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class TimeBased(Strategy):
    """Time-based concession: target = reservation + (ideal − reservation)·(1 − t^(1/e)).

    ``exponent`` e < 1 concedes late (Boulware), e = 1 linearly, e > 1 early (Conceder).

    Examples
    --------
    >>> [round(TimeBased(e).target(0.5, 1.0, 0.0, []), 3) for e in (0.5, 1.0, 2.0)]
    [0.75, 0.5, 0.293]
    """

    exponent: float = 1.0

    def __post_init__(self) -> None:
        if not self.exponent > 0:
            raise NegsimError(f"a concession exponent must be positive, not {self.exponent!r}")

    def target(self, t: float, ideal: float, reservation: float,
               received: Sequence[float]) -> float:
        t = min(max(t, 0.0), 1.0)
        return reservation + (ideal - reservation) * (1.0 - t ** (1.0 / self.exponent))

    def describe(self) -> str:
        kind = "linear" if self.exponent == 1 else "boulware" if self.exponent < 1 else "conceder"
        return f"{kind}(e={self.exponent:g})"


@dataclass(frozen=True)
class HardLiner(Strategy):
    """Never concedes: the target is always the ideal.

    Examples
    --------
    >>> HardLiner().target(0.99, 1.0, 0.2, [0.5])
    1.0
    """

    def target(self, t: float, ideal: float, reservation: float,
               received: Sequence[float]) -> float:
        return ideal

    def describe(self) -> str:
        return "hard-liner"


@dataclass(frozen=True)
class TitForTat(Strategy):
    """Relative tit-for-tat: concede as much as the others have conceded to me.

    The target starts at the ideal and falls by ``generosity`` × (the best utility the others
    have offered me − the utility of their first offer), never below the reservation.

    Examples
    --------
    >>> TitForTat().target(0.5, 1.0, 0.0, [0.1, 0.3, 0.25])
    0.8
    """

    generosity: float = 1.0

    def target(self, t: float, ideal: float, reservation: float,
               received: Sequence[float]) -> float:
        conceded = (max(received) - received[0]) if received else 0.0
        return max(reservation, ideal - self.generosity * conceded)

    def describe(self) -> str:
        return f"tit-for-tat(generosity={self.generosity:g})"


def boulware(exponent: float = 0.2) -> TimeBased:
    """A late conceder (e < 1)."""
    return TimeBased(exponent)


def linear() -> TimeBased:
    """A linear conceder (e = 1)."""
    return TimeBased(1.0)


def conceder(exponent: float = 5.0) -> TimeBased:
    """An early conceder (e > 1)."""
    return TimeBased(exponent)


STRATEGY_NAMES = {"boulware": boulware, "linear": linear, "conceder": conceder,
                  "hardliner": HardLiner, "hard-liner": HardLiner, "tit_for_tat": TitForTat,
                  "tit-for-tat": TitForTat}


def strategy_from(value: Strategy | str | float) -> Strategy:
    """A strategy from an object, a name (``"boulware"``, ``"hardliner"``, ...) or an exponent.

    Examples
    --------
    >>> strategy_from("linear").describe(), strategy_from(0.3).describe()
    ('linear(e=1)', 'boulware(e=0.3)')
    """
    if isinstance(value, Strategy):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return TimeBased(float(value))
    if isinstance(value, str) and value in STRATEGY_NAMES:
        return STRATEGY_NAMES[value]()
    hint = did_you_mean(value, STRATEGY_NAMES) if isinstance(value, str) else None
    raise NegsimError(f"unknown strategy {value!r}; use one of {sorted(STRATEGY_NAMES)}, an "
                      "exponent, or a Strategy" + (f" ({hint})" if hint else ""))
