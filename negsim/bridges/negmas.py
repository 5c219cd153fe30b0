"""``negsim.to_negmas``: an additive scenario as a NegMAS outcome space and utility functions.

NegMAS (the optional extra ``negsim[negmas]``) negotiates over a Cartesian outcome space with one
utility function per agent.  An additive scenario (no red lines, conditional demands, constraints
or outcome-triggered levers: the same rule as the GENIUS export) maps exactly: one NegMAS issue
per negsim issue (its options as values, in order) and, per actor, a
``LinearAdditiveUtilityFunction`` whose weight on issue ``i`` is the share ``W_i`` of the actor's
demand weight on that issue and whose value table is the weighted mean score ``e_i / W_i`` of
those demands, so that ``ufun(outcome)`` is negsim's utility; the reserved value is negsim's
reservation (levers pulled on no deal included).  Patience is not carried over: NegMAS discounts
by wrapping a ufun (``ExpDiscountedUFun``), which the user can add.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from negsim.bridges.genius_export import _refusal
from negsim.errors import NegsimError, ScenarioError
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences, demand_scores

__all__ = ["NegmasBridge", "to_negmas", "additive_tables"]

MISSING = 'negsim.to_negmas needs negmas: pip install "negsim[negmas]" (or pip install negmas)'


@dataclass(frozen=True)
class NegmasBridge:
    """What :func:`to_negmas` builds.

    Attributes
    ----------
    outcome_space : negmas outcome space
    issues : tuple of negmas issues
    ufuns : tuple of LinearAdditiveUtilityFunction, one per actor in the scenario's order
    actors : tuple of str
    """

    outcome_space: Any
    issues: tuple[Any, ...]
    ufuns: tuple[Any, ...]
    actors: tuple[str, ...]

    def ufun(self, actor: str) -> Any:
        """The utility function of one actor."""
        return self.ufuns[self.actors.index(actor)]


def additive_tables(scenario: Scenario) -> list[tuple[str, list[float], list[dict], float]]:
    """Per actor: (name, issue weights W_i, value tables {option: e_i / W_i}, reservation).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("w", ("a", "b"), "a"),
    ...                                  negsim.Issue("x", ("c", "d"), "c")),
    ...     actors=(negsim.Actor("A", (negsim.Demand("w", want="b", weight=3),
    ...                                negsim.Demand("x", want="c")), reservation=0.1),))
    >>> additive_tables(s)
    [('A', [0.75, 0.25], [{'a': 0.0, 'b': 1.0}, {'c': 1.0, 'd': 0.0}], 0.1)]
    """
    why = _refusal(scenario)
    if why is not None:
        raise ScenarioError("not an additive scenario", file=scenario.path, key=why[0],
                            expected="no red lines, conditional demands, constraints or "
                                     "outcome-triggered levers", found=why[1])
    out = []
    for actor, model in zip(scenario.actors, build_preferences(scenario)):
        total = actor.total_weight
        weights = [0.0] * len(scenario.issues)
        sums = [np.zeros(len(i)) for i in scenario.issues]
        for d in actor.demands:
            k = scenario.space.position[d.issue]
            weights[k] += d.weight / total
            sums[k] += d.weight / total * demand_scores(d, scenario.space)
        tables = [{o: (float(s[j] / w) if w > 0 else 0.0) for j, o in enumerate(issue.options)}
                  for issue, s, w in zip(scenario.issues, sums, weights)]
        out.append((actor.name, weights, tables, model.reservation))
    return out


def to_negmas(scenario: Scenario) -> NegmasBridge:
    """NegMAS's outcome space and linear-additive utility functions for an additive scenario.

    Raises
    ------
    NegsimError
        Without negmas (what to install), or for a scenario that is not additive (why).
    """
    try:
        outcomes = importlib.import_module("negmas.outcomes")
        prefs = importlib.import_module("negmas.preferences")
        value_fun = importlib.import_module("negmas.preferences.value_fun")
    except ImportError:
        raise NegsimError(MISSING) from None
    tables = additive_tables(scenario)
    issues = tuple(outcomes.make_issue(values=list(i.options), name=i.id) for i in scenario.issues)
    space = outcomes.make_os(issues, name=scenario.name)
    ufuns = tuple(
        prefs.LinearAdditiveUtilityFunction(
            values=[value_fun.TableFun(t) for t in tabs], weights=list(weights),
            outcome_space=space, reserved_value=float(reservation), name=name)
        for name, weights, tabs, reservation in tables)
    return NegmasBridge(space, issues, ufuns, tuple(t[0] for t in tables))
