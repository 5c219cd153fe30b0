"""Nash equilibria of two-player normal-form (bimatrix) games, cross-checked across algorithms.

:func:`solve_two_player` runs support enumeration, nashpy's vertex enumeration and nashpy's
Lemke–Howson from every initial dropped label, verifies every candidate with a best-response
check, merges the
equilibria the methods found (up to a tolerance), and says whether the game is degenerate and
whether the methods agree.

Why the degeneracy check matters: a bimatrix game is *non-degenerate* when no mixed strategy with
a support of size ``k`` has more than ``k`` pure best responses.  Non-degenerate games have finitely
many equilibria, an odd number of them, and support enumeration (over supports of equal size),
vertex enumeration and Lemke–Howson are all exact for them.  In a degenerate game (the textbook
entry-deterrence game, any game with payoff ties) there may be continua of equilibria, support
enumeration over equal-size supports may miss equilibria, and the methods may legitimately
disagree.  nashpy warns in such cases; those warnings are captured here and reported in
:attr:`TwoPlayerSolution.notes` instead of leaking to the caller's console.

Support enumeration is negsim's own (:mod:`negsim.games._support`): nashpy 0.0.43's accepts an
indifference solution only if every probability is ``>= 0`` exactly, so round-off (``-1e-17``)
makes it miss equilibria of ordinary float games; ours is the same algorithm with tolerances.
nashpy's methods get payoffs shifted to be positive (equilibria are unchanged), which keeps the
polytopes of vertex enumeration bounded; games where a player has a single strategy are solved
directly, because nashpy's Lemke–Howson does not terminate on them.

Degeneracy is detected from (1) every pure strategy of each player (more than one pure best reply
is a tie, hence degenerate), (2) every equilibrium found (more pure best replies than the size of
the support), and (3) an even number of equilibria from support enumeration (non-degenerate games
have an odd number).  These are sufficient conditions: a game reported non-degenerate has passed
all three checks, which covers every degeneracy visible at the equilibria.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import nashpy as nash
import numpy as np
from scipy.spatial import QhullError

from negsim.results.game_theory import Equilibrium, TwoPlayerSolution
from negsim.errors import ScenarioError
from negsim.games._checks import payoff_array
from negsim.games._exact import best_reply_count, exact_equilibrium, fractions
from negsim.games._support import support_enumeration
from negsim.games._vertex import vertex_pairs
from negsim.games.lemke_howson import lemke_howson_capped
from negsim.limits import MAX_LEMKE_HOWSON_STEPS, MAX_SUPPORT_PAIRS, MAX_VERTEX_PAIRS

__all__ = ["Equilibrium", "TwoPlayerSolution", "solve_two_player", "degeneracy_witnesses"]

METHODS = ("support_enumeration", "vertex_enumeration", "lemke_howson")


def _normalise(M: np.ndarray) -> np.ndarray:
    """The positive affine image of a player's payoffs on [0, 1] (all zeros if constant).

    Equilibria do not change under a positive affine change of one player's payoffs, so every
    tolerance below applies to these and the answers do not depend on the payoff units.
    """
    top = float(np.abs(M).max())
    if top == 0.0:
        return np.zeros_like(M)
    scaled = M / top
    lo, hi = float(scaled.min()), float(scaled.max())
    return np.zeros_like(M) if hi == lo else (scaled - lo) / (hi - lo)


def _best_replies(payoffs: np.ndarray, tol: float) -> np.ndarray:
    """Indices whose payoff is within ``tol`` of the maximum."""
    return np.flatnonzero(payoffs >= payoffs.max() - tol)


def degeneracy_witnesses(A: object, B: object, strategies: Sequence[tuple[Sequence[float],
                         Sequence[float]]] = (), tol: float = 1e-9) -> tuple[str, ...]:
    """Say where a bimatrix game is degenerate: mixed strategies with too many best replies.

    Checks every pure strategy of both players and every given strategy pair: a strategy whose
    support has ``k`` elements and which has more than ``k`` pure best replies is a witness.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player.
    strategies : sequence of (row_strategy, column_strategy), optional
        Further strategies to check (the equilibria found, typically).
    tol : float
        For the given strategies: payoffs within ``tol`` of the best count as ties, each player's
        payoffs mapped onto [0, 1] first.  Ties between pure strategies are decided exactly.

    Returns
    -------
    tuple of str
        One sentence per witness; empty if none was found.

    Examples
    --------
    >>> degeneracy_witnesses([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])[0]
    'column player has 2 pure best replies to row pure strategy 0 (support size 1)'
    """
    A = payoff_array(A, "A", ndim=2)
    B = payoff_array(B, "B", ndim=2)
    _same_shape(A, B)
    out: list[str] = []
    m, n = A.shape
    for i in range(m):  # ties of pure replies are decided exactly (floats compare exactly)
        k = len(_best_replies(B[i], 0.0))
        if k > 1:
            out.append(f"column player has {k} pure best replies to row pure strategy {i} "
                       "(support size 1)")
    for j in range(n):
        k = len(_best_replies(A[:, j], 0.0))
        if k > 1:
            out.append(f"row player has {k} pure best replies to column pure strategy {j} "
                       "(support size 1)")
    An, Bn, eps = _normalise(A), _normalise(B), tol
    for x, y in strategies:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        sx, sy = int((x > tol).sum()), int((y > tol).sum())
        kx = len(_best_replies(x @ Bn, eps))
        ky = len(_best_replies(An @ y, eps))
        if sx > 1 and kx > sx:
            out.append(f"column player has {kx} pure best replies to a row strategy "
                       f"with support size {sx}")
        if sy > 1 and ky > sy:
            out.append(f"row player has {ky} pure best replies to a column strategy "
                       f"with support size {sy}")
    return tuple(dict.fromkeys(out))


def _same_shape(A: np.ndarray, B: np.ndarray) -> None:
    if A.shape != B.shape:
        raise ScenarioError("A and B must have the same shape", key="B",
                            expected=f"shape {A.shape}", found=f"shape {B.shape}",
                            hint="A[i, j] and B[i, j] are the two payoffs of one cell")


def _clean(s: np.ndarray, size: int, tol: float) -> np.ndarray | None:
    """Return a tidy probability vector, or None if ``s`` is not one."""
    s = np.asarray(s, dtype=float).ravel()
    if s.shape != (size,) or not np.all(np.isfinite(s)) or s.min() < -1e-7:
        return None
    total = s.sum()
    if abs(total - 1.0) > 1e-6:
        return None
    s = np.where(s < tol, 0.0, s)
    return s / s.sum()


def _is_equilibrium(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray,
                    eps: float) -> bool:
    """Every strategy played with positive probability is a best reply within ``eps``."""
    row, col = A @ y, x @ B
    return bool((row.max() - row[x > 0]).max() <= eps and (col.max() - col[y > 0]).max() <= eps)


def _run(A: np.ndarray, B: np.ndarray, methods: Sequence[str], eps: float,
         notes: list[str]) -> list[tuple[str, np.ndarray, np.ndarray]]:
    # Equilibria do not change when a constant is added to a player's payoffs; strictly positive
    # payoffs keep the best-response polytopes of vertex enumeration bounded.
    game = nash.Game(A - A.min() + 1.0, B - B.min() + 1.0)
    found: list[tuple[str, np.ndarray, np.ndarray]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for method in methods:
            if method == "support_enumeration":
                pairs = math.comb(sum(A.shape), A.shape[0]) - 1
                if pairs > MAX_SUPPORT_PAIRS:
                    notes.append(f"support_enumeration not run: {pairs:,} pairs of supports, "
                                 f"more than MAX_SUPPORT_PAIRS ({MAX_SUPPORT_PAIRS:,})")
                    continue
                found += [(method, x, y) for x, y in support_enumeration(A, B, eps)]
            elif method == "vertex_enumeration":
                try:
                    got, pairs = vertex_pairs(*game.payoff_matrices)
                    if pairs > MAX_VERTEX_PAIRS:
                        notes.append(f"vertex_enumeration not run: {pairs:,} pairs of vertices, "
                                     f"more than MAX_VERTEX_PAIRS ({MAX_VERTEX_PAIRS:,})")
                    found += [(method, x, y) for x, y in got]
                except QhullError as exc:  # reported, not swallowed: the other methods still run
                    first_line = str(exc).splitlines()[0] if str(exc) else "no message"
                    notes.append(f"vertex_enumeration failed (qhull: {first_line})")
            else:
                for label in range(sum(A.shape)):
                    try:
                        got = lemke_howson_capped(game.payoff_matrices[0],
                                                  game.payoff_matrices[1], label)
                    except ValueError as exc:  # nashpy's pivoting on a degenerate game
                        notes.append(f"lemke_howson[{label}] failed (nashpy: {exc}); the "
                                     "other methods' equilibria stand")
                        continue
                    if got is None:
                        notes.append(f"lemke_howson[{label}] stopped early: no equilibrium "
                                     f"within MAX_LEMKE_HOWSON_STEPS ({MAX_LEMKE_HOWSON_STEPS:,}) "
                                     "pivots")
                        continue
                    found.append((f"lemke_howson[{label}]", *got))
    for w in caught:
        text = " ".join(str(w.message).split())
        if f"nashpy warned: {text}" not in notes:
            notes.append(f"nashpy warned: {text}")
    return found


def _single_strategy(A: np.ndarray, B: np.ndarray, methods: Sequence[str],
                     eps: float) -> list[tuple[str, np.ndarray, np.ndarray]]:
    m, n = A.shape
    if m == 1:
        pairs = [(np.ones(1), np.eye(n)[j]) for j in _best_replies(B[0], eps)]
    else:
        pairs = [(np.eye(m)[i], np.ones(1)) for i in _best_replies(A[:, 0], eps)]
    return [(method, x, y) for method in methods for x, y in pairs]


def solve_two_player(A: object, B: object, methods: Sequence[str] = METHODS,
                     tol: float = 1e-9) -> TwoPlayerSolution:
    """Find the Nash equilibria of a bimatrix game with several algorithms and cross-check them.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        ``A[i, j]`` and ``B[i, j]`` are the row and column player's payoffs when the row player
        plays ``i`` and the column player ``j``.
    methods : sequence of str
        Any of ``"support_enumeration"``, ``"vertex_enumeration"`` and ``"lemke_howson"``
        (run from every initial dropped label ``0 .. m + n - 1``).
    tol : float
        Probabilities below ``tol`` are zero; a played strategy within ``tol`` of the best reply
        passes the float check, each player's payoffs mapped onto [0, 1] first (so answers do not
        depend on payoff units); equilibria closer than ``tol`` are merged.  Every candidate is
        then checked exactly in rationals on the given payoffs: with equal-size supports and a
        unique solution of the indifference equations it is replaced by the exact equilibrium or
        discarded.

    Returns
    -------
    TwoPlayerSolution
        The distinct equilibria (each verified by a best-response check), whether the game is
        degenerate and why, how many equilibria each method found, and whether they agree.

    Examples
    --------
    >>> bos = solve_two_player([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [e.row_strategy for e in bos.equilibria]
    [(1.0, 0.0), (0.0, 1.0), (0.6, 0.4)]
    >>> bos.is_degenerate, bos.methods_agree
    (False, True)
    """
    A = payoff_array(A, "A", ndim=2)
    B = payoff_array(B, "B", ndim=2)
    _same_shape(A, B)
    methods = tuple(methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise ScenarioError("unknown equilibrium method", key="methods",
                            expected=f"a non-empty subset of {METHODS}",
                            found=repr(unknown or methods))
    An, Bn = _normalise(A), _normalise(B)  # tolerances apply to each player's [0, 1] image
    eps = tol
    notes: list[str] = []
    if min(A.shape) == 1:  # nashpy needs two strategies per player (Lemke-Howson loops forever)
        notes.append("a player has a single strategy: the other's pure best replies are solved "
                     "directly instead of by nashpy")
        raw = _single_strategy(An, Bn, methods, eps)
    else:
        raw = _run(An, Bn, methods, eps, notes)
    Ae, Be = fractions(A), fractions(B)
    kept: list[list] = []  # [x, y, found_by list, exact strategies or None]
    undecided = 0
    for name, x, y in raw:
        xc, yc = _clean(x, A.shape[0], tol), _clean(y, A.shape[1], tol)
        if xc is None or yc is None or not _is_equilibrium(An, Bn, xc, yc, eps):
            notes.append(f"{name} returned a strategy pair that is not a Nash equilibrium; "
                         "discarded")
            continue
        rows = tuple(int(i) for i in np.flatnonzero(xc > 0))
        cols = tuple(int(j) for j in np.flatnonzero(yc > 0))
        exact = exact_equilibrium(Ae, Be, rows, cols)
        if exact is False:
            notes.append(f"{name} returned a strategy pair that fails the exact best-response "
                         "check; discarded")
            continue
        if exact is None:
            undecided += 1
        else:
            xc = np.array([float(p) for p in exact[0]])
            yc = np.array([float(q) for q in exact[1]])
        for entry in kept:
            if np.abs(entry[0] - xc).max() <= tol and np.abs(entry[1] - yc).max() <= tol:
                if name not in entry[2]:
                    entry[2].append(name)
                break
        else:
            kept.append([xc, yc, [name], exact])

    def base(label: str) -> str:
        return label.split("[")[0]

    counts = {m: sum(1 for e in kept if any(base(f) == m for f in e[2])) for m in methods}
    sets = {m: {i for i, e in enumerate(kept) if any(base(f) == m for f in e[2])}
            for m in methods}
    complete = [sets[m] for m in ("support_enumeration", "vertex_enumeration")
                if m in sets and not any(n.startswith((f"{m} not run", f"{m} failed"))
                                         for n in notes)]
    agree = all(s == complete[0] for s in complete)
    if complete and "lemke_howson" in sets:
        agree = agree and sets["lemke_howson"] <= complete[0]
    witnesses = list(degeneracy_witnesses(A, B, [(e[0], e[1]) for e in kept if e[3] is None],
                                          tol))
    for x, y, _, exact in kept:
        if exact is None:
            continue
        kr, kc = best_reply_count(Ae, Be, *exact)
        sx, sy = sum(1 for p in exact[0] if p), sum(1 for q in exact[1] if q)
        if kc > sx:
            witnesses.append(f"column player has {kc} pure best replies to a row strategy "
                             f"with support size {sx}")
        if kr > sy:
            witnesses.append(f"row player has {kr} pure best replies to a column strategy "
                             f"with support size {sy}")
    if undecided:
        witnesses.append(f"{undecided} equilibria have supports whose indifference equations "
                         "have no unique solution")
    witnesses = list(dict.fromkeys(witnesses))
    if "support_enumeration" in methods and counts["support_enumeration"] % 2 == 0 \
            and not any(n.startswith("support_enumeration not run") for n in notes):
        witnesses.append(f"support enumeration (equal-size supports) found an even number "
                         f"({counts['support_enumeration']}) of equilibria; a non-degenerate "
                         "game has an odd number")
    if not agree:
        notes.append("the methods found different equilibria"
                     + (" (expected: the game is degenerate)" if witnesses else ""))

    equilibria = [_equilibrium(A, B, x, y, tuple(by)) for x, y, by, _ in kept]
    equilibria.sort(key=lambda e: (not e.is_pure, tuple(-p for p in e.row_strategy),
                                   tuple(-p for p in e.column_strategy)))
    return TwoPlayerSolution(
        equilibria=tuple(equilibria),
        is_degenerate=bool(witnesses),
        degeneracy=tuple(witnesses),
        methods=methods,
        counts=counts,
        methods_agree=agree,
        notes=tuple(notes),
    )


def _equilibrium(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray,
                 found_by: tuple[str, ...]) -> Equilibrium:
    x, y = np.round(x, 12) + 0.0, np.round(y, 12) + 0.0  # payoffs below use what is stored
    rs = tuple(int(i) for i in np.flatnonzero(x > 0))
    cs = tuple(int(j) for j in np.flatnonzero(y > 0))
    return Equilibrium(
        row_strategy=tuple(float(p) for p in x),
        column_strategy=tuple(float(p) for p in y),
        row_payoff=float(x @ A @ y),
        column_payoff=float(x @ B @ y),
        row_support=rs,
        column_support=cs,
        is_pure=len(rs) == 1 and len(cs) == 1,
        found_by=found_by,
    )
