"""Parse the ``[[games]]``, ``[[truces]]`` and ``[war]`` tables into model objects.

The format is described in :mod:`negsim.model.specs`.
"""

from __future__ import annotations

import math
from typing import Any

from negsim.errors import ScenarioError, did_you_mean
from negsim.model.specs import (MAX_TREE_DEPTH, MAX_TREE_NODES, GameSpec, NodeSpec, RepeatedSpec,
                               TruceSpec, WarSpec)
from negsim.limits import MAX_MAGNITUDE
from negsim.tolerances import PROB_TOL

__all__ = ["game_spec", "truce_spec", "war_spec"]

_KINDS = ("normal_form", "sequential")


def _prob(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0.0 <= value <= 1.0:
        raise ScenarioError("not a probability", key=key, expected="a number in [0, 1]",
                            found=repr(value))
    return float(value)


def _shape(value: Any) -> tuple[int, ...] | None:
    """The shape of a rectangular nested list of finite numbers, or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return () if math.isfinite(value) else None
    if not isinstance(value, list) or not value:
        return None
    shapes = {_shape(v) for v in value}
    if len(shapes) != 1 or None in shapes:
        return None
    return (len(value), *shapes.pop())


def _finite(v: object) -> bool:
    """Whether ``v`` is a number (not a bool) within ±MAX_MAGNITUDE."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) \
        and abs(v) <= MAX_MAGNITUDE  # False for nan and inf; exact for huge ints


def _node(t: dict[str, Any], key: str) -> NodeSpec:
    actions = t.get("actions", {})
    if any(not isinstance(v, str) for v in actions.values()):
        raise ScenarioError("an action leads to a node id", key=f"{key}.actions",
                            expected="action = \"node id\"", found=repr(actions))
    leaf_keys = [k for k in ("outcome", "levers", "payoffs", "adjust") if k in t]
    if actions and leaf_keys:
        raise ScenarioError("a node either has actions or ends the game", key=f"{key}.{leaf_keys[0]}",
                            expected="actions (a move) or outcome/levers/payoffs (a leaf)",
                            found="both")
    if not actions and "outcome" not in t and "payoffs" not in t:
        raise ScenarioError("a leaf needs an outcome or payoffs", key=key,
                            expected="outcome = \"proposal id\" or \"no_deal\", or payoffs = {...}",
                            found="neither", hint="a move needs actions = { action = \"node id\" }")
    if "outcome" in t and "payoffs" in t:
        raise ScenarioError("a leaf has either an outcome or explicit payoffs", key=f"{key}.payoffs",
                            expected="one of outcome, payoffs", found="both")
    probs = t.get("probabilities", {})
    if actions and "player" not in t and not probs:
        raise ScenarioError("a move needs a player (or probabilities, for a move of chance)",
                            key=key, expected="player = \"actor\"", found="nothing")
    if probs:
        if "player" in t:
            raise ScenarioError("a chance node has no player", key=f"{key}.player",
                                expected="player or probabilities", found="both")
        if set(probs) != set(actions):
            raise ScenarioError("a chance node needs a probability for each action",
                                key=f"{key}.probabilities", expected=f"keys {sorted(actions)}",
                                found=f"keys {sorted(probs)}")
        for a, p in probs.items():
            _prob(p, f"{key}.probabilities.{a}")
        if abs(sum(probs.values()) - 1.0) > PROB_TOL:
            raise ScenarioError("chance probabilities must sum to 1", key=f"{key}.probabilities",
                                expected="sum 1", found=f"sum {sum(probs.values()):g}")
    adjust = t.get("adjust", {})
    if adjust and "outcome" not in t:
        raise ScenarioError("adjust changes the model's payoffs of an outcome",
                            key=f"{key}.adjust", expected="a leaf with outcome = \"...\"",
                            found="a leaf with explicit payoffs" if "payoffs" in t else "no outcome")
    info_set = t.get("info_set", "")
    if not isinstance(info_set, str):
        raise ScenarioError("an information set is named by a string", key=f"{key}.info_set",
                            expected="info_set = \"ID\"", found=repr(info_set))
    if info_set and (not actions or probs):
        raise ScenarioError("only a player's move belongs to an information set",
                            key=f"{key}.info_set", expected="a node with player and actions",
                            found="a leaf" if not actions else "a chance node")
    for field, table in (("payoffs", t.get("payoffs", {})), ("adjust", adjust)):
        for k, v in table.items():
            if not _finite(v):
                raise ScenarioError("a payoff is a finite number", key=f"{key}.{field}.{k}",
                                    expected=f"a number within ±{MAX_MAGNITUDE:g} (MAX_MAGNITUDE)",
                                    found=repr(v))
    threat = t.get("threat")
    if threat is not None and threat not in actions:
        raise ScenarioError("the threat must be one of the node's actions", key=f"{key}.threat",
                            expected=f"one of {list(actions)}", found=repr(threat),
                            hint=did_you_mean(threat, actions))
    return NodeSpec(t["id"], t.get("player"), tuple(actions.items()),
                    tuple((a, float(probs[a])) for a in actions if a in probs), t.get("outcome"),
                    tuple(t.get("levers", ())),
                    tuple((k, float(v)) for k, v in t.get("payoffs", {}).items()), threat,
                    t.get("label", ""), info_set,
                    tuple((k, float(v)) for k, v in adjust.items()))


def game_spec(t: dict[str, Any]) -> GameSpec:
    """Build a :class:`GameSpec` from a ``[[games]]`` table (structure checks only).

    Examples
    --------
    >>> g = game_spec({"id": "g", "kind": "normal_form", "players": ["A", "B"],
    ...                "payoffs": {"A": [[1, 0], [0, 1]], "B": [[1, 0], [0, 1]]}})
    >>> g.strategies
    (('A', ('1', '2')), ('B', ('1', '2')))
    """
    kind = t.get("kind", "normal_form")
    if kind not in _KINDS:
        raise ScenarioError("unknown kind of game", key="kind", expected=" or ".join(_KINDS),
                            found=repr(kind))
    if kind == "normal_form":
        if "repeated" in t:
            raise ScenarioError("repeated belongs to a sequential game", key="repeated",
                                expected="kind = \"sequential\"", found="kind = \"normal_form\"")
        return _normal_form(t)
    if "nodes" not in t or not t["nodes"]:
        raise ScenarioError("a sequential game needs nodes", key="nodes",
                            expected="[[games.nodes]] tables", found="none")
    for k in ("players", "strategies", "payoffs"):
        if k in t:
            raise ScenarioError(f"{k} belongs to a normal-form game", key=k,
                                expected="nodes only, for kind = \"sequential\"", found=k)
    nodes = tuple(_node(n, f"nodes[{i}]") for i, n in enumerate(t["nodes"]))
    ids = [n.id for n in nodes]
    for i, n in enumerate(nodes):
        if ids.index(n.id) != i:
            raise ScenarioError(f"duplicate node id {n.id!r}", key=f"nodes[{i}].id",
                                expected="unique node ids", found=f"{n.id!r} twice")
    for i, n in enumerate(nodes):
        for action, child in n.actions:
            if child not in ids:
                raise ScenarioError(f"unknown node id {child!r}", key=f"nodes[{i}].actions.{action}",
                                    expected=f"one of {ids}", found=repr(child),
                                    hint=did_you_mean(child, ids))
    _check_info_sets(nodes)
    root = t.get("root", ids[0])
    if root not in ids:
        raise ScenarioError(f"unknown root node {root!r}", key="root", expected=f"one of {ids}",
                            found=repr(root), hint=did_you_mean(root, ids))
    _check_acyclic(nodes, root)
    return GameSpec(t["id"], kind, t.get("label", ""), nodes=nodes, root=root,
                    source=t.get("source", ""), repeated=_repeated(t.get("repeated")))


def _repeated(t: Any) -> RepeatedSpec | None:
    if t is None:
        return None
    if not isinstance(t, dict) or set(t) - {"patience", "rounds", "continuation"}:
        raise ScenarioError("repeated gives the threatener's patience, the rounds to come and "
                            "the continuation probability", key="repeated",
                            expected="{ patience = 0.9, rounds = 10, continuation = 0.95 } "
                                     "(each optional)", found=repr(t)[:60])
    rounds = t.get("rounds")
    if rounds is not None and (isinstance(rounds, bool) or not isinstance(rounds, int)
                               or rounds < 0):
        raise ScenarioError("rounds is a whole number", key="repeated.rounds",
                            expected="an integer >= 0 (omit it for no last round)",
                            found=repr(rounds))
    patience = _prob(t["patience"], "repeated.patience") if "patience" in t else None
    cont = _prob(t.get("continuation", 1.0), "repeated.continuation")
    if rounds is None and cont == 1.0 and patience == 1.0:
        raise ScenarioError("a game repeated without end needs some discount", key="repeated",
                            expected="patience or continuation below 1, or rounds = N",
                            found="patience 1, continuation 1, no last round")
    return RepeatedSpec(patience, rounds, cont)


def _check_info_sets(nodes: tuple[NodeSpec, ...]) -> None:
    """The nodes of an information set have one player and the same actions (in any order)."""
    first: dict[str, tuple[int, NodeSpec]] = {}
    ids = {n.id for n in nodes}
    for i, n in enumerate(nodes):
        if not n.info_set:
            continue
        if n.info_set in ids and n.info_set != n.id:
            raise ScenarioError(f"information set {n.info_set!r} has the name of another node",
                                key=f"nodes[{i}].info_set",
                                expected="a name that is not another node's id",
                                found=repr(n.info_set))
        if n.info_set not in first:
            first[n.info_set] = (i, n)
            continue
        j, m = first[n.info_set]
        if n.player != m.player:
            raise ScenarioError(f"the nodes of information set {n.info_set!r} need the same "
                                "player", key=f"nodes[{i}].player",
                                expected=f"{m.player!r} (as nodes[{j}])", found=repr(n.player))
        if sorted(a for a, _ in n.actions) != sorted(a for a, _ in m.actions):
            raise ScenarioError(f"the nodes of information set {n.info_set!r} need the same "
                                "actions", key=f"nodes[{i}].actions",
                                expected=f"{sorted(a for a, _ in m.actions)} (as nodes[{j}])",
                                found=repr(sorted(a for a, _ in n.actions)),
                                hint="a player who cannot tell the nodes apart has the same "
                                     "choices at each")


def _check_acyclic(nodes: tuple[NodeSpec, ...], root: str) -> None:
    """No cycle anywhere among the nodes (reachable from the root or not), and the tree from the
    root within :data:`MAX_TREE_DEPTH` moves and :data:`MAX_TREE_NODES` nodes.  Iterative: a
    long line of moves or a large tree cannot exhaust the recursion limit here."""
    by_id = {n.id: n for n in nodes}
    state: dict[str, int] = {}
    depth: dict[str, int] = {}  # longest play below a node, in moves
    size: dict[str, int] = {}  # nodes below it (itself included), shared nodes copied out
    for start in [root] + [n.id for n in nodes]:
        if start in state:
            continue
        trail = [start]
        stack = [(start, iter(by_id[start].actions))]
        state[start] = 1
        while stack:
            node_id, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                stack.pop()
                trail.pop()
                state[node_id] = 2
                kids = [c for _, c in by_id[node_id].actions]
                depth[node_id] = 1 + max((depth[c] for c in kids), default=-1)
                size[node_id] = min(1 + sum(size[c] for c in kids), MAX_TREE_NODES + 1)
                continue
            child = nxt[1]
            if state.get(child) == 1:
                cut = trail[trail.index(child):]
                raise ScenarioError("the game's nodes form a cycle", key="nodes",
                                    expected="a tree (no node reachable from itself)",
                                    found=" -> ".join((*cut, child)),
                                    hint="point one of these actions at a leaf")
            if child not in state:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(by_id[child].actions)))
    if depth[root] > MAX_TREE_DEPTH:
        raise ScenarioError("the game tree is too deep", key="nodes",
                            expected=f"at most {MAX_TREE_DEPTH} moves from the root to a leaf",
                            found=f"a play of {depth[root]} moves",
                            hint="shorten the line of moves (negsim.model.specs.MAX_TREE_DEPTH)")
    if size[root] > MAX_TREE_NODES:
        raise ScenarioError("the game tree is too large", key="nodes",
                            expected=f"at most {MAX_TREE_NODES:,} nodes once shared nodes are "
                                     "copied out",
                            found=f"more than {MAX_TREE_NODES:,}",
                            hint="fewer moves or fewer shared subtrees "
                                 "(negsim.model.specs.MAX_TREE_NODES)")


