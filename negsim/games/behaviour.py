"""Behaviour strategies in trees with information sets: the sets themselves, exact numbers,
values, reach probabilities, Bayes beliefs and the exact best-response gaps that check an
equilibrium (used by :mod:`negsim.games.extensive`, :mod:`negsim.games.bayesian` and
:mod:`negsim.games.mixed_signalling`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from negsim.errors import ScenarioError
from negsim.games.tree import Chance, Decision, Node, Terminal, check_size, walk
from negsim.results.game_theory import InfoSet

__all__ = ["EXACT_DENOMINATOR", "exact", "exact_probabilities", "information_sets", "behaviour_of",
           "node_values", "reach_probabilities", "local_gaps", "bayes_beliefs", "best_response_gaps"]


EXACT_DENOMINATOR = 1000
"""Floats are read as the simplest fraction with at most this denominator that rounds to the
same float (else as the float's exact binary value)."""


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
