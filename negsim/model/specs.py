"""Games, truces and a war declared in a scenario file: frozen model objects.

Their parsing from a scenario file is :mod:`negsim.loading.specs`.

``[[games]]`` declares a game, either in normal form with payoff matrices (textbook cases)::

    [[games]]
    id = "pd"
    kind = "normal_form"
    players = ["Row", "Column"]
    strategies = { Row = ["cooperate", "defect"], Column = ["cooperate", "defect"] }
    payoffs = { Row = [[3, 0], [5, 1]], Column = [[3, 5], [0, 1]] }

(``payoffs[player]`` is a nested list indexed by every player's strategy, in ``players`` order), or
as a sequential game, a tree of ``[[games.nodes]]`` (the first node is the root unless ``root`` is
given).  A decision node names its ``player`` and maps each action to the id of the next node
(``actions = { impose = "leaf1", hold = "leaf2" }``, in that order); a chance node gives
``actions`` and ``probabilities``; a leaf either names an ``outcome`` (a proposal id or
``"no_deal"``) and the ``levers`` pulled (payoffs then come from the preference models), or gives
explicit ``payoffs = { A = 1, B = 0 }``.  ``threat = "action"`` on a decision node asks whether that
action is a credible threat (levers carried out in the tree are assessed without being asked).
A leaf with an ``outcome`` may add ``adjust = { USA = -0.05 }`` to the model's payoffs there:
what the outcome is worth to a *type* beyond the preference model (e.g. the cost to a resolute
USA of backing down from its own deadline), so that the types below a chance root differ.
``info_set = "ID"`` on decision nodes groups nodes their player cannot tell apart (one player and
the same actions in every node of a set); with a chance node at the root (``probabilities``
over types, e.g. a resolute or an irresolute USA) this declares Bayesian and signalling games,
solved for Nash equilibria in behaviour strategies and perfect Bayesian equilibria.  A tree
has at most :data:`MAX_TREE_DEPTH` moves on any play and :data:`MAX_TREE_NODES` nodes.

``repeated = { patience = 0.9, rounds = 10, continuation = 0.95 }`` on a sequential game says it
is played again and again: a threat that costs its owner now may be credible for the reputation it
keeps.  A lever's ``credibility = { from_game = "ID" }`` takes its credibility from the equilibrium
of that game (its owner must move in it).

``[[truces]]`` marks a proposal as a truce to test for stability; ``[war]`` gives Fearon's war
parameters.  Cross-references (actors, proposals, levers, issues) are checked by the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negsim.errors import ScenarioError, did_you_mean
from negsim.vocabulary import NO_DEAL

__all__ = ["NodeSpec", "GameSpec", "RepeatedSpec", "TruceSpec", "WarSpec", "NO_DEAL", "check_references",
           "MAX_TREE_DEPTH", "MAX_TREE_NODES"]

MAX_TREE_DEPTH = 200
"""The longest play (moves from the root to a leaf) a game tree may have.  Trees are nested plain
data, turned into JSON and text by recursive code; this bound keeps every such step well inside
Python's recursion limit.  Checked when a scenario is loaded (a located error) and by every tree
algorithm of :mod:`negsim.games` (an :class:`~negsim.errors.ArgumentError`)."""
MAX_TREE_NODES = 20_000
"""The most nodes a game tree may have once shared nodes are copied out (a node reached by two
paths counts twice: solving and the tree in the result visit it once per path)."""


@dataclass(frozen=True)
class NodeSpec:
    """One node of a declared game tree (see the module docstring)."""

    id: str
    player: str | None = None
    actions: tuple[tuple[str, str], ...] = ()
    probabilities: tuple[tuple[str, float], ...] = ()
    outcome: str | None = None
    levers: tuple[str, ...] = ()
    payoffs: tuple[tuple[str, float], ...] = ()
    threat: str | None = None
    label: str = ""
    info_set: str = ""
    adjust: tuple[tuple[str, float], ...] = ()

    @property
    def is_leaf(self) -> bool:
        """Whether play ends here."""
        return not self.actions


@dataclass(frozen=True)
class RepeatedSpec:
    """``repeated = {...}`` on a sequential game: the game is played again and again, so a costly
    threat may be kept for its reputation (:mod:`negsim.games.reputation`).  ``patience``
    (default: the threatener's), ``rounds`` still to come (``None``: no last round) and the
    ``continuation`` probability after each round."""

    patience: float | None = None
    rounds: int | None = None
    continuation: float = 1.0


def _frozen(table: Any) -> Any:
    """A nested list/array of payoffs as nested tuples (numbers unchanged)."""
    if isinstance(table, (str, bytes)):
        return table
    try:
        return tuple(_frozen(v) for v in table)
    except TypeError:
        return table.item() if hasattr(table, "item") else table


@dataclass(frozen=True)
class GameSpec:
    """A game declared in the scenario: normal form (matrices) or sequential (nodes)."""

    id: str
    kind: str
    label: str = ""
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, tuple[str, ...]], ...] = ()
    payoffs: tuple[tuple[str, Any], ...] = ()
    nodes: tuple[NodeSpec, ...] = ()
    root: str | None = None
    source: str = ""
    repeated: RepeatedSpec | None = None

    def __post_init__(self) -> None:
        # payoff tables as nested tuples: a spec (and the Scenario holding it) stays hashable
        # whether the tables came from a file (lists) or from code (lists, arrays, tuples)
        object.__setattr__(self, "payoffs", tuple((p, _frozen(t)) for p, t in self.payoffs))

    def node(self, node_id: str) -> NodeSpec:
        """The node with this id."""
        return next(n for n in self.nodes if n.id == node_id)


@dataclass(frozen=True)
class TruceSpec:
    """A proposal marked as a truce, with the monitoring technology.

    ``count_in_verdicts``: the verdicts value the truce at its expected value given that it may
    not hold (:func:`negsim.scenario_games.stability.truce_verdicts`); ``hold_beliefs``: an
    actor's own probability that the truce holds (``hold_belief = { Ukraine = 0.2 }``), instead
    of what the grim-trigger analysis says (1 if it holds, else 0)."""

    proposal: str
    detection: float | None = None
    false_alarm: float = 0.0
    verification_issue: str | None = None
    verification: tuple[tuple[str, float], ...] = ()
    issues: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    label: str = ""
    count_in_verdicts: bool = False
    hold_beliefs: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class WarSpec:
    """Fearon's war: the first actor's win probability ``p`` and each side's cost; ``p_after``
    its win probability after a truce (Powell's commitment problem), if given."""

    actors: tuple[str, str]
    p: float
    costs: tuple[tuple[str, float], ...]
    p_after: float | None = None


def _unknown(kind: str, name: str, known: list[str], key: str) -> ScenarioError:
    return ScenarioError(f"unknown {kind} {name!r}", key=key, expected=f"one of {known}",
                         found=repr(name), hint=did_you_mean(name, known))


def check_references(scenario: Any) -> None:
    """Check that declared games, truces and the war name actors, proposals, levers and issues
    that exist; raise ScenarioError with the key path (``games[0].nodes[2].outcome``)."""
    proposals = [p.id for p in scenario.proposals]
    for g_i, g in enumerate(scenario.games):
        key = f"games[{g_i}]"
        if g.kind != "sequential":
            continue
        leaves = [(i, n) for i, n in enumerate(g.nodes) if n.is_leaf]
        modelled = [i for i, n in leaves if n.outcome is not None]
        if modelled and len(modelled) != len(leaves):
            i = next(i for i, n in leaves if n.outcome is None)
            raise ScenarioError("a tree's leaves either all name outcomes or all give payoffs",
                                key=f"{key}.nodes[{i}].payoffs",
                                expected="outcome = \"...\" like the other leaves",
                                found="explicit payoffs")
        payers: set[str] | None = None
        for i, n in enumerate(g.nodes):
            nkey = f"{key}.nodes[{i}]"
            if modelled and n.player is not None:
                scenario.actor(n.player, key=f"{nkey}.player")
            if n.outcome is not None and n.outcome != NO_DEAL and n.outcome not in proposals:
                raise _unknown("outcome", n.outcome, [*proposals, NO_DEAL], f"{nkey}.outcome")
            for lv in n.levers:
                scenario.lever(lv, key=f"{nkey}.levers")
            for actor, _ in n.adjust:
                scenario.actor(actor, key=f"{nkey}.adjust.{actor}")
            if n.is_leaf and not modelled:
                here = {p for p, _ in n.payoffs}
                if payers is None:
                    payers = here
                elif here != payers:
                    raise ScenarioError("every leaf must give payoffs to the same players",
                                        key=f"{nkey}.payoffs", expected=f"keys {sorted(payers)}",
                                        found=f"keys {sorted(here)}")
        if payers is not None:
            for i, n in enumerate(g.nodes):
                if n.player is not None and n.player not in payers:
                    raise _unknown("player", n.player, sorted(payers), f"{key}.nodes[{i}].player")
    games = {g.id: g for g in scenario.games}
    for l_i, lv in enumerate(scenario.levers):
        gid = getattr(lv, "from_game", "")
        if not gid:
            continue
        key = f"levers[{l_i}].credibility.from_game"
        if gid not in games:
            raise _unknown("game", gid, sorted(games), key)
        g = games[gid]
        if g.kind != "sequential" or lv.by not in {n.player for n in g.nodes}:
            raise ScenarioError("a credibility from a game needs a sequential game in which the "
                                "lever's owner moves", key=key,
                                expected=f"a sequential game with moves by {lv.by!r}",
                                found=f"game {gid!r} ({g.kind})")
    for t_i, t in enumerate(scenario.truces):
        key = f"truces[{t_i}]"
        scenario.proposal(t.proposal, key=f"{key}.proposal")
        if t.verification_issue is not None:
            issue = scenario.space.issue(t.verification_issue, key=f"{key}.verification.issue")
            for opt, _ in t.verification:
                if opt not in [str(o) for o in issue.options]:
                    raise _unknown("option", opt, [str(o) for o in issue.options],
                                   f"{key}.verification.q.{opt}")
        for k, i in enumerate(t.issues):
            scenario.space.issue(i, key=f"{key}.issues[{k}]")
        for k, p in enumerate(t.parties):
            scenario.actor(p, key=f"{key}.parties[{k}]")
        for p, _ in t.hold_beliefs:
            scenario.actor(p, key=f"{key}.hold_belief.{p}")
    if scenario.war is not None:
        for k, a in enumerate(scenario.war.actors):
            scenario.actor(a, key=f"war.actors[{k}]")
    if scenario.bargaining:
        if len(scenario.bargaining) != 2 or len(set(scenario.bargaining)) != 2:
            raise ScenarioError("alternating offers are between two actors",
                                key="bargaining.actors", expected="two distinct actor names",
                                found=repr(list(scenario.bargaining)))
        for k, a in enumerate(scenario.bargaining):
            scenario.actor(a, key=f"bargaining.actors[{k}]")
