"""The analysis result: plain data that prints, plots and round-trips through JSON.

Every class is a frozen dataclass of numbers, strings, lists and dicts (see
:class:`negsim.plain.PlainData`): ``Analysis.from_json(a.to_json()) == a``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from negsim.plain import PlainData
from negsim.results.deals import Deal, DealTable
from negsim.results.display import render_html, render_text
from negsim.vocabulary import SOLUTION_NAMES
from negsim.results.games import BargainingResult, GameResult, TruceResult

__all__ = [
    "ActorSummary", "DemandSummary", "LeverSummary", "IssueSummary", "Blocker", "ActorVerdict", "ProposalVerdict",
    "OutcomePoint", "Deal", "DealTable", "AcceptableSet", "Solution", "ObservationCheck", "OutcomeCloud", "Analysis",
    "SOLUTION_NAMES", "SensitivityBar", "Sensitivity", "TippingPoint",
]

OptionValue = Union[str, int, float]
Outcome = dict[str, OptionValue]



@dataclass(frozen=True)
class IssueSummary(PlainData):
    """An issue as the result shows it."""

    id: str
    label: str
    options: list[OptionValue]
    ordered: bool
    status_quo: OptionValue
    labels: dict[str, str] = field(default_factory=dict)
    """Display text of options, keyed by the option as text (``str(option)``)."""

    def option_label(self, option: OptionValue) -> str:
        """The given display text of ``option``, or ``""``."""
        return self.labels.get(str(option), "")


@dataclass(frozen=True)
class DemandSummary(PlainData):
    """One demand of an actor as the result shows it (what the "who wants what" figure reads).

    ``share`` is the weight over the actor's total weight; ``when`` the condition as text ("" if
    the demand always applies); ``citation`` the source as a reader sees it (outlet, headline,
    date; the raw ``source`` when no sources index was found at load time).
    """

    issue: str
    description: str
    weight: float
    share: float
    hard: bool
    when: str = ""
    source: str = ""
    quote: str = ""
    citation: str = ""

    def cited(self) -> str:
        """What a figure or a brief prints as the source: the citation, else the raw source."""
        return self.citation or self.source


@dataclass(frozen=True)
class ActorSummary(PlainData):
    """An actor's walk-away position and how it is made up."""

    name: str
    label: str
    power: float
    patience: float
    no_deal_utility: float
    lever_shift: float
    reservation: float
    reservation_given: bool
    color: str | None = None
    demands: list[DemandSummary] = field(default_factory=list)


@dataclass(frozen=True)
class LeverSummary(PlainData):
    """A lever and its expected effects (credibility × effect) per actor."""

    id: str
    label: str
    by: str
    trigger: str
    credibility: float
    effects: dict[str, float]
    expected_effects: dict[str, float]


@dataclass(frozen=True)
class Blocker(PlainData):
    """A demand that stands in the way of a proposal for one actor."""

    demand: int
    issue: str
    description: str
    red_line: bool
    score: float
    shortfall: float
    source: str = ""
    quote: str = ""
    citation: str = ""
    """The source as a reader sees it (see :class:`DemandSummary`)."""

    def cited(self) -> str:
        """What a figure or a brief prints as the source: the citation, else the raw source."""
        return self.citation or self.source


@dataclass(frozen=True)
class ActorVerdict(PlainData):
    """One actor's verdict on one proposal."""

    actor: str
    accepts: bool
    utility: float
    reservation: float
    margin: float
    vetoed: bool
    blockers: list[Blocker] = field(default_factory=list)


@dataclass(frozen=True)
class ProposalVerdict(PlainData):
    """Who accepts a proposal, by what margin, and which demands block it."""

    proposal: str
    label: str
    by: str | None
    outcome: Outcome
    accepted_by_all: bool
    responses: list[ActorVerdict]

    def response(self, actor: str) -> ActorVerdict:
        """The verdict of one actor."""
        for r in self.responses:
            if r.actor == actor:
                return r
        raise KeyError(actor)


