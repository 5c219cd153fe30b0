"""Issues, conditions on outcomes, and constraints that forbid combinations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from negsim.errors import ScenarioError, did_you_mean, short_repr
from negsim.limits import MAX_OPTIONS
from negsim.model._values import Option, _as_options, _finite_number, same_option

__all__ = ["Condition", "Issue", "Constraint"]


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
    labels : mapping option → str, optional
        Display text of some options (``{"10_15y": "10 to 15 years"}``); stored as a tuple of
        ``(option, text)`` pairs in the order of the options.

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
    labels: Mapping[Option, str] | tuple[tuple[Option, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ScenarioError("an issue needs an id", key="id", expected="a non-empty string",
                                found=repr(self.id))
        opts = _as_options(self.options, "options")
        if len(opts) < 2:
            raise ScenarioError("an issue needs at least two options", key="options",
                                expected="two or more options", found=repr(list(opts)))
        if len(opts) > MAX_OPTIONS:
            raise ScenarioError("the issue has too many options", key="options",
                                expected=f"at most {MAX_OPTIONS:,} options (MAX_OPTIONS)",
                                found=f"{len(opts):,}")
        seen: set[tuple[bool, object]] = set()
        for a in opts:  # same_option in one pass: strings and numbers apart, 30 == 30.0
            mark = (isinstance(a, str), a)
            if mark in seen:
                raise ScenarioError("options must be distinct", key="options",
                                    expected="distinct options", found=f"{short_repr(a)} twice")
            seen.add(mark)
        object.__setattr__(self, "options", opts)
        if not any(same_option(self.status_quo, o) for o in opts):
            raise ScenarioError("the status quo is not one of the issue's options", key="status_quo",
                                expected=f"one of {list(opts)}", found=repr(self.status_quo),
                                hint=did_you_mean(self.status_quo, opts))
        if not self.label:
            object.__setattr__(self, "label", self.id.replace("_", " "))
        object.__setattr__(self, "labels", self._checked_labels(opts))

    def _checked_labels(self, opts: tuple) -> tuple[tuple[Option, str], ...]:
        raw = dict(self.labels) if not isinstance(self.labels, dict) else self.labels
        out = {}
        for key, text in raw.items():
            match = [o for o in opts if same_option(o, key) or str(o) == str(key)]
            if not match:
                raise ScenarioError("a label names an option the issue does not have",
                                    key=f"labels.{key}", expected=f"one of {list(opts)}",
                                    found=repr(key), hint=did_you_mean(str(key), opts))
            if not isinstance(text, str) or not text.strip():
                raise ScenarioError("an option label must be text", key=f"labels.{key}",
                                    expected="a non-empty string", found=repr(text))
            out[match[0]] = text
        return tuple((o, out[o]) for o in opts if o in out)

    def label_of(self, option: Option) -> str:
        """The display text of ``option``: its label if given, else ``""``.

        Examples
        --------
        >>> Issue("term", ("10_15y", "25y"), "25y", labels={"10_15y": "10 to 15 years"}).label_of("10_15y")
        '10 to 15 years'
        """
        return next((t for o, t in self.labels if same_option(o, option)), "")

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
                                expected="an integer >= 2", found=short_repr(steps))
        if steps > MAX_OPTIONS:
            raise ScenarioError("the numeric range has too many steps", key="steps",
                                expected=f"at most {MAX_OPTIONS:,} (MAX_OPTIONS)",
                                found=f"{steps:,}" if steps.bit_length() < 64 else "a huge integer")
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


