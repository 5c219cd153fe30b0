"""A small immutable model of finite games in extensive form with perfect information.

A tree is built from three kinds of node:

* :class:`Terminal` -- the game ends; a payoff for every player, keyed by player name;
* :class:`Decision` -- a named player chooses one of several labelled actions;
* :class:`Chance` -- nature picks a branch with given probabilities.

Each non-terminal node holds a tuple of :class:`Branch` (label, child, and for chance nodes the
probability).  A node inside a tree is addressed by its *path*: the tuple of branch labels that
lead to it from the root (``()`` is the root).  The helpers :func:`terminal`, :func:`decision`
and :func:`chance` build nodes from keyword arguments and mappings::

    entry = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
                     In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=-1),
                                 Accommodate=terminal(Entrant=1, Incumbent=1)))

Nodes are frozen dataclasses and plain data: ``Decision.from_dict(node.to_dict()) == node``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from negsim.plain import PlainData
from negsim.errors import ArgumentError, ScenarioError, did_you_mean
from negsim.model.specs import MAX_TREE_DEPTH, MAX_TREE_NODES
from negsim.tolerances import PROB_TOL

__all__ = ["Terminal", "Decision", "Chance", "Branch", "Node", "terminal", "decision",
           "chance", "subtree", "replace_subtree", "players_of", "decision_nodes", "walk",
           "check_size", "MAX_TREE_DEPTH", "MAX_TREE_NODES"]


@dataclass(frozen=True)
class Terminal(PlainData):
    """End of play: ``payoffs[player]`` for every player."""

    payoffs: dict[str, float]
    name: str = ""

    def __post_init__(self) -> None:
        for player, value in self.payoffs.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not math.isfinite(value):
                raise ScenarioError("terminal payoff must be a finite number",
                                    key=f"payoffs[{player!r}]", expected="a finite number",
                                    found=repr(value))


@dataclass(frozen=True)
class Branch(PlainData):
    """An edge of the tree: its label, the child node, and (chance only) its probability."""

    label: str
    child: Node
    probability: float | None = None


@dataclass(frozen=True)
class Decision(PlainData):
    """A node where ``player`` picks one of the branches' actions.

    ``info_set`` (optional) names the information set: decision nodes with the same non-empty
    ``info_set`` are ones the player cannot tell apart (same player and actions required, see
    :func:`negsim.games.extensive.information_sets`); ``""`` is a set of its own.
    """

    player: str
    branches: tuple[Branch, ...]
    name: str = ""
    info_set: str = ""

    def __post_init__(self) -> None:
        _check_branches(self.branches, f"Decision({self.player!r})", chance=False)

    @property
    def actions(self) -> tuple[str, ...]:
        """The action labels, in order."""
        return tuple(b.label for b in self.branches)


@dataclass(frozen=True)
class Chance(PlainData):
    """A node where nature picks a branch with the branches' probabilities."""

    branches: tuple[Branch, ...]
    name: str = ""

    def __post_init__(self) -> None:
        _check_branches(self.branches, "Chance", chance=True)


Node = Terminal | Decision | Chance


def _check_branches(branches: Sequence[Branch], where: str, *, chance: bool) -> None:
    if not branches:
        raise ScenarioError("a non-terminal node needs at least one branch", key=where,
                            expected="one or more actions", found="none")
    labels = [b.label for b in branches]
    if len(set(labels)) != len(labels):
        raise ScenarioError("branch labels must be unique at a node", key=where,
                            expected="distinct labels", found=repr(labels))
    if chance:
        probs = [b.probability for b in branches]
        if any(p is None or not (0.0 <= p <= 1.0) for p in probs):
            raise ScenarioError("chance branch probabilities must lie in [0, 1]", key=where,
                                expected="a probability per branch", found=repr(probs))
        if abs(sum(probs) - 1.0) > PROB_TOL:  # type: ignore[arg-type]
            raise ScenarioError("chance branch probabilities must sum to 1", key=where,
                                expected="sum 1", found=f"sum {sum(probs):g}")  # type: ignore
    elif any(b.probability is not None for b in branches):
        raise ScenarioError("decision branches carry no probability", key=where,
                            expected="probability=None", found="a probability",
                            hint="use a Chance node for moves of nature")


def terminal(payoffs: Mapping[str, float] | None = None, /, name: str = "",
             **by_player: float) -> Terminal:
    """Build a terminal node from a mapping and/or keyword arguments ``player=payoff``.

    Examples
    --------
    >>> terminal(Russia=1, Ukraine=-1).payoffs
    {'Russia': 1.0, 'Ukraine': -1.0}
    """
    merged = {**(payoffs or {}), **by_player}
    return Terminal({str(k): float(v) for k, v in merged.items()}, name)


def decision(player: str, actions: Mapping[str, Node] | None = None, /, name: str = "",
             info_set: str = "", **by_label: Node) -> Decision:
    """Build a decision node from a mapping and/or keyword arguments ``action=child``.

    Examples
    --------
    >>> decision("Entrant", Out=terminal(Entrant=0), In=terminal(Entrant=1)).actions
    ('Out', 'In')
    """
    merged = {**(actions or {}), **by_label}
    return Decision(player, tuple(Branch(str(k), v) for k, v in merged.items()), name, info_set)


def chance(outcomes: Mapping[str, tuple[float, Node]], /, name: str = "") -> Chance:
    """Build a chance node from ``{label: (probability, child)}``.

    Examples
    --------
    >>> node = chance({"rain": (0.3, terminal(A=0)), "sun": (0.7, terminal(A=1))})
    >>> [b.probability for b in node.branches]
    [0.3, 0.7]
    """
    return Chance(tuple(Branch(str(k), c, float(p)) for k, (p, c) in outcomes.items()), name)


