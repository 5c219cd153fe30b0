"""Perfect Bayesian equilibria of signalling games in mixed (behaviour) strategies: pooling,
separating and semi-separating (hybrid) ones, exact in fractions.

A **signalling game** (:func:`negsim.games.bayesian.signalling_structure`): chance draws the
sender's type ``t`` with prior ``p_t``; the sender, seeing it, sends a message ``m``; the receiver
sees the message, not the type, and takes an action ``a`` that ends the game.  An assessment is a
mixture ``x_t(m)`` per type, a mixture ``y_m(a)`` per message and a belief per message; it is a
(weak) perfect Bayesian equilibrium when every type sends only messages that are best given
``y``, the receiver plays at every message only actions that are best given its belief, and the
belief is Bayes' rule ``p_t x_t(m) / sum_s p_s x_s(m)`` wherever a message is sent (off the
path, any belief that makes the receiver's actions best replies).

**Method: support enumeration.**  Fix a support ``S_t`` (the messages type ``t`` sends) for each
type and a support ``R_m`` (the actions played) for each message.  Then the conditions split
into two systems that are *linear*:

* the types' indifference over ``S_t`` and no gain outside it are linear in ``y`` (the sender's
  payoff from ``m`` is ``sum_a y_m(a) u_S(t, m, a)``);
* the receiver's indifference over ``R_m`` at a message that is sent, multiplied by the
  positive denominator of Bayes' rule, is linear in ``x``:
  ``sum_t p_t x_t(m) (u_R(t, m, a) - u_R(t, m, a')) = 0`` for ``a, a'`` in ``R_m`` (and ``>= 0``
  against actions outside it);
* at a message no type sends, some belief must make every action of ``R_m`` a best reply (a
  third linear system, in the belief).

So the equilibria with given supports form a product of two polytopes (one of ``x``, one of
``y``).  :func:`mixed_perfect_bayesian` reports the **extreme equilibria**: every pair of
vertices of those polytopes (closed: weights may reach zero), computed exactly by solving each
choice of tight constraints in fractions, kept when the pair passes the exact check of
:func:`assessment_gaps` at every information set, with duplicates (a vertex found from several
supports) removed.  Every equilibrium of the game is a convex combination of extreme ones
within one support cell; with a generic game every cell is a single point.  Work is bounded by
:data:`MAX_SUPPORT_PROFILES`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import combinations, product

from negsim.errors import ArgumentError
from negsim.games.bayesian import signalling_structure, sets_id
from negsim.games.extensive import (Behaviour, bayes_beliefs, exact, exact_probabilities,
                                    information_sets, local_gaps, node_values,
                                    reach_probabilities)
from negsim.games.tree import Chance, Node, Terminal, players_of, walk
from negsim.results.game_theory import MixedPerfectBayesianEquilibrium

__all__ = ["MixedPerfectBayesianEquilibrium", "mixed_perfect_bayesian", "assessment_gaps",
           "MAX_SUPPORT_PROFILES"]

MAX_SUPPORT_PROFILES = 200_000
"""Most support profiles (a message support per type times an action support per message)
:func:`mixed_perfect_bayesian` enumerates."""

Path = tuple[str, ...]
Vector = tuple[Fraction, ...]


def _subsets(items: Sequence[str]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in combinations(items, k)]


def _solve(rows: list[list[Fraction]], rhs: list[Fraction], n: int) -> Vector | None:
    """The unique solution of ``rows x = rhs`` (exact Gauss-Jordan), None if singular or
    inconsistent."""
    m = [list(r) + [b] for r, b in zip(rows, rhs)]
    where, r = [], 0
    for c in range(n):
        piv = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if piv is None:
            return None
        m[r], m[piv] = m[piv], m[r]
        lead = m[r][c]
        m[r] = [v / lead for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r])]
        where.append(c)
        r += 1
    if any(row[-1] != 0 for row in m[r:]):
        return None
    return tuple(m[i][-1] for i in range(n))


def _rank(rows: list[list[Fraction]], n: int) -> int:
    m = [list(r) for r in rows]
    r = 0
    for c in range(n):
        piv = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[r], m[piv] = m[piv], m[r]
        for i in range(r + 1, len(m)):
            if m[i][c] != 0:
                f = m[i][c] / m[r][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r])]
        r += 1
    return r


def _vertices(n: int, eq: list[tuple[list[Fraction], Fraction]],
              ge: list[tuple[list[Fraction], Fraction]]) -> list[Vector]:
    """Every vertex of ``{x : a x = b (eq), a x >= b (ge)}``, exactly (the polytopes here are
    bounded: each block of variables sums to one and is non-negative)."""
    out: list[Vector] = []
    eq_rows = [a for a, _ in eq]
    eq_rhs = [b for _, b in eq]
    k = n - _rank(eq_rows, n)  # a vertex: the equalities and k independent tight inequalities
    if k < 0 or k > len(ge):
        return out
    for tight in combinations(range(len(ge)), k):
        x = _solve(eq_rows + [ge[i][0] for i in tight], eq_rhs + [ge[i][1] for i in tight], n)
        if x is None or x in out:
            continue
        if all(sum((c * v for c, v in zip(a, x)), Fraction(0)) >= b for a, b in ge):
            out.append(x)
    return out


def _belief_vertices(u_r: Mapping[tuple[str, str, str], Fraction], types: Sequence[str],
                     m: str, actions: Sequence[str], support: Sequence[str]) -> list[Vector]:
    """Vertices of the beliefs over ``types`` at message ``m`` that make every action of
    ``support`` a best reply."""
    n = len(types)
    eq = [([Fraction(1)] * n, Fraction(1))]
    a0 = support[0]
    for a in support[1:]:
        eq.append(([u_r[t, m, a] - u_r[t, m, a0] for t in types], Fraction(0)))
    ge = [([Fraction(int(i == j)) for j in range(n)], Fraction(0)) for i in range(n)]
    ge += [([u_r[t, m, a0] - u_r[t, m, a] for t in types], Fraction(0))
           for a in actions if a not in support]
    return _vertices(n, eq, ge)


def assessment_gaps(root: Node, behaviour: Behaviour,
                    beliefs: Mapping[str, Mapping[Path, Fraction]]) -> dict[str, Fraction]:
    """Exact sequential-rationality gaps of an assessment at every information set: how much
    more the best action is worth than the worst action played (0 everywhere: sequentially
    rational).  ``beliefs`` must give a belief at every set that play does not reach; the sets
    play reaches get Bayes' rule (a given belief there that differs is a gap of its own,
    reported as 1).

    Examples
    --------
    >>> from negsim.games.tree import chance, decision, terminal
    >>> g = chance({"l": (0.5, decision("G", x=terminal(G=1), y=terminal(G=0), info_set="g")),
    ...             "r": (0.5, decision("G", x=terminal(G=0), y=terminal(G=2), info_set="g"))})
    >>> assessment_gaps(g, {"g": {"x": Fraction(0), "y": Fraction(1)}}, {})
    {'g': Fraction(0, 1)}
    """
    sets = information_sets(root)
    players = players_of(root)
    bayes = bayes_beliefs(sets, reach_probabilities(root, behaviour))
    full: dict[str, Mapping[Path, Fraction]] = {}
    out: dict[str, Fraction] = {}
    for hid in sets:
        if hid in bayes:
            full[hid] = bayes[hid]
            given = beliefs.get(hid)
            if given is not None and dict(given) != bayes[hid]:
                out[hid] = Fraction(1)
        elif hid in beliefs:
            full[hid] = beliefs[hid]
        else:
            raise ArgumentError(f"no belief given at the unreached information set {hid!r}")
    gaps = local_gaps(root, players, sets, behaviour, full)
    return {hid: out.get(hid, Fraction(0)) + gaps[hid] for hid in sets}


def mixed_perfect_bayesian(root: Node) -> list[MixedPerfectBayesianEquilibrium]:
    """Every extreme perfect Bayesian equilibrium of a signalling game, mixed ones included
    (see the module).

    Examples
    --------
    Beer-Quiche (Cho and Kreps 1987) with a weak majority (3/5): no pure equilibrium, one
    semi-separating one (the weak type drinks beer with probability 2/3, beer is duelled half
    the time).

    >>> from negsim.games.tree import chance, decision, terminal
    >>> def receiver(meal, strong, liked):
    ...     return decision("R", info_set=meal, duel=terminal(S=int(liked), R=int(not strong)),
    ...                     no=terminal(S=int(liked) + 2, R=int(strong)))
    >>> def sender(t, strong):
    ...     return decision("S", info_set=t, beer=receiver("beer", strong, strong),
    ...                     quiche=receiver("quiche", strong, not strong))
    >>> g = chance({"strong": (0.4, sender("strong", True)), "weak": (0.6, sender("weak", False))})
    >>> (eq,) = mixed_perfect_bayesian(g)
    >>> eq.kind, eq.exact_behaviour["weak"], eq.exact_behaviour["beer"]
    ('semi-separating', {'beer': '2/3', 'quiche': '1/3'}, {'duel': '1/2', 'no': '1/2'})
    """
    if not isinstance(root, Chance):
        raise ArgumentError("mixed perfect Bayesian equilibria are computed for signalling "
                            "games (a chance root, the sender, then the receiver)")
    sets = information_sets(root)
    signal = signalling_structure(root, sets)
    if signal is None:
        raise ArgumentError("not a signalling game: chance draws a type, the sender (seeing "
                            "it) sends a message, the receiver (seeing the message, not the "
                            "type) ends the game")
    sender, receiver, types, by_message = signal
    players = players_of(root)
    messages = list(by_message)
    acts = {m: list(sets[by_message[m]].actions) for m in messages}
    prior = dict(zip(types, exact_probabilities(root)))
    u_s, u_r = {}, {}
    for t in types:
        for m in messages:
            for a in acts[m]:
                leaf = _leaf(root, (t, m, a))
                u_s[t, m, a] = exact(leaf.payoffs[sender])
                u_r[t, m, a] = exact(leaf.payoffs[receiver])
    s_sets = {t: sets_id(sets, (t,)) for t in types}
    count = (2 ** len(messages) - 1) ** len(types)
    for m in messages:
        count *= 2 ** len(acts[m]) - 1
    if count > MAX_SUPPORT_PROFILES:
        raise ArgumentError(f"{count:,} support profiles (limit {MAX_SUPPORT_PROFILES:,})")
    found: dict[tuple, MixedPerfectBayesianEquilibrium] = {}
    supportable: dict[tuple[str, tuple[str, ...]], bool] = {}
    senders: dict[tuple, list[dict[str, dict]]] = {}
    for s_sup in product(*[_subsets(messages) for _ in types]):
        sent = {m for sup in s_sup for m in sup}
        for r_sup in product(*[_subsets(acts[m]) for m in messages]):
            rs = dict(zip(messages, r_sup))
            if not all(supportable.setdefault(
                    (m, rs[m]), bool(_belief_vertices(u_r, types, m, acts[m], rs[m])))
                    for m in messages if m not in sent):
                continue
            cell = (s_sup, tuple(rs[m] for m in messages if m in sent))
            if cell not in senders:  # the sender polytope needs only the on-path supports
                senders[cell] = _sender_vertices(types, prior, u_r, acts,
                                                 dict(zip(types, s_sup)), rs, sent)
            xs = senders[cell]
            if not xs:
                continue
            ys = _receiver_vertices(types, u_s, messages, dict(zip(types, s_sup)), rs)
            for x, y in product(xs, ys):
                beh: Behaviour = {s_sets[t]: {m: x[t].get(m, Fraction(0)) for m in messages}
                                  for t in types}
                for m in messages:
                    beh[by_message[m]] = {a: y[m].get(a, Fraction(0)) for a in acts[m]}
                key = tuple(sorted((h, tuple(sorted(v.items()))) for h, v in beh.items()))
                if key in found:
                    continue
                eq = _assess(root, players, sets, beh, types, by_message, acts, u_r)
                if eq is not None:
                    found[key] = eq
    return list(found.values())


def _leaf(root: Node, path: Path) -> Terminal:
    node = root
    for label in path:
        node = next(b.child for b in node.branches if b.label == label)  # type: ignore
    assert isinstance(node, Terminal)
    return node


def _sender_vertices(types, prior, u_r, acts, s_sup, rs, sent) -> list[dict[str, dict]]:
    index = [(t, m) for t in types for m in s_sup[t]]
    n = len(index)
    eq = [([Fraction(int(i[0] == t)) for i in index], Fraction(1)) for t in types]
    ge = [([Fraction(int(j == k)) for j in range(n)], Fraction(0)) for k in range(n)]
    for m in sent:
        a0 = rs[m][0]

        def row(a: str, b: str) -> list[Fraction]:
            return [prior[t] * (u_r[t, m, a] - u_r[t, m, b]) if mm == m else Fraction(0)
                    for t, mm in index]
        eq += [(row(a, a0), Fraction(0)) for a in rs[m][1:]]
        ge += [(row(a0, a), Fraction(0)) for a in acts[m] if a not in rs[m]]
    out = []
    for v in _vertices(n, eq, ge):
        x: dict[str, dict[str, Fraction]] = {t: {} for t in types}
        for (t, m), w in zip(index, v):
            x[t][m] = w
        out.append(x)
    return out


def _receiver_vertices(types, u_s, messages, s_sup, rs) -> list[dict[str, dict]]:
    index = [(m, a) for m in messages for a in rs[m]]
    n = len(index)
    eq = [([Fraction(int(i[0] == m)) for i in index], Fraction(1)) for m in messages]
    ge = [([Fraction(int(j == k)) for j in range(n)], Fraction(0)) for k in range(n)]
    for t in types:
        m0 = s_sup[t][0]

        def row(m1: str, m2: str) -> list[Fraction]:
            # sender t's payoff from m1 minus that from m2, as a row in y
            return [(u_s[t, m, a] if m == m1 else Fraction(0))
                    - (u_s[t, m, a] if m == m2 else Fraction(0)) for m, a in index]
        eq += [(row(m, m0), Fraction(0)) for m in s_sup[t][1:]]
        ge += [(row(m0, m), Fraction(0)) for m in messages if m not in s_sup[t]]
    out = []
    for v in _vertices(n, eq, ge):
        y: dict[str, dict[str, Fraction]] = {m: {} for m in messages}
        for (m, a), w in zip(index, v):
            y[m][a] = w
        out.append(y)
    return out


def _assess(root, players, sets, beh, types, by_message, acts, u_r
            ) -> MixedPerfectBayesianEquilibrium | None:
    """The equilibrium record of an assessment, or None if it fails the exact check."""
    reach = reach_probabilities(root, beh)
    bayes = bayes_beliefs(sets, reach)
    ranges: dict[str, dict[str, list[Fraction]]] = {}
    chosen: dict[str, dict[Path, Fraction]] = {}
    for m, hid in by_message.items():
        if hid in bayes:
            continue
        support = [a for a in acts[m] if beh[hid][a] > 0]
        verts = _belief_vertices(u_r, types, m, acts[m], support)
        if not verts:
            return None
        paths = sets[hid].paths
        chosen[hid] = {x: verts[0][types.index(x[0])] for x in paths}
        ranges[hid] = {"/".join(x): [min(v[types.index(x[0])] for v in verts),
                                     max(v[types.index(x[0])] for v in verts)] for x in paths}
    if any(g != 0 for g in assessment_gaps(root, beh, chosen).values()):
        return None
    values = node_values(root, players, beh)
    sender_sets = [h for h in sets.values() if h.paths[0] in {(t,) for t in types}]
    supports = [frozenset(a for a, p in beh[h.id].items() if p > 0) for h in sender_sets]
    mixes = [tuple(sorted(beh[h.id].items())) for h in sender_sets]
    kind = "pooling" if len(set(mixes)) == 1 else \
        "separating" if all(not (a & b) for a, b in combinations(supports, 2)) else \
        "semi-separating"
    receiver_beliefs = {hid: mu for hid, mu in bayes.items() if hid in by_message.values()}
    return MixedPerfectBayesianEquilibrium(
        behaviour={h: {a: float(p) for a, p in v.items()} for h, v in beh.items()},
        exact_behaviour={h: {a: str(p) for a, p in v.items()} for h, v in beh.items()},
        beliefs={h: {"/".join(x): float(q) for x, q in mu.items()}
                 for h, mu in receiver_beliefs.items()},
        exact_beliefs={h: {"/".join(x): str(q) for x, q in mu.items()}
                       for h, mu in receiver_beliefs.items()},
        off_path={h: {x: [float(lo), float(hi)] for x, (lo, hi) in r.items()}
                  for h, r in ranges.items()},
        exact_off_path={h: {x: [str(lo), str(hi)] for x, (lo, hi) in r.items()}
                        for h, r in ranges.items()},
        payoffs={p: float(values[()][k]) for k, p in enumerate(players)},
        exact_payoffs={p: str(values[()][k]) for k, p in enumerate(players)},
        paths=sorted("/".join(x) for x, node in walk(root)
                     if isinstance(node, Terminal) and reach[x] > 0),
        kind=kind)
