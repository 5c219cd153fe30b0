"""A lever's credibility read from a declared game, and typed credibilities that contradict one.

The credibility a game gives a lever (the probability that its owner carries it out when the time
comes) is read at the moves that carry it out (:func:`negsim.scenario_games.threats.lever_moves`):

* **perfect information**: 1 if carrying it out is a best reply at every such move -- one-shot,
  or, when the game is ``repeated``, because reputation makes it one -- and 0 otherwise;
* **a chance root and information sets** (types, e.g. a resolute and an irresolute USA): the prior
  probability of the types whose perfect Bayesian equilibrium carries it out at every such move
  below them, among the types that have one (with several equilibria that disagree, the first is
  used and the spread is reported); no pure equilibrium: no credibility from the game.

:func:`resolve_credibility` sets ``credibility`` of each lever declared with
``credibility = { from_game = "ID" }`` before an analysis (the game's leaf payoffs do not depend
on it: the owner moves in the game, so its levers apply in full where pulled);
:func:`credibility_warnings` lists every typed credibility that differs from what a declared game
that carries the lever out says (by more than ``PROB_TOL``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from negsim.model.scenario import Scenario
from negsim.model.specs import GameSpec
from negsim.preferences import PreferenceModel
from negsim.results.games import GameResult
from negsim.scenario_games.red_lines import enforce_red_lines
from negsim.scenario_games.threats import lever_moves
from negsim.tolerances import PROB_TOL

__all__ = ["credibility_from_game", "attach_credibility", "contradictions"]


def credibility_from_game(scenario: Scenario, game: GameSpec, lever: str,
                          models: Sequence[PreferenceModel],
                          result: GameResult) -> tuple[float | None, str]:
    """``(credibility, reason)`` that ``game`` (solved: ``result``) gives ``lever`` (None: the
    game does not say)."""
    solved, _ = enforce_red_lines(scenario, game, models)
    ids = result.node_ids
    moves = [m for m in lever_moves(scenario, solved, ids) if m[3] == lever]
    if not moves:
        return None, f"game {game.id} never carries out {lever}"
    if result.spe is not None:
        ok = [t.assessment.credible or (t.reputation is not None and t.reputation.credible)
              for t in result.threats if t.lever == lever]
        how = "by reputation" if any(t.reputation is not None and t.reputation.credible
                                     and not t.assessment.credible for t in result.threats
                                     if t.lever == lever) else "in the one-shot game"
        if all(ok):
            return 1.0, f"game {game.id}: carrying out {lever} is a best reply ({how})"
        return 0.0, f"game {game.id}: carrying out {lever} is not a best reply where it is tested"
    if not result.perfect_bayesian:
        return None, f"game {game.id} has no pure perfect Bayesian equilibrium"
    root = game.node(solved.root or solved.nodes[0].id)
    prior = dict(root.probabilities)
    values = [_typed_share(solved, eq.actions, moves, prior) for eq in result.perfect_bayesian]
    share = values[0]
    spread = "" if max(values) - min(values) <= PROB_TOL else \
        f"; the {len(values)} equilibria give {min(values):.3g} to {max(values):.3g}"
    return share, (f"game {game.id}: the types that carry out {lever} in the perfect Bayesian "
                   f"equilibrium have prior probability {share:.3g}{spread}")


def _typed_share(game: GameSpec, actions: dict[str, str],
                 moves: Sequence[tuple[tuple[str, ...], str, str, str]],
                 prior: dict[str, float]) -> float:
    carried: dict[str, bool] = {}
    for path, node_id, action, _ in moves:
        n = game.node(node_id)
        kind = path[0]
        here = actions.get(n.info_set or node_id) == action
        carried[kind] = carried.get(kind, True) and here
    tested = sum(prior[t] for t in carried)
    if tested <= 0:
        return 0.0
    return round(sum(prior[t] for t, yes in carried.items() if yes) / tested, 12)


def attach_credibility(scenario: Scenario, results: list[GameResult],
                       models: Sequence[PreferenceModel]) -> list[GameResult]:
    """``results`` with each game's ``credibility`` lines: where a ``from_game`` lever's
    credibility comes from, and every typed credibility the game contradicts (a warning)."""
    lines: dict[str, list[str]] = {}
    games = {g.id: g for g in scenario.games}
    by_id = {r.id: r for r in results}
    for lv in scenario.levers:
        if lv.from_game and lv.from_game in by_id:
            value, why = credibility_from_game(scenario, games[lv.from_game], lv.id, models,
                                               by_id[lv.from_game])
            text = f"lever {lv.id}: credibility {lv.credibility:g} from this game ({why})" \
                if value is not None else f"lever {lv.id}: {why}; credibility left at 1"
            lines.setdefault(lv.from_game, []).append(text)
    for gid, line, agrees in _compare(scenario, models, by_id):
        lines.setdefault(gid, []).append(line if agrees else "warning: " + line)
    return [replace(r, credibility=lines[r.id]) if r.id in lines else r for r in results]


def contradictions(scenario: Scenario, models: Sequence[PreferenceModel],
                   by_id: dict[str, GameResult]) -> list[tuple[str, str]]:
    """``(game id, warning)`` for every typed credibility a solved game (``by_id``)
    contradicts."""
    return [(gid, line) for gid, line, agrees in _compare(scenario, models, by_id) if not agrees]


def _compare(scenario: Scenario, models: Sequence[PreferenceModel],
             by_id: dict[str, GameResult]) -> list[tuple[str, str, bool]]:
    out = []
    for lv in scenario.levers:
        if lv.from_game:
            continue
        for g in scenario.games:
            if g.kind != "sequential" or lv.by not in {n.player for n in g.nodes} \
                    or g.id not in by_id:
                continue
            value, why = credibility_from_game(scenario, g, lv.id, models, by_id[g.id])
            if value is not None and abs(value - lv.credibility) <= PROB_TOL:
                out.append((g.id, f"lever {lv.id}: its credibility {lv.credibility:g} agrees "
                                  f"with this game ({why})", True))
            elif value is not None:
                out.append((g.id, f"lever {lv.id} has credibility {lv.credibility:g}, but {why} "
                           f"(credibility {value:g}); use credibility = {{ from_game = "
                           f"\"{g.id}\" }} or change the game", False))
    return out
