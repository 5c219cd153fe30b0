"""Declared games with information sets: Nash equilibria in behaviour strategies and, for games
that start with a move of chance (types), perfect Bayesian equilibria.

Payoffs come from the preference models as for every declared tree
(:mod:`negsim.scenario_games.from_scenario`); red lines are enforced first
(:mod:`negsim.scenario_games.red_lines`).  Backward induction and the threat assessment need
perfect information, so such a game has no subgame-perfect result and no threats; its
reconciliation with the verdicts uses the leaves the perfect Bayesian equilibria reach (the Nash
equilibria's when there is no chance root).
"""

from __future__ import annotations

from collections.abc import Sequence

from negsim.errors import ArgumentError
from negsim.games.bayesian import perfect_bayesian
from negsim.games.extensive import information_sets, solve_extensive
from negsim.games.tree import Chance, Node, players_of
from negsim.model.scenario import Scenario
from negsim.model.specs import NO_DEAL, GameSpec
from negsim.preferences import PreferenceModel
from negsim.results.games import GameResult, TreeNode
from negsim.scenario_games.red_lines import reconcile

__all__ = ["solve_with_information"]


def solve_with_information(scenario: Scenario, declared: GameSpec, game: GameSpec,
                           models: Sequence[PreferenceModel], root: Node, ids: dict[str, str],
                           red: list[str], tree: list[TreeNode]) -> GameResult:
    """Solve a declared tree that has information sets of several nodes (see the module)."""
    sets = information_sets(root)
    notes = []
    try:
        nash = solve_extensive(root)
    except ArgumentError as exc:
        nash = []
        notes.append(f"Nash equilibria not computed: {exc}")
    pbe = []
    if isinstance(root, Chance):
        try:
            pbe = perfect_bayesian(root)
        except ArgumentError as exc:
            notes.append(f"perfect Bayesian equilibria not computed: {exc}")
        if not pbe:
            notes.append("no pure perfect Bayesian equilibrium (mixed ones are not enumerated)")
    else:
        notes.append("perfect Bayesian equilibria are computed for games that start with a move "
                     "of chance")
    if nash and len({e.method for e in nash}) == 1 and "pure" in nash[0].method:
        notes.append("pure Nash equilibria only (more than two players)"
                     if len(players_of(root)) > 2 else
                     "pure Nash equilibria only (the reduced strategic form is too large for "
                     "every mixed one)")
    notes.append("threats are assessed in perfect-information trees only")
    reached = [e.paths for e in pbe] or [e.paths for e in nash]
    ends = sorted({game.node(ids[p]).outcome or NO_DEAL for paths in reached for p in paths})
    return GameResult(game.id, game.label, game.kind, list(players_of(root)),
                      node_ids=ids, notes=notes, tree=tree, red_lines=red,
                      reconciliation=reconcile(scenario, declared, game, models, ends),
                      info_sets=[h for h in sets.values() if len(h.paths) > 1],
                      behaviour_equilibria=nash, perfect_bayesian=pbe)

