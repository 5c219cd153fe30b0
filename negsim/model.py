"""The domain model: issues, demands, actors, levers, proposals, observations.

Every class here is a frozen dataclass that checks its own invariants when it is built, so a
scenario built in a notebook is held to the same rules as one loaded from a file.  Mappings given
by the user (``terms``, ``effects``, ``scores``, ``when``) are stored as sorted tuples of pairs so
that objects are immutable, hashable and picklable; each class offers a ``dict`` view.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Union

from negsim.errors import ScenarioError, did_you_mean

__all__ = [
    "Option",
    "Condition",
    "Issue",
    "Constraint",
    "Demand",
    "Actor",
    "Lever",
    "Proposal",
    "Observation",
    "same_option",
]

Option = Union[str, int, float]
"""An issue's option: a string (``"halt_all"``) or a number (``30``)."""


def same_option(a: object, b: object) -> bool:
    """True when two option values are the same option (``30 == 30.0``, but ``"30" != 30``).

    Examples
    --------
    >>> same_option(30, 30.0), same_option("30", 30), same_option(True, 1)
    (True, False, False)
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


def _is_option(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int))


def _as_options(value: object, key: str) -> tuple[Option, ...]:
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if not items:
        raise ScenarioError("the list of options is empty", key=key,
                            expected="an option or a non-empty list of options", found="[]")
    for item in items:
        if not _is_option(item):
            raise ScenarioError("not an option value", key=key,
                                expected="a string or a finite number", found=repr(item))
    return tuple(items)  # type: ignore[return-value]


def _finite_number(value: object, key: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ScenarioError("not a finite number", key=key, expected="a finite number",
                            found=repr(value))
    if positive and value <= 0:
        raise ScenarioError("must be positive", key=key, expected="a number > 0",
                            found=repr(value))
    return float(value)


@dataclass(frozen=True)
class Condition:
    """A condition on an outcome: every named issue takes one of the listed options.

    Parameters
    ----------
    terms : tuple of (issue id, tuple of options)
        Built from a mapping with :meth:`of`.

    Examples
    --------
    >>> c = Condition.of({"ground_war": "ceasefire"})
    >>> c.holds({"ground_war": "ceasefire", "air": "halt"}), c.holds({"ground_war": "continue"})
    (True, False)
    """

    terms: tuple[tuple[str, tuple[Option, ...]], ...] = ()

    @classmethod
    def of(cls, value: Mapping[str, object] | Condition | None, key: str = "when") -> Condition:
        """Build a condition from ``{issue: option or [options]}``."""
        if value is None:
            return cls()
        if isinstance(value, Condition):
            return value
        if not isinstance(value, Mapping):
            raise ScenarioError("a condition must be a table of issue = option(s)", key=key,
                                expected='a table such as { ground_war = "ceasefire" }',
                                found=repr(value))
        terms = []
        for issue, options in value.items():
            terms.append((str(issue), _as_options(options, f"{key}.{issue}")))
        return cls(tuple(sorted(terms, key=lambda t: t[0])))

    @property
    def issues(self) -> tuple[str, ...]:
        """The issues the condition names."""
        return tuple(t[0] for t in self.terms)

    def holds(self, outcome: Mapping[str, Option]) -> bool:
        """Whether the condition holds in ``outcome`` (issue id → option)."""
        return all(any(same_option(outcome[i], o) for o in opts) for i, opts in self.terms)

    def as_dict(self) -> dict[str, list[Option]]:
        """The condition as ``{issue: [options]}``."""
        return {i: list(opts) for i, opts in self.terms}

    def __bool__(self) -> bool:
        return bool(self.terms)

    def describe(self) -> str:
        """A short text such as ``ground_war = ceasefire``."""
        return " and ".join(f"{i} = {' or '.join(map(str, o))}" for i, o in self.terms)


@dataclass(frozen=True)
class Issue:
    """One dimension of a deal, with a finite list of options and a status quo.

    Parameters
    ----------
    id : str
        Identifier used in demands, proposals and conditions.
    options : tuple of str or number
        The options; for an ordered issue, in order.
    status_quo : str or number
        The option that holds with no deal.
    ordered : bool
        Whether the options lie on a scale (distance in rank matters).
    label, description : str
        Text for people.

    Examples
    --------
    >>> air = Issue("air_strikes", ("continue", "halt_energy", "halt_all"), "continue", ordered=True)
    >>> air.index("halt_all"), len(air)
    (2, 3)
    >>> Issue.numeric_range("days", 0, 90, 4, status_quo=0).options
    (0, 30, 60, 90)
    """

    id: str
    options: tuple[Option, ...]
    status_quo: Option
    ordered: bool = False
    label: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ScenarioError("an issue needs an id", key="id", expected="a non-empty string",
                                found=repr(self.id))
        opts = _as_options(self.options, "options")
        if len(opts) < 2:
            raise ScenarioError("an issue needs at least two options", key="options",
                                expected="two or more options", found=repr(list(opts)))
        for i, a in enumerate(opts):
            for b in opts[:i]:
                if same_option(a, b):
                    raise ScenarioError("options must be distinct", key="options",
                                        expected="distinct options", found=f"{a!r} twice")
        object.__setattr__(self, "options", opts)
        if not any(same_option(self.status_quo, o) for o in opts):
            raise ScenarioError("the status quo is not one of the issue's options", key="status_quo",
                                expected=f"one of {list(opts)}", found=repr(self.status_quo),
                                hint=did_you_mean(self.status_quo, opts))
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))

    @classmethod
    def numeric_range(cls, id: str, low: float, high: float, steps: int, *,
                      status_quo: float | None = None, label: str = "",
                      description: str = "") -> Issue:
        """An ordered numeric issue with ``steps`` evenly spaced options from low to high.

        Whole numbers stay integers (``30`` rather than ``30.0``).  ``status_quo`` defaults to
        ``low`` and must be one of the options.
        """
        low_f = _finite_number(low, "low")
        high_f = _finite_number(high, "high")
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
            raise ScenarioError("a numeric range needs at least two steps", key="steps",
                                expected="an integer >= 2", found=repr(steps))
        if not high_f > low_f:
            raise ScenarioError("high must be above low", key="high",
                                expected=f"a number > {low!r}", found=repr(high))
        values: list[Option] = []
        for k in range(steps):
            v = low_f + (high_f - low_f) * k / (steps - 1)
            v = round(v, 12)
            values.append(int(v) if float(v).is_integer() else v)
        sq = values[0] if status_quo is None else status_quo
        return cls(id, tuple(values), sq, ordered=True, label=label, description=description)

    def __len__(self) -> int:
        return len(self.options)

    def index(self, option: object, key: str | None = None) -> int:
        """The position of ``option`` in :attr:`options`; a clear error if it is not one."""
        for i, o in enumerate(self.options):
            if same_option(o, option):
                return i
        raise ScenarioError(f"{option!r} is not an option of issue {self.id!r}", key=key,
                            expected=f"one of {list(self.options)}", found=repr(option),
                            hint=did_you_mean(option, self.options))

    @property
    def status_quo_index(self) -> int:
        """The position of the status quo in :attr:`options`."""
        return self.index(self.status_quo)


@dataclass(frozen=True)
class Constraint:
    """A combination of options that cannot occur together.

    Examples
    --------
    >>> c = Constraint.of({"ground_war": "continue", "mobilisation": "paused"}, "pause needs ceasefire")
    >>> c.forbids({"ground_war": "continue", "mobilisation": "paused"})
    True
    """

    forbid: Condition
    reason: str = ""

    @classmethod
    def of(cls, forbid: Mapping[str, object], reason: str = "") -> Constraint:
        """Build from ``{issue: option or [options]}``."""
        cond = Condition.of(forbid, "forbid")
        if not cond:
            raise ScenarioError("a constraint must name at least one issue", key="forbid",
                                expected="a non-empty table", found="{}")
        return cls(cond, reason)

    def forbids(self, outcome: Mapping[str, Option]) -> bool:
        """Whether ``outcome`` is ruled out."""
        return self.forbid.holds(outcome)


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
                if not _is_option(opt):
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


@dataclass(frozen=True)
class Actor:
    """A party to the negotiation.

    Parameters
    ----------
    name : str
        The actor's name, used everywhere as its id.
    demands : tuple of Demand
        What it has said it wants.  Its preferences are built from these.
    power : float
        Bargaining weight (> 0): asymmetric Nash weights and the compromise forecast.
    patience : float
        Discount factor in (0, 1).
    reservation : float, optional
        Explicit walk-away utility; by default derived from the no-deal outcome and the levers.
    label, color : str
        Display name and a colour for figures (``"#b2182b"``).

    Examples
    --------
    >>> a = Actor("Ukraine", (Demand("ground_war", want="ceasefire", hard=True),))
    >>> a.power, a.total_weight
    (1.0, 1.0)
    """

    name: str
    demands: tuple[Demand, ...] = ()
    power: float = 1.0
    patience: float = 0.9
    reservation: float | None = None
    label: str = ""
    color: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ScenarioError("an actor needs a name", key="name", expected="a non-empty string",
                                found=repr(self.name))
        object.__setattr__(self, "demands", tuple(self.demands))
        for i, d in enumerate(self.demands):
            if not isinstance(d, Demand):
                raise ScenarioError("not a Demand", key=f"demands[{i}]", expected="a Demand",
                                    found=type(d).__name__)
        object.__setattr__(self, "power", _finite_number(self.power, "power", positive=True))
        p = _finite_number(self.patience, "patience")
        if not 0.0 < p < 1.0:
            raise ScenarioError("patience is a discount factor", key="patience",
                                expected="a number strictly between 0 and 1", found=repr(self.patience))
        object.__setattr__(self, "patience", p)
        if self.reservation is not None:
            object.__setattr__(self, "reservation", _finite_number(self.reservation, "reservation"))
        if not self.label:
            object.__setattr__(self, "label", self.name)

    @property
    def total_weight(self) -> float:
        """The sum of the demands' weights."""
        return float(sum(d.weight for d in self.demands))


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
            if not _is_option(opt):
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

    def __post_init__(self) -> None:
        if self.response not in RESPONSES:
            raise ScenarioError("unknown response", key="response",
                                expected='"accept" or "reject"', found=repr(self.response),
                                hint=did_you_mean(self.response, RESPONSES))


def check_names(names: Iterable[str], kind: str, key: str) -> None:
    """Raise if ``names`` has duplicates."""
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ScenarioError(f"duplicate {kind} {n!r}", key=key, expected=f"unique {kind} ids",
                                found=f"{n!r} twice")
        seen.add(n)
