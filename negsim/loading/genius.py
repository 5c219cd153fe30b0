"""Reading GENIUS / ANAC negotiation domains and additive utility profiles.

A GENIUS domain is a ``utility_space`` (often inside a ``negotiation_template``) holding an
``objective`` whose ``issue`` elements are *discrete* (``item`` children with a ``value``),
*integer* (``lowerbound`` / ``upperbound``) or *real* (bounds too).  A profile repeats the issues
with their evaluations and gives one ``weight`` per issue index, plus optional
``discount_factor`` and ``reservation`` elements.

The rules followed (GENIUS's additive utility space):

* a discrete item's evaluation is divided by the largest evaluation of its issue, so every issue's
  best item scores 1 (GENIUS's ``EvaluatorDiscrete``);
* an integer or real issue's ``linear`` evaluator scores ``offset + slope * x`` (real issues:
  ``parameter0 + parameter1 * x``), which must lie in [0, 1] at both bounds;
* utility = Σ weight · score; GENIUS requires the weights to sum to 1 and negsim divides by their
  sum, so the utilities are GENIUS's exactly when they do (weights of 0 drop the issue's term);
* ``discount_factor`` d in (0, 1) becomes the actor's patience; d = 1 (GENIUS's "no
  discounting") or no element leaves negsim's default patience, since patience must lie below 1;
* ``reservation`` becomes the actor's reservation utility; without one it is 0, GENIUS's default;
* real issues are discretised into ``real_steps`` evenly spaced points (the step is written in
  the issue's description);
* GENIUS has no status quo, negsim needs one: each issue's first option is taken.  Every
  actor's reservation is explicit, so it sets no utility, but negsim does not count the no-deal
  outcome (all first options) as a deal: it is left out of the acceptable set and the frontier.

The XML is parsed with :mod:`xml.etree.ElementTree` after refusing any ``DOCTYPE`` or ``ENTITY``
declaration, so no entity is ever expanded and nothing outside the file is read.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "dom.xml").write_text('<utility_space><objective name="r"><issue name="food" '
...     'type="discrete"><item value="chips"/><item value="cake"/></issue></objective></utility_space>')
>>> _ = (d / "a.xml").write_text('<utility_space><objective name="r"><issue index="1" name="food" '
...     'type="discrete"><item value="chips" evaluation="2"/><item value="cake" evaluation="4"/>'
...     '</issue><weight index="1" value="1"/></objective><reservation value="0.2"/></utility_space>')
>>> s = load_genius(d / "dom.xml", d / "a.xml")
>>> s.actors[0].demands[0].scores, s.actors[0].reservation
((('chips', 0.5), ('cake', 1.0)), 0.2)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from negsim.errors import ArgumentError, ScenarioError
from negsim.model import Actor, Demand, Issue
from negsim.model.scenario import Scenario
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["load_genius", "parse_genius_xml", "GeniusIssue"]

_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_genius_xml(path: str | Path) -> ET.Element:
    """The root element of an XML file, refusing DOCTYPE and ENTITY declarations.

    Raises
    ------
    ScenarioError
        Located at the file (and line and column for malformed XML).
    """
    path = Path(path)
    data = path.read_bytes()
    if _FORBIDDEN.search(data):
        raise ScenarioError("DOCTYPE and ENTITY declarations are refused", file=str(path),
                            key="<!DOCTYPE>", expected="plain XML without a document type",
                            found="a DOCTYPE or ENTITY declaration",
                            hint="delete the <!DOCTYPE ...> / <!ENTITY ...> lines")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise ScenarioError("not well-formed XML", file=str(path), key=f"line {line}, column {col}",
                            expected="well-formed XML", found=str(exc).split(":")[0],
                            hint="fix the markup at that position") from None


@dataclass(frozen=True)
class GeniusIssue:
    """One issue of a GENIUS domain: its name, GENIUS index, type and options."""

    name: str
    index: str
    kind: str  # "discrete", "integer" or "real"
    options: tuple[str | int | float, ...]
    path: str


def _attr(el: ET.Element, name: str, file: str, where: str, *, number: bool = False,
          default: str | None = None) -> str:
    value = el.get(name, default)
    if value is None:
        raise ScenarioError(f"missing attribute {name!r}", file=file, key=f"{where}@{name}",
                            expected=f"a {name}=\"...\" attribute", found="none",
                            hint=f"add {name}=\"...\" to <{el.tag}>")
    if number:
        try:
            float(value)
        except ValueError:
            raise ScenarioError(f"{name} is not a number", file=file, key=f"{where}@{name}",
                                expected="a number", found=repr(value)) from None
    return value


def _utility_space(root: ET.Element, file: str) -> tuple[ET.Element, str]:
    if root.tag == "utility_space":
        return root, "utility_space"
    us = root.find("utility_space")
    if us is None:
        raise ScenarioError("no utility_space element", file=file, key=root.tag,
                            expected="<utility_space> (or <negotiation_template><utility_space>)",
                            found=f"<{root.tag}>")
    return us, f"{root.tag}/utility_space"


def _issues(us: ET.Element, top: str, file: str) -> list[tuple[ET.Element, str]]:
    obj = us.find("objective")
    if obj is None:
        raise ScenarioError("no objective element", file=file, key=top,
                            expected="<objective> holding the <issue> elements", found="none")
    found = [(el, f"{top}/objective/issue[{k + 1}]") for k, el in enumerate(obj.iter("issue"))]
    if not found:
        raise ScenarioError("the objective has no issues", file=file, key=f"{top}/objective",
                            expected="one or more <issue> elements", found="none")
    return found


def _kind(el: ET.Element, file: str, where: str) -> str:
    kind = (el.get("type") or el.get("etype") or el.get("vtype") or "").lower()
    if kind not in ("discrete", "integer", "real"):
        raise ScenarioError("unknown issue type", file=file, key=f"{where}@type",
                            expected="discrete, integer or real", found=repr(kind or None))
    return kind


def _domain_issues(root: ET.Element, file: str, real_steps: int) -> list[GeniusIssue]:
    us, top = _utility_space(root, file)
    out = []
    for el, where in _issues(us, top, file):
        name = _attr(el, "name", file, where)
        kind = _kind(el, file, where)
        options: tuple[str | int | float, ...]
        if kind == "discrete":
            items = el.findall("item")
            if len(items) < 2:
                raise ScenarioError("a discrete issue needs two or more items", file=file,
                                    key=where, expected="two or more <item value=...>",
                                    found=f"{len(items)} item(s)")
            options = tuple(_attr(it, "value", file, f"{where}/item[{k + 1}]")
                            for k, it in enumerate(items))
        else:
            lo = float(_attr(el, "lowerbound", file, where, number=True))
            hi = float(_attr(el, "upperbound", file, where, number=True))
            if not hi > lo:
                raise ScenarioError("the upper bound must exceed the lower bound", file=file,
                                    key=f"{where}@upperbound", expected=f"a number > {lo:g}",
                                    found=f"{hi:g}")
            if kind == "integer":
                if not (lo.is_integer() and hi.is_integer()):
                    raise ScenarioError("integer bounds must be whole numbers", file=file,
                                        key=f"{where}@lowerbound", expected="whole numbers",
                                        found=f"{lo:g}..{hi:g}")
                options = tuple(range(int(lo), int(hi) + 1))
            else:
                options = Issue.numeric_range(name, lo, hi, real_steps).options
        out.append(GeniusIssue(name, el.get("index", str(len(out) + 1)), kind, options, where))
    return out


def _scores(issue: GeniusIssue, el: ET.Element, file: str, where: str) -> tuple[tuple, ...]:
    if issue.kind == "discrete":
        evals: dict[str, float] = {}
        for k, it in enumerate(el.findall("item")):
            iw = f"{where}/item[{k + 1}]"
            value = _attr(it, "value", file, iw)
            if value not in issue.options:
                raise ScenarioError("an item the domain does not list", file=file, key=f"{iw}@value",
                                    expected=f"one of {list(issue.options)}", found=repr(value))
            e = float(_attr(it, "evaluation", file, iw, number=True))
            if e < 0:
                raise ScenarioError("an evaluation must not be negative", file=file,
                                    key=f"{iw}@evaluation", expected="a number >= 0", found=f"{e:g}")
            evals[value] = e
        top = max(evals.values(), default=0.0)
        if top <= 0:
            raise ScenarioError("no item has a positive evaluation", file=file, key=where,
                                expected="at least one <item evaluation> > 0", found="none")
        return tuple((o, evals.get(str(o), 0.0) / top) for o in issue.options)
    ev = el.find("evaluator")
    if ev is None or (ev.get("ftype") or "").lower() != "linear":
        raise ScenarioError("an integer or real issue needs a linear evaluator", file=file,
                            key=f"{where}/evaluator", expected='<evaluator ftype="linear" ...>',
                            found="none" if ev is None else repr(ev.get("ftype")))
    a, b = ("offset", "slope") if issue.kind == "integer" else ("parameter0", "parameter1")
    offset = float(_attr(ev, a, file, f"{where}/evaluator", number=True))
    slope = float(_attr(ev, b, file, f"{where}/evaluator", number=True))
    out = []
    for o in issue.options:
        s = offset + slope * float(o)
        if not 0.0 <= round(s, UTILITY_DECIMALS) <= 1.0:
            raise ScenarioError("a linear evaluation must lie in [0, 1] on the issue's range",
                                file=file, key=f"{where}/evaluator", expected="a value in [0, 1]",
                                found=f"{s:g} at {o}")
        out.append((o, min(1.0, max(0.0, round(s, UTILITY_DECIMALS)))))
    return tuple(out)


def _actor(path: Path, name: str, issues: list[GeniusIssue]) -> Actor:
    file = str(path)
    us, top = _utility_space(parse_genius_xml(path), file)
    by_name = {i.name: i for i in issues}
    obj_path = f"{top}/objective"
    weights: dict[str, float] = {}
    obj = us.find("objective")
    for k, w in enumerate(obj.iter("weight") if obj is not None else ()):
        ww = f"{obj_path}/weight[{k + 1}]"
        weights[_attr(w, "index", file, ww)] = float(_attr(w, "value", file, ww, number=True))
    demands = []
    seen = set()
    for el, where in _issues(us, top, file):
        iname = _attr(el, "name", file, where)
        if iname not in by_name:
            raise ScenarioError("an issue the domain does not have", file=file, key=f"{where}@name",
                                expected=f"one of {list(by_name)}", found=repr(iname))
        issue = by_name[iname]
        seen.add(iname)
        index = el.get("index", issue.index)
        if index not in weights:
            raise ScenarioError("the issue has no weight", file=file, key=f"{obj_path}/weight",
                                expected=f'<weight index="{index}" value="...">', found="none")
        w = weights[index]
        if w < 0:
            raise ScenarioError("a weight must not be negative", file=file,
                                key=f"{obj_path}/weight[index={index}]", expected="a number >= 0",
                                found=f"{w:g}")
        scores = _scores(issue, el, file, where)
        if w > 0:
            demands.append(Demand(iname, scores=scores, weight=w, label=f"{iname} ({issue.kind})",
                                  source=path.name))
    missing = [i.name for i in issues if i.name not in seen]
    if missing:
        raise ScenarioError("the profile lacks issues of the domain", file=file, key=obj_path,
                            expected=f"an <issue> for each of {[i.name for i in issues]}",
                            found=f"none for {missing}")
    if not demands:
        raise ScenarioError("every weight is 0", file=file, key=f"{obj_path}/weight",
                            expected="at least one weight > 0", found="all 0")
    patience = None
    df = us.find("discount_factor")
    if df is not None:
        d = float(_attr(df, "value", file, f"{top}/discount_factor", number=True))
        if not 0.0 < d <= 1.0:
            raise ScenarioError("a discount factor lies in (0, 1]", file=file,
                                key=f"{top}/discount_factor@value", expected="a number in (0, 1]",
                                found=f"{d:g}")
        patience = d if d < 1.0 else None
    res = us.find("reservation")
    reservation = 0.0 if res is None else float(
        _attr(res, "value", file, f"{top}/reservation", number=True))
    kw = {"patience": patience} if patience is not None else {}
    return Actor(name, tuple(demands), reservation=reservation, **kw)


def load_genius(domain_xml: str | Path, *profile_xmls: str | Path, names: tuple[str, ...] = (),
                real_steps: int = 11, name: str | None = None) -> Scenario:
    """A scenario from a GENIUS domain and one additive profile per actor.

    Parameters
    ----------
    domain_xml : path
        The domain (``utility_space`` with its ``objective`` and ``issue`` elements).
    *profile_xmls : paths
        One utility profile per actor (two or more for a negotiation).
    names : tuple of str, optional
        Actor names; by default each profile's file name without ``.xml``.
    real_steps : int
        Points a real-valued issue is discretised into (its step is (high - low) / (steps - 1)).
    name : str, optional
        The scenario's name; by default the domain file's name without ``.xml``.

    Returns
    -------
    Scenario
        Issues from the domain, one actor per profile with one ``scores`` demand per issue (see
        the module's notes for the rules).
    """
    if not profile_xmls:
        raise ArgumentError("load_genius needs at least one profile XML after the domain")
    if isinstance(real_steps, bool) or not isinstance(real_steps, int) or real_steps < 2:
        raise ArgumentError(f"real_steps must be an integer >= 2, not {real_steps!r}")
    if names and len(names) != len(profile_xmls):
        raise ArgumentError(f"{len(names)} names for {len(profile_xmls)} profiles")
    domain_path = Path(domain_xml)
    gissues = _domain_issues(parse_genius_xml(domain_path), str(domain_path), real_steps)
    issues = []
    for g in gissues:
        desc = f"GENIUS {g.kind} issue {g.index} of {domain_path.name}"
        if g.kind == "real":
            step = (float(g.options[-1]) - float(g.options[0])) / (len(g.options) - 1)
            desc += f", discretised into {len(g.options)} points (step {step:g})"
        issues.append(Issue(g.name, g.options, g.options[0], ordered=g.kind != "discrete",
                            description=desc))
    actor_names = names or tuple(Path(p).stem for p in profile_xmls)
    actors = tuple(_actor(Path(p), n, gissues) for p, n in zip(profile_xmls, actor_names))
    return Scenario(name or domain_path.stem, tuple(issues), actors,
                    summary=f"Imported from the GENIUS domain {domain_path.name}.")
