"""The parts of a scenario file beyond issues, actors, levers, proposals and observations:
distributions, structural alternatives, ``# judgement`` marks, questions, games, truces, the war
and the bargaining pair (used by :func:`negsim.loading.write.scenario_to_toml`)."""

from __future__ import annotations

from typing import Any

from negsim.model import Condition
from negsim.model.scenario import Scenario

__all__ = ["uncertain_tables", "structural_keys", "write_tail"]


def condition_table(c: Condition) -> dict[str, Any]:
    """A condition as the table a scenario file gives it (``{issue = option(s)}``)."""
    return {i: (opts[0] if len(opts) == 1 else list(opts)) for i, opts in c.terms}


def uncertain_tables(scenario: Scenario) -> dict[str, dict[str, Any]]:
    """Parameter path → the distribution table written in the value's place."""
    return {p.path: p.distribution.to_table() for p in scenario.uncertain}


def structural_keys(scenario: Scenario) -> dict[str, tuple[str, Any]]:
    """Structural path (``….hard``, ``….when``, ``levers.ID.trigger``) → (key, value) to write."""
    out: dict[str, tuple[str, Any]] = {}
    for c in scenario.structural:
        field = c.path.rsplit(".", 1)[1]
        if field == "hard":  # hard = p: a red line with probability p, else soft
            out[c.path] = ("hard", c.probabilities[c.values.index(True)])
            continue
        readings = []
        for k, (v, p) in enumerate(zip(c.values, c.probabilities)):
            r = {field: v if isinstance(v, str) else condition_table(v), "p": p}
            if c.labels:
                r["label"] = c.labels[k]
            readings.append(r)
        out[c.path] = (f"{field}_alternatives", readings)
    return out


def write_tail(w: Any, scenario: Scenario) -> None:
    """Write questions, games, truces, the war and the bargaining pair with writer ``w``."""
    for k, q in enumerate(scenario.questions):
        p = f"questions[{k}]"
        w.header("[[questions]]")
        for key in ("kind", "target", "parameter", "low", "high"):
            w.put(p, key, getattr(q, key))
        if q.threshold != 0.0:
            w.put(p, "threshold", q.threshold)
        w.put(p, "label", q.label)
    for k, g in enumerate(scenario.games):
        p = f"games[{k}]"
        w.header("[[games]]")
        for key in ("id", "kind", "label", "root", "source"):
            w.put(p, key, getattr(g, key))
        if g.kind == "normal_form":
            w.put(p, "players", list(g.players))
            w.put(p, "strategies", {pl: list(s) for pl, s in g.strategies})
            w.put(p, "payoffs", {pl: _nested(t) for pl, t in g.payoffs})
        if g.repeated is not None:
            w.header("[games.repeated]")
            for key in ("patience", "rounds"):
                w.put(f"{p}.repeated", key, getattr(g.repeated, key))
            if g.repeated.continuation != 1.0:
                w.put(f"{p}.repeated", "continuation", g.repeated.continuation)
        for j, n in enumerate(g.nodes):
            q = f"{p}.nodes[{j}]"
            w.header("[[games.nodes]]")
            for key in ("id", "label", "player", "threat", "info_set", "outcome"):
                w.put(q, key, getattr(n, key))
            if n.actions:
                w.put(q, "actions", dict(n.actions))
            if n.probabilities:
                w.put(q, "probabilities", dict(n.probabilities))
            if n.levers:
                w.put(q, "levers", list(n.levers))
            if n.payoffs:
                w.put(q, "payoffs", dict(n.payoffs))
            if n.adjust:
                w.put(q, "adjust", dict(n.adjust))
    for k, t in enumerate(scenario.truces):
        p = f"truces[{k}]"
        w.header("[[truces]]")
        w.put(p, "proposal", t.proposal)
        w.put(p, "label", t.label)
        w.put(p, "detection", t.detection)
        if t.false_alarm != 0.0:
            w.put(p, "false_alarm", t.false_alarm)
        if t.count_in_verdicts:
            w.put(p, "count_in_verdicts", True)
        if t.hold_beliefs:
            w.put(p, "hold_belief", dict(t.hold_beliefs))
        if t.verification_issue is not None:
            w.put(p, "verification", {"issue": t.verification_issue, "q": dict(t.verification)})
        if t.issues:
            w.put(p, "issues", list(t.issues))
        if t.parties:
            w.put(p, "parties", list(t.parties))
    if scenario.war is not None:
        war = scenario.war
        w.header("[war]")
        w.put("war", "actors", list(war.actors))
        w.put("war", "p", war.p)
        w.put("war", "costs", dict(war.costs))
        w.put("war", "p_after", war.p_after)
    if scenario.bargaining:
        w.header("[bargaining]")
        w.put("bargaining", "actors", list(scenario.bargaining))


def _nested(table: Any) -> Any:
    if isinstance(table, (list, tuple)):
        return [_nested(v) for v in table]
    return float(table) if not isinstance(table, (int, float)) else table
