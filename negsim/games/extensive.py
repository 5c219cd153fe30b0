"""Extensive-form games with information sets: the reduced strategic form and Nash equilibria
in behaviour strategies, with an exact best-response check.

Information sets come from :attr:`negsim.games.tree.Decision.info_set` (nodes sharing a non-empty
id; every other decision node is a set of its own).  Games must have **perfect recall** (every
node of an information set is reached by the same sequence of the player's own earlier
information sets and actions), which is what makes behaviour strategies and mixed strategies
equivalent (Kuhn's theorem) and lets the reduced strategic form be built:

* a **reduced pure strategy** of a player picks an action at each of its information sets that
  its own earlier choices do not rule out (two strategies that differ only at sets they never
  reach are one);
* the **payoff** of a profile is the expectation over chance, computed exactly in fractions
  (:func:`exact`: a probability or payoff given as a float is read as the simplest fraction with
  a denominator up to :data:`EXACT_DENOMINATOR` that rounds to the same float, so ``1/6`` and
  ``0.9`` are exact);
* equilibria found in floats are read as fractions with denominators up to
  :data:`EXACT_DENOMINATOR` and kept only if they pass the exact check; if none does, the pure
  equilibria are reported instead;
* a mixed strategy ``x`` maps back to **behaviour**: at set ``h``, the probability of ``a`` is the
  weight of the strategies that reach ``h`` and play ``a`` there over the weight of those that
  reach ``h`` (undefined, hence omitted, where no strategy in the support reaches ``h``).

:func:`solve_extensive` finds, for two players, every equilibrium with
:func:`negsim.games.normal_form.solve_two_player` while each player has at most
:data:`MAX_ALL_EQUILIBRIA` reduced strategies; for a larger two-player zero-sum game one
equilibrium by linear programming (every equilibrium of a zero-sum game has the same value); for
a larger general-sum two-player game support enumeration (within
:data:`negsim.limits.MAX_SUPPORT_PAIRS`) and Lemke-Howson from every label (within
:data:`negsim.limits.MAX_LEMKE_HOWSON_STEPS`), the equilibria's ``method`` saying that the list
may be incomplete; pure equilibria for more players (and whenever no float equilibrium reads as
an exact one).  Every equilibrium reported passes
:func:`best_response_gaps` exactly (in fractions): no player gains by any reduced strategy, and
at every information set reached with positive probability only actions that are best there
(given the Bayes beliefs and the continuation) are played.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import product

import numpy as np

from negsim.errors import ArgumentError, ScenarioError
from negsim.games.tree import Chance, Decision, Node, Terminal, check_size, players_of, walk
from negsim.results.game_theory import BehaviourEquilibrium, InfoSet

__all__ = ["InfoSet", "BehaviourEquilibrium", "information_sets", "reduced_form", "exact",
           "solve_extensive", "behaviour_of", "exact_probabilities", "local_gaps", "bayes_beliefs", "node_values", "reach_probabilities",
           "best_response_gaps", "EXACT_DENOMINATOR", "MAX_PURE_STRATEGIES",
           "MAX_ALL_EQUILIBRIA"]

EXACT_DENOMINATOR = 1000
"""Floats are read as the simplest fraction with at most this denominator that rounds to the
same float (else as the float's exact binary value)."""
MAX_PURE_STRATEGIES = 4096
"""Most pure (unreduced) strategies per player the reduced form is built from."""
MAX_ALL_EQUILIBRIA = 12
"""All equilibria (support and vertex enumeration) only while each of two players has at most
this many reduced strategies."""

Path = tuple[str, ...]
Behaviour = dict[str, dict[str, Fraction]]  # info set id -> action -> probability


def exact(x: float | int | Fraction) -> Fraction:
    """``x`` as a fraction (see the module docstring).

    Examples
    --------
    >>> exact(1 / 6), exact(0.9), exact(2)
    (Fraction(1, 6), Fraction(9, 10), Fraction(2, 1))
    """
    if isinstance(x, Fraction):
        return x
    f = Fraction(x).limit_denominator(EXACT_DENOMINATOR)
    return f if float(f) == float(x) else Fraction(x)


def exact_probabilities(node: Chance) -> list[Fraction]:
    """A chance node's probabilities as fractions (:func:`exact`), the last one set to one minus
    the others so that they sum to exactly 1 (``0.9`` and ``1 - 0.9`` read as 9/10 and 1/10).

    Examples
    --------
    >>> from negsim.games.tree import chance, terminal
    >>> exact_probabilities(chance({"a": (0.9, terminal(A=0)), "b": (1 - 0.9, terminal(A=1))}))
    [Fraction(9, 10), Fraction(1, 10)]
    """
    fr = [exact(b.probability or 0.0) for b in node.branches]
    fr[-1] = 1 - sum(fr[:-1])
    return fr


def _set_id(path: Path, node: Decision) -> str:
    return node.info_set or "@" + "/".join(path)


def information_sets(root: Node) -> dict[str, InfoSet]:
    """Every information set of the tree, in order of first appearance (prefix order).

    Raises ScenarioError if the nodes of a set have different players or actions, or if the
    game lacks perfect recall.

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> t = decision("A", l=decision("B", x=terminal(A=1, B=0), y=terminal(A=0, B=1), info_set="b"),
    ...                   r=decision("B", x=terminal(A=0, B=1), y=terminal(A=1, B=0), info_set="b"))
    >>> [(h.id, h.player, h.paths) for h in information_sets(t).values()]
    [('@', 'A', ((),)), ('b', 'B', (('l',), ('r',)))]
    """
    check_size(root)
    sets: dict[str, InfoSet] = {}
    recall: dict[str, tuple[tuple[str, str], ...]] = {}
    own: dict[Path, tuple[tuple[str, str], ...]] = {(): ()}  # (set, action) of the mover's own
    history: dict[Path, dict[str, tuple[tuple[str, str], ...]]] = {(): {}}
    for path, node in walk(root):
        seen = history[path]
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision):
            hid = _set_id(path, node)
            mine = seen.get(node.player, ())
            if hid in sets:
                h = sets[hid]
                if h.player != node.player or h.actions != node.actions:
                    raise ScenarioError("the nodes of an information set need the same player "
                                        "and the same actions", key=f"info_set {hid!r}",
                                        expected=f"{h.player} with actions {list(h.actions)}",
                                        found=f"{node.player} with actions {list(node.actions)} "
                                              f"at path {list(path)}")
                if recall[hid] != mine:
                    raise ScenarioError("the game lacks perfect recall: a player would forget "
                                        "its own earlier moves", key=f"info_set {hid!r}",
                                        expected=f"the same own moves before every node "
                                                 f"({list(recall[hid])})",
                                        found=f"{list(mine)} at path {list(path)}",
                                        hint="split the information set")
                sets[hid] = InfoSet(hid, h.player, h.actions, h.paths + (path,), h.label)
            else:
                sets[hid] = InfoSet(hid, node.player, node.actions, (path,),
                                    node.info_set or node.name or "/".join(path) or "root")
                recall[hid] = mine
            for b in node.branches:
                history[path + (b.label,)] = {**seen, node.player: mine + ((hid, b.label),)}
        else:
            for b in node.branches:
                history[path + (b.label,)] = seen
    return sets


