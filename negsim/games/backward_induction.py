"""Backward induction: subgame-perfect equilibria of perfect-information trees, ties reported.

Working from the leaves up, every subgame gets the *set* of payoff vectors of its subgame-perfect
equilibria (SPE).  At a decision node of player ``i`` with children ``c``, an SPE payoff ``v`` of
child ``a`` is an SPE payoff of the node exactly when ``v_i >= min_{w in S_c} w_i`` for every
other child ``c`` (the other subgames can be played in their SPE worst for ``i``).  At a chance
node the SPE payoffs are the probability-weighted sums over every combination of the children's
SPE payoffs.  Without ties every set has one element and this is textbook backward induction;
with ties, nothing is broken silently: every action that is optimal in some SPE is listed, the
node is flagged, and every distinct SPE outcome is returned.

:func:`threat_credibility` asks whether a player's threatened action at a node is a best reply
there (a credible threat) and what it would be worth to that player to commit to it in advance.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from negsim.tolerances import PAYOFF_TOL
from negsim.results.game_theory import NodeSolution, SpeOutcome, SubgamePerfectResult, ThreatAssessment
from negsim.errors import ArgumentError, NegsimError, ScenarioError, did_you_mean
from negsim.games.tree import (Branch, Chance, Decision, Node, Terminal, check_size, decision_nodes,
                               players_of, replace_subtree, subtree, walk)

__all__ = ["NodeSolution", "SpeOutcome", "SubgamePerfectResult", "ThreatAssessment",
           "backward_induction", "threat_credibility"]

MAX_OUTCOMES = 10_000


_Entry = tuple[tuple[float, ...], tuple[str, ...]]  # (payoff vector, path)


def _dedup(entries: list[_Entry]) -> list[_Entry]:
    seen: dict[tuple, _Entry] = {}
    for v, p in entries:
        seen.setdefault((tuple(round(x, 9) for x in v), p), (v, p))
    return sorted(seen.values(), key=lambda e: (e[1], e[0]))


def _solve(root: Node, players: tuple[str, ...], eps: float,
           out: dict[tuple[str, ...], NodeSolution]) -> list[_Entry]:
    """The SPE entries of ``root``, children before parents with an explicit stack."""
    done: dict[tuple[str, ...], list[_Entry]] = {}
    stack: list[tuple[Node, tuple[str, ...], bool]] = [(root, (), False)]
    while stack:
        node, path, expanded = stack.pop()
        if isinstance(node, Terminal):
            done[path] = [(tuple(float(node.payoffs[p]) for p in players), ())]
        elif not expanded:
            stack.append((node, path, True))
            stack += [(b.child, path + (b.label,), False) for b in reversed(node.branches)]
        else:
            kids = [done.pop(path + (b.label,)) for b in node.branches]
            done[path] = _combine(node, path, kids, players, eps, out)
    return done[()]


def _combine(node: Decision | Chance, path: tuple[str, ...], kids: list[list[_Entry]],
             players: tuple[str, ...], eps: float,
             out: dict[tuple[str, ...], NodeSolution]) -> list[_Entry]:
    if isinstance(node, Chance):
        combos = 1
        for s in kids:
            combos *= len(s)
        if combos > MAX_OUTCOMES:
            raise NegsimError(f"too many subgame-perfect outcome combinations ({combos}) at "
                              f"the chance node at path {list(path)}; break payoff ties")
        probs = [b.probability or 0.0 for b in node.branches]
        return _dedup([
            (tuple(sum(p * e[0][k] for p, e in zip(probs, pick)) for k in range(len(players))),
             ())
            for pick in product(*kids)
        ])
    k = players.index(node.player)
    worst = [min(e[0][k] for e in s) for s in kids]
    entries: list[_Entry] = []
    optimal: list[str] = []
    values: dict[str, tuple[float, float]] = {}
    for a, (branch, s) in enumerate(zip(node.branches, kids)):
        bar = max((w for c, w in enumerate(worst) if c != a), default=float("-inf"))
        ok = [e for e in s if e[0][k] >= bar - eps]
        values[branch.label] = (min(e[0][k] for e in s), max(e[0][k] for e in s))
        if ok:
            optimal.append(branch.label)
            entries += [(v, (branch.label,) + p) for v, p in ok]
    out[path] = NodeSolution(path=path, player=node.player, optimal_actions=tuple(optimal),
                             action_values=values, tie=len(optimal) > 1)
    return _dedup(entries)


def backward_induction(root: Node, tol: float = PAYOFF_TOL) -> SubgamePerfectResult:
    """Subgame-perfect equilibria of a finite perfect-information game tree.

    Parameters
    ----------
    root : Terminal, Decision or Chance
        The tree (see :mod:`negsim.games.tree`).
    tol : float
        Payoff differences below ``tol * max(1, max|payoff|)`` count as ties.

    Returns
    -------
    SubgamePerfectResult
        The optimal action(s) at every decision node, every distinct SPE outcome, and whether
        the SPE is unique.

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> game = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
    ...                 In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=-1),
    ...                             Accommodate=terminal(Entrant=1, Incumbent=1)))
    >>> spe = backward_induction(game)
    >>> spe.path, spe.payoffs, spe.unique
    (('In', 'Accommodate'), {'Entrant': 1.0, 'Incumbent': 1.0}, True)
    """
    if not isinstance(root, (Terminal, Decision, Chance)):
        raise ScenarioError("root must be a tree node", key="root",
                            expected="Terminal, Decision or Chance",
                            found=type(root).__name__)
    check_size(root)
    shared = [n.info_set for _, n in decision_nodes(root) if n.info_set]
    if len(shared) != len(set(shared)):
        raise ArgumentError("backward induction needs perfect information, and this tree has an "
                            "information set of several nodes; use "
                            "negsim.games.extensive.solve_extensive")
    players = players_of(root)
    scale = max([1.0] + [abs(v) for p, n in _terminals(root) for v in n.payoffs.values()])
    found: dict[tuple[str, ...], NodeSolution] = {}
    entries = _solve(root, players, tol * scale, found)
    nodes = tuple(found[p] for p, _ in decision_nodes(root))
    outcomes = tuple(SpeOutcome(path=p, payoffs=dict(zip(players, v))) for v, p in entries)
    paths = {o.path for o in outcomes}
    pay = {tuple(round(x, 9) for x in o.payoffs.values()) for o in outcomes}
    return SubgamePerfectResult(
        players=players,
        nodes=nodes,
        outcomes=outcomes,
        unique=not any(n.tie for n in nodes),
        ties=tuple(n.path for n in nodes if n.tie),
        path=outcomes[0].path if len(paths) == 1 else None,
        payoffs=dict(outcomes[0].payoffs) if len(pay) == 1 else None,
    )


def _terminals(root: Node) -> list[tuple[tuple[str, ...], Terminal]]:
    return [(p, n) for p, n in walk(root) if isinstance(n, Terminal)]


def threat_credibility(root: Node, at: Sequence[str], threat: str,
                       tol: float = PAYOFF_TOL) -> ThreatAssessment:
    """Say whether the threat ``threat`` at node ``at`` is credible and what commitment is worth.

    Parameters
    ----------
    root : Node
        The game tree.
    at : sequence of str
        Path (branch labels from the root) of the decision node where the threat is carried out.
    threat : str
        The threatened action at that node.
    tol : float
        Tie tolerance, as in :func:`backward_induction`.

    Returns
    -------
    ThreatAssessment
        Credibility, and the threatening player's payoff with and without commitment.

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> game = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
    ...                 In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=-1),
    ...                             Accommodate=terminal(Entrant=1, Incumbent=1)))
    >>> t = threat_credibility(game, ["In"], "Fight")
    >>> t.credible, t.value_of_commitment
    (False, (1.0, 1.0))
    """
    at = tuple(at)
    node = subtree(root, at)
    if not isinstance(node, Decision):
        raise ScenarioError("a threat needs a decision node", key="at",
                            expected="the path of a decision node",
                            found=f"a {type(node).__name__} node at {list(at)}")
    if threat not in node.actions:
        raise ScenarioError("no such action at the node", key="threat",
                            expected=f"one of {list(node.actions)}", found=repr(threat),
                            hint=did_you_mean(threat, node.actions))
    plain = backward_induction(root, tol)
    here = next(n for n in plain.nodes if n.path == at)
    bound = Decision(node.player, (Branch(threat, subtree(node, [threat])),), node.name,
                     node.info_set)
    committed = backward_induction(replace_subtree(root, at, bound), tol)
    spe = tuple(sorted({o.payoffs[node.player] for o in plain.outcomes}))
    com = tuple(sorted({o.payoffs[node.player] for o in committed.outcomes}))
    return ThreatAssessment(
        path=at,
        player=node.player,
        threat=threat,
        credible=threat in here.optimal_actions,
        threat_payoff=here.action_values[threat],
        best_actions=here.optimal_actions,
        spe_payoffs=spe,
        commitment_payoffs=com,
        value_of_commitment=(com[0] - spe[-1], com[-1] - spe[0]),
    )
