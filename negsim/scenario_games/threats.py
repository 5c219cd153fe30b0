"""Threats in declared sequential games: where a lever is carried out, whether carrying it out
is a best reply (one-shot), and whether reputation makes it one when the game is repeated.

A lever is *carried out* at a node of its owner by an action below which every leaf pulls the
lever, while some leaf below the node does not (:func:`lever_moves`).  For a game declared with
``repeated = {...}`` each threat also gets a :class:`~negsim.results.game_theory.ReputationAssessment`
(:func:`negsim.games.reputation.reputation`): its cost now is what the owner gives up at the node
by carrying it out rather than playing its best action (subgame-perfect values, the upper ends
when ties leave a range); its gain per future round is the least value of commitment to it; the
patience is the game's ``repeated.patience`` or else the owner's.
"""

from __future__ import annotations

from negsim.games.backward_induction import threat_credibility
from negsim.games.reputation import reputation
from negsim.games.tree import Node
from negsim.model.scenario import Scenario
from negsim.model.specs import GameSpec
from negsim.results.game_theory import SubgamePerfectResult, ThreatAssessment
from negsim.results.games import ThreatResult

__all__ = ["lever_moves", "threats"]


def _leaf_levers(game: GameSpec) -> dict[str, list[frozenset[str]]]:
    """Per node, the sets of levers pulled at each leaf below it (iterative)."""
    memo: dict[str, list[frozenset[str]]] = {}
    for start in [n.id for n in game.nodes]:
        stack = [(start, False)]
        while stack:
            node_id, expanded = stack.pop()
            if node_id in memo:
                continue
            n = game.node(node_id)
            if n.is_leaf:
                memo[node_id] = [frozenset(n.levers)]
            elif expanded:
                memo[node_id] = [s for _, c in n.actions for s in memo[c]]
            else:
                stack.append((node_id, True))
                stack += [(c, False) for _, c in n.actions if c not in memo]
    return memo


def lever_moves(scenario: Scenario, game: GameSpec, ids: dict[str, str]
                ) -> list[tuple[tuple[str, ...], str, str, str]]:
    """Every ``(path, node id, action, lever)`` where a move carries out a lever (the module)."""
    below = _leaf_levers(game)
    owner = {lv.id: lv.by for lv in scenario.levers}
    out = []
    for path_text, node_id in ids.items():
        n = game.node(node_id)
        if n.is_leaf or n.player is None:
            continue
        path = tuple(path_text.split("/")) if path_text else ()
        for lv in sorted({x for s in below[node_id] for x in s}):
            if owner.get(lv) != n.player or all(lv in s for s in below[node_id]):
                continue
            for a, child in n.actions:
                if all(lv in s for s in below[child]):
                    out.append((path, node_id, a, lv))
    return out


def threats(scenario: Scenario, game: GameSpec, root: Node, ids: dict[str, str],
            spe: SubgamePerfectResult) -> list[ThreatResult]:
    """Explicit ``threat`` actions and every lever carried out, assessed (see the module)."""
    asked: list[tuple[tuple[str, ...], str, str, str]] = []
    for path_text, node_id in ids.items():
        n = game.node(node_id)
        if n.threat and not n.is_leaf:
            asked.append((tuple(path_text.split("/")) if path_text else (), node_id, n.threat, ""))
    asked += lever_moves(scenario, game, ids)
    nodes = {n.path: n for n in spe.nodes}
    out = []
    for path, node_id, action, lever in asked:
        a = threat_credibility(root, path, action)
        rep = None
        if game.repeated is not None:
            rep = _reputation(scenario, game, a, nodes[path].action_values)
        out.append(ThreatResult(node_id, lever, a, rep))
    return out


def _reputation(scenario: Scenario, game: GameSpec, a: ThreatAssessment,
                values: dict[str, tuple[float, float]]):
    spec = game.repeated
    assert spec is not None
    cost = max(hi for _, hi in values.values()) - values[a.threat][1]
    gain = a.value_of_commitment[0]
    patience = spec.patience if spec.patience is not None else scenario.actor(a.player).patience
    return reputation(cost, gain, patience, spec.rounds, spec.continuation)
