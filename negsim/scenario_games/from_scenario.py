"""Games from a scenario: declared games, the proposal-backing game, truces and bargaining.

Payoffs always come from the preference models (:func:`negsim.preferences.build_preferences`):

* **Leaf / cell payoff** of an actor = its *demand utility* of the outcome (the weighted demand
  scores, in [0, 1], without any lever) + the *full* effect on it of every lever pulled there.  In
  a game the pulling of a lever is an explicit move, so it is not weighted by its credibility.
  Levers owned by an actor who is not a player of the game keep their credibility-weighted
  expected effect (as in the preference model).
* **Truce** (grim trigger): ``R`` = the actor's utility of the truce outcome; ``T`` = its utility
  of its best *unilateral violation*: the truce outcome with some of the truce issues (by default
  those the proposal moves off the status quo) reverted to their status quo, the subset chosen to
  maximise its utility; ``P`` = its reservation (breakdown).  Utilities here are the preference
  model's (credibility-weighted conditional levers included), like the verdicts'.  If ``T <= R``
  the party has no temptation (threshold 0); if ``R <= P`` the truce is worse for it than
  breakdown and no patience holds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

import numpy as np

from negsim.errors import NegsimError
from negsim.games.backward_induction import backward_induction
from negsim.scenario_games.grouping import group_equilibria
from negsim.scenario_games.credibility import attach_credibility
from negsim.scenario_games.information import solve_with_information
from negsim.scenario_games.threats import threats
from negsim.scenario_games.unanimity import unanimity_equilibria
from negsim.scenario_games.red_lines import enforce_red_lines, reconcile, spe_ends
from negsim.games.pure_nash import pure_nash_equilibria
from negsim.results.games import EquilibriumProfile, GameResult, ThreatResult, TreeNode
from negsim.model.specs import NO_DEAL, GameSpec
from negsim.games.tree import Branch, Chance, Decision, Node, Terminal
from negsim.preferences import PreferenceModel, build_preferences, demand_utility
from negsim.tolerances import PAYOFF_TOL, UTILITY_DECIMALS
from negsim.model.scenario import Scenario

__all__ = ["demand_utility", "leaf_payoffs", "game_tree", "solve_game", "normal_form",
           "proposal_game", "scenario_games", "tree_nodes",
           "MAX_PROFILES", "MAX_TWO_PLAYER"]

MAX_PROFILES = 200_000
"""The proposal-backing game is skipped (with a note) above this many strategy profiles."""
MAX_KEPT = 50
"""At most this many equilibria are kept in a result (the count is kept too)."""
MAX_TWO_PLAYER = 12
"""All equilibria (solve_two_player) only while each player has at most this many strategies."""


def _row(scenario: Scenario, outcome: str) -> np.ndarray:
    if outcome == NO_DEAL:
        return np.array([scenario.space.status_quo], dtype=np.intp)
    p = scenario.proposal(outcome)
    return np.array([scenario.space.indices_of(dict(p.terms), fill_status_quo=True)],
                    dtype=np.intp)


def _holds(scenario: Scenario, lever, outcome: str) -> bool:
    if lever.on_no_deal:
        return outcome == NO_DEAL
    return outcome != NO_DEAL and lever.trigger.holds(
        scenario.outcome_of(scenario.proposal(outcome)))


def leaf_payoffs(scenario: Scenario, models: Sequence[PreferenceModel], outcome: str,
                 pulled: Sequence[str], players: Sequence[str] | None = None) -> dict[str, float]:
    """Every actor's payoff of an outcome (a proposal id or ``"no_deal"``) with levers pulled.

    Pulled levers apply in full; levers of actors outside ``players`` (default: nobody outside)
    apply with their credibility where their trigger holds.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="b"),)),),
    ...     levers=(negsim.Lever("l", "A", (("A", -0.25),)),))
    >>> leaf_payoffs(s, build_preferences(s), "no_deal", ["l"])
    {'A': -0.25}
    """
    row = _row(scenario, outcome)
    out = {}
    for m in models:
        u = float(demand_utility(m, row)[0])
        for lv in scenario.levers:
            if lv.id in pulled:
                u += dict(lv.effects).get(m.actor, 0.0)
            elif players is not None and lv.by not in players and _holds(scenario, lv, outcome):
                u += lv.expected_effect(m.actor)
        out[m.actor] = round(u, UTILITY_DECIMALS)
    return out


def game_tree(scenario: Scenario, game: GameSpec,
              models: Sequence[PreferenceModel] | None = None) -> tuple[Node, dict[str, str]]:
    """The tree of a declared sequential game, and a map path (labels joined by "/") → node id."""
    models = models if models is not None else build_preferences(scenario)
    movers = {n.player for n in game.nodes if n.player is not None}
    ids: dict[str, str] = {}

    def build(node_id: str, path: tuple[str, ...]) -> Node:
        n = game.node(node_id)
        ids["/".join(path)] = node_id
        if n.is_leaf:
            if n.outcome is None:
                return Terminal(dict(n.payoffs), n.id)
            pay = leaf_payoffs(scenario, models, n.outcome, n.levers, tuple(movers))
            for actor, extra in n.adjust:
                pay[actor] = round(pay[actor] + extra, UTILITY_DECIMALS)
            return Terminal(pay, n.id)
        actions = list(n.actions)
        if n.info_set:  # every node of a set lists its actions in the order of the first one
            order = [a for a, _ in next(m for m in game.nodes if m.info_set == n.info_set).actions]
            actions.sort(key=lambda ac: order.index(ac[0]) if ac[0] in order else len(order))
        branches = tuple(Branch(a, build(child, path + (a,)),
                                dict(n.probabilities)[a] if n.probabilities else None)
                         for a, child in actions)
        if n.player is None:
            return Chance(branches, n.id)
        return Decision(n.player, branches, n.id, n.info_set or n.id)

    return build(game.root or game.nodes[0].id, ()), ids


def _profiles_two(players: Sequence[str], names: Sequence[Sequence[str]], A: np.ndarray,
                  B: np.ndarray) -> tuple[list[EquilibriumProfile], bool, bool, list[str]]:
    from negsim.games.normal_form import solve_two_player  # nashpy: loaded on use only
    sol = solve_two_player(A, B)
    eqs = [EquilibriumProfile(
        {players[0]: {names[0][i]: float(p) for i, p in enumerate(e.row_strategy) if p > 0},
         players[1]: {names[1][j]: float(q) for j, q in enumerate(e.column_strategy) if q > 0}},
        {players[0]: e.row_payoff, players[1]: e.column_payoff}, e.is_pure)
        for e in sol.equilibria]
    return eqs, sol.is_degenerate, sol.methods_agree, list(sol.notes) + list(sol.degeneracy)


def solve_payoffs(gid: str, label: str, kind: str, players: Sequence[str],
                  names: Sequence[Sequence[str]], payoffs: np.ndarray,
                  notes: Sequence[str] = (), outcome_of=None, solved=None) -> GameResult:
    """Solve a normal-form game ``payoffs`` (shape (n, s_1, ..., s_n)) into a GameResult.

    Every equilibrium found is grouped by its outcome (``outcome_of``: see
    :func:`negsim.scenario_games.grouping.group_equilibria`) before at most ``MAX_KEPT`` are kept.
    ``solved`` = (equilibria, count, complete, notes) skips the general solvers (the proposal
    game's structure gives its equilibria)."""
    from negsim.games.dominance import iterated_elimination  # scipy.optimize: on use only
    notes = list(notes)
    dom = iterated_elimination(payoffs)
    surviving = {p: [names[i][k] for k in dom.surviving[i]] for i, p in enumerate(players)}
    all_eq, degenerate, agree = False, False, True
    eqs, count = None, None
    if solved is not None:
        eqs, count, all_eq, more = solved
        degenerate, notes = True, notes + list(more)
    elif len(players) == 2 and max(payoffs.shape[1:]) <= MAX_TWO_PLAYER:
        try:
            eqs, degenerate, agree, more = _profiles_two(players, names, payoffs[0], payoffs[1])
            all_eq = True
            notes += more
        except (TypeError, ValueError, ArithmeticError) as exc:  # nashpy on degenerate games
            notes.append(f"the mixed-equilibrium solvers failed ({type(exc).__name__}: {exc}); "
                         "pure equilibria only")
            degenerate = True
    if eqs is None:
        if len(players) == 2:
            notes.append(f"more than {MAX_TWO_PLAYER} strategies: pure equilibria only")
        eqs = [EquilibriumProfile({p: {names[i][e.profile[i]]: 1.0} for i, p in enumerate(players)},
                                  {p: float(v) for p, v in zip(players, e.payoffs)}, True)
               for e in pure_nash_equilibria(payoffs, tol=PAYOFF_TOL)]
    count = len(eqs) if count is None else count
    groups = group_equilibria(eqs, players, names, payoffs, outcome_of)
    if len(eqs) > MAX_KEPT:
        notes.append(f"{count} equilibria: the result keeps every outcome group and the first "
                     f"{MAX_KEPT} profiles")
        eqs = eqs[:MAX_KEPT]
    matrix = {p: payoffs[i].tolist() for i, p in enumerate(players)} \
        if len(players) == 2 and max(payoffs.shape[1:]) <= MAX_TWO_PLAYER else {}
    return GameResult(gid, label, kind, list(players), {p: list(names[i])
                                                        for i, p in enumerate(players)},
                      eqs, count, all_eq, degenerate, agree, surviving, dom.dominance_solvable,
                      notes=notes, payoff_matrix=matrix, outcome_groups=groups)


def solve_game(scenario: Scenario, game: GameSpec,
               models: Sequence[PreferenceModel] | None = None) -> GameResult:
    """Solve a declared game: equilibria and dominance (normal form), or backward induction and
    threat credibility (sequential).

    A sequential game is first rewritten so that no actor concludes a deal that crosses its red
    line (:func:`negsim.scenario_games.red_lines.enforce_red_lines`: the action is removed, or
    the leaf carries the veto); the result lists the changes (``red_lines``) and what still
    contradicts the verdicts (``reconciliation``)."""
    if game.kind == "normal_form":
        payoffs = np.array([np.asarray(t, dtype=float) for _, t in game.payoffs])
        names = [s for _, s in game.strategies]
        return solve_payoffs(game.id, game.label, game.kind, game.players, names, payoffs)
    models = models if models is not None else build_preferences(scenario)
    declared = game
    game, red = enforce_red_lines(scenario, game, models)
    root, ids = game_tree(scenario, game, models)
    shared = [n.info_set for n in game.nodes if n.info_set]
    if len(shared) != len(set(shared)):
        return solve_with_information(scenario, declared, game, models, root, ids, red,
                                      tree_nodes(game, root))
    spe = backward_induction(root)
    notes = [] if spe.unique or len(spe.outcomes) > 1 else \
        ["ties off the equilibrium path only: the path is the same however they are broken"]
    return GameResult(game.id, game.label, game.kind, list(spe.players), spe=spe, node_ids=ids,
                      threats=threats(scenario, game, root, ids, spe), notes=notes,
                      tree=tree_nodes(game, root), red_lines=red,
                      reconciliation=reconcile(scenario, declared, game, models,
                                               spe_ends(game, spe, ids)))


def tree_nodes(game: GameSpec, root: Node) -> list[TreeNode]:
    """Every node of a sequential game's tree as plain data, in prefix order (root first)."""
    out: list[TreeNode] = []

    def visit(node: Node, path: list[str]) -> None:
        spec = game.node(node.name) if node.name else None
        if isinstance(node, Terminal):
            out.append(TreeNode(path, node.name, "terminal",
                                payoffs={k: float(v) for k, v in node.payoffs.items()},
                                outcome=spec.outcome if spec else None,
                                levers=list(spec.levers) if spec else []))
            return
        probs = {b.label: float(b.probability) for b in node.branches
                 if b.probability is not None}
        out.append(TreeNode(path, node.name, "chance" if isinstance(node, Chance) else "decision",
                            getattr(node, "player", None), [b.label for b in node.branches],
                            probs))
        for b in node.branches:
            visit(b.child, path + [b.label])

    visit(root, [])
    return out


def normal_form(scenario: Scenario, players: Sequence[str] | None = None,
                strategies: Sequence[str] | None = None,
                models: Sequence[PreferenceModel] | None = None
                ) -> tuple[tuple[str, ...], list[list[str]], np.ndarray]:
    """The proposal-backing game of a scenario, built from its preference models.

    Construction: each player backs one of ``strategies`` (default: every proposal) or
    ``"no_deal"``; the owner of levers also chooses, for each lever it owns, ``pull`` or
    ``hold`` (strategy names like ``"air_truce+pull:secondary_tariffs"``).  If every player backs
    the same proposal and it crosses no player's red line, that proposal is the outcome;
    otherwise there is no deal.  A player's payoff is its demand utility of the outcome plus the
    full effect of every lever pulled whose trigger holds at the outcome (``"no_deal"`` levers
    only without a deal); levers of actors who are not players keep their expected
    (credibility-weighted) effect where they trigger.

    Returns
    -------
    (players, strategy names per player, payoffs of shape (n, s_1, ..., s_n))

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="b"),)),
    ...             negsim.Actor("B", (negsim.Demand("x", want="b"),))),
    ...     proposals=(negsim.Proposal("deal", (("x", "b"),)),))
    >>> players, names, U = normal_form(s)
    >>> names[0], U[0].tolist()
    (['deal', 'no_deal'], [[1.0, 0.0], [0.0, 0.0]])
    """
    models = list(models if models is not None else build_preferences(scenario))
    players, names, choices, vetoed = _backing(scenario, players, strategies, models)
    cache: dict[tuple[str, frozenset[str]], dict[str, float]] = {}
    U = np.zeros((len(players), *[len(c) for c in choices]))
    for idx in np.ndindex(*U.shape[1:]):
        key = _outcome(scenario, [choices[i][k] for i, k in enumerate(idx)], vetoed)
        if key not in cache:
            cache[key] = leaf_payoffs(scenario, models, key[0], sorted(key[1]), players)
        for i, p in enumerate(players):
            U[(i, *idx)] = cache[key][p]
    return players, names, U


def _backing(scenario: Scenario, players: Sequence[str] | None,
             strategies: Sequence[str] | None, models: Sequence[PreferenceModel]):
    """Players, strategy names, choices (backed proposal, levers pulled) and red-line vetoes."""
    players = tuple(players or scenario.actor_names)
    for i, p in enumerate(players):
        scenario.actor(p, key=f"players[{i}]")
    backs = list(strategies) if strategies is not None else [p.id for p in scenario.proposals]
    for i, b in enumerate(backs):
        if b != NO_DEAL:
            scenario.proposal(b, key=f"strategies[{i}]")
    if NO_DEAL not in backs:
        backs.append(NO_DEAL)
    owned = {p: [lv for lv in scenario.levers if lv.by == p] for p in players}
    names, choices = [], []
    for p in players:
        combos = list(product(*[("hold", "pull")] * len(owned[p])))
        choices.append([(b, frozenset(lv.id for lv, c in zip(owned[p], combo) if c == "pull"))
                        for b in backs for combo in combos])
        names.append([b + "".join(f"+pull:{lv}" for lv in sorted(s)) for b, s in choices[-1]])
    count = int(np.prod([len(c) for c in choices]))
    if count > MAX_PROFILES:
        raise NegsimError(f"the proposal game has {count:,} strategy profiles (limit "
                          f"{MAX_PROFILES:,}); name fewer players or strategies")
    by_actor = {m.actor: m for m in models}
    vetoed = {b: any(by_actor[p].vetoed(_row(scenario, b))[0] for p in players)
              for b in backs if b != NO_DEAL}
    return players, names, choices, vetoed


def _outcome(scenario: Scenario, picked: Sequence[tuple[str, frozenset[str]]],
             vetoed: dict[str, bool]) -> tuple[str, frozenset[str]]:
    """The outcome of one profile of the proposal-backing game and the levers that bite there."""
    first = picked[0][0]
    outcome = first if all(b == first for b, _ in picked) and first != NO_DEAL \
        and not vetoed[first] else NO_DEAL
    pulled = frozenset(lv for _, s in picked for lv in s
                       if _holds(scenario, scenario.lever(lv), outcome))
    return outcome, pulled


def proposal_game(scenario: Scenario, models: Sequence[PreferenceModel] | None = None,
                  players: Sequence[str] | None = None) -> GameResult:
    """Solve the proposal-backing game (see :func:`normal_form`): its equilibria from its
    unanimity structure (:mod:`negsim.scenario_games.unanimity`: pure ones by enumeration, for two
    players without levers the mixed ones in closed form) and iterated strict dominance."""
    models = list(models if models is not None else build_preferences(scenario))
    players, names, U = normal_form(scenario, players, models=models)
    _, _, choices, vetoed = _backing(scenario, players, None, models)

    def outcome_of(profile: tuple[int, ...]) -> tuple[str, list[str]]:
        outcome, pulled = _outcome(scenario, [choices[i][k] for i, k in enumerate(profile)],
                                   vetoed)
        return outcome, sorted(pulled)

    by_actor = {m.actor: m for m in models}
    blocked = []
    for prop in scenario.proposals:
        who = [p for p in players if by_actor[p].vetoed(_row(scenario, prop.id))[0]]
        if who:
            blocked.append(f"{prop.id} by {', '.join(who)}")
    notes = [f"blocked by a red line (never a deal in this game): {'; '.join(blocked)}"
             ] if blocked else []
    lever_free = not any(lv.by in players for lv in scenario.levers)
    solved = unanimity_equilibria(players, names, U, [n.index(NO_DEAL) for n in names],
                                  lever_free)
    return solve_payoffs("proposals", "Backing a proposal (built from the preferences)",
                         "proposals", players, names, U, notes, outcome_of=outcome_of,
                         solved=solved)


def scenario_games(scenario: Scenario, models: Sequence[PreferenceModel] | None = None
                   ) -> list[GameResult]:
    """Every declared game solved, then the proposal-backing game (if the scenario has proposals
    and at least two actors; skipped with a note when it is too large).  Each declared game
    carries the credibility it gives levers (``credibility``: the reason for a ``from_game``
    lever, a warning for a typed credibility it contradicts)."""
    models = models if models is not None else build_preferences(scenario)
    out = attach_credibility(scenario, [solve_game(scenario, g, models) for g in scenario.games],
                             models)
    if scenario.proposals and len(scenario.actors) >= 2:
        try:
            out.append(proposal_game(scenario, models))
        except NegsimError as exc:
            out.append(GameResult("proposals", "Backing a proposal", "proposals",
                                  list(scenario.actor_names), notes=[str(exc)]))
    return out
