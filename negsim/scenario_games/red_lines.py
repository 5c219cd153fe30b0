"""Red lines hold in games, and each game's equilibrium play set beside the verdicts.

A red line in negsim is absolute: an actor never accepts a deal that crosses one (the verdicts
mark such a proposal ``blocked``).  A declared game tree may still contain a leaf where that
deal is concluded; :func:`enforce_red_lines` rewrites the tree before it is solved, by two rules:

* **The action is removed** when the actor whose red line the deal crosses is the one who
  concludes it: at a decision node of player ``P``, an action that leads straight to a leaf whose
  outcome crosses one of ``P``'s red lines is dropped (``Ukraine: accept`` of a deal Kyiv's red
  line rules out).  This is the faithful reading: the move does not exist for ``P``, so no
  equilibrium, threat or value of commitment can rest on it.  A node keeps its actions if every
  one of them would go (a player must be able to move); the next rule then applies.
  At a node in an information set of several nodes no action is removed (the player cannot
  tell the nodes apart, so its choices are the same at each); the next rule applies there.
* **The leaf carries the veto** otherwise: a leaf whose outcome crosses the red line of any actor
  of the scenario (a mover who reaches it through other moves, or an actor who does not move in
  the game at all) is played as ``no_deal`` with the same levers pulled.  A deal needs the
  consent of everyone whose red line it crosses -- the unanimity the verdicts use -- so the leaf
  cannot be an agreement, whoever moved into it.

Every change is reported as a note.  After solving, :func:`reconcile` compares the outcomes of
subgame-perfect play with the verdicts and says, one line each, what it cannot remove: a game
that ends in a deal some actor rejects at its walk-away value, or in no deal while a deal in the
tree is acceptable to every actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from negsim.model.scenario import Scenario
from negsim.model.specs import NO_DEAL, GameSpec, NodeSpec
from negsim.preferences import PreferenceModel
from negsim.results.game_theory import SubgamePerfectResult
from negsim.tolerances import ACCEPT_TOL

__all__ = ["enforce_red_lines", "reconcile", "vetoers", "spe_ends"]


def _row(scenario: Scenario, outcome: str) -> np.ndarray:
    p = scenario.proposal(outcome)
    return np.array([scenario.space.indices_of(dict(p.terms), fill_status_quo=True)],
                    dtype=np.intp)


def vetoers(scenario: Scenario, models: Sequence[PreferenceModel], outcome: str) -> list[str]:
    """The actors whose red lines ``outcome`` (a proposal id or ``"no_deal"``) crosses.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="a", hard=True),)),),
    ...     proposals=(negsim.Proposal("deal", (("x", "b"),)),))
    >>> vetoers(s, build_preferences(s), "deal"), vetoers(s, build_preferences(s), "no_deal")
    (['A'], [])
    """
    if outcome == NO_DEAL:
        return []
    row = _row(scenario, outcome)
    return [m.actor for m in models if bool(m.vetoed(row)[0])]


def enforce_red_lines(scenario: Scenario, game: GameSpec,
                      models: Sequence[PreferenceModel]) -> tuple[GameSpec, list[str]]:
    """The game with no deal that crosses a red line, and a note per change (see the module).

    Games with explicit payoffs (no outcomes) and normal-form games are returned unchanged.

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.specs import GameSpec, NodeSpec
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="a", hard=True),)),),
    ...     proposals=(negsim.Proposal("deal", (("x", "b"),)),))
    >>> g = GameSpec("g", "sequential", nodes=(
    ...     NodeSpec("n", "A", (("accept", "d"), ("reject", "q"))),
    ...     NodeSpec("d", outcome="deal"), NodeSpec("q", outcome="no_deal")), root="n")
    >>> new, notes = enforce_red_lines(s, g, build_preferences(s))
    >>> new.node("n").actions
    (('reject', 'q'),)
    """
    if game.kind != "sequential" or not any(n.outcome is not None for n in game.nodes):
        return game, []
    blocked = {n.outcome: vetoers(scenario, models, n.outcome)
               for n in game.nodes if n.outcome is not None}
    notes: list[str] = []
    nodes: list[NodeSpec] = []
    shared = [n.info_set for n in game.nodes if n.info_set]
    for n in game.nodes:
        if n.is_leaf or n.player is None or shared.count(n.info_set) > 1:
            nodes.append(n)
            continue
        keep, gone = [], []
        for action, child in n.actions:
            leaf = game.node(child)
            if leaf.is_leaf and n.player in blocked.get(leaf.outcome, []):
                gone.append((action, leaf.outcome))
            else:
                keep.append((action, child))
        if gone and keep:
            for action, outcome in gone:
                notes.append(f"{n.player} cannot play {action} at {n.id}: {outcome} crosses its "
                             "red line (action removed)")
            threat = n.threat if n.threat in [a for a, _ in keep] else None
            nodes.append(replace(n, actions=tuple(keep), threat=threat))
        else:
            nodes.append(n)
    out = []
    for n in nodes:
        who = blocked.get(n.outcome, []) if n.is_leaf else []
        if who and _reachable(nodes, game.root or nodes[0].id, n.id):
            notes.append(f"leaf {n.id}: {n.outcome} crosses the red line of "
                         f"{', '.join(who)}, so it is played as no deal (the leaf carries the "
                         "veto)")
            n = replace(n, outcome=NO_DEAL)
        out.append(n)
    return replace(game, nodes=tuple(out)), notes


def _reachable(nodes: Sequence[NodeSpec], root: str, target: str) -> bool:
    by_id = {n.id: n for n in nodes}
    seen, stack = set(), [root]
    while stack:
        here = stack.pop()
        if here == target:
            return True
        if here not in seen:
            seen.add(here)
            stack += [c for _, c in by_id[here].actions]
    return False


def spe_ends(game: GameSpec, spe: SubgamePerfectResult, ids: dict[str, str]) -> list[str]:
    """The outcomes (proposal id or ``"no_deal"``) where subgame-perfect play ends."""
    return sorted({game.node(ids["/".join(o.path)]).outcome or NO_DEAL for o in spe.outcomes})


def reconcile(scenario: Scenario, original: GameSpec, game: GameSpec,
              models: Sequence[PreferenceModel], ends: Sequence[str]) -> list[str]:
    """Equilibrium play of ``game`` against the verdicts: one line per contradiction left.

    ``original`` is the declared game (before :func:`enforce_red_lines`), ``ends`` the outcomes
    where equilibrium play ends (:func:`spe_ends`, or the leaves the equilibria reach).  A deal at the end of equilibrium play that some actor
    rejects at its walk-away value is flagged (the game's alternative for it is worse than that
    value, so the game and the verdicts disagree on what it falls back on); so is equilibrium
    play ending without a deal while a deal reachable in the declared tree is acceptable to every
    actor.  An empty list means the game agrees with the verdicts.
    """
    if game.kind != "sequential" or not any(n.outcome is not None for n in game.nodes):
        return []
    verdict: dict[str, list[tuple[str, float, bool]]] = {}

    def rejecting(outcome: str) -> list[tuple[str, float, bool]]:
        if outcome not in verdict:
            row = _row(scenario, outcome)
            verdict[outcome] = [
                (m.actor, float(m.utility(row)[0]) - m.reservation, bool(m.vetoed(row)[0]))
                for m in models]
        return [(a, d, v) for a, d, v in verdict[outcome] if v or d < -ACCEPT_TOL]

    ends = sorted(set(ends))
    out = []
    for end in ends:
        if end == NO_DEAL:
            continue
        for actor, margin, vetoed in rejecting(end):
            why = "crosses its red line" if vetoed else f"margin {margin:+.2f}"
            out.append(f"equilibrium play ends in {end}, which {actor} rejects in the verdicts "
                       f"({why}): in this game its alternative is worse than its walk-away value")
    if ends == [NO_DEAL]:
        deals = sorted({n.outcome for n in original.nodes
                        if n.outcome is not None and n.outcome != NO_DEAL})
        for d in deals:
            if not rejecting(d):
                out.append(f"equilibrium play ends without a deal, but the verdicts find {d} "
                           "acceptable to every actor")
    return out
