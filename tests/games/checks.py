"""An independent, exact reading of games with information sets, for the tests: plain recursion
over the tree in fractions, written without negsim.games.extensive."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from negsim.games.tree import Chance, Decision, Terminal


def _q(x: float) -> Fraction:
    return Fraction(x).limit_denominator(1000)


def sets_of(root, path=()):
    """{set id: (player, actions, [paths])}; a node without info_set is its own set."""
    out: dict = {}

    def go(node, path):
        if isinstance(node, Decision):
            hid = node.info_set or "@" + "/".join(path)
            out.setdefault(hid, (node.player, node.actions, []))[2].append(path)
        if not isinstance(node, Terminal):
            for b in node.branches:
                go(b.child, path + (b.label,))

    go(root, path)
    return out


def value(node, beh, player, path=()):
    """Expected payoff of ``player`` below ``node`` when everybody plays ``beh`` (set -> action
    -> probability; missing sets uniform)."""
    if isinstance(node, Terminal):
        return Fraction(node.payoffs[player]).limit_denominator(1000)
    if isinstance(node, Chance):
        probs = [_q(b.probability) for b in node.branches]
        probs[-1] = 1 - sum(probs[:-1])
    else:
        hid = node.info_set or "@" + "/".join(path)
        mix = beh.get(hid) or {a: Fraction(1, len(node.actions)) for a in node.actions}
        probs = [Fraction(mix.get(b.label, 0)) for b in node.branches]
    return sum((p * value(b.child, beh, player, path + (b.label,))
                for p, b in zip(probs, node.branches) if p), Fraction(0))


def reach(root, beh, target):
    node, p = root, Fraction(1)
    for k, label in enumerate(target):
        if isinstance(node, Chance):
            probs = [_q(b.probability) for b in node.branches]
            probs[-1] = 1 - sum(probs[:-1])
            p *= probs[node.actions.index(label) if hasattr(node, "actions")
                       else [b.label for b in node.branches].index(label)]
        else:
            hid = node.info_set or "@" + "/".join(target[:k])
            p *= Fraction(beh.get(hid, {}).get(label, 0))
        node = next(b.child for b in node.branches if b.label == label)
    return p


def child(root, path):
    node = root
    for label in path:
        node = next(b.child for b in node.branches if b.label == label)
    return node


def best_at_set(root, beh, hid, belief):
    """The actions that are best at set ``hid`` given ``belief`` (path -> probability)."""
    player, actions, paths = sets_of(root)[hid]
    worth = {a: sum(q * value(child(root, x + (a,)), beh, player, x + (a,))
                    for x, q in belief.items()) for a in actions}
    top = max(worth.values())
    return {a for a, w in worth.items() if w == top}


def pure_best_response_value(root, beh, player):
    """The most ``player`` can get against ``beh`` by any pure strategy (brute force)."""
    mine = {h: acts for h, (p, acts, _) in sets_of(root).items() if p == player}
    best = None
    for combo in product(*mine.values()):
        trial = dict(beh)
        trial.update({h: {a: Fraction(int(a == c)) for a in acts}
                      for (h, acts), c in zip(mine.items(), combo)})
        v = value(root, trial, player)
        best = v if best is None or v > best else best
    return best


def exact_behaviour(eq):
    return {h: {a: Fraction(p) for a, p in mix.items()} for h, mix in eq.exact_behaviour.items()}
