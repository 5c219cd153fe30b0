"""Plain-data results of Monte Carlo ensembles (round-trip through JSON like every result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from negsim.plain import PlainData
from negsim.results.display import render_html

__all__ = ["ParameterDraws", "ProposalOdds", "OutcomeOdds", "SolutionOdds", "EnsembleResult"]

OptionValue = Union[str, int, float]


@dataclass(frozen=True)
class ParameterDraws(PlainData):
    """An uncertain parameter: its distribution, point value and the spread of its draws."""

    path: str
    distribution: str
    point: float
    mean: float
    p05: float
    p95: float


@dataclass(frozen=True)
class ProposalOdds(PlainData):
    """How often each actor, and every actor, accepts a proposal over the draws.

    ``accept_counts`` and ``all_accept_count`` are exact counts; the probabilities are counts
    divided by the number of draws.
    """

    proposal: str
    label: str
    accept: dict[str, float]
    accept_counts: dict[str, int]
    all_accept: float
    all_accept_count: int


@dataclass(frozen=True)
class OutcomeOdds(PlainData):
    """An outcome and how often it was a solution."""

    index: int
    outcome: dict[str, OptionValue]
    count: int
    probability: float


@dataclass(frozen=True)
class SolutionOdds(PlainData):
    """The distribution of one bargaining solution's outcome over the draws.

    ``outcomes`` is sorted from most to least frequent; ``no_solution`` counts the draws in which
    no deal was acceptable to every actor.
    """

    name: str
    outcomes: list[OutcomeOdds]
    no_solution: int


@dataclass(frozen=True)
class EnsembleResult(PlainData):
    """What :func:`negsim.ensemble` found.

    ``acceptable_nonempty``, ``mean_acceptable_size`` and ``solutions`` are ``None`` when the
    outcome space is too large to enumerate per draw; ``not_computed`` then says why.
    """

    scenario: str
    draws: int
    seed: int
    chunk_size: int
    parameters: list[ParameterDraws]
    proposals: list[ProposalOdds]
    acceptable_nonempty: float | None = None
    acceptable_nonempty_count: int | None = None
    mean_acceptable_size: float | None = None
    solutions: dict[str, SolutionOdds] | None = None
    not_computed: str = ""
    space_size: int = 0
    candidates: int = 0
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return render_html(self)

    def tables(self) -> dict[str, Any]:
        """The odds per proposal, the solutions' outcomes and the parameters as tables: pandas DataFrames when pandas is installed, else lists of dicts."""
        from negsim.results.tables import ensemble_tables

        return ensemble_tables(self)

    def proposal(self, proposal_id: str) -> ProposalOdds:
        """The odds of one proposal."""
        for p in self.proposals:
            if p.proposal == proposal_id:
                return p
        raise KeyError(proposal_id)

    def solution(self, name: str) -> SolutionOdds:
        """The distribution of one solution (``nash``, ``asymmetric_nash``, ...)."""
        if self.solutions is None:
            raise KeyError(f"{name}: not computed ({self.not_computed})")
        return self.solutions[name]
