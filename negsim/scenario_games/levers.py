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

__all__ = ["resolve_credibility", "derive_credibility", "credibility_claims", "credibility_warnings"]


def resolve_credibility(scenario: Scenario) -> tuple[Scenario, dict[str, str]]:
    """The scenario with every ``from_game`` lever's credibility set, and the reason per lever.

    A game that does not say (see :func:`credibility_from_game`) leaves the lever at 1 with the
    reason.  Scenarios without such levers are returned unchanged.
    """
    resolved, derived = derive_credibility(scenario)
    return resolved, {lv: why for lv, (_, why) in derived.items()}


def derive_credibility(scenario: Scenario
                       ) -> tuple[Scenario, dict[str, tuple[float | None, str]]]:
    """The scenario with every ``from_game`` lever's credibility re-derived from its game (as
    the scenario's numbers now stand: the uncertainty draws call this on each drawn scenario),
    and ``{lever: (credibility or None if the game does not say, reason)}``."""
    asked = [lv for lv in scenario.levers if lv.from_game]
    if not asked:
        return scenario, {}
    models = build_preferences(scenario)
    games = {g.id: g for g in scenario.games}
    derived: dict[str, tuple[float | None, str]] = {}
    levers = []
    for lv in scenario.levers:
        if lv.from_game:
            game = games[lv.from_game]
            value, why = credibility_from_game(scenario, game, lv.id, models,
                                               solve_game(scenario, game, models))
            derived[lv.id] = (value, why if value is not None
                              else why + "; credibility left at 1")
            lv = replace(lv, credibility=1.0 if value is None else value)
        levers.append(lv)
    return replace(scenario, levers=tuple(levers)), derived


def credibility_claims(scenario: Scenario,
                       derived: dict[str, tuple[float | None, str]]
                       ) -> dict[str, tuple[str, str, float | None]]:
    """Robustness claims (key -> (kind, text, value)) for the credibility each ``from_game``
    lever gets from its game: the claim holds in a draw when the draw's game gives the same
    credibility (a point credibility of 1: the share of draws in which the threat is
    credible).

    Examples
    --------
    >>> import negsim
    >>> credibility_claims(negsim.examples.toy_scenario(), {})
    {}
    """
    games = {lv.id: lv.from_game for lv in scenario.levers if lv.from_game}
    out: dict[str, tuple[str, str, float | None]] = {}
    for lever, (value, _) in derived.items():
        text = (f"lever {lever}'s credibility from game {games.get(lever, '?')} is "
                + ("undetermined (the game does not say)" if value is None else f"{value:g}"))
        out[f"credibility:{lever}"] = ("credibility", text,
                                       None if value is None else round(value, 9))
    return out


def credibility_warnings(scenario: Scenario,
                         results: Sequence[GameResult] | None = None) -> list[str]:
    """One line per typed credibility that a declared game contradicts (see the module)."""
    models = build_preferences(scenario)
    owners = {lv.by for lv in scenario.levers if not lv.from_game}
    solved = {r.id: r for r in results} if results is not None else {
        g.id: solve_game(scenario, g, models) for g in scenario.games
        if g.kind == "sequential" and owners & {n.player for n in g.nodes}}
    return [w for _, w in contradictions(scenario, models, solved)]
