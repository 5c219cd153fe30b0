"""Writing a :class:`~negsim.Scenario` back to a TOML scenario file.

The file is self-contained (no ``extends``): every issue, actor, demand, lever, proposal,
observation, distribution (in the value's place), structural alternative (``hard = p``,
``when_alternatives``, ``trigger_alternatives``), ``# judgement`` mark, question, game, truce, the
war and the bargaining pair is written out, so that ``load_scenario`` of the file gives back an
equal scenario (every field but ``path``).  What cannot be written faithfully is refused with a
located :class:`~negsim.errors.ScenarioError` instead of dropped.
A comment can be attached to any key by its key path (``actors.Russia.demands[0].weight``); it is
written after the value on the same line.

Only the small part of TOML the scenario format uses is written: strings, integers, floats,
booleans, arrays of those, inline tables, tables and arrays of tables.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from negsim.errors import ScenarioError, one_line
from negsim.model import Condition
from negsim.model.scenario import Scenario
from negsim.loading.write_more import structural_keys, uncertain_tables, write_tail

__all__ = ["scenario_to_toml", "toml_value", "toml_key"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment(text: str) -> str:
    """Comment text TOML accepts: control characters (but tab) written as escapes."""
    return one_line(text)


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare if it can be, else a quoted string.

    Examples
    --------
    >>> toml_key("Russia"), toml_key("European mediators"), toml_key("30")
    ('Russia', '"European mediators"', '30')
    """
    return key if _BARE.fullmatch(key) else _string(key)