def _normal_form(t: dict[str, Any]) -> GameSpec:
    if "nodes" in t:
        raise ScenarioError("nodes belong to a sequential game", key="nodes",
                            expected="kind = \"sequential\"", found="kind = \"normal_form\"")
    if "payoffs" not in t:
        raise ScenarioError("a normal-form game needs payoffs", key="payoffs",
                            expected="payoffs = { player = [[...]] }", found="nothing")
    players = tuple(t.get("players", list(t["payoffs"])))
    if len(players) < 2 or len(set(players)) != len(players):
        raise ScenarioError("a normal-form game needs two or more distinct players", key="players",
                            expected="a list of distinct names", found=repr(list(players)))
    payoffs = t["payoffs"]
    if set(payoffs) != set(players):
        raise ScenarioError("payoffs must give a table for every player", key="payoffs",
                            expected=f"keys {sorted(players)}", found=f"keys {sorted(payoffs)}")
    shape = None
    for p in players:
        s = _shape(payoffs[p])
        if s is None or len(s) != len(players):
            raise ScenarioError("a payoff table must be a rectangular array of numbers, one "
                                "dimension per player", key=f"payoffs.{p}",
                                expected=f"a {len(players)}-dimensional nested list",
                                found=repr(payoffs[p])[:60])
        if shape is not None and s != shape:
            raise ScenarioError("every player's payoff table must have the same shape",
                                key=f"payoffs.{p}", expected=f"shape {shape}", found=f"shape {s}")
        shape = s
    assert shape is not None
    given = t.get("strategies", {})
    unknown = [k for k in given if k not in players]
    if unknown:
        raise ScenarioError(f"strategies for an unknown player {unknown[0]!r}",
                            key=f"strategies.{unknown[0]}", expected=f"one of {list(players)}",
                            found=repr(unknown[0]))
    strategies = []
    for i, p in enumerate(players):
        names = tuple(given.get(p, [str(k + 1) for k in range(shape[i])]))
        if len(names) != shape[i] or len(set(names)) != len(names):
            raise ScenarioError("the strategy names do not match the payoff table", 
                                key=f"strategies.{p}",
                                expected=f"{shape[i]} distinct names (dimension {i} of the tables)",
                                found=repr(list(names)))
        strategies.append((p, names))
    return GameSpec(t["id"], "normal_form", t.get("label", ""), players, tuple(strategies),
                    tuple((p, payoffs[p]) for p in players), source=t.get("source", ""))


