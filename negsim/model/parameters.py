"""Named numeric parameters of a scenario, the uncertain ones, and the questions asked about them.

A parameter is named by a path into the scenario:

- ``actors.Russia.demands[0].weight``
- ``actors.Russia.power``, ``actors.Russia.patience``, ``actors.Russia.reservation``
- ``levers.secondary_tariffs.credibility``, ``levers.secondary_tariffs.effects.Russia``

:class:`UncertainParameter` ties a path to a :class:`~negsim.model.distributions.Distribution`;
:func:`get_parameter` and :func:`set_parameters` read and write the point values of a scenario (the
model keeps them in its ordinary numeric fields).  A :class:`Question` is a ``[[questions]]`` entry
of a scenario file: a sensitivity study or a tipping point to look for.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from negsim.model.distributions import Distribution
from negsim.errors import ScenarioError, did_you_mean
from negsim.vocabulary import SOLUTION_NAMES

__all__ = ["UncertainParameter", "ParameterRef", "parse_path",
           "Question", "QUESTION_KINDS", "Target", "parse_target", "TARGET_FORMS"]

_ACTOR = r"(?P<actor>[^.\[\]]+)"
_LEVER = r"(?P<lever>[^.\[\]]+)"
_PATTERNS = (
    ("weight", re.compile(rf"actors\.{_ACTOR}\.demands\[(?P<k>\d+)\]\.weight")),
    ("actor", re.compile(rf"actors\.{_ACTOR}\.(?P<field>power|patience|reservation)")),
    ("credibility", re.compile(rf"levers\.{_LEVER}\.credibility")),
    ("effect", re.compile(rf"levers\.{_LEVER}\.effects\.(?P<actor>.+)")),
)
_FORMS = ("actors.NAME.demands[K].weight", "actors.NAME.power", "actors.NAME.patience",
          "actors.NAME.reservation", "levers.ID.credibility", "levers.ID.effects.NAME")

# field → (lowest, highest, lowest allowed itself, highest allowed itself)
_DOMAINS = {
    "weight": (0.0, math.inf, False, True), "power": (0.0, math.inf, False, True),
    "patience": (0.0, 1.0, False, False), "credibility": (0.0, 1.0, True, True),
    "reservation": (-math.inf, math.inf, True, True), "effect": (-math.inf, math.inf, True, True),
}


@dataclass(frozen=True)
class ParameterRef:
    """A parsed parameter path: which field of which actor, demand or lever."""

    path: str
    field: str  # weight, power, patience, reservation, credibility, effect
    actor: str | None = None
    demand: int | None = None
    lever: str | None = None


def parse_path(path: str, key: str | None = None) -> ParameterRef:
    """Parse a parameter path (syntax only; :func:`get_parameter` checks it exists).

    Examples
    --------
    >>> parse_path("levers.tariffs.effects.Russia")
    ParameterRef(path='levers.tariffs.effects.Russia', field='effect', actor='Russia', demand=None, lever='tariffs')
    """
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(path) if isinstance(path, str) else None
        if m is None:
            continue
        g = m.groupdict()
        if kind == "weight":
            if len(g["k"]) > 18:  # an index no list can have; int() of thousands of digits fails
                raise ScenarioError("the demand index is too large", key=key,
                                    expected="a demand index of at most 18 digits",
                                    found=f"an index of {len(g['k']):,} digits")
            return ParameterRef(path, "weight", g["actor"], int(g["k"]))
        if kind == "actor":
            return ParameterRef(path, g["field"], g["actor"])
        if kind == "credibility":
            return ParameterRef(path, "credibility", lever=g["lever"])
        return ParameterRef(path, "effect", g["actor"], lever=g["lever"])
    raise ScenarioError("not a parameter path", key=key, expected="one of " + ", ".join(_FORMS),
                        found=repr(path))


def check_support(field: str, dist: Distribution, key: str | None = None) -> None:
    """Raise unless every draw of ``dist`` is a valid value of a parameter of this kind."""
    lo, hi, lo_ok, hi_ok = _DOMAINS[field]
    s_lo, s_hi = dist.support
    bad_lo = s_lo < lo or (s_lo == lo and not lo_ok)
    bad_hi = s_hi > hi or (s_hi == hi and not hi_ok)
    if bad_lo or bad_hi:
        left, right = ("[" if lo_ok else "("), ("]" if hi_ok else ")")
        raise ScenarioError(f"the distribution can draw values that {field} cannot take", key=key,
                            expected=f"draws within {left}{lo:g}, {hi:g}{right}",
                            found=f"{dist.describe()}, range [{s_lo:g}, {s_hi:g}]",
                            hint="set low/high so that every draw is valid")


@dataclass(frozen=True)
class UncertainParameter:
    """A parameter given as a distribution.

    Parameters
    ----------
    path : str
        Which parameter (see the module docstring).
    distribution : Distribution

    Examples
    --------
    >>> p = UncertainParameter("levers.tariffs.credibility", Distribution.uniform(0.2, 0.8))
    >>> p.point, p.field
    (0.5, 'credibility')
    """

    path: str
    distribution: Distribution

    def __post_init__(self) -> None:
        check_support(parse_path(self.path, self.path).field, self.distribution, self.path)

    @property
    def field(self) -> str:
        """The kind of parameter: weight, power, patience, reservation, credibility or effect."""
        return parse_path(self.path).field

    @property
    def point(self) -> float:
        """The value the deterministic analysis uses."""
        return self.distribution.point


QUESTION_KINDS = ("tipping_point", "sensitivity")

TARGET_FORMS = ("margin:PROPOSAL:ACTOR", "margin:PROPOSAL", "reservation:ACTOR",
                "utility:SOLUTION:ACTOR")


@dataclass(frozen=True)
class Target:
    """A number a sensitivity study or a tipping point looks at.

    - ``margin:PROPOSAL:ACTOR`` — the actor's acceptance margin on the proposal (utility −
      reservation; it accepts at ≥ 0 unless a red line is crossed);
    - ``margin:PROPOSAL`` — the smallest margin over the actors (the proposal passes at ≥ 0);
    - ``reservation:ACTOR`` — the actor's walk-away utility;
    - ``utility:SOLUTION:ACTOR`` — the actor's utility at a bargaining solution (``nash``, ...).

    Examples
    --------
    >>> parse_target("margin:air_truce:Russia")
    Target(kind='margin', proposal='air_truce', actor='Russia', solution=None)
    """

    kind: str
    proposal: str | None = None
    actor: str | None = None
    solution: str | None = None

    def __str__(self) -> str:
        if self.kind == "margin":
            return f"margin:{self.proposal}" + (f":{self.actor}" if self.actor else "")
        if self.kind == "reservation":
            return f"reservation:{self.actor}"
        return f"utility:{self.solution}:{self.actor}"

    def check(self, scenario: Any, key: str | None = None) -> None:  # a Scenario (which imports this module)
        """Raise if the target names a proposal, actor or solution the scenario lacks."""
        if self.proposal is not None:
            scenario.proposal(self.proposal, key=key)
        if self.actor is not None:
            scenario.actor(self.actor, key=key)
        if self.solution is not None and self.solution not in SOLUTION_NAMES:
            raise ScenarioError(f"unknown solution {self.solution!r}", key=key,
                                expected=f"one of {list(SOLUTION_NAMES)}", found=repr(self.solution),
                                hint=did_you_mean(self.solution, SOLUTION_NAMES))


def parse_target(text: str | Target, key: str | None = None) -> Target:
    """Parse ``"margin:air_truce:Russia"`` and the other forms of :class:`Target`."""
    if isinstance(text, Target):
        return text
    parts = text.split(":") if isinstance(text, str) else []
    if parts and parts[0] == "margin" and len(parts) in (2, 3):
        return Target("margin", parts[1], parts[2] if len(parts) == 3 else None)
    if parts and parts[0] == "reservation" and len(parts) == 2:
        return Target("reservation", actor=parts[1])
    if parts and parts[0] == "utility" and len(parts) == 3:
        return Target("utility", actor=parts[2], solution=parts[1])
    raise ScenarioError("not a target", key=key, expected="one of " + ", ".join(TARGET_FORMS),
                        found=repr(text))


@dataclass(frozen=True)
class Question:
    """A question a scenario asks (a ``[[questions]]`` entry).

    Parameters
    ----------
    kind : str
        ``"tipping_point"``: where does ``target`` cross ``threshold`` as ``parameter`` moves over
        [low, high] (default: the parameter's distribution range)?  ``"sensitivity"``: which
        uncertain parameters move ``target`` most?
    target : str
        See :class:`Target`.
    parameter : str, optional
        A parameter path (tipping points only).
    low, high : float, optional
        The range to search.
    threshold : float
        The value of the target at which the verdict flips (0 for margins).
    label : str
    """

    kind: str
    target: str
    parameter: str | None = None
    low: float | None = None
    high: float | None = None
    threshold: float = 0.0
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in QUESTION_KINDS:
            raise ScenarioError("unknown kind of question", key="kind",
                                expected=" or ".join(map(repr, QUESTION_KINDS)),
                                found=repr(self.kind), hint=did_you_mean(self.kind, QUESTION_KINDS))
        parse_target(self.target, "target")
        if self.kind == "tipping_point" and self.parameter is None:
            raise ScenarioError("a tipping point needs a parameter", key="parameter",
                                expected="a parameter path such as levers.ID.effects.NAME",
                                found="nothing")
        if self.parameter is not None:
            parse_path(self.parameter, "parameter")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ScenarioError("low must be below high", key="low",
                                expected=f"a number < {self.high:g}", found=f"{self.low:g}")