def _pure_strategies(sets: Mapping[str, InfoSet], player: str) -> list[dict[str, str]]:
    """The reduced pure strategies of ``player``: actions at the sets its own play reaches."""
    mine = [h for h in sets.values() if h.player == player]
    count = int(np.prod([len(h.actions) for h in mine])) if mine else 1
    if count > MAX_PURE_STRATEGIES:
        raise ArgumentError(f"{player} has {count:,} pure strategies (limit "
                            f"{MAX_PURE_STRATEGIES:,}); the reduced strategic form is too large")
    before = {h.id: _own_before(sets, h) for h in mine}
    out: dict[tuple, dict[str, str]] = {}
    for combo in product(*[h.actions for h in mine]):
        full = {h.id: a for h, a in zip(mine, combo)}
        reduced = {hid: a for hid, a in full.items()
                   if all(full[k] == act for k, act in before[hid])}
        out.setdefault(tuple(reduced.items()), reduced)
    return list(out.values())


def _own_before(sets: Mapping[str, InfoSet], h: InfoSet) -> list[tuple[str, str]]:
    """The player's own (set, action) pairs on the way to ``h`` (the same at each node)."""
    path = h.paths[0]
    out = []
    for other in sets.values():
        if other.player != h.player:
            continue
        for p in other.paths:
            if len(p) < len(path) and path[:len(p)] == p:
                out.append((other.id, path[len(p)]))
    return out


