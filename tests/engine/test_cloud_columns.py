"""The plot cloud as numpy-backed columns (negsim.plain.ArrayList) and rounded_array: the same
values, equality and JSON bytes as the Python lists they stand for."""

from __future__ import annotations

import json
import math
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.engine.rounding import rounded, rounded_array
from negsim.engine.exhaustive import outcome_cloud
from negsim.plain import ArrayList
from negsim.preferences import build_preferences
from negsim.results.analysis import Analysis, OutcomeCloud
from tests.support.strategies import rich_scenarios

floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


def _same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y and math.copysign(1, x) == math.copysign(1, y)
                                    for x, y in zip(a, b))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(floats, floats), max_size=30), st.integers(0, 9), st.booleans())
def test_rounded_array_is_python_round_per_value(rows, decimals, fortran):
    v = np.array(rows, dtype=float).reshape(-1, 2)
    if fortran:
        v = np.asfortranarray(v)
    want = [[round(float(x), decimals) for x in v[:, j]] for j in range(2)]
    got = rounded_array(v, decimals)
    assert all(_same(got[:, j].tolist(), want[j]) for j in range(2))
    work = v.copy(order="K")
    assert rounded_array(work, decimals, overwrite=True) is work
    assert all(_same(work[:, j].tolist(), want[j]) for j in range(2))
    assert _same(rounded(v[:, 0], decimals), want[0])


def test_rounded_array_near_halves_and_huge_values():
    # k / 16000: every odd k is (nearly) half-way at six decimals; 1e300 goes through round()
    x = np.concatenate((np.arange(-40_000, 40_000) / 16_000, [1e300, -2.5e15, 0.5e-6]))
    assert _same(rounded_array(x).tolist(), [round(float(v), 6) for v in x])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(floats, max_size=6), max_size=4), st.data())
def test_array_list_behaves_as_the_list(parts, data):
    arrays = [np.array(p, dtype=float) for p in parts]
    a = ArrayList(*arrays)
    want = [float(x) for p in parts for x in p]
    assert len(a) == len(want) and a.tolist() == want and list(a) == want
    assert a == want and want == a and not (a != want) and a == ArrayList(np.array(want))
    assert repr(a) == repr(want) and bool(a) == bool(want)
    assert np.asarray(a).tolist() == want and np.array(a, dtype=float).tolist() == want
    if want:
        i = data.draw(st.integers(-len(want), len(want) - 1))
        assert a[i] == want[i] and type(a[i]) is float
        assert a[i:] == want[i:]
    with pytest.raises(IndexError):
        a[len(want)]
    assert a != want + [1.0] and pickle.loads(pickle.dumps(a)) == want
    with pytest.raises(TypeError):
        hash(a)


def test_array_list_is_read_only_and_writes_non_finite_as_plain_data_does():
    base = np.array([1.0, math.inf, -math.inf, math.nan])
    a = ArrayList(base)
    with pytest.raises(ValueError):
        np.asarray(a)[0] = 2.0
    cloud = OutcomeCloud(["A"], [a], ArrayList(np.array([True, False, True, False])),
                         ArrayList(np.zeros(4, dtype=bool)), False, 1)
    plain = OutcomeCloud(["A"], [base.tolist()], [True, False, True, False], [False] * 4,
                         False, 1)
    assert cloud.to_dict() == plain.to_dict()
    assert cloud.to_json() == plain.to_json()
    assert cloud.to_dict()["acceptable"] == [True, False, True, False]
    assert type(cloud.to_dict()["acceptable"][0]) is bool
    with pytest.raises(ValueError):
        ArrayList(np.zeros((2, 2)))


@pytest.mark.parametrize("name", ["toy_scenario"])
def test_analysis_cloud_round_trips_with_the_same_bytes(name):
    a = negsim.analyze(getattr(negsim.examples, name)())
    assert isinstance(a.cloud.utilities[0], ArrayList)
    back = Analysis.from_json(a.to_json())
    assert back.cloud == a.cloud and a.cloud == back.cloud and back == a
    assert back.to_json() == a.to_json()
    assert json.loads(a.to_json())["cloud"]["utilities"] == [list(c) for c in a.cloud.utilities]


@settings(max_examples=40, deadline=None)
@given(rich_scenarios())
def test_analysis_cloud_equals_the_lists_round_gives(s):
    u, ok, vetoed, sampled = outcome_cloud(s, build_preferences(s))
    a = negsim.analyze(s)
    assert a.cloud.sampled == sampled
    assert a.cloud.utilities == [[round(float(x), 6) for x in u[:, j]] for j in range(u.shape[1])]
    assert a.cloud.acceptable == ok.tolist() and a.cloud.vetoed == vetoed.tolist()
    assert Analysis.from_json(a.to_json()).to_json() == a.to_json()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([2, 3, 5, 255, 256, 257, 70_000]), min_size=1, max_size=4),
       st.integers(0, 2**32 - 1), st.integers(0, 3000))
def test_sample_columns_are_the_draws_of_sample(shape, seed, n):
    from negsim.model import Issue
    from negsim.model.space import OutcomeSpace
    space = OutcomeSpace(tuple(Issue(f"i{j}", tuple(range(k)), 0) for j, k in enumerate(shape)))
    r1, r2 = np.random.default_rng(seed), np.random.default_rng(seed)
    cols = space.sample_columns(n, r1)
    rows = space.sample(n, r2)
    assert all((c == rows[:, j]).all() for j, c in enumerate(cols))
    assert all(c.dtype.kind == "u" or c.dtype == np.intp for c in cols)
    assert r1.integers(0, 2**62) == r2.integers(0, 2**62)  # the generator left as sample leaves it


@settings(max_examples=20, deadline=None)
@given(rich_scenarios(), st.integers(0, 2**32 - 1))
def test_evaluate_columns_in_pieces_is_evaluate(s, seed):
    from negsim.preferences import evaluate, evaluate_columns
    from negsim.preferences.evaluation import _COLUMN_PIECE
    models = build_preferences(s)
    rows = s.space.sample(_COLUMN_PIECE + 37, np.random.default_rng(seed))
    small = [rows[:, j].astype(np.uint8) for j in range(rows.shape[1])]
    for got, want in zip(evaluate_columns(models, small), evaluate(models, rows)):
        assert got.tobytes() == want.tobytes()


@settings(max_examples=25, deadline=None)
@given(rich_scenarios(max_issues=8), st.sampled_from([64, 1 << 14]))
def test_evaluate_block_is_evaluate_bit_for_bit_on_larger_grids(s, chunk):
    # grids large enough for the per-option additions (_spread_add) to take over
    from negsim.preferences import evaluate, evaluate_block
    models = build_preferences(s)
    space = s.space
    for start, lead, split in space.blocks(chunk):
        u, v = evaluate_block(models, space, lead, split)
        rows = space.rows_of(np.arange(start, start + len(u)))
        u_ref, v_ref = evaluate(models, rows)
        assert np.ascontiguousarray(u).tobytes() == np.ascontiguousarray(u_ref).tobytes()
        assert (v == v_ref).all()
