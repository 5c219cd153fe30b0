"""Writing an additive scenario as a GENIUS domain and one additive utility profile per actor.

GENIUS's additive profiles hold, per actor, one weight per issue and one evaluation per option;
they cannot hold red lines (vetoes), conditional demands, constraints between issues or levers
triggered by an outcome, so a scenario with any of these is refused with the reason.

Each issue becomes a discrete GENIUS issue whose items are the options (as text).  An actor's
utility is ``u(o) = Σ_i e_i(o)`` with ``e_i`` the weighted scores of its demands on issue ``i``;
GENIUS divides each issue's evaluations by their largest value, so the profile holds
``evaluation = e_i / m_i`` and ``weight = m_i / M`` (``m_i = max e_i``, ``M = Σ m_i``): the GENIUS
utility is ``u / M``, exactly negsim's when every issue's best option scores 1 (``M = 1``), and
otherwise negsim's scaled by ``1 / M`` (the Pareto frontier and the Nash point do not change; the
reservation is scaled alike).  :attr:`GeniusExport.scale` gives ``M`` per actor.

Examples
--------
>>> import negsim
>>> s = negsim.Scenario("t", issues=(negsim.Issue("w", ("a", "b"), "a"),),
...     actors=(negsim.Actor("A", (negsim.Demand("w", scores={"a": 0.5, "b": 0.25}),)),))
>>> out = to_genius(s)
>>> [f for f, _ in out.files], out.scale
(['domain.xml', 'A.xml'], (('A', 0.5),))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import numpy as np

from negsim.errors import ScenarioError
from negsim.model import Condition
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences, demand_scores
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["GeniusExport", "to_genius", "genius_refusal"]


@dataclass(frozen=True)
class GeniusExport:
    """The text of the GENIUS files of a scenario.

    Attributes
    ----------
    files : tuple of (file name, XML text)
        ``domain.xml`` first, then one profile per actor (``<actor>.xml``).
    scale : tuple of (actor, M)
        GENIUS utility = negsim utility / M (M = 1: identical).
    """

    files: tuple[tuple[str, str], ...]
    scale: tuple[tuple[str, float], ...]


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "x"


def _refusal(scenario: Scenario) -> tuple[str, str] | None:
    """(key path, reason) of the first thing GENIUS additive profiles cannot hold."""
    if scenario.constraints:
        return ("constraints", "constraints: a GENIUS domain is the full product of its issues "
                "and cannot forbid combinations")
    for a in scenario.actors:
        for k, d in enumerate(a.demands):
            where = f"actors.{a.name}.demands[{k}]"
            if d.hard:
                return (where, "a red line (hard = true): GENIUS additive profiles cannot veto "
                        "outcomes")
            if d.when:
                return (where, f"a conditional demand (when = {d.when.describe()}): GENIUS "
                        "additive profiles score each issue on its own")
        if not a.demands:
            return (f"actors.{a.name}", "an actor with no demands: a GENIUS profile needs a "
                    "positive weight")
    for k, lv in enumerate(scenario.levers):
        if isinstance(lv.trigger, Condition) and any(e != 0.0 for _, e in lv.effects):
            return (f"levers[{k}]", f"a lever triggered by an outcome ({lv.trigger.describe()}): "
                    "not additive per issue")
    return None


def genius_refusal(scenario: Scenario) -> str | None:
    """Why the scenario cannot be written as GENIUS additive profiles, or ``None`` if it can.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("w", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("w", want="b", hard=True),)),))
    >>> genius_refusal(s)
    'actors.A.demands[0]: a red line (hard = true): GENIUS additive profiles cannot veto outcomes'
    """
    why = _refusal(scenario)
    return None if why is None else f"{why[0]}: {why[1]}"


def _num(x: float) -> str:
    return repr(round(float(x), UTILITY_DECIMALS))


def _domain(scenario: Scenario) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<negotiation_template>",
             f'<utility_space number_of_issues="{len(scenario.issues)}">',
             f'  <objective index="0" etype="objective" type="objective" description="" '
             f'name={quoteattr(scenario.name)}>']
    for i, issue in enumerate(scenario.issues, start=1):
        lines.append(f'    <issue index="{i}" etype="discrete" type="discrete" vtype="discrete" '
                     f'name={quoteattr(issue.id)}>')
        for j, o in enumerate(issue.options, start=1):
            lines.append(f'      <item index="{j}" value={quoteattr(str(o))}/>')
        lines.append("    </issue>")
    lines += ["  </objective>", "</utility_space>", "</negotiation_template>", ""]
    return "\n".join(lines)


def to_genius(scenario: Scenario) -> GeniusExport:
    """The GENIUS domain and profiles of an additive scenario (see the module notes).

    Raises
    ------
    ScenarioError
        When :func:`genius_refusal` gives a reason.
    """
    why = _refusal(scenario)
    if why is not None:
        raise ScenarioError("cannot write GENIUS profiles", file=scenario.path, key=why[0],
                            expected="an additive scenario", found=why[1],
                            hint="export a configuration without red lines, conditional "
                                 "demands, constraints and outcome-triggered levers")
    models = build_preferences(scenario)
    files = [("domain.xml", _domain(scenario))]
    scales = []
    for actor, model in zip(scenario.actors, models):
        total = actor.total_weight
        evals = [np.zeros(len(i)) for i in scenario.issues]
        for d in actor.demands:
            evals[scenario.space.position[d.issue]] += d.weight / total * demand_scores(d, scenario.space)
        tops = [float(e.max()) for e in evals]
        m = sum(tops)
        if m <= 0:
            raise ScenarioError(f"actor {actor.name}'s demands score 0 on every outcome",
                                file=scenario.path, key=f"actors.{actor.name}.demands",
                                expected="some option scoring above 0", found="all 0")
        scales.append((actor.name, round(m, UTILITY_DECIMALS)))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<utility_space number_of_issues="{len(scenario.issues)}">',
                 f'  <objective index="0" etype="objective" type="objective" description="" '
                 f'name={quoteattr(scenario.name)}>']
        for i, (issue, e, top) in enumerate(zip(scenario.issues, evals, tops), start=1):
            lines.append(f'    <issue index="{i}" etype="discrete" type="discrete" '
                         f'vtype="discrete" name={quoteattr(issue.id)}>')
            for j, (o, v) in enumerate(zip(issue.options, e), start=1):
                ev = v / top if top > 0 else 1.0
                lines.append(f'      <item index="{j}" value={quoteattr(str(o))} '
                             f'evaluation="{_num(ev)}"/>')
            lines.append("    </issue>")
            lines.append(f'    <weight index="{i}" value="{_num(top / m)}"/>')
        lines.append("  </objective>")
        lines.append(f'  <discount_factor value="{_num(actor.patience)}"/>')
        lines.append(f'  <reservation value="{_num(model.reservation / m)}"/>')
        lines += ["</utility_space>", ""]
        files.append((f"{_safe(actor.name)}.xml", "\n".join(lines)))
    names = [f for f, _ in files]
    if len(set(names)) != len(names):
        raise ScenarioError("two actors give the same GENIUS file name", file=scenario.path,
                            key="actors", expected="names that differ after removing "
                            "punctuation", found=", ".join(names))
    return GeniusExport(tuple(files), tuple(scales))