@dataclass(frozen=True)
class OutcomePoint(PlainData):
    """An outcome with its number in the space and every actor's utility."""

    index: int
    outcome: Outcome
    utilities: dict[str, float]


@dataclass(frozen=True)
class AcceptableSet(PlainData):
    """The deals every actor can accept, and what they have in common.

    ``options`` lists, per issue, the options that occur in some acceptable deal; ``excluded_by``
    lists, per issue and option (as text), the actors whose red lines rule out every outcome with
    that option.

    ``method`` is how the set was found: ``"exhaustive"`` (every outcome evaluated) or
    ``"decomposed"`` (issue groups merged; for spaces too large to enumerate).  ``exact`` says
    whether ``size`` is an exact count; if not, it is a seeded Monte Carlo estimate and the true
    size lies in ``[size_low, size_high]`` (95%).  ``size_method`` says how the size was found.
    With ``"decomposed"`` the frontier lists one outcome (the lowest-numbered) per distinct
    utility vector, and ``frontier_counts`` how many outcomes share it.
    """

    size: int
    space_size: int
    method: str
    frontier: list[OutcomePoint]
    options: dict[str, list[OptionValue]]
    excluded_by: dict[str, dict[str, list[str]]]
    exact: bool = True
    size_low: int | None = None
    size_high: int | None = None
    size_method: str = ""
    frontier_counts: list[int] | None = None
    table: DealTable | None = None

    def deals(self, limit: int | None = None) -> list[Deal]:
        """The acceptable deals, best first (``table.order`` states the order): every one for an
        enumerated space, the frontier with counts for a decomposed one (``table.kind`` says
        which).  ``limit`` keeps the first so many.

        Examples
        --------
        >>> import negsim
        >>> a = negsim.analyze(negsim.examples.toy_scenario())
        >>> [(d.rank, d.outcome) for d in a.acceptable.deals()]
        [(1, {'war': 'truce'})]
        """
        return [] if self.table is None else self.table.deals(limit)

    def to_records(self, limit: int | None = None) -> list[dict[str, OptionValue]]:
        """The deals as flat rows for ``pandas.DataFrame(...)`` (see :meth:`DealTable.to_records`).

        Examples
        --------
        >>> import negsim
        >>> a = negsim.analyze(negsim.examples.toy_scenario())
        >>> sorted(a.acceptable.to_records()[0])
        ['count', 'gain:A', 'index', 'rank', 'utility:A', 'war']
        """
        return [] if self.table is None else self.table.to_records(limit)

    @property
    def empty(self) -> bool:
        """Whether no deal is acceptable to all."""
        return self.size == 0


@dataclass(frozen=True)
class Solution(PlainData):
    """A bargaining solution: its outcome and utilities, or the reason there is none.

    For ``compromise``, ``outcome`` is the forecast itself (which may not be acceptable) and
    ``nearest`` the acceptable deal closest to it.
    """

    name: str
    outcome: Outcome | None
    utilities: dict[str, float] | None
    acceptable: bool
    reason: str = ""
    ties: int = 0
    nearest: OutcomePoint | None = None


@dataclass(frozen=True)
class ObservationCheck(PlainData):
    """A recorded response next to what the model predicts."""

    actor: str
    proposal: str
    response: str
    predicted: str
    match: bool
    margin: float
    must_match: bool
    date: str = ""
    source: str = ""
    quote: str = ""
    note: str = ""
    citation: str = ""
    """The source as a reader sees it (see :class:`DemandSummary`)."""

    def cited(self) -> str:
        """What a brief prints as the source: the citation, else the raw source."""
        return self.citation or self.source


@dataclass(frozen=True)
class OutcomeCloud(PlainData):
    """Utilities of the outcomes kept for plotting (all of them, or a seeded sample).

    ``utilities[k]`` lists actor ``actors[k]``'s utility of each kept outcome (rounded to 1e-6).
    From the engine the columns are :class:`negsim.plain.ArrayList` (read-only, numpy-backed,
    equal to the lists read back from JSON and written as the same bytes); ``np.asarray`` of a
    column reads it without making Python floats.
    """

    actors: list[str]
    utilities: list[list[float]]
    acceptable: list[bool]
    vetoed: list[bool]
    sampled: bool
    seed: int


