"""Levers, proposals and observations: what actors can do, put forward and answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from negsim.errors import ScenarioError, did_you_mean
from negsim.model._values import Option, _finite_number, is_option
from negsim.model.issue import Condition

__all__ = ["Lever", "Proposal", "Observation", "RESPONSES"]


@dataclass(frozen=True)
class Lever:
    """A unilateral move of one actor that changes payoffs when its trigger holds.

    Parameters
    ----------
    id : str
    by : str
        The actor who pulls the lever.
    effects : mapping actor → utility change
    trigger : ``"no_deal"`` or Condition
        When the lever is pulled: if there is no deal, or in every outcome where a condition holds.
    credibility : float in [0, 1]
        The effect counts as credibility × effect.
    from_game : str
        A declared game to take the credibility from (``credibility = { from_game = "ID" }``):
        :func:`negsim.scenario_games.credibility.resolve_credibility` sets ``credibility`` from
        its equilibrium before the analysis; until then it holds 1.

    Examples
    --------
    >>> lv = Lever("secondary_tariffs", by="USA", effects={"Russia": -0.15, "USA": -0.03},
    ...            credibility=0.6)
    >>> lv.expected_effect("Russia"), lv.expected_effect("Ukraine")
    (-0.09, 0.0)
    """

    id: str
    by: str
    effects: tuple[tuple[str, float], ...]
    trigger: str | Condition = "no_deal"
    credibility: float = 1.0
    label: str = ""
    source: str = ""
    quote: str = ""
    from_game: str = ""

    def __post_init__(self) -> None:
        raw = self.effects.items() if isinstance(self.effects, Mapping) else self.effects
        pairs = tuple(sorted((str(a), _finite_number(v, f"effects.{a}")) for a, v in raw))
        object.__setattr__(self, "effects", pairs)
        c = _finite_number(self.credibility, "credibility")
        if not 0.0 <= c <= 1.0:
            raise ScenarioError("credibility is a probability", key="credibility",
                                expected="a number in [0, 1]", found=repr(self.credibility))
        object.__setattr__(self, "credibility", c)
        if isinstance(self.trigger, str):
            if self.trigger != "no_deal":
                raise ScenarioError("unknown trigger", key="trigger",
                                    expected='"no_deal" or a condition table', found=repr(self.trigger))
        else:
            object.__setattr__(self, "trigger", Condition.of(self.trigger, "trigger"))
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))

    @property
    def on_no_deal(self) -> bool:
        """Whether the lever is pulled when there is no deal."""
        return self.trigger == "no_deal"

    def expected_effect(self, actor: str) -> float:
        """credibility × effect on ``actor`` (0 for actors it does not touch)."""
        for a, v in self.effects:
            if a == actor:
                return round(self.credibility * v, 12)
        return 0.0


@dataclass(frozen=True)
class Proposal:
    """A named deal on the table: options for some issues, the status quo for the rest.

    Examples
    --------
    >>> p = Proposal("air_truce", {"air_strikes": "halt_all"}, by="Russia")
    >>> dict(p.terms)
    {'air_strikes': 'halt_all'}
    """

    id: str
    terms: tuple[tuple[str, Option], ...]
    by: str | None = None
    label: str = ""
    date: str = ""
    source: str = ""
    quote: str = ""

    def __post_init__(self) -> None:
        raw = self.terms.items() if isinstance(self.terms, Mapping) else self.terms
        pairs = []
        for issue, opt in raw:
            if not is_option(opt):
                raise ScenarioError("not an option value", key=f"terms.{issue}",
                                    expected="a string or a finite number", found=repr(opt))
            pairs.append((str(issue), opt))
        object.__setattr__(self, "terms", tuple(sorted(pairs, key=lambda t: t[0])))
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))


RESPONSES = ("accept", "reject")


@dataclass(frozen=True)
class Observation:
    """A recorded response of an actor to a proposal.

    ``citation`` is the source as a reader sees it (outlet, headline, date), resolved when the
    scenario is loaded with a sources index (else the raw ``source``; ``""`` in code); equality
    ignores it.

    Examples
    --------
    >>> Observation("Ukraine", "air_truce", "reject", date="2025-08-05").response
    'reject'
    """

    actor: str
    proposal: str
    response: str
    date: str = ""
    source: str = ""
    quote: str = ""
    must_match: bool = True
    note: str = ""
    citation: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.response not in RESPONSES:
            raise ScenarioError("unknown response", key="response",
                                expected='"accept" or "reject"', found=repr(self.response),
                                hint=did_you_mean(self.response, RESPONSES))