def toml_value(value: Any) -> str:
    """A value as TOML text (strings, numbers, booleans, lists, and mappings as inline tables).

    Examples
    --------
    >>> toml_value(["a", 1, 0.5, True]), toml_value({"x": 'say "no"'})
    ('["a", 1, 0.5, true]', '{ x = "say \\\\"no\\\\"" }')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML scenario files hold finite numbers only, not {value!r}")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(str(k))} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _condition(c: Condition) -> dict[str, Any]:
    return {i: (opts[0] if len(opts) == 1 else list(opts)) for i, opts in c.terms}


def _options(opts: tuple[Any, ...]) -> Any:
    return opts[0] if len(opts) == 1 else list(opts)


class _Writer:
    def __init__(self, comments: Mapping[str, str], scenario: Scenario) -> None:
        self.lines: list[str] = []
        self.comments = dict(comments)
        self.judged = scenario.judged
        self.file = scenario.path or None
        for path in scenario.judged:  # the loader reads the mark back from the comment
            note = self.comments.get(path)
            self.comments[path] = "judgement" + (f"; {note}" if note else "")
        self.dists = uncertain_tables(scenario)
        self.structural = structural_keys(scenario)
        self.alias: dict[str, str] = {}  # writer path -> parameter path (levers by index)

    def _judge_effects(self, param: str, effects: dict[str, Any]) -> None:
        """One ``# judgement`` on an effects line marks every plain number in it (the loader's
        rule), so the marks must cover all of them or none."""
        plain = {f"{param}.{a}" for a, v in effects.items() if not isinstance(v, dict)}
        judged = plain & set(self.judged)
        if judged and judged != plain:
            raise ScenarioError("a judgement mark on some but not all effects of a lever cannot "
                                "be written (one comment marks the whole effects line)",
                                key=param, expected=f"all of {sorted(plain)} judged, or none",
                                found=f"only {sorted(judged)}", file=self.file,
                                hint="give the other effects a source or mark them judged too")
        if judged:
            self.comments[param] = "judgement"

    def header(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def put(self, path: str, key: str, value: Any) -> None:
        full = f"{path}.{key}" if path else key
        param = self.alias.get(full, full)
        if param in self.structural:
            key, value = self.structural[param]
        elif isinstance(value, dict) and key == "effects":
            value = {a: self.dists.get(f"{param}.{a}", v) for a, v in value.items()}
            self._judge_effects(param, value)
        else:
            value = self.dists.get(param, value)
        if value is None or (isinstance(value, str) and not value):
            return
        line = f"{toml_key(key)} = {toml_value(value)}"
        note = self.comments.get(full) or self.comments.get(param)
        if note:
            line += "  # " + _comment(" ".join(note.splitlines()))
        self.lines.append(line)


def scenario_to_toml(scenario: Scenario, comments: Mapping[str, str] | None = None,
                     preamble: str = "") -> str:
    """The scenario as the text of a self-contained scenario file.

    Parameters
    ----------
    scenario : Scenario
    comments : mapping key path → text, optional
        A comment written after the value of that key (e.g. ``actors.A.demands[0].weight``).
    preamble : str
        Comment lines written at the top of the file.

    Examples
    --------
    >>> import negsim, tomllib
    >>> s = negsim.examples.toy_scenario(weight=2.0)
    >>> text = scenario_to_toml(s, {"actors.A.demands[0].weight": "fitted"})
    >>> tomllib.loads(text)["actors"]["A"]["demands"][0]["weight"]
    2.0
    >>> negsim.scenario_from_dict(tomllib.loads(text)) == s
    True
    """
    w = _Writer(comments or {}, scenario)
    for line in preamble.splitlines():
        w.lines.append(f"# {_comment(line)}".rstrip())
    w.header("[scenario]")
    w.put("scenario", "name", scenario.name)
    w.put("scenario", "date", scenario.date)
    w.put("scenario", "summary", scenario.summary)
    w.header("[analysis]")
    w.put("analysis", "seed", scenario.seed)
    w.put("analysis", "cloud_size", scenario.cloud_size)
    for k, i in enumerate(scenario.issues):
        p = f"issues[{k}]"
        w.header("[[issues]]")
        w.put(p, "id", i.id)
        w.put(p, "label", i.label)
        w.put(p, "description", i.description)
        w.put(p, "options", list(i.options))
        w.put(p, "ordered", i.ordered)
        w.put(p, "status_quo", i.status_quo)
    for k, c in enumerate(scenario.constraints):
        w.header("[[constraints]]")
        w.put(f"constraints[{k}]", "forbid", _condition(c.forbid))
        w.put(f"constraints[{k}]", "reason", c.reason)
    for a in scenario.actors:
        p = f"actors.{a.name}"
        w.header(f"[actors.{toml_key(a.name)}]")
        w.put(p, "label", a.label)
        w.put(p, "power", a.power)
        w.put(p, "patience", a.patience)
        w.put(p, "reservation", a.reservation)
        w.put(p, "color", a.color)
        for k, d in enumerate(a.demands):
            q = f"{p}.demands[{k}]"
            w.header(f"[[actors.{toml_key(a.name)}.demands]]")
            w.put(q, "issue", d.issue)
            if d.want is not None:
                w.put(q, "want", _options(d.want))
            if d.avoid is not None:
                w.put(q, "avoid", _options(d.avoid))
            if d.scores is not None:
                w.put(q, "scores", {str(o): s for o, s in d.scores})
            w.put(q, "weight", d.weight)
            w.put(q, "hard", d.hard)
            if d.when:
                w.put(q, "when", _condition(d.when))
            w.put(q, "label", d.label)
            w.put(q, "source", d.source)
            w.put(q, "quote", d.quote)
    for k, lv in enumerate(scenario.levers):
        p = f"levers[{k}]"
        for f in ("trigger", "credibility", "effects"):
            w.alias[f"{p}.{f}"] = f"levers.{lv.id}.{f}"
        w.header("[[levers]]")
        w.put(p, "id", lv.id)
        w.put(p, "label", lv.label)
        w.put(p, "by", lv.by)
        w.put(p, "trigger", lv.trigger if isinstance(lv.trigger, str) else _condition(lv.trigger))
        w.put(p, "credibility", {"from_game": lv.from_game} if lv.from_game else lv.credibility)
        w.put(p, "effects", dict(lv.effects))
        w.put(p, "source", lv.source)
        w.put(p, "quote", lv.quote)
    for k, pr in enumerate(scenario.proposals):
        p = f"proposals[{k}]"
        w.header("[[proposals]]")
        w.put(p, "id", pr.id)
        w.put(p, "label", pr.label)
        w.put(p, "by", pr.by)
        w.put(p, "terms", dict(pr.terms))
        w.put(p, "date", pr.date)
        w.put(p, "source", pr.source)
        w.put(p, "quote", pr.quote)
    for k, o in enumerate(scenario.observations):
        p = f"observations[{k}]"
        w.header("[[observations]]")
        w.put(p, "actor", o.actor)
        w.put(p, "proposal", o.proposal)
        w.put(p, "response", o.response)
        w.put(p, "date", o.date)
        w.put(p, "must_match", o.must_match)
        w.put(p, "note", o.note)
        w.put(p, "source", o.source)
        w.put(p, "quote", o.quote)
    write_tail(w, scenario)
    return "\n".join(w.lines) + "\n"