@dataclass(frozen=True)
class SensitivityBar(PlainData):
    """One bar of a tornado chart: the target at the low and the high end of a parameter's range."""

    parameter: str
    distribution: str
    low: float
    high: float
    target_low: float
    target_high: float
    swing: float
    flips: bool


@dataclass(frozen=True)
class Sensitivity(PlainData):
    """One-at-a-time swings of the uncertain parameters, largest effect on the target first."""

    target: str
    base: float
    threshold: float
    span: list[float]
    bars: list[SensitivityBar]


@dataclass(frozen=True)
class TippingPoint(PlainData):
    """Where a target crosses its threshold (a verdict flips) as one parameter moves.

    ``value`` is the first crossing in [low, high] (``None``: no flip in the range);
    ``crossings`` lists every crossing found on the search grid; ``curve_x`` / ``curve_y`` are
    that grid and the target's value on it (what a tipping-point figure draws).
    """

    parameter: str
    target: str
    threshold: float
    low: float
    high: float
    found: bool
    value: float | None
    crossings: list[float]
    target_low: float
    target_high: float
    message: str
    vetoed: bool = False
    label: str = ""
    curve_x: list[float] = field(default_factory=list)
    curve_y: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Analysis(PlainData):
    """Everything :func:`negsim.analyze` found about a scenario.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="truce", weight=2),))))
    >>> a = negsim.analyze(s)
    >>> a.acceptable.size, a.solution("nash").outcome
    (1, {'war': 'truce'})
    >>> Analysis.from_json(a.to_json()) == a
    True
    """

    scenario: str
    date: str
    summary: str
    path: str | None
    version: str
    seed: int
    issues: list[IssueSummary]
    actors: list[ActorSummary]
    levers: list[LeverSummary]
    verdicts: list[ProposalVerdict]
    acceptable: AcceptableSet
    solutions: dict[str, Solution]
    observations: list[ObservationCheck]
    cloud: OutcomeCloud
    sensitivity: list[Sensitivity] = field(default_factory=list)
    tipping_points: list[TippingPoint] = field(default_factory=list)
    games: list[GameResult] = field(default_factory=list)
    truces: list[TruceResult] = field(default_factory=list)
    bargaining_over_time: BargainingResult | None = None

    def actor(self, name: str) -> ActorSummary:
        """The summary of one actor."""
        for a in self.actors:
            if a.name == name:
                return a
        raise KeyError(name)

    def verdict(self, proposal: str) -> ProposalVerdict:
        """The verdict on one proposal."""
        for v in self.verdicts:
            if v.proposal == proposal:
                return v
        raise KeyError(proposal)

    def solution(self, name: str) -> Solution:
        """One bargaining solution by name (see ``SOLUTION_NAMES``)."""
        return self.solutions[name]

    def tables(self) -> dict[str, Any]:
        """The verdicts, frontier, solutions and actors as tables: pandas DataFrames when pandas is installed, else lists of dicts."""
        from negsim.results.tables import analysis_tables

        return analysis_tables(self)

    def __str__(self) -> str:
        """The summary ``negsim run`` prints (rendered by :mod:`negsim.text.summary`)."""
        return render_text(self)

    def __repr__(self) -> str:
        nash = self.solutions.get("nash")
        where = "none" if nash is None or nash.outcome is None else "found"
        return (f"<Analysis {self.scenario!r}: {self.acceptable.size:,} of "
                f"{self.acceptable.space_size:,} outcomes acceptable ({self.acceptable.method}), "
                f"{len(self.verdicts)} proposals, {len(self.games)} games, Nash {where}>")

    def _repr_html_(self) -> str:
        return render_html(self)
