"""Perfect Bayesian equilibria of games that start with a move of chance (types), and the
intuitive criterion for two-type signalling games.

The model: the root is a :class:`~negsim.games.tree.Chance` node (nature draws the types), and
players move at information sets (:mod:`negsim.games.extensive`).  A **(weak) perfect Bayesian
equilibrium** in pure strategies is an action at every information set and a belief (a
probability over the set's nodes) at every set such that

1. *sequential rationality*: at every set, the action played is a best reply given the belief
   and the play that follows (reached or not);
2. *Bayes' rule on the path*: at a set reached with positive probability the belief is the
   conditional probability of its nodes;
3. *off the path* any belief will do; :func:`perfect_bayesian` reports, for each unreached set
   and each of its nodes, the range of beliefs in that node under which the set's action is a best
   reply (the beliefs that support the equilibrium).  Exact for sets of one or two nodes; for
   larger sets the range is that of a linear program (floats).

In a game that starts with chance the belief at a set is a belief about the types (and the
moves already made), which is what signalling and screening games need; for games without a
chance root use :func:`negsim.games.extensive.solve_extensive` or backward induction.  Only pure
equilibria are enumerated (every profile of actions is tried, up to :data:`MAX_PURE_PROFILES`).

**Signalling games** (chance draws the sender's type; the sender, seeing it, sends a message; the
receiver sees the message, not the type, and acts; the game ends) get a ``kind`` (pooling,
separating, partially pooling) and, with two types, the **intuitive criterion** (Cho and Kreps
1987): at an unsent message ``m``, a type is *equilibrium-dominated* if its equilibrium payoff
exceeds the best it could get from ``m`` against any receiver action that is a best reply to
some belief; the equilibrium fails if some type that is not dominated would get more than its
equilibrium payoff from ``m`` against every best reply to beliefs on the non-dominated types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import product

import numpy as np

from negsim.errors import ArgumentError
from negsim.games.extensive import (Behaviour, bayes_beliefs, information_sets, local_gaps,
                                    node_values, reach_probabilities)
from negsim.games.tree import Chance, Decision, Node, Terminal, players_of, walk
from negsim.results.game_theory import InfoSet, PerfectBayesianEquilibrium

__all__ = ["PerfectBayesianEquilibrium", "perfect_bayesian", "signalling_structure",
           "MAX_PURE_PROFILES"]

MAX_PURE_PROFILES = 100_000
"""Most pure profiles (an action at every information set) :func:`perfect_bayesian` tries."""

Path = tuple[str, ...]


def signalling_structure(root: Node, sets: Mapping[str, InfoSet]
                         ) -> tuple[str, str, list[str], dict[str, str]] | None:
    """``(sender, receiver, types, receiver set by message)`` if the tree is a signalling game,
    else None.

    Examples
    --------
    >>> from negsim.games.tree import chance, decision, terminal
    >>> from negsim.games.extensive import information_sets
    >>> r = lambda: decision("R", a=terminal(S=1, R=1), b=terminal(S=0, R=0), info_set="r")
    >>> g = chance({"t1": (0.5, decision("S", m=r(), info_set="s1")),
    ...             "t2": (0.5, decision("S", m=r(), info_set="s2"))})
    >>> signalling_structure(g, information_sets(g))
    ('S', 'R', ['t1', 't2'], {'m': 'r'})
    """
    if not isinstance(root, Chance):
        return None
    senders = [b.child for b in root.branches]
    if not all(isinstance(s, Decision) for s in senders):
        return None
    sender = senders[0].player  # type: ignore[union-attr]
    ids = {sets_id(sets, (b.label,)) for b in root.branches}
    if any(s.player != sender for s in senders) or len(ids) != len(senders):  # type: ignore
        return None
    receiver, by_message = None, {}
    for b in root.branches:
        for m in b.child.branches:  # type: ignore[union-attr]
            node = m.child
            if not isinstance(node, Decision) or node.player == sender \
                    or receiver not in (None, node.player) \
                    or not all(isinstance(x.child, Terminal) for x in node.branches):
                return None
            receiver = node.player
            hid = sets_id(sets, (b.label, m.label))
            if by_message.setdefault(m.label, hid) != hid:
                return None
    if receiver is None or any(len(sets[h].paths) != len(senders) for h in by_message.values()):
        return None
    return sender, receiver, [b.label for b in root.branches], by_message


def sets_id(sets: Mapping[str, InfoSet], path: Path) -> str:
    """The id of the information set that holds the node at ``path``."""
    return next(h.id for h in sets.values() if path in h.paths)


def perfect_bayesian(root: Node) -> list[PerfectBayesianEquilibrium]:
    """Every pure perfect Bayesian equilibrium of a game with a chance root (see the module).

    Examples
    --------
    >>> from negsim.games.tree import chance, decision, terminal
    >>> def guess(x, y):
    ...     return decision("G", x=terminal(N=0, G=x), y=terminal(N=0, G=y), info_set="g")
    >>> g = chance({"left": (0.25, guess(1, 0)), "right": (0.75, guess(0, 1))})
    >>> [(e.actions, e.beliefs) for e in perfect_bayesian(g)]
    [({'g': 'y'}, {'g': {'left': 0.25, 'right': 0.75}})]
    """
    if not isinstance(root, Chance):
        raise ArgumentError("perfect Bayesian equilibria are computed for games that start with "
                            "a move of chance (the types); use solve_extensive or backward "
                            "induction otherwise")
    sets = information_sets(root)
    players = players_of(root)
    order = list(sets.values())
    count = int(np.prod([len(h.actions) for h in order]))
    if count > MAX_PURE_PROFILES:
        raise ArgumentError(f"{count:,} pure profiles (limit {MAX_PURE_PROFILES:,})")
    signal = signalling_structure(root, sets)
    out = []
    for combo in product(*[h.actions for h in order]):
        beh: Behaviour = {h.id: {a: Fraction(int(a == c)) for a in h.actions}
                          for h, c in zip(order, combo)}
        reach = reach_probabilities(root, beh)
        beliefs = bayes_beliefs(sets, reach)
        if any(g != 0 for g in local_gaps(root, players, sets, beh, beliefs).values()):
            continue
        values = node_values(root, players, beh)
        ranges: dict[str, dict[str, list[float]]] = {}
        for h, c in zip(order, combo):
            if h.id in beliefs:
                continue
            rng = _supporting(h, c, values, players.index(h.player))
            if rng is None:
                break
            if len(h.paths) > 1:  # a set of one node has the one belief
                ranges[h.id] = rng
        else:
            out.append(_record(root, players, sets, dict(zip([h.id for h in order], combo)),
                               beliefs, ranges, values, reach, signal))
    return out


def _supporting(h: InfoSet, action: str, values: Mapping[Path, tuple[Fraction, ...]],
                k: int) -> dict[str, list[float]] | None:
    """Per node of ``h``, the range of beliefs under which ``action`` is a best reply (None: no
    belief makes it one)."""
    # d[a][x]: how much better `action` is than `a` at node x
    d = {a: [values[x + (action,)][k] - values[x + (a,)][k] for x in h.paths]
         for a in h.actions if a != action}
    names = ["/".join(x) for x in h.paths]
    if len(h.paths) == 1:
        return None if any(v[0] < 0 for v in d.values()) else {names[0]: [1.0, 1.0]}
    if len(h.paths) == 2:
        lo, hi = Fraction(0), Fraction(1)  # p = belief in the first node
        for d1, d2 in d.values():
            # p * d1 + (1 - p) * d2 >= 0  <=>  p * (d1 - d2) >= -d2
            slope = d1 - d2
            if slope > 0:
                lo = max(lo, -d2 / slope)
            elif slope < 0:
                hi = min(hi, -d2 / slope)
            elif d2 < 0:
                return None
        if lo > hi:
            return None
        return {names[0]: [float(lo), float(hi)], names[1]: [float(1 - hi), float(1 - lo)]}
    return _supporting_lp(d, names)


def _supporting_lp(d: Mapping[str, Sequence[Fraction]], names: Sequence[str]
                   ) -> dict[str, list[float]] | None:
    from scipy.optimize import linprog
    n = len(names)
    a_ub = np.array([[-float(v) for v in row] for row in d.values()]).reshape(-1, n)
    b_ub = np.zeros(len(a_ub))
    out = {}
    for i, name in enumerate(names):
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(n)
            c[i] = sign
            res = linprog(c, A_ub=a_ub if len(a_ub) else None, b_ub=b_ub if len(a_ub) else None,
                          A_eq=np.ones((1, n)), b_eq=[1.0], bounds=[(0, 1)] * n, method="highs")
            if not res.success:
                return None
            ends.append(float(res.x[i]))
        out[name] = ends
    return out


def _record(root: Node, players: Sequence[str], sets: Mapping[str, InfoSet],
            actions: dict[str, str], beliefs: Mapping[str, Mapping[Path, Fraction]],
            ranges: dict[str, dict[str, list[float]]], values: Mapping[Path, tuple],
            reach: Mapping[Path, Fraction], signal) -> PerfectBayesianEquilibrium:
    kind, intuitive, reason = "", None, ""
    if signal is not None:
        sender, receiver, types, by_message = signal
        sent = [actions[sets_id(sets, (t,))] for t in types]
        kind = "pooling" if len(set(sent)) == 1 else \
            "separating" if len(set(sent)) == len(sent) else "partially pooling"
        if len(types) == 2:
            intuitive, reason = _intuitive(root, players, sets, actions, values, signal, sent)
    return PerfectBayesianEquilibrium(
        actions=actions,
        beliefs={hid: {"/".join(x): float(q) for x, q in mu.items()}
                 for hid, mu in beliefs.items() if len(sets[hid].paths) > 1},
        off_path=ranges,
        payoffs={p: float(values[()][k]) for k, p in enumerate(players)},
        exact_payoffs={p: str(values[()][k]) for k, p in enumerate(players)},
        paths=sorted("/".join(x) for x, node in walk(root)
                     if isinstance(node, Terminal) and reach[x] > 0),
        kind=kind, intuitive=intuitive, intuitive_reason=reason)


def _best_replies(h: InfoSet, k: int, values: Mapping[Path, tuple], support: Sequence[int]
                  ) -> set[str]:
    """Receiver actions at ``h`` that are a best reply to some belief on the nodes ``support``
    (indices into ``h.paths``; one or two of them)."""
    pay = {a: [values[x + (a,)][k] for x in h.paths] for a in h.actions}
    if len(support) == 1:
        cands = [{support[0]: Fraction(1)}]
    else:
        i, j = support
        ps = {Fraction(0), Fraction(1)}
        for a in h.actions:
            for b in h.actions:
                # p * pay[a][i] + (1-p) * pay[a][j] == same for b
                den = (pay[a][i] - pay[a][j]) - (pay[b][i] - pay[b][j])
                if den != 0:
                    p = (pay[b][j] - pay[a][j]) / den
                    if 0 <= p <= 1:
                        ps.add(p)
        cands = [{i: p, j: 1 - p} for p in ps]
    out: set[str] = set()
    for mu in cands:
        worth = {a: sum(q * pay[a][n] for n, q in mu.items()) for a in h.actions}
        best = max(worth.values())
        out |= {a for a, w in worth.items() if w == best}
    return out


def _intuitive(root: Node, players: Sequence[str], sets: Mapping[str, InfoSet],
               actions: dict[str, str], values: Mapping[Path, tuple], signal,
               sent: Sequence[str]) -> tuple[bool | None, str]:
    sender, receiver, types, by_message = signal
    s, r = players.index(sender), players.index(receiver)
    star = {t: values[(t,)][s] for t in types}
    unsent = [m for m in by_message if m not in sent]
    if not unsent:
        return None, "every message is sent: the criterion restricts nothing"
    for m in unsent:
        h = sets[by_message[m]]
        index = {x[0]: n for n, x in enumerate(h.paths)}

        def gets(t: str, a: str) -> Fraction:
            return values[(t, m, a)][s]

        everything = _best_replies(h, r, values, [index[t] for t in types])
        alive = [t for t in types if star[t] <= max(gets(t, a) for a in everything)]
        if not alive or len(alive) == len(types):
            continue
        replies = _best_replies(h, r, values, [index[t] for t in alive])
        for t in alive:
            if min(gets(t, a) for a in replies) > star[t]:
                dead = [x for x in types if x not in alive]
                return False, (f"at {m}: {', '.join(dead)} cannot gain from it (its equilibrium "
                               f"payoff is higher whatever the reply), so a belief on {t} "
                               f"makes {receiver} reply {' or '.join(sorted(replies))}, and {t} "
                               f"would then get {float(min(gets(t, a) for a in replies)):g} "
                               f"instead of {float(star[t]):g}")
    return True, "no type would break away to an unsent message"
