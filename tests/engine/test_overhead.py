"""analyze's overhead: the cloud rounded with numpy exactly as Python rounds, and a size count
that gives up on exactness early (and says so) when it cannot finish."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim.engine.counting as counting
from negsim.engine.analyze import rounded
from negsim.engine.counting import MAX_STATES, count_acceptable


def _same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y and math.copysign(1, x) == math.copysign(1, y)
                                    for x, y in zip(a, b))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), max_size=40),
       st.integers(0, 9))
def test_rounded_is_python_round_on_any_floats(xs: list[float], decimals: int) -> None:
    assert _same(rounded(np.array(xs, dtype=float), decimals), [round(x, decimals) for x in xs])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-10 ** 9, 10 ** 9), min_size=1, max_size=40), st.integers(5, 9))
def test_rounded_on_half_way_decimals(ks: list[int], digits: int) -> None:
    # k / 10**digits + half a unit of the 6th decimal: the cases where rint could differ
    xs = [k / 10 ** digits + 5e-7 for k in ks]
    assert _same(rounded(np.array(xs)), [round(x, 6) for x in xs])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-10 ** 6, 10 ** 6), min_size=1, max_size=40),
       st.sampled_from([-2, -1, 0, 1, 2]))
def test_rounded_next_to_exact_halves(ks: list[int], ulps: int) -> None:
    # the doubles a few ulps from (k + 1/2) / 10**6, both signs, zero results included
    xs = [float(np.nextafter((k + 0.5) / 1e6, np.inf if ulps > 0 else -np.inf))
          if ulps else (k + 0.5) / 1e6 for k in ks]
    for _ in range(abs(ulps) - 1):
        xs = [float(np.nextafter(x, np.inf if ulps > 0 else -np.inf)) for x in xs]
    assert _same(rounded(np.array(xs)), [round(x, 6) for x in xs])


def test_rounded_many_utilities_like_the_engine_makes() -> None:
    rng = np.random.default_rng(0)
    x = np.round(rng.random((20_000, 3)) @ np.array([1 / 6, 2 / 6, 3 / 6]), 12)
    assert _same(rounded(x), [round(float(v), 6) for v in x])


def test_count_gives_up_early_when_the_states_cannot_stay_small(monkeypatch) -> None:
    rng = np.random.default_rng(0)
    groups = [np.round(rng.random((4, 2)), 3) for _ in range(20)]  # 4**20 outcomes, all distinct
    need = np.array([10.0, 10.0])
    seen: list[int] = []
    real = counting._states

    def spy(u, c):  # type: ignore[no-untyped-def]
        seen.append(len(u))
        return real(u, c)

    monkeypatch.setattr(counting, "_states", spy)
    c = count_acceptable(groups, need, samples=20_000)
    assert not c.exact and "not counted exactly" in c.method and "524,288" in c.method
    # a state set that passes the limit is never formed: the projection stopped it first
    assert max(seen) < MAX_STATES // 8
    assert c.low <= c.size <= c.high


def test_projection_keeps_exact_counts_that_finish() -> None:
    rng = np.random.default_rng(5)  # few distinct values: the states stay small
    groups = [rng.integers(0, 3, size=(3, 2)) / 2.0 for _ in range(9)]
    need = np.array([4.0, 4.0])
    brute = sum(bool(np.all(sum(c) >= need - 1e-9)) for c in itertools.product(*groups))
    for kw in ({}, {"max_pairs": 0}):
        c = count_acceptable(groups, need, max_states=200, **kw)
        assert c.exact and c.size == brute