def reduced_form(root: Node) -> tuple[tuple[str, ...], list[list[dict[str, str]]],
                                     dict[tuple[int, ...], tuple[Fraction, ...]]]:
    """Players, their reduced pure strategies, and the exact expected payoff of every profile.

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> t = decision("A", l=decision("B", x=terminal(A=1, B=0), y=terminal(A=0, B=1), info_set="b"),
    ...                   r=decision("B", x=terminal(A=0, B=1), y=terminal(A=1, B=0), info_set="b"))
    >>> players, strategies, pay = reduced_form(t)
    >>> [len(s) for s in strategies], pay[(0, 0)]
    ([2, 2], (Fraction(1, 1), Fraction(0, 1)))
    """
    sets = information_sets(root)
    players = players_of(root)
    strategies = [_pure_strategies(sets, p) for p in players]
    table = {}
    for idx in product(*[range(len(s)) for s in strategies]):
        plan = {hid: a for i, k in enumerate(idx) for hid, a in strategies[i][k].items()}
        table[idx] = _expected(root, players, plan)
    return players, strategies, table


def _expected(root: Node, players: Sequence[str], plan: Mapping[str, str]) -> tuple[Fraction, ...]:
    total = [Fraction(0)] * len(players)
    stack: list[tuple[Path, Node, Fraction]] = [((), root, Fraction(1))]
    while stack:
        path, node, prob = stack.pop()
        if isinstance(node, Terminal):
            for k, p in enumerate(players):
                total[k] += prob * exact(node.payoffs[p])
        elif isinstance(node, Decision):
            a = plan[_set_id(path, node)]
            child = node.branches[node.actions.index(a)].child
            stack.append((path + (a,), child, prob))
        else:
            stack += [(path + (b.label,), b.child, prob * q)
                      for b, q in zip(node.branches, exact_probabilities(node)) if q]
    return tuple(total)


def behaviour_of(strategies: Sequence[dict[str, str]], weights: Sequence[Fraction],
                 sets: Mapping[str, InfoSet]) -> Behaviour:
    """The behaviour strategy of a mixed strategy (see the module docstring)."""
    player_sets = {hid for s in strategies for hid in s}
    out: Behaviour = {}
    for hid in sets:
        if hid not in player_sets:
            continue
        reach = sum((w for s, w in zip(strategies, weights) if hid in s), Fraction(0))
        if reach == 0:
            continue
        out[hid] = {a: sum((w for s, w in zip(strategies, weights) if s.get(hid) == a),
                           Fraction(0)) / reach for a in sets[hid].actions}
    return out


def node_values(root: Node, players: Sequence[str], behaviour: Behaviour,
                override: Mapping[str, dict[str, Fraction]] | None = None
                ) -> dict[Path, tuple[Fraction, ...]]:
    """Each node's exact expected payoffs when play follows ``behaviour`` below it (``override``
    replaces the behaviour at some sets; a set with no behaviour counts as uniform)."""
    values: dict[Path, tuple[Fraction, ...]] = {}
    order = list(walk(root))
    for path, node in reversed(order):
        if isinstance(node, Terminal):
            values[path] = tuple(exact(node.payoffs[p]) for p in players)
            continue
        if isinstance(node, Decision):
            hid = _set_id(path, node)
            mix = (override or {}).get(hid) or behaviour.get(hid) or \
                {a: Fraction(1, len(node.actions)) for a in node.actions}
            probs = [mix.get(b.label, Fraction(0)) for b in node.branches]
        else:
            probs = exact_probabilities(node)
        values[path] = tuple(sum((p * values[path + (b.label,)][k]
                                  for p, b in zip(probs, node.branches)), Fraction(0))
                             for k in range(len(players)))
    return values


def reach_probabilities(root: Node, behaviour: Behaviour) -> dict[Path, Fraction]:
    """The probability that play under ``behaviour`` passes through each node."""
    out: dict[Path, Fraction] = {}
    for path, node in walk(root):
        out.setdefault(path, Fraction(1) if not path else Fraction(0))
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision):
            mix = behaviour.get(_set_id(path, node), {})
            probs = [mix.get(b.label, Fraction(0)) for b in node.branches]
        else:
            probs = exact_probabilities(node)
        for p, b in zip(probs, node.branches):
            out[path + (b.label,)] = out[path] * p
    return out


