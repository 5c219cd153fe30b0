"""Levers whose credibility comes from a declared game, resolved before an analysis, and the
warnings ``negsim validate`` prints (the model is in :mod:`negsim.scenario_games.credibility`).

Only the declared games that carry out such levers are solved here; solving a
perfect-information tree needs no heavy library, so ``negsim validate`` stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences
from negsim.results.games import GameResult
from negsim.scenario_games.credibility import contradictions, credibility_from_game
from negsim.scenario_games.from_scenario import solve_game

__all__ = ["resolve_credibility", "credibility_warnings"]


def resolve_credibility(scenario: Scenario) -> tuple[Scenario, dict[str, str]]:
    """The scenario with every ``from_game`` lever's credibility set, and the reason per lever.

    A game that does not say (see :func:`credibility_from_game`) leaves the lever at 1 with the
    reason.  Scenarios without such levers are returned unchanged.
    """
    asked = [lv for lv in scenario.levers if lv.from_game]
    if not asked:
        return scenario, {}
    models = build_preferences(scenario)
    games = {g.id: g for g in scenario.games}
    reasons, levers = {}, []
    for lv in scenario.levers:
        if lv.from_game:
            game = games[lv.from_game]
            value, why = credibility_from_game(scenario, game, lv.id, models,
                                               solve_game(scenario, game, models))
            reasons[lv.id] = why if value is not None else why + "; credibility left at 1"
            if value is not None:
                lv = replace(lv, credibility=value)
        levers.append(lv)
    return replace(scenario, levers=tuple(levers)), reasons


def credibility_warnings(scenario: Scenario,
                         results: Sequence[GameResult] | None = None) -> list[str]:
    """One line per typed credibility that a declared game contradicts (see the module)."""
    models = build_preferences(scenario)
    owners = {lv.by for lv in scenario.levers if not lv.from_game}
    solved = {r.id: r for r in results} if results is not None else {
        g.id: solve_game(scenario, g, models) for g in scenario.games
        if g.kind == "sequential" and owners & {n.player for n in g.nodes}}
    return [w for _, w in contradictions(scenario, models, solved)]
