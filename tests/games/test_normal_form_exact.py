"""Random bimatrix games against an exact rational reference written here.

The reference enumerates every pair of equal-size supports in :class:`fractions.Fraction`, solves
the indifference equations exactly and keeps the solutions where every played strategy is a best
reply.  On games it proves non-degenerate (no pure ties, every equilibrium with as many best
replies as its support size), the solver must report exactly that set and call the game
non-degenerate; on every game, each reported equilibrium must pass the exact check.
"""

from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest

from negsim.games.normal_form import solve_two_player


def _solve(M, rhs):
    n = len(M)
    aug = [row[:] + [r] for row, r in zip(M, rhs)]
    for c in range(n):
        piv = next((r for r in range(c, n) if aug[r][c] != 0), None)
        if piv is None:
            return None
        aug[c], aug[piv] = aug[piv], aug[c]
        aug[c] = [v / aug[c][c] for v in aug[c]]
        for r in range(n):
            if r != c:
                aug[r] = [a - aug[r][c] * b for a, b in zip(aug[r], aug[c])]
    return [row[n] for row in aug]


def _payoffs(A, B, x, y):
    m, n = len(A), len(A[0])
    return ([sum(A[i][j] * y[j] for j in range(n)) for i in range(m)],
            [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)])


def reference(Af, Bf):
    """(equilibria as exact strategy pairs, proved non-degenerate?)"""
    A = [[Fraction(float(v)) for v in r] for r in Af]
    B = [[Fraction(float(v)) for v in r] for r in Bf]
    m, n = len(A), len(A[0])
    nondegenerate = all(list(B[i]).count(max(B[i])) == 1 for i in range(m)) and \
        all([A[i][j] for i in range(m)].count(max(A[i][j] for i in range(m))) == 1
            for j in range(n))
    out = []
    for k in range(1, min(m, n) + 1):
        for rows in combinations(range(m), k):
            for cols in combinations(range(n), k):
                ys = _solve([[A[i][j] for j in cols] + [Fraction(-1)] for i in rows]
                            + [[Fraction(1)] * k + [Fraction(0)]], [Fraction(0)] * k + [Fraction(1)])
                xs = _solve([[B[i][j] for i in rows] + [Fraction(-1)] for j in cols]
                            + [[Fraction(1)] * k + [Fraction(0)]], [Fraction(0)] * k + [Fraction(1)])
                if ys is None or xs is None:
                    nondegenerate = False
                    continue
                if min(ys[:k]) <= 0 or min(xs[:k]) <= 0:
                    continue
                x, y = [Fraction(0)] * m, [Fraction(0)] * n
                for i, p in zip(rows, xs):
                    x[i] = p
                for j, q in zip(cols, ys):
                    y[j] = q
                r, c = _payoffs(A, B, x, y)
                if max(r) == r[rows[0]] and all(r[i] == r[rows[0]] for i in rows) and \
                        max(c) == c[cols[0]] and all(c[j] == c[cols[0]] for j in cols):
                    out.append((x, y))
                    if r.count(max(r)) > k or c.count(max(c)) > k:
                        nondegenerate = False
    return out, nondegenerate and len(out) % 2 == 1


def exact_check(Af, Bf, eq):
    """Every played strategy a best reply, in rationals, for the reported (rounded) strategy."""
    A = [[Fraction(float(v)) for v in r] for r in Af]
    B = [[Fraction(float(v)) for v in r] for r in Bf]
    x = [Fraction(p) for p in eq.row_strategy]
    y = [Fraction(q) for q in eq.column_strategy]
    r, c = _payoffs(A, B, x, y)
    scale_r = max(max(map(abs, row)) for row in A) or 1
    scale_c = max(max(map(abs, row)) for row in B) or 1
    # the reported strategies are rounded to 12 decimals: allow that much, relative to each
    # player's own payoff scale
    slack_r, slack_c = Fraction(1, 10 ** 10) * scale_r, Fraction(1, 10 ** 10) * scale_c
    return all(max(r) - r[i] <= slack_r for i in eq.row_support) and \
        all(max(c) - c[j] <= slack_c for j in eq.column_support)