def truce_spec(t: dict[str, Any]) -> TruceSpec:
    """Build a :class:`TruceSpec` from a ``[[truces]]`` table.

    Examples
    --------
    >>> truce_spec({"proposal": "air_truce", "detection": 0.8}).detection
    0.8
    """
    det = _prob(t["detection"], "detection") if "detection" in t else None
    alpha = _prob(t.get("false_alarm", 0.0), "false_alarm")
    ver = t.get("verification")
    issue, qs = None, ()
    if ver is not None:
        if not isinstance(ver, dict) or "issue" not in ver or "q" not in ver \
                or not isinstance(ver["q"], dict):
            raise ScenarioError("verification names an issue and a detection probability per "
                                "option", key="verification",
                                expected="{ issue = \"...\", q = { option = probability } }",
                                found=repr(ver)[:60])
        issue = str(ver["issue"])
        qs = tuple((str(k), _prob(v, f"verification.q.{k}")) for k, v in ver["q"].items())
    count = t.get("count_in_verdicts", False)
    if not isinstance(count, bool):
        raise ScenarioError("count_in_verdicts is true or false", key="count_in_verdicts",
                            expected="true or false", found=repr(count))
    beliefs = t.get("hold_belief", {})
    if not isinstance(beliefs, dict):
        raise ScenarioError("hold_belief gives each actor's probability that the truce holds",
                            key="hold_belief", expected="{ actor = probability }",
                            found=repr(beliefs)[:60])
    held = tuple((str(a), _prob(v, f"hold_belief.{a}")) for a, v in beliefs.items())
    return TruceSpec(t["proposal"], det, alpha, issue, qs, tuple(t.get("issues", ())),
                     tuple(t.get("parties", ())), t.get("label", ""), count, held)


