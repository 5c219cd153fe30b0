"""negsim.engine.counting's exact counts against brute force and against the code they replaced.

The two-actor pairing (a table of blocks plus the partial blocks compared directly) is checked on
weighted half sums with ties, thresholds landing exactly on values, one or no point, and sizes
on both sides of the block side, against the pairs counted one by one and against the old
blocked search kept in ``tests/support/engine_reference.py``; the whole count against every
combination of the groups enumerated.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.support.engine_reference as ref
from negsim.engine import counting
from negsim.engine.counting import count_acceptable
from negsim.engine.merge import PointSet
from negsim.tolerances import MERGE_TOL


def _sums(rng: np.random.Generator, n: int, grid: int, weights: bool) -> PointSet:
    vals = rng.integers(0, grid + 1, (n, 2)) / grid
    count = rng.integers(1, 6, n) if weights else np.ones(n, dtype=np.int64)
    return PointSet(vals, np.zeros((n, 0), dtype=np.int16), count.astype(np.int64))


def _pairs_by_hand(lsum: PointSet, rsum: PointSet, need: np.ndarray) -> int:
    total = 0
    for (l0, l1), lc in zip(lsum.vals.tolist(), lsum.count.tolist()):
        for (r0, r1), rc in zip(rsum.vals.tolist(), rsum.count.tolist()):
            if r0 >= need[0] - MERGE_TOL - l0 and r1 >= need[1] - MERGE_TOL - l1:
                total += lc * rc
    return total


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 40), st.integers(0, 70),
       st.sampled_from([1, 2, 3, 10, 1000]), st.booleans(),
       st.sampled_from([0.0, 0.5, 1.0, 1.3, 2.0, -1.0]), st.sampled_from([0.0, 1.0, 0.7, 3.0]))
def test_pairs_2_is_every_pair_counted(seed: int, n_left: int, n_right: int, grid: int,
                                       weights: bool, need0: float, need1: float) -> None:
    rng = np.random.default_rng(seed)
    lsum, rsum = _sums(rng, n_left, grid, weights), _sums(rng, n_right, grid, weights)
    need = np.array([need0, need1])
    got = counting._pairs_2(lsum, rsum, need)
    assert got == _pairs_by_hand(lsum, rsum, need)
    assert got == ref._pairs_2(lsum, rsum, need)


def test_pairs_2_on_larger_halves_is_the_old_count() -> None:
    rng = np.random.default_rng(3)
    for n_left, n_right in ((600, 620), (1000, 333), (5, 2000), (counting._CELL * 40, 8)):
        lsum, rsum = _sums(rng, n_left, 500, True), _sums(rng, n_right, 500, True)
        for need in ([1.0, 1.0], [0.2, 1.7], [2.5, 0.0]):
            need = np.array(need)
            assert counting._pairs_2(lsum, rsum, need) == ref._pairs_2(lsum, rsum, need)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 4), st.integers(2, 3),
       st.sampled_from([0.3, 0.5, 0.8]))
def test_count_acceptable_is_every_combination_counted(seed: int, n_groups: int, size: int,
                                                       actors: int, level: float) -> None:
    rng = np.random.default_rng(seed)
    groups = [np.round(rng.random((size, actors)), 1) / n_groups for _ in range(n_groups)]
    need = np.full(actors, level)
    brute = sum(bool(np.all(sum(g[i] for g, i in zip(groups, pick)) >= need - MERGE_TOL))
                for pick in itertools.product(*(range(len(g)) for g in groups)))
    c = count_acceptable(groups, need)
    assert c.exact and c.size == brute


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 5), st.integers(1, 4),
       st.sampled_from([1, 1000, 70_000, 140_001]), st.integers(0, 5))
def test_sampled_estimate_draws_and_counts_as_before(seed: int, n_groups: int, size: int,
                                                     actors: int, samples: int,
                                                     draw_seed: int) -> None:
    rng = np.random.default_rng(seed)
    groups = [np.round(rng.random((size, actors)), 2) for _ in range(n_groups)]
    need = np.full(actors, n_groups * 0.5)
    got = counting._sampled(groups, need, samples, draw_seed, "why")
    hits = ref.sampled_hits(groups, need, samples, draw_seed)
    total = size ** n_groups
    assert got.size == round(hits / samples * total)
    assert not got.exact and got.low <= got.size <= got.high
