"""Structural uncertainty: alternatives for a red line, a lever's trigger or a demand's condition.

A :class:`StructuralChoice` names one structural element by a path and lists its alternatives
with their probabilities:

- ``actors.NAME.demands[K].hard`` — ``True`` (a red line) or ``False`` (a soft demand); a file
  writes ``hard = 0.8``;
- ``actors.NAME.demands[K].when`` — alternative conditions (``when_alternatives``);
- ``levers.ID.trigger`` — alternative triggers, ``"no_deal"`` or a condition
  (``trigger_alternatives``).

The scenario's model holds the most probable alternative (the first listed on a tie), which is
what the deterministic analysis uses; :func:`apply_structure` builds the variant for any other
choice, and :mod:`negsim.uncertainty.structure` draws them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from negsim.errors import ScenarioError
from negsim.model.issue import Condition
from negsim.tolerances import PROB_TOL

__all__ = ["StructuralChoice", "parse_structural_path", "apply_structure", "STRUCTURAL_FORMS",
           "hard_choice"]

STRUCTURAL_FORMS = ("actors.NAME.demands[K].hard", "actors.NAME.demands[K].when",
                    "levers.ID.trigger")
_DEMAND = re.compile(r"actors\.(?P<actor>[^.\[\]]+)\.demands\[(?P<k>\d+)\]\.(?P<field>hard|when)")
_LEVER = re.compile(r"levers\.(?P<lever>[^.\[\]]+)\.trigger")


def parse_structural_path(path: str, key: str | None = None) -> tuple[str, str, int | None]:
    """``(field, actor or lever id, demand index or None)`` of a structural path.

    Examples
    --------
    >>> parse_structural_path("actors.Russia.demands[3].hard")
    ('hard', 'Russia', 3)
    >>> parse_structural_path("levers.tariffs.trigger")
    ('trigger', 'tariffs', None)
    """
    if isinstance(path, str):
        m = _DEMAND.fullmatch(path)
        if m:
            return m["field"], m["actor"], int(m["k"])
        m = _LEVER.fullmatch(path)
        if m:
            return "trigger", m["lever"], None
    raise ScenarioError("not a structural path", key=key,
                        expected="one of " + ", ".join(STRUCTURAL_FORMS), found=repr(path))


def _value(field: str, v: Any, key: str) -> Any:
    if field == "hard":
        if not isinstance(v, bool):
            raise ScenarioError("an alternative of hard must be true or false", key=key,
                                expected="a boolean", found=repr(v))
        return v
    if field == "trigger" and v == "no_deal":
        return v
    return Condition.of(v, key)


def _describe(v: Any) -> str:
    if isinstance(v, bool):
        return "red line" if v else "soft"
    if isinstance(v, Condition):
        return v.describe() or "always"
    return str(v)


@dataclass(frozen=True)
class StructuralChoice:
    """One structural element with alternatives and their probabilities.

    Parameters
    ----------
    path : str
        Which element (see :data:`STRUCTURAL_FORMS`).
    values : tuple
        The alternatives: booleans for ``hard``, conditions for ``when``, ``"no_deal"`` or
        conditions for ``trigger``.
    probabilities : tuple of float
        One per alternative, each in [0, 1], summing to 1.
    labels : tuple of str, optional
        Names of the alternatives for tables (default: a description of each).

    Examples
    --------
    >>> c = hard_choice("actors.A.demands[0].hard", 0.8)
    >>> c.values, c.probabilities, c.point_index
    ((True, False), (0.8, 0.2), 0)
    >>> c.describe()
    'red line 80% / soft 20%'
    """

    path: str
    values: tuple[Any, ...]
    probabilities: tuple[float, ...]
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        field, _, _ = parse_structural_path(self.path, self.path)
        values = tuple(_value(field, v, f"{self.path}[{i}]") for i, v in enumerate(self.values))
        if len(values) < 2:
            raise ScenarioError("a structural choice needs at least two alternatives",
                                key=self.path, expected="two or more alternatives",
                                found=f"{len(values)}")
        if len(self.probabilities) != len(values):
            raise ScenarioError("one probability per alternative", key=self.path,
                                expected=f"{len(values)} probabilities",
                                found=f"{len(self.probabilities)}")
        probs = []
        for i, p in enumerate(self.probabilities):
            if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p <= 1.0:
                raise ScenarioError("an alternative's probability must lie in [0, 1]",
                                    key=f"{self.path}[{i}].p", expected="a number in [0, 1]",
                                    found=repr(p))
            probs.append(float(p))
        if abs(sum(probs) - 1.0) > PROB_TOL:
            raise ScenarioError("the alternatives' probabilities must sum to 1", key=self.path,
                                expected="probabilities summing to 1",
                                found=f"sum {sum(probs):g}",
                                hint="add the missing alternative or rescale the p values")
        labels = tuple(self.labels) or tuple(_describe(v) for v in values)
        if len(labels) != len(values):
            raise ScenarioError("one label per alternative", key=self.path,
                                expected=f"{len(values)} labels", found=f"{len(labels)}")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "probabilities", tuple(probs))
        object.__setattr__(self, "labels", labels)

    @property
    def field(self) -> str:
        """``"hard"``, ``"when"`` or ``"trigger"``."""
        return parse_structural_path(self.path)[0]

    @property
    def point_index(self) -> int:
        """The most probable alternative (the first on a tie): what the point model holds."""
        best = max(self.probabilities)
        return self.probabilities.index(best)

    def describe(self) -> str:
        """E.g. ``red line 80% / soft 20%``."""
        return " / ".join(f"{lab} {p:.0%}" for lab, p in zip(self.labels, self.probabilities))


def hard_choice(path: str, probability: float) -> StructuralChoice:
    """The choice of ``hard = probability``: a red line with that probability, else soft."""
    p = float(probability)
    return StructuralChoice(path, (True, False), (p, round(1.0 - p, 12)))


def apply_structure(scenario: Any, picks: Mapping[str, int] | Sequence[int]) -> Any:
    """The variant of ``scenario`` with the alternatives picked (index per structural path).

    ``picks`` is a mapping path → alternative index, or one index per ``scenario.structural``
    entry in order.  The variant has no structural choices of its own (it is one draw's
    structure); its uncertain parameters are kept.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> s = s.with_changes(structural=(hard_choice("actors.A.demands[0].hard", 0.3),))
    >>> s.actor("A").demands[0].hard, apply_structure(s, [0]).actor("A").demands[0].hard
    (False, True)
    """
    choices = scenario.structural
    if not isinstance(picks, Mapping):
        picks = {c.path: int(i) for c, i in zip(choices, picks)}
    by_path = {c.path: c for c in choices}
    actors = {a.name: a for a in scenario.actors}
    levers = {lv.id: lv for lv in scenario.levers}
    for path, index in picks.items():
        choice = by_path.get(path)
        if choice is None:
            raise ScenarioError("not a structural choice of the scenario", key=path,
                                expected=f"one of {sorted(by_path)}", found=repr(path))
        if not 0 <= index < len(choice.values):
            raise ScenarioError("no such alternative", key=path,
                                expected=f"an index below {len(choice.values)}", found=str(index))
        value = choice.values[index]
        field, name, k = parse_structural_path(path)
        if field == "trigger":
            levers[name] = replace(levers[name], trigger=value)
            continue
        a = actors[name]
        ds = list(a.demands)
        ds[k] = replace(ds[k], **{field: value})  # type: ignore[index]
        actors[name] = replace(a, demands=tuple(ds))
    return scenario.with_changes(actors=tuple(actors[a.name] for a in scenario.actors),
                                 levers=tuple(levers[lv.id] for lv in scenario.levers),
                                 structural=())
