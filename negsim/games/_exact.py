"""Exact (rational) checks of bimatrix equilibria (private; used by normal_form).

Every float is a rational number, so a game given in floats has exact rational payoffs.  Given
the supports of a candidate equilibrium, the indifference equations are solved in
:class:`fractions.Fraction`; the candidate is an equilibrium exactly when the solution is a
probability vector and every played strategy is a best reply, in exact arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

Matrix = list[list[Fraction]]


def fractions(M: np.ndarray) -> Matrix:
    """The exact rational entries of a float matrix."""
    return [[Fraction(float(v)) for v in row] for row in M]


def _solve(M: Matrix, rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``M z = rhs`` (square), or None if ``M`` is singular."""
    n = len(M)
    aug = [row[:] + [r] for row, r in zip(M, rhs)]
    for c in range(n):
        piv = next((r for r in range(c, n) if aug[r][c] != 0), None)
        if piv is None:
            return None
        aug[c], aug[piv] = aug[piv], aug[c]
        p = aug[c][c]
        aug[c] = [v / p for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c])]
    return [aug[r][n] for r in range(n)]


def _indifferent(M: Matrix, rows: tuple[int, ...], cols: tuple[int, ...]) -> list[Fraction] | None:
    """Probabilities q on ``cols`` making every row in ``rows`` of ``M`` pay the same."""
    k = len(rows)
    system = [[M[i][j] for j in cols] + [Fraction(-1)] for i in rows]
    system.append([Fraction(1)] * k + [Fraction(0)])
    sol = _solve(system, [Fraction(0)] * k + [Fraction(1)])
    return None if sol is None else sol[:k]


def exact_equilibrium(A: Matrix, B: Matrix, rows: tuple[int, ...], cols: tuple[int, ...]
                      ) -> tuple[list[Fraction], list[Fraction]] | None | bool:
    """The exact equilibrium with these supports.

    Returns the exact strategies when the square indifference systems have a unique solution
    that is an equilibrium; ``False`` when they have one that is not (a probability below 0, or a
    played strategy that is not a best reply); ``None`` when the check cannot decide (supports of
    different sizes or singular systems, which happen only in degenerate games).
    """
    if len(rows) != len(cols):
        return None
    m, n = len(A), len(A[0])
    y_sub = _indifferent(A, rows, cols)
    Bt = [[B[i][j] for i in range(m)] for j in range(n)]
    x_sub = _indifferent(Bt, cols, rows)
    if y_sub is None or x_sub is None:
        return None
    if min(y_sub) <= 0 or min(x_sub) <= 0:
        return False
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for i, p in zip(rows, x_sub):
        x[i] = p
    for j, q in zip(cols, y_sub):
        y[j] = q
    return (x, y) if is_exact_equilibrium(A, B, x, y) else False


def is_exact_equilibrium(A: Matrix, B: Matrix, x: list[Fraction], y: list[Fraction]) -> bool:
    """Every strategy played with positive probability is a best reply, exactly."""
    m, n = len(A), len(A[0])
    row_pay = [sum(A[i][j] * y[j] for j in range(n) if y[j]) for i in range(m)]
    col_pay = [sum(B[i][j] * x[i] for i in range(m) if x[i]) for j in range(n)]
    best_r, best_c = max(row_pay), max(col_pay)
    return all(row_pay[i] == best_r for i in range(m) if x[i]) and \
        all(col_pay[j] == best_c for j in range(n) if y[j])


def best_reply_count(A: Matrix, B: Matrix, x: list[Fraction], y: list[Fraction]
                     ) -> tuple[int, int]:
    """(row player's pure best replies to y, column player's to x), exactly."""
    m, n = len(A), len(A[0])
    row_pay = [sum(A[i][j] * y[j] for j in range(n) if y[j]) for i in range(m)]
    col_pay = [sum(B[i][j] * x[i] for i in range(m) if x[i]) for j in range(n)]
    return row_pay.count(max(row_pay)), col_pay.count(max(col_pay))