def _games(seed, count):
    rng = np.random.default_rng(seed)
    for t in range(count):
        m, n = rng.integers(2, 5, size=2)
        A = rng.integers(-5, 6, size=(m, n)).astype(float)
        B = rng.integers(-5, 6, size=(m, n)).astype(float)
        kind = t % 3
        if kind == 1:  # near-degenerate: integer payoffs plus small noise
            A += rng.uniform(-1e-4, 1e-4, size=A.shape)
            B += rng.uniform(-1e-4, 1e-4, size=B.shape)
        elif kind == 2:  # large payoffs
            A, B = A * 1e6 + 3e6, B * 1e6 - 7e6
        yield A, B


@pytest.mark.parametrize("seed", range(4))
def test_random_games_match_the_exact_reference(seed):
    compared = 0
    for A, B in _games(seed, 20):
        sol = solve_two_player(A, B)
        for eq in sol.equilibria:
            assert exact_check(A, B, eq), (A.tolist(), B.tolist(), eq)
        ref, nondegenerate = reference(A, B)
        if not nondegenerate:
            continue
        compared += 1
        assert not sol.is_degenerate, (A.tolist(), B.tolist(), sol.degeneracy)
        got = sorted((e.row_strategy, e.column_strategy) for e in sol.equilibria)
        want = sorted((tuple(float(p) for p in x), tuple(float(q) for q in y)) for x, y in ref)
        assert len(got) == len(want), (A.tolist(), B.tolist(), got, want)
        for (gx, gy), (wx, wy) in zip(got, want):
            assert np.allclose(gx, wx, atol=1e-12) and np.allclose(gy, wy, atol=1e-12)
    assert compared >= 3


def test_affine_changes_of_payoffs_do_not_change_the_answer():
    A = np.array([[3.0, 0.0], [0.0, 2.0]])
    B = np.array([[2.0, 0.0], [0.0, 3.0]])
    base = solve_two_player(A, B)
    for a, b in ((1e6, 0.0), (1e-6, 5.0), (1e6, 1e6)):
        sol = solve_two_player(a * A + b, 3 * B - 2)
        assert not sol.is_degenerate and len(sol.equilibria) == 3
        assert [e.row_strategy for e in sol.equilibria] == [e.row_strategy for e in base.equilibria]


def test_lemke_howson_cycling_game_terminates_and_says_so():
    A = [[-3, -7, -7, 6], [8, 8, 4, -7], [8, -9, -4, -4], [5, -7, 9, -6]]
    B = [[7, 2, -5, -1], [-7, -1, 4, -6], [9, 3, -3, -4], [5, -2, 8, -1]]
    sol = solve_two_player(A, B, methods=["lemke_howson"])
    assert sol.equilibria
    full = solve_two_player(A, B)
    for eq in full.equilibria:
        assert exact_check(np.array(A, float), np.array(B, float), eq)


def test_lemke_howson_stops_after_the_cap_on_a_cycling_label():
    from negsim.games.lemke_howson import lemke_howson_capped

    A = np.array([[-3, -7, -7, 6], [8, 8, 4, -7], [8, -9, -4, -4], [5, -7, 9, -6]], float)
    B = np.array([[7, 2, -5, -1], [-7, -1, 4, -6], [9, 3, -3, -4], [5, -2, 8, -1]], float)
    A, B = A - A.min() + 1, B - B.min() + 1  # nashpy's own shift: label 7 never terminates
    with np.errstate(all="ignore"):
        assert lemke_howson_capped(A, B, 7, max_steps=500) is None
        x, y = lemke_howson_capped(A, B, 0)
    assert x.tolist() == [0, 0, 0, 1] and y.tolist() == [0, 0, 1, 0]