def subtree(root: Node, path: Sequence[str]) -> Node:
    """The node reached from ``root`` by following the branch labels in ``path``.

    Examples
    --------
    >>> t = decision("A", x=terminal(A=1), y=terminal(A=2))
    >>> subtree(t, ["y"]).payoffs
    {'A': 2.0}
    """
    node = root
    for depth, label in enumerate(path):
        if isinstance(node, Terminal):
            raise ScenarioError("path runs past a terminal node", key="path",
                                expected=f"at most {depth} labels", found=repr(list(path)))
        labels = [b.label for b in node.branches]
        if label not in labels:
            raise ScenarioError("no such branch", key=f"path[{depth}]",
                                expected=f"one of {labels}", found=repr(label),
                                hint=did_you_mean(label, labels))
        node = node.branches[labels.index(label)].child
    return node


def replace_subtree(root: Node, path: Sequence[str], new: Node) -> Node:
    """A copy of ``root`` with the node at ``path`` replaced by ``new``.

    Examples
    --------
    >>> t = decision("A", x=terminal(A=1), y=terminal(A=2))
    >>> replace_subtree(t, ["x"], terminal(A=5)).branches[0].child.payoffs
    {'A': 5.0}
    """
    if not path:
        return new
    subtree(root, path)  # validates the path
    assert not isinstance(root, Terminal)
    branches = tuple(
        Branch(b.label, replace_subtree(b.child, path[1:], new), b.probability)
        if b.label == path[0] else b
        for b in root.branches
    )
    if isinstance(root, Decision):
        return Decision(root.player, branches, root.name, root.info_set)
    return Chance(branches, root.name)


def walk(root: Node, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node]]:
    """Every ``(path, node)`` of the tree in prefix order (node first, then its branches).

    Iterative (an explicit stack), so any depth is walked without recursion.

    Examples
    --------
    >>> t = decision("A", x=decision("B", u=terminal(A=1, B=0)), y=terminal(A=2, B=1))
    >>> [p for p, _ in walk(t)]
    [(), ('x',), ('x', 'u'), ('y',)]
    """
    stack: list[tuple[tuple[str, ...], Node]] = [(path, root)]
    while stack:
        here, node = stack.pop()
        yield here, node
        if not isinstance(node, Terminal):
            stack += [(here + (b.label,), b.child) for b in reversed(node.branches)]


def check_size(root: Node) -> None:
    """Raise ArgumentError if the tree is deeper than :data:`MAX_TREE_DEPTH` moves or has more
    than :data:`MAX_TREE_NODES` nodes (the limits a scenario's trees are held to at load time).

    Examples
    --------
    >>> t = terminal(A=0)
    >>> for _ in range(MAX_TREE_DEPTH + 1):
    ...     t = decision("A", go=t)
    >>> check_size(t)
    Traceback (most recent call last):
    ...
    negsim.errors.ArgumentError: the game tree is deeper than 200 moves (201); ...
    """
    count = 0
    for here, _ in walk(root):
        count += 1
        if len(here) > MAX_TREE_DEPTH:
            raise ArgumentError(f"the game tree is deeper than {MAX_TREE_DEPTH} moves "
                                f"({_depth(root)}); negsim.model.specs.MAX_TREE_DEPTH bounds it")
        if count > MAX_TREE_NODES:
            raise ArgumentError(f"the game tree has more than {MAX_TREE_NODES:,} nodes; "
                                "negsim.model.specs.MAX_TREE_NODES bounds it")


def _depth(root: Node) -> int:
    return max(len(p) for p, _ in walk(root))


def decision_nodes(root: Node) -> tuple[tuple[tuple[str, ...], Decision], ...]:
    """Every decision node with its path, in prefix order.

    Examples
    --------
    >>> t = decision("A", x=decision("B", u=terminal(A=1, B=0)), y=terminal(A=2, B=1))
    >>> [p for p, _ in decision_nodes(t)]
    [(), ('x',)]
    """
    return tuple((p, n) for p, n in walk(root) if isinstance(n, Decision))


def players_of(root: Node) -> tuple[str, ...]:
    """The players of a tree: movers in order of first appearance, then payoff-only players.

    Raises ScenarioError if terminals disagree on the players or a mover has no payoffs.

    Examples
    --------
    >>> players_of(decision("B", x=terminal(A=1, B=0)))
    ('B', 'A')
    """
    movers: list[str] = []
    keys: set[str] | None = None
    order: list[str] = []
    for path, node in walk(root):
        if isinstance(node, Decision) and node.player not in movers:
            movers.append(node.player)
        if isinstance(node, Terminal):
            here = set(node.payoffs)
            if keys is None:
                keys, order = here, list(node.payoffs)
            elif here != keys:
                raise ScenarioError("every terminal must give payoffs to the same players",
                                    key=f"terminal at path {list(path)}",
                                    expected=f"players {sorted(keys)}",
                                    found=f"players {sorted(here)}")
    keys = keys or set()
    missing = [m for m in movers if m not in keys]
    if missing:
        raise ScenarioError("a player who moves has no payoffs", key=f"player {missing[0]!r}",
                            expected=f"one of {sorted(keys)}", found=repr(missing[0]),
                            hint=did_you_mean(missing[0], keys))
    return tuple(movers) + tuple(p for p in order if p not in movers)
