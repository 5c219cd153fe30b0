"""Plain-data results of simulated negotiations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from negsim.plain import PlainData
from negsim.results.uncertainty import OutcomeOdds, SolutionOdds

__all__ = ["Offer", "NegotiationTrace", "SimulationSummary"]

OptionValue = Union[str, int, float]


@dataclass(frozen=True)
class Offer(PlainData):
    """One offer: who made it, when, what it gives everyone, and who accepted it."""

    round: int
    time: float
    proposer: str
    index: int
    outcome: dict[str, OptionValue]
    utilities: dict[str, float]
    targets: dict[str, float]
    accepted_by: list[str]
    agreement: bool


@dataclass(frozen=True)
class NegotiationTrace(PlainData):
    """A simulated negotiation, offer by offer.

    ``agreement`` is ``None`` on breakdown (no deal by the deadline).  ``discounted`` gives each
    actor's reservation + patience^round × gain.  ``pareto_distance`` is the distance in utility
    space from the agreement to the nearest point of the acceptable Pareto frontier;
    ``nash_distance`` to the Nash solution.
    """

    scenario: str
    protocol: str
    rounds: int
    strategies: dict[str, str]
    reservations: dict[str, float]
    offers: list[Offer]
    agreement: dict[str, OptionValue] | None
    agreement_index: int | None
    agreement_round: int | None
    utilities: dict[str, float] | None
    discounted: dict[str, float] | None
    nash_utilities: dict[str, float] | None
    pareto_distance: float | None
    nash_distance: float | None
    notes: list[str] = field(default_factory=list)

    @property
    def breakdown(self) -> bool:
        """Whether the deadline passed without agreement."""
        return self.agreement is None


@dataclass(frozen=True)
class SimulationSummary(PlainData):
    """Many simulated negotiations with random strategy parameters.

    Counts are exact; sums are added in chunk order, so the numbers do not depend on the executor.
    ``exponents`` is the range the time-based concession exponents were drawn from (log-uniform);
    ``varied_parameters`` the uncertain parameters drawn per run (empty unless asked for).
    """

    scenario: str
    runs: int
    seed: int
    rounds: int
    exponents: list[float]
    agreements: list[OutcomeOdds]
    breakdowns: int
    mean_round: float | None
    mean_utilities: dict[str, float] | None
    mean_nash_distance: float | None
    mean_pareto_distance: float | None
    varied_parameters: list[str] = field(default_factory=list)
    chunk_size: int = 0

    def as_solution_odds(self, name: str = "simulated") -> SolutionOdds:
        """The agreements as a :class:`~negsim.results.uncertainty.SolutionOdds`, the form of an
        ensemble's solutions (breakdowns count as "no solution"), for side-by-side comparison.

        Examples
        --------
        >>> SimulationSummary("s", 2, 0, 5, [1.0, 1.0], [], 2, None, None, None, None
        ...                   ).as_solution_odds().no_solution
        2
        """
        return SolutionOdds(name, list(self.agreements), self.breakdowns)
