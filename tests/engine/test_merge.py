"""negsim.engine.merge against the code it replaced and against brute force.

``tests/support/engine_reference.py`` keeps the merge steps as they were before they were tuned;
the tuned ones must return the same arrays in the same order, bit for bit, on point sets with
values tied within the merge tolerance, equal vectors from different rows, counts as int64 and
as Python ints, one to five objectives, and sizes on both sides of the small-set threshold.  The
frontier itself is also checked against the definition (pairs of rank vectors).
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.support.engine_reference as ref
from negsim.engine import batched, merge
from negsim.engine.merge import PointSet, combine, dedupe, rank_columns, reduce_points
from negsim.tolerances import MERGE_TOL


@st.composite
def point_sets(draw: st.DrawFn, max_points: int = 60, dims: int | None = None) -> PointSet:
    """Values on a coarse grid nudged by fractions of MERGE_TOL (chains of near-ties), rows with
    repeats, counts of either kind."""
    k = draw(st.integers(1, 5)) if dims is None else dims
    n = draw(st.integers(0, max_points))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    coarse = draw(st.sampled_from([2, 4, 10, 1000]))
    vals = rng.integers(-coarse, coarse + 1, (n, k)) / coarse
    vals = vals + rng.integers(-2, 3, (n, k)) * draw(st.sampled_from([0.0, 0.4, 0.6, 1.5])) \
        * MERGE_TOL
    if draw(st.booleans()):
        vals = vals * draw(st.sampled_from([-1.0, 1e6, 3.0]))
    rows = rng.integers(0, draw(st.integers(1, 4)), (n, draw(st.integers(0, 4)))).astype(np.int16)
    big = draw(st.booleans())
    count = rng.integers(1, 4, n).astype(object if big else np.int64)
    if big:
        count = np.array([int(c) * 2**70 for c in count] or [], dtype=object)
    return PointSet(vals, rows, count)


def _same(a: PointSet, b: PointSet) -> None:
    assert a.vals.dtype == b.vals.dtype and a.vals.tobytes() == b.vals.tobytes()
    assert a.vals.shape == b.vals.shape
    assert a.rows.dtype == b.rows.dtype and a.rows.tolist() == b.rows.tolist()
    assert a.count.dtype == b.count.dtype and a.count.tolist() == b.count.tolist()


@settings(max_examples=300, deadline=None)
@given(point_sets())
def test_rank_columns_is_the_old_ranking(p: PointSet) -> None:
    assert rank_columns(p.vals).tolist() == ref.rank_columns(p.vals).tolist()


@settings(max_examples=300, deadline=None)
@given(point_sets())
def test_dedupe_is_the_old_dedupe(p: PointSet) -> None:
    ranks = rank_columns(p.vals)
    got, got_r = dedupe(p, ranks)
    want, want_r = ref.dedupe(p, ranks)
    _same(got, want)
    assert got_r.tolist() == want_r.tolist()


@settings(max_examples=400, deadline=None)
@given(point_sets())
def test_reduce_points_is_the_old_reduction_and_the_definition(p: PointSet) -> None:
    got = reduce_points(p)
    _same(got, ref.reduce_points(p))
    # the definition: no distinct rank vector of the set is >= in every column
    if len(got) > 1:
        r = rank_columns(got.vals)
        for i, j in itertools.permutations(range(len(got)), 2):
            assert not (r[j] >= r[i]).all()


@settings(max_examples=40, deadline=None)
@given(point_sets(max_points=0), st.integers(0, 2**32 - 1), st.integers(2, 4),
       st.sampled_from([merge._SMALL - 1, merge._SMALL, merge._SMALL + 1, merge._SORT_ALL,
                        merge._SORT_ALL + 1, 1500]))
def test_both_sides_of_the_small_threshold(empty: PointSet, seed: int, k: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    vals = rng.integers(0, 12, (n, k)) / 12 + rng.integers(0, 2, (n, k)) * 0.6 * MERGE_TOL
    vals[:, 0] = -vals[:, 1:].sum(axis=1) + vals[:, 0] * 0.1  # a large frontier
    p = PointSet(vals, rng.integers(0, 3, (n, 2)).astype(np.int16), np.ones(n, dtype=np.int64))
    assert rank_columns(vals).tolist() == ref.rank_columns(vals).tolist()
    _same(reduce_points(p), ref.reduce_points(p))


def _aligned(a: PointSet, b: PointSet) -> tuple[PointSet, PointSet]:
    """Both sets over the same issues (row width) with counts of the same kind."""
    width = max(a.rows.shape[1], b.rows.shape[1], 1)
    rows = [np.resize(p.rows, (len(p), width)).astype(np.int16) if p.rows.size else
            np.zeros((len(p), width), dtype=np.int16) for p in (a, b)]
    count = b.count if b.count.dtype == a.count.dtype else \
        np.array([int(c) for c in b.count], dtype=a.count.dtype) if a.count.dtype == object \
        else np.full(len(b), 2, dtype=np.int64)
    return PointSet(a.vals, rows[0], a.count), PointSet(b.vals, rows[1], count)


@settings(max_examples=200, deadline=None)
@given(point_sets(max_points=25, dims=2), point_sets(max_points=12, dims=2), st.booleans(),
       st.floats(-1.0, 1.5))
def test_combine_is_the_old_combine(a: PointSet, b: PointSet, prune: bool, level: float) -> None:
    a, b = _aligned(a, b)
    head = np.array([0.25, 0.5]) if prune else None
    need = np.array([level, level - 0.5]) if prune else None
    _same(combine(a, b, head, need), ref.combine(a, b, head, need))


@settings(max_examples=100, deadline=None)
@given(point_sets(max_points=30, dims=3), point_sets(max_points=8, dims=3))
def test_combine_three_objectives_is_the_old_combine(a: PointSet, b: PointSet) -> None:
    a, b = _aligned(a, b)
    _same(combine(a, b), ref.combine(a, b))


@settings(max_examples=200, deadline=None)
@given(st.lists(point_sets(max_points=12, dims=2), min_size=0, max_size=6),
       st.integers(1, 4), st.booleans())
def test_reduce_each_and_deduped_each_are_one_set_at_a_time(sets: list[PointSet], dims: int,
                                                             big: bool) -> None:
    # the sets of one call share their columns, row width and count type
    sets = [PointSet(np.resize(p.vals, (len(p), dims)) if len(p) else np.zeros((0, dims)),
                     np.resize(p.rows, (len(p), 2)).astype(np.int16) if p.rows.size else
                     np.zeros((len(p), 2), dtype=np.int16),
                     np.array([(int(c) % 7 + 1) * (2**70 if big else 1) for c in p.count],
                              dtype=object if big else np.int64)) for p in sets]
    for got, want in zip(batched.reduce_each(sets), [reduce_points(p) for p in sets]):
        _same(got, want)
    for got, want in zip(batched.deduped_each(sets), [merge.deduped(p) for p in sets]):
        _same(got, want)
    assert len(batched.reduce_each(sets)) == len(batched.deduped_each(sets)) == len(sets)


def test_reduce_each_past_the_pair_table_is_one_set_at_a_time() -> None:
    rng = np.random.default_rng(5)
    sets = [PointSet(rng.random((300, 3)), rng.integers(0, 3, (300, 2)).astype(np.int16),
                     np.ones(300, dtype=np.int64)) for _ in range(3)]
    for got, want in zip(batched.reduce_each(sets), [reduce_points(p) for p in sets]):
        _same(got, want)
