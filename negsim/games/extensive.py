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

from negsim.errors import ArgumentError
from negsim.games.tree import Decision, Node, Terminal, players_of, walk
from negsim.results.game_theory import BehaviourEquilibrium, InfoSet
from negsim.games.behaviour import (EXACT_DENOMINATOR, Path, Behaviour, exact, exact_probabilities, _set_id, information_sets, behaviour_of, node_values, reach_probabilities, local_gaps, bayes_beliefs, best_response_gaps)

__all__ = ["InfoSet", "BehaviourEquilibrium", "information_sets", "reduced_form", "exact",
           "solve_extensive", "behaviour_of", "exact_probabilities", "local_gaps", "bayes_beliefs", "node_values", "reach_probabilities",
           "best_response_gaps", "EXACT_DENOMINATOR", "MAX_PURE_STRATEGIES",
           "MAX_ALL_EQUILIBRIA"]

MAX_PURE_STRATEGIES = 4096
"""Most pure (unreduced) strategies per player the reduced form is built from."""
MAX_ALL_EQUILIBRIA = 12
"""All equilibria (support and vertex enumeration) only while each of two players has at most
this many reduced strategies."""

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
