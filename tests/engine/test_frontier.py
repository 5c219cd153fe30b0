"""negsim.engine.frontier against :func:`negsim.solutions.pareto.pareto_mask` and brute force.

Every path of :func:`frontier_mask` (the all-pairs comparison of few rows, the pivot screen, the
sort of two columns, the batches of more) is driven past its size thresholds on random, tied,
duplicated, integer-grid, negative, huge and not-a-number data, and compared with
``pareto_mask`` and with the definition read pair by pair.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim.engine.frontier as frontier
from negsim.engine.frontier import frontier_mask
from negsim.solutions.pareto import merge_frontier, pareto_mask


def _by_definition(u: np.ndarray) -> list[bool]:
    """Row i is kept when no row j is >= in every column and > in one (Python floats)."""
    rows = u.tolist()
    return [not any(all(b >= a for a, b in zip(ri, rj)) and any(b > a for a, b in zip(ri, rj))
                    for rj in rows) for ri in rows]


_CELLS = st.one_of(st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.0, 0.1 + 0.2, 0.3, -1.0]),
                   st.integers(-3, 3).map(float),
                   st.floats(-1e308, 1e308, allow_nan=False),
                   st.floats(-10, 10, allow_nan=False, allow_infinity=False))


@st.composite
def _tables(draw: st.DrawFn, max_rows: int = 80, nan: bool = False) -> np.ndarray:
    k = draw(st.integers(1, 5))
    cells = st.one_of(_CELLS, st.just(float("nan"))) if nan else _CELLS
    rows = draw(st.lists(st.lists(cells, min_size=k, max_size=k), max_size=max_rows))
    u = np.array(rows, dtype=float).reshape(-1, k)
    if len(u) and draw(st.booleans()):  # duplicated rows
        u = np.concatenate([u, u[draw(st.lists(st.integers(0, len(u) - 1), max_size=20))]])
    return u


@settings(max_examples=400, deadline=None)
@given(_tables())
def test_frontier_mask_is_the_definition_and_pareto_mask(u: np.ndarray) -> None:
    got = frontier_mask(u).tolist()
    assert got == _by_definition(u)
    assert got == pareto_mask(u).tolist()


@settings(max_examples=200, deadline=None)
@given(_tables(max_rows=40, nan=True))
def test_rows_with_nan_neither_dominate_nor_are_dominated(u: np.ndarray) -> None:
    assert frontier_mask(u).tolist() == _by_definition(u)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 5), st.sampled_from([70, 200, 330, 700, 2500]),
       st.sampled_from(["random", "grid", "tradeoff", "equal"]))
def test_every_size_path_is_pareto_mask(seed: int, k: int, n: int, kind: str) -> None:
    rng = np.random.default_rng(seed)
    if kind == "grid":
        u = rng.integers(-2, 3, (n, k)).astype(float)  # many ties and equal rows
    elif kind == "equal":
        u = np.repeat(rng.random((3, k)), -(-n // 3), axis=0)[:n]
    else:
        u = rng.random((n, k))
        if kind == "tradeoff":  # a large frontier: the rows trade columns off
            u[:, 0] = 1 - u[:, 1:].sum(axis=1) / (k - 1) + 1e-3 * u[:, 0]
    assert (frontier_mask(u) == pareto_mask(u)).all()


@pytest.mark.parametrize("k", [2, 3, 4, 6])
def test_all_pairs_and_batches_agree_at_the_threshold(k: int) -> None:
    rng = np.random.default_rng(k)
    for n in (frontier._ALL_PAIRS_2, frontier._ALL_PAIRS_N, frontier._ALL_PAIRS_N + 1):
        u = rng.random((n, k))
        u[:, 0] = -u[:, 1:].sum(axis=1) + 0.01 * u[:, 0]
        ref = pareto_mask(u)
        assert (frontier._mask_pairs(u) == ref).all()
        assert ((frontier._mask_2(u) if k == 2 else frontier._mask_n(u)) == ref).all()


def test_empty_one_row_one_column_and_no_columns() -> None:
    assert frontier_mask(np.zeros((0, 3))).tolist() == []
    assert frontier_mask(np.array([[1.0, -2.0]])).tolist() == [True]
    assert frontier_mask(np.array([[1.0], [3.0], [3.0]])).tolist() == [False, True, True]
    assert frontier_mask(np.zeros((2, 0))).tolist() == [True, True]


def test_merge_frontier_with_frontier_mask_is_merge_frontier() -> None:
    rng = np.random.default_rng(0)
    for k in (2, 3):
        a, b = np.round(rng.random((50, k)), 1), np.round(rng.random((90, k)), 1)
        ia, ib = np.arange(50), np.arange(50, 140)
        fa, ga = merge_frontier(a, ia, b, ib, mask=frontier_mask)
        fb, gb = merge_frontier(a, ia, b, ib)
        assert fa.tolist() == fb.tolist() and ga.tolist() == gb.tolist()


@pytest.mark.parametrize("k", [2, 3])
def test_nan_rows_on_the_large_paths(k: int) -> None:
    rng = np.random.default_rng(k)
    for _ in range(5):
        u = rng.integers(0, 4, (600, k)).astype(float)
        u[rng.random((600, k)) < 0.05] = np.nan
        assert (frontier_mask(u) == pareto_mask(u)).all()
    assert frontier_mask(np.full((300, 2), np.nan)).all()