def war_spec(t: dict[str, Any]) -> WarSpec:
    """Build a :class:`WarSpec` from the ``[war]`` table.

    Examples
    --------
    >>> war_spec({"actors": ["A", "B"], "p": 0.6, "costs": {"A": 0.1, "B": 0.2}}).p
    0.6
    """
    actors = t.get("actors")
    if not isinstance(actors, list) or len(actors) != 2 or actors[0] == actors[1]:
        raise ScenarioError("a war is between two actors", key="actors",
                            expected="a list of two actor names", found=repr(actors))
    if "p" not in t:
        raise ScenarioError("missing key 'p'", key="p",
                            expected="the first actor's probability of winning", found="nothing")
    p = _prob(t["p"], "p")
    costs = t.get("costs", {})
    if set(costs) != set(actors):
        raise ScenarioError("a war needs a cost for each of its two actors", key="costs",
                            expected=f"keys {sorted(actors)}", found=f"keys {sorted(costs)}")
    for k, v in costs.items():
        if not _finite(v) or v < 0:
            raise ScenarioError("a cost of war is a finite number, not negative", key=f"costs.{k}",
                                expected=f"a number in [0, {MAX_MAGNITUDE:g}] (MAX_MAGNITUDE)",
                                found=repr(v))
    p_after = _prob(t["p_after"], "p_after") if "p_after" in t else None
    return WarSpec((actors[0], actors[1]), p, tuple((a, float(costs[a])) for a in actors),
                   p_after)
