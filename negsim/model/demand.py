"""Demands: what an actor has said it wants on one issue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from negsim.errors import ScenarioError
from negsim.model._values import Option, _as_options, _finite_number, is_option
from negsim.model.issue import Condition

__all__ = ["Demand"]


@dataclass(frozen=True)
class Demand:
    """One stated position of one actor on one issue.

    Exactly one of ``want``, ``avoid`` and ``scores`` says what the actor wants.

    Parameters
    ----------
    issue : str
        The issue the demand is about.
    want : option or tuple of options, optional
        Scores 1 on these options; on an ordered issue the score falls linearly with the rank
        distance to the nearest wanted option (``1 - d / (n - 1)``), elsewhere it is 0.
    avoid : option or tuple of options, optional
        Scores 0 on these options and 1 elsewhere.
    scores : mapping option → score in [0, 1], optional
        Explicit scores; options not listed score 0.
    weight : float
        How much the demand matters (> 0).
    hard : bool
        A red line: the actor vetoes every outcome where the demand applies and is not fully met
        (score below 1).
    when : Condition or mapping, optional
        The demand applies only where this holds; elsewhere it counts as fully met.
    label, source, quote : str
        A short name, where the actor said it, and the words.
    citation : str
        The source as a reader sees it (outlet, headline, date), resolved when the scenario is
        loaded with a sources index; the raw ``source`` when there is none, ``""`` in code.
        Display only: equality and hashing ignore it.

    Examples
    --------
    >>> d = Demand("ground_war", want="continue", hard=True, weight=5)
    >>> d.want, d.kind
    (('continue',), 'want')
    """

    issue: str
    want: tuple[Option, ...] | None = None
    avoid: tuple[Option, ...] | None = None
    scores: tuple[tuple[Option, float], ...] | None = None
    weight: float = 1.0
    hard: bool = False
    when: Condition = field(default_factory=Condition)
    label: str = ""
    source: str = ""
    quote: str = ""
    citation: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        given = [k for k in ("want", "avoid", "scores") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ScenarioError("a demand needs exactly one of want, avoid or scores",
                                key="want", expected="exactly one of want / avoid / scores",
                                found=", ".join(given) if given else "none of them")
        if self.want is not None:
            object.__setattr__(self, "want", _as_options(self.want, "want"))
        if self.avoid is not None:
            object.__setattr__(self, "avoid", _as_options(self.avoid, "avoid"))
        if self.scores is not None:
            raw = self.scores.items() if isinstance(self.scores, Mapping) else self.scores
            pairs = []
            for opt, score in raw:
                key = f"scores.{opt}"
                if not is_option(opt):
                    raise ScenarioError("not an option value", key=key,
                                        expected="a string or a finite number", found=repr(opt))
                s = _finite_number(score, key)
                if not 0.0 <= s <= 1.0:
                    raise ScenarioError("a score must lie in [0, 1]", key=key,
                                        expected="a number in [0, 1]", found=repr(score))
                pairs.append((opt, s))
            if not pairs:
                raise ScenarioError("scores is empty", key="scores",
                                    expected="at least one option = score", found="{}")
            object.__setattr__(self, "scores", tuple(pairs))
        object.__setattr__(self, "weight", _finite_number(self.weight, "weight", positive=True))
        if not isinstance(self.hard, bool):
            raise ScenarioError("hard must be true or false", key="hard", expected="a boolean",
                                found=repr(self.hard))
        object.__setattr__(self, "when", Condition.of(self.when))  # type: ignore[arg-type]
        if self.issue in self.when.issues:
            raise ScenarioError("a demand's condition cannot name its own issue", key="when",
                                expected="a condition on other issues", found=self.issue)

    @property
    def kind(self) -> str:
        """``"want"``, ``"avoid"`` or ``"scores"``."""
        return "want" if self.want is not None else "avoid" if self.avoid is not None else "scores"

    def describe(self) -> str:
        """A short text: the label if given, else what the demand asks for."""
        if self.label:
            return self.label
        if self.want is not None:
            text = f"{self.issue} = {' or '.join(map(str, self.want))}"
        elif self.avoid is not None:
            text = f"{self.issue} not {' or '.join(map(str, self.avoid))}"
        else:
            text = f"{self.issue} (scored)"
        return f"{text} if {self.when.describe()}" if self.when else text


