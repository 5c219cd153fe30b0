"""Plain-data results of calibration."""

from __future__ import annotations

from dataclasses import dataclass, field

from negsim.plain import PlainData
from negsim.results.display import render_text

__all__ = ["ParameterFit", "ObservationFit", "Conflict", "Calibration"]


@dataclass(frozen=True)
class ParameterFit(PlainData):
    """One fitted parameter and the range the record leaves it.

    ``parameter`` is a key path inside the actor (``demands[2].weight`` or ``reservation``).
    Weights are given on the scale of the actor's original total weight, so an unchanged share
    shows the unchanged number.  ``low`` and ``high`` are the least and greatest values over all
    parameters that reproduce every must-match observation; ``pinned`` is true when they
    (nearly) coincide.  ``fitted`` is ``before`` for actors the record says nothing about.
    """

    actor: str
    parameter: str
    description: str
    before: float
    fitted: float
    low: float
    high: float
    pinned: bool
    calibrated: bool


@dataclass(frozen=True)
class ObservationFit(PlainData):
    """One recorded response, predicted before and after calibration.

    ``decided_by`` is ``"weights"`` (the fitted parameters decide it), ``"red line"`` (a hard
    demand vetoes the proposal, so it is a rejection whatever the weights), ``"fixed"`` (the
    margin does not depend on the fitted parameters, e.g. the proposal changes nothing the actor
    cares about) or ``"not used"`` (``must_match = false``: reported, not fitted).
    """

    index: int
    actor: str
    proposal: str
    response: str
    must_match: bool
    decided_by: str
    match_before: bool
    margin_before: float
    match_after: bool
    margin_after: float


@dataclass(frozen=True)
class Conflict(PlainData):
    """Observations of one actor that no parameters reproduce together (an irreducible set:
    drop any one and the rest can be reproduced).  ``observations`` index the scenario's
    observations."""

    actor: str
    observations: list[int]
    descriptions: list[str]
    reason: str


@dataclass(frozen=True)
class Calibration(PlainData):
    """What :func:`negsim.calibrate` found.

    Attributes
    ----------
    scenario : str
        The scenario's name.
    feasible : bool
        Whether some parameters reproduce every must-match observation.
    margin : float
        The smallest margin by which a must-match observation the parameters decide is reproduced
        (utility units, the same as ``negsim run``'s margins); 0 when some acceptance is only
        reproduced at indifference; ``nan`` when infeasible or nothing was fitted.
    min_share : float
        The least share of an actor's total weight a demand may take.
    parameters : list of ParameterFit
    observations : list of ObservationFit
    conflicts : list of Conflict
        Empty when feasible.
    notes : list of str
    toml : str
        The calibrated scenario as a self-contained scenario file ("" when infeasible).
    """

    scenario: str
    feasible: bool
    margin: float
    min_share: float
    parameters: list[ParameterFit] = field(default_factory=list)
    observations: list[ObservationFit] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    toml: str = ""

    @property
    def reproduces(self) -> bool:
        """Whether the calibrated scenario matches every must-match observation."""
        return self.feasible and all(o.match_after for o in self.observations if o.must_match)

    def __str__(self) -> str:
        return render_text(self)