def local_gaps(root: Node, players: Sequence[str], sets: Mapping[str, InfoSet],
               behaviour: Behaviour, beliefs: Mapping[str, Mapping[Path, Fraction]]
               ) -> dict[str, Fraction]:
    """At each set with a belief, how much more the best action is worth than the action played
    that is worth least (0: only best actions are played), given the belief and the behaviour
    that follows."""
    values = node_values(root, players, behaviour)
    out = {}
    for hid, mu in beliefs.items():
        h = sets[hid]
        k = players.index(h.player)
        worth = {a: sum((q * values[x + (a,)][k] for x, q in mu.items()), Fraction(0))
                 for a in h.actions}
        played = [a for a, p in behaviour.get(hid, {}).items() if p > 0]
        out[hid] = max(worth.values()) - min(worth[a] for a in played) if played else Fraction(0)
    return out


def bayes_beliefs(sets: Mapping[str, InfoSet], reach: Mapping[Path, Fraction]
                  ) -> dict[str, dict[Path, Fraction]]:
    """The belief at every set reached with positive probability (Bayes' rule)."""
    out = {}
    for hid, h in sets.items():
        total = sum((reach[x] for x in h.paths), Fraction(0))
        if total > 0:
            out[hid] = {x: reach[x] / total for x in h.paths}
    return out


def best_response_gaps(root: Node, players: Sequence[str],
                       strategies: Sequence[Sequence[dict[str, str]]],
                       table: Mapping[tuple[int, ...], tuple[Fraction, ...]],
                       mixed: Sequence[Sequence[Fraction]]) -> dict[str, Fraction]:
    """Exact gain of each player's best reduced strategy over its payoff in the profile
    ``mixed`` (all zero: a Nash equilibrium)."""
    out = {}
    for i, p in enumerate(players):
        def value(own: Sequence[Fraction]) -> Fraction:
            total = Fraction(0)
            for idx, pay in table.items():
                w = own[idx[i]]
                for j, k in enumerate(idx):
                    if j != i and w:
                        w *= mixed[j][k]
                total += w * pay[i]
            return total
        here = value(mixed[i])
        best = max(value([Fraction(int(k == s)) for k in range(len(strategies[i]))])
                   for s in range(len(strategies[i])))
        out[p] = best - here
    return out


def _rational(x: Sequence[float]) -> list[Fraction] | None:
    fr = [Fraction(float(v)).limit_denominator(EXACT_DENOMINATOR) for v in x]
    fr = [max(f, Fraction(0)) for f in fr]
    total = sum(fr)
    return [f / total for f in fr] if total > 0 else None


