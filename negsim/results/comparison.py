"""Plain-data results of the analyst's questions: a comparison of two analyses, a timeline of
dated ones, the concessions that would make a proposal acceptable, and tipping points.

Like every result they round-trip through JSON; ``str(result)`` is the text ``negsim`` prints
(rendered by :mod:`negsim.text.questions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from negsim.plain import PlainData
from negsim.results.display import render_html, render_text

__all__ = ["VerdictChange", "ValueMove", "DealChanges", "OptionChange", "SolutionMove",
           "GameChange", "Comparison", "Concession", "Concessions", "TimelineEntry", "Timeline",
           "ParameterTip", "TippingPoints"]

OptionValue = Union[str, int, float]
Outcome = dict[str, OptionValue]


class _Prints:
    def __str__(self) -> str:
        return render_text(self)

    def _repr_html_(self) -> str:
        return render_html(self)


@dataclass(frozen=True)
class VerdictChange(PlainData):
    """One actor's verdict on one proposal that flips (``actor`` is ``"all"`` for the verdict of
    every actor together); margins are utility less reservation (``None``: not applicable)."""

    proposal: str
    actor: str
    before: bool
    after: bool
    margin_before: float | None
    margin_after: float | None


@dataclass(frozen=True)
class ValueMove(PlainData):
    """A number of one actor that moves between the two analyses (its walk-away value)."""

    actor: str
    before: float
    after: float
    change: float


@dataclass(frozen=True)
class DealChanges(PlainData):
    """Acceptable deals gained and lost, compared outcome by outcome (issue → option).

    When the two sides have different issues, deals are compared on the shared issues only, and
    ``gained``, ``lost`` and ``kept`` count distinct combinations of those (the notes say so).

    ``exact`` is ``False`` when either side is a decomposed space, whose deals are known only
    through its frontier: the counts then compare the frontier deals, not every deal.
    """

    size_before: int
    size_after: int
    gained: int
    lost: int
    kept: int
    exact: bool
    gained_examples: list[Outcome] = field(default_factory=list)
    lost_examples: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class OptionChange(PlainData):
    """An option that occurs in some acceptable deal on one side only."""

    issue: str
    option: OptionValue
    became: str  # "possible" or "impossible"


@dataclass(frozen=True)
class SolutionMove(PlainData):
    """A bargaining solution whose outcome moves; ``change`` is after − before per actor."""

    name: str
    before: Outcome | None
    after: Outcome | None
    utilities_before: dict[str, float] | None
    utilities_after: dict[str, float] | None
    change: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class GameChange(PlainData):
    """A game or truce whose verdict changes (``kind``: ``"game"`` or ``"truce"``)."""

    kind: str
    id: str
    before: str
    after: str


@dataclass(frozen=True)
class Comparison(_Prints, PlainData):
    """What changes from one analysis (``before``) to another (``after``).

    Examples
    --------
    >>> import negsim
    >>> c = negsim.compare(negsim.examples.toy_scenario(),
    ...                    negsim.examples.toy_scenario(lever=2.0))
    >>> c.deals.size_before, c.deals.size_after, c.deals.lost
    (1, 0, 1)
    >>> Comparison.from_json(c.to_json()) == c
    True
    """

    before: str
    after: str
    verdicts: list[VerdictChange]
    walk_away: list[ValueMove]
    deals: DealChanges
    options: list[OptionChange]
    solutions: list[SolutionMove]
    changes: list[GameChange]
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, Any]:
        """The verdicts that flip, the walk-away values that move and the solutions' moves as
        tables: pandas DataFrames when pandas is installed, else lists of dicts."""
        from negsim.results.tables import comparison_tables  # tables imports this module

        return comparison_tables(self)

    @property
    def unchanged(self) -> bool:
        """Whether nothing the comparison looks at changes."""
        d = self.deals
        return not (self.verdicts or self.walk_away or d.gained or d.lost or self.options
                    or self.solutions or self.changes or self.only_before or self.only_after)


@dataclass(frozen=True)
class Concession(PlainData):
    """A set of changes to a proposal's terms (issue → new option) and what it does.

    ``accepts`` lists who accepts the changed proposal; ``margins`` every actor's margin on it;
    ``cost`` every actor's utility change from the original proposal (negative: it loses);
    ``proposer_cost`` the loss to the proposer (``0.0`` when the proposal names none).
    """

    changes: dict[str, OptionValue]
    outcome: Outcome
    accepts: list[str]
    margins: dict[str, float]
    cost: dict[str, float]
    proposer_cost: float


@dataclass(frozen=True)
class Concessions(_Prints, PlainData):
    """The smallest change sets that make a proposal acceptable to ``actor`` (every actor when
    ``actor`` is ``None``), fewest changes first, then least cost to the proposer.

    ``already`` says the proposal is acceptable as it stands; ``searched`` how many change sets
    were evaluated; ``forbidden`` how many a constraint ruled out.
    """

    scenario: str
    proposal: str
    actor: str | None
    max_changes: int
    already: bool
    concessions: list[Concession]
    searched: int
    forbidden: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TimelineEntry(PlainData):
    """One dated analysis: the acceptable-set size, walk-away values, verdicts and solutions."""

    date: str
    scenario: str
    path: str | None
    acceptable: int
    space_size: int
    exact: bool
    walk_away: dict[str, float]
    verdicts: dict[str, dict[str, bool]]
    accepted_by_all: dict[str, bool]
    solutions: dict[str, Outcome | None]
    solution_utilities: dict[str, dict[str, float] | None]


@dataclass(frozen=True)
class Timeline(_Prints, PlainData):
    """Dated analyses in date order, and what changes from each to the next."""

    entries: list[TimelineEntry]
    steps: list[Comparison]


@dataclass(frozen=True)
class ParameterTip(PlainData):
    """A numeric parameter whose range holds a flip of the target, and where it flips."""

    parameter: str
    point: float
    low: float
    high: float
    range_source: str
    value: float
    crossings: list[float]
    target_low: float
    target_high: float


@dataclass(frozen=True)
class TippingPoints(_Prints, PlainData):
    """Every numeric parameter scanned for a flip of ``target`` (``searched`` of them)."""

    scenario: str
    target: str
    base: float
    threshold: float
    searched: int
    tips: list[ParameterTip]
    notes: list[str] = field(default_factory=list)
