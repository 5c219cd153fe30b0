"""Plain-data result of a pooled calibration: one weight per demand across configurations."""

from __future__ import annotations

from dataclasses import dataclass, field

from negsim.plain import PlainData

__all__ = ["PooledCalibration", "PooledWeight"]


@dataclass(frozen=True)
class PooledWeight(PlainData):
    """One demand's weight share, fitted once for every configuration that states it.

    ``places`` lists ``[scenario index, demand index]`` pairs: where the demand occurs.
    ``before`` and ``fitted`` are shares of the actor's total weight over all its pooled demands
    (they sum to 1 per actor); ``calibrated`` is false when the record did not constrain the
    actor (no observation to fit, or no weights reproduce its training observations).
    """

    actor: str
    demand: str
    places: list[list[int]]
    before: float
    fitted: float
    calibrated: bool


@dataclass(frozen=True)
class PooledCalibration(PlainData):
    """What :func:`negsim.calibration.calibrate_pooled` found.

    ``feasible`` is false when, for some actor, no weights reproduce every training observation;
    ``conflicts`` then names them (``"scenario: observations[i]: ..."``) and that actor keeps its
    own weights.  ``trained_on`` counts the observations the weights were fitted to;
    ``shifts`` the fitted walk-away shift per actor (only with ``reservations``).

    Examples
    --------
    >>> PooledCalibration(["a"], True, 0).feasible
    True
    """

    scenarios: list[str]
    feasible: bool
    trained_on: int
    weights: list[PooledWeight] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shifts: dict[str, float] = field(default_factory=dict)