def _zero_sum_lp(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.optimize import linprog

    def maxmin(M: np.ndarray) -> np.ndarray:
        m, n = M.shape
        c = np.zeros(m + 1)
        c[-1] = -1.0
        res = linprog(c, A_ub=np.hstack([-M.T, np.ones((n, 1))]), b_ub=np.zeros(n),
                      A_eq=np.hstack([np.ones((1, m)), np.zeros((1, 1))]), b_eq=[1.0],
                      bounds=[(0, None)] * m + [(None, None)], method="highs")
        return res.x[:m]

    return maxmin(A), maxmin(-A.T)


def _bounded_two_player(A: np.ndarray, B: np.ndarray, sizes: Sequence[int]
                        ) -> list[tuple[list[list[Fraction]], str]]:
    """Equilibria of a two-player reduced form above :data:`MAX_ALL_EQUILIBRIA`: support
    enumeration (while within :data:`negsim.limits.MAX_SUPPORT_PAIRS`) and Lemke-Howson from
    every dropped label (each within :data:`negsim.limits.MAX_LEMKE_HOWSON_STEPS`), through
    :func:`negsim.games.normal_form.solve_two_player`; the method string says which ran and that
    the list may be incomplete."""
    from negsim.games.normal_form import solve_two_player
    sol = solve_two_player(A, B, methods=("support_enumeration", "lemke_howson"))
    ran = [m for m in ("support_enumeration", "lemke_howson")
           if not any(n.startswith(f"{m} not run") for n in sol.notes)]
    method = (f"some equilibria: {max(sizes)} reduced strategies exceed MAX_ALL_EQUILIBRIA "
              f"({MAX_ALL_EQUILIBRIA}); found by {' and '.join(ran).replace('_', ' ')} "
              "(reduced strategic form)")
    out = []
    for e in sol.equilibria:
        x, y = _rational(e.row_strategy), _rational(e.column_strategy)
        if x is not None and y is not None:
            out.append(([x, y], method))
    return out


def solve_extensive(root: Node) -> list[BehaviourEquilibrium]:
    """Nash equilibria in behaviour strategies (see the module docstring for which ones).

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> pennies = decision("A", h=decision("B", h=terminal(A=1, B=-1), t=terminal(A=-1, B=1),
    ...                                    info_set="guess"),
    ...                         t=decision("B", h=terminal(A=-1, B=1), t=terminal(A=1, B=-1),
    ...                                    info_set="guess"))
    >>> [(e.behaviour["guess"], e.payoffs) for e in solve_extensive(pennies)]
    [({'h': 0.5, 't': 0.5}, {'A': 0.0, 'B': 0.0})]
    """
    players, strategies, table = reduced_form(root)
    sets = information_sets(root)
    sizes = [len(s) for s in strategies]
    profiles: list[tuple[list[list[Fraction]], str]] = []
    if len(players) == 2:
        A = np.zeros(sizes)
        B = np.zeros(sizes)
        for (i, j), pay in table.items():
            A[i, j], B[i, j] = float(pay[0]), float(pay[1])
        if max(sizes) <= MAX_ALL_EQUILIBRIA:
            from negsim.games.normal_form import solve_two_player
            for e in solve_two_player(A, B).equilibria:
                x, y = _rational(e.row_strategy), _rational(e.column_strategy)
                if x is not None and y is not None:
                    profiles.append(([x, y], "all equilibria (reduced strategic form)"))
        elif all(table[k][0] == -table[k][1] for k in table):
            x, y = _zero_sum_lp(A)
            rx, ry = _rational(x), _rational(y)
            if rx is not None and ry is not None:
                profiles.append(([rx, ry], "one equilibrium (zero-sum: linear programming)"))
        else:
            profiles += _bounded_two_player(A, B, sizes)
    exact_found = [m for m, _ in profiles
                   if all(g == 0 for g in best_response_gaps(root, players, strategies, table,
                                                             m).values())]
    if not exact_found:  # none, or the solvers' floats are not exact fractions: pure ones
        profiles = []
        for idx, pay in table.items():
            pure = [[Fraction(int(k == idx[i])) for k in range(n)] for i, n in enumerate(sizes)]
            if all(g == 0 for g in best_response_gaps(root, players, strategies, table,
                                                      pure).values()):
                profiles.append((pure, "pure equilibria (reduced strategic form)"))
    out, seen = [], set()
    for mixed, method in profiles:
        gaps = best_response_gaps(root, players, strategies, table, mixed)
        if any(g != 0 for g in gaps.values()):
            continue  # a float equilibrium whose fractions are not exact: not reported
        beh: Behaviour = {}
        for i in range(len(players)):
            beh.update(behaviour_of(strategies[i], mixed[i], sets))
        reach = reach_probabilities(root, beh)
        local = local_gaps(root, players, sets, beh, bayes_beliefs(sets, reach))
        if any(g != 0 for g in local.values()):
            raise ArithmeticError("an equilibrium of the reduced form fails the best-response "
                                  "check at an information set: " + repr(local))
        key = tuple(sorted((h, tuple(sorted(m.items()))) for h, m in beh.items()))
        if key not in seen:  # mixtures of reduced strategies with the same behaviour
            seen.add(key)
            out.append(_record(root, players, sets, strategies, mixed, beh, reach, method))
    return out


def _record(root: Node, players: Sequence[str], sets: Mapping[str, InfoSet],
            strategies: Sequence[Sequence[dict[str, str]]], mixed: Sequence[Sequence[Fraction]],
            beh: Behaviour, reach: Mapping[Path, Fraction], method: str) -> BehaviourEquilibrium:
    values = node_values(root, players, beh)
    beliefs = bayes_beliefs(sets, reach)
    return BehaviourEquilibrium(
        behaviour={hid: {a: float(p) for a, p in mix.items()} for hid, mix in beh.items()},
        exact_behaviour={hid: {a: str(p) for a, p in mix.items()} for hid, mix in beh.items()},
        payoffs={p: float(values[()][k]) for k, p in enumerate(players)},
        exact_payoffs={p: str(values[()][k]) for k, p in enumerate(players)},
        beliefs={hid: {"/".join(x): float(q) for x, q in mu.items()}
                 for hid, mu in beliefs.items() if len(sets[hid].paths) > 1},
        paths=sorted("/".join(x) for x, node in walk(root)
                     if isinstance(node, Terminal) and reach[x] > 0),
        method=method,
        pure=all(sum(1 for w in m if w > 0) == 1 for m in mixed))
