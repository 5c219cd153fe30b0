"""The engine's fast paths against the plain computations they replace.

Broadcast blocks and per-issue columns against row-by-row gathers (bit for bit), the fast exact
frontier against :func:`negsim.solutions.pareto_mask`, one scan at every chunk size against a
row-by-row scan written from the documented semantics, the two-actor pairing of the size count
against enumeration, the cloud rounding against Python's ``round``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.engine.analyze import rounded_columns
from negsim.engine.counting import count_acceptable
from negsim.engine.deals import deal_table
from negsim.engine.exhaustive import cloud_lists, outcome_cloud, scan
from negsim.engine.frontier import frontier_mask
from negsim.preferences import build_preferences, evaluate, evaluate_block, evaluate_columns
from negsim.solutions import compromise_forecast, pareto_mask
from negsim.solutions.compromise import rank_distance

from tests.support.reference import score
from tests.support.strategies import rich_scenarios


def _all_rows(space: negsim.OutcomeSpace) -> np.ndarray:
    return np.array(list(itertools.product(*(range(k) for k in space.shape))), dtype=np.intp)


@settings(max_examples=80, deadline=None)
@given(rich_scenarios(), st.sampled_from([1, 2, 3, 5, 8, 1 << 16]))
def test_blocks_cover_the_space_in_order_and_evaluate_bit_for_bit(s, chunk):
    space, models = s.space, build_preferences(s)
    rows = _all_rows(space)
    u_ref, v_ref = evaluate(models, rows)
    allowed_ref = space.allowed(rows)
    seen = 0
    for start, lead, split in space.blocks(chunk):
        assert start == seen
        u, v = evaluate_block(models, space, lead, split)
        n = len(u)
        assert n <= max(chunk, math.prod(space.shape[split:])) and n > 0
        assert (u == u_ref[start:start + n]).all() and (v == v_ref[start:start + n]).all()
        assert (space.allowed_block(lead, split) == allowed_ref[start:start + n]).all()
        seen += n
    assert seen == space.size
    cols = [rows[:, j] for j in range(rows.shape[1])]
    u, v = evaluate_columns(models, cols)
    assert (u == u_ref).all() and (v == v_ref).all()
    assert (space.allowed_columns(cols) == allowed_ref).all()
    assert (space.rows_of(np.arange(space.size)) == rows).all()


values = st.lists(st.lists(st.sampled_from([0.0, -0.0, 0.5, 1.0, 1.5, 2.0, 0.1 + 0.2, 0.3]),
                           min_size=4, max_size=4), min_size=0, max_size=150)


@settings(max_examples=300, deadline=None)
@given(values, st.integers(1, 4))
def test_frontier_mask_is_pareto_mask(rows, k):
    u = np.array(rows, dtype=float).reshape(-1, 4)[:, :k]
    assert frontier_mask(u).tolist() == pareto_mask(u).tolist()


def test_frontier_mask_on_many_points_is_pareto_mask():
    rng = np.random.default_rng(4)
    for k in (2, 3, 4):
        u = np.round(rng.random((3000, k)), 2)  # many ties, a few hundred undominated
        assert (frontier_mask(u) == pareto_mask(u)).all()


def _plain_scan(s, models, target, chunk):  # type: ignore[no-untyped-def]
    """A row-by-row scan written from the documented semantics (module docstring of
    negsim.engine.exhaustive): the nearest deal is the first nearest of the first chunk that has
    one, replaced only by a chunk whose nearest is nearer by more than ROUND_TOL."""
    space = s.space
    rows = _all_rows(space)
    ids = np.arange(space.size)
    u, v = evaluate(models, rows)
    res = np.array([m.reservation for m in models])
    ok = space.allowed(rows) & (ids != space.index(s.no_deal)) & ~v.any(axis=1) & \
        np.all(u >= res - 1e-9, axis=1)
    front = np.flatnonzero(ok)[pareto_mask(u[ok])]
    nearest, best = None, np.inf
    dist = rank_distance(rows, target, s)
    for lo in range(0, space.size, chunk):
        at = np.flatnonzero(ok[lo:lo + chunk]) + lo
        if len(at):
            i = at[int(np.argmin(dist[at]))]
            if dist[i] < best - 1e-12:
                nearest, best = int(i), float(dist[i])
    return ok, front, nearest, u


@settings(max_examples=80, deadline=None)
@given(rich_scenarios(), st.sampled_from([1, 3, 7, 1 << 16]))
def test_scan_at_any_chunk_size_matches_a_row_by_row_scan(s, chunk):
    models = build_preferences(s)
    target = compromise_forecast(s)
    found = scan(s, models, target=target, chunk_size=chunk, keep_cloud=True)
    ok, front, nearest, u = _plain_scan(s, models, target, chunk)
    assert found.size == int(ok.sum())
    assert found.acceptable_ids.tolist() == np.flatnonzero(ok).tolist()
    assert (found.acceptable_u == u[ok]).all()
    assert found.frontier_ids.tolist() == front.tolist()
    assert (found.frontier_u == u[front]).all()
    assert found.nearest_id == nearest
    rows = _all_rows(s.space)
    for j, k in enumerate(s.space.shape):
        assert found.option_in_acceptable[j].tolist() == \
            [bool(ok[rows[:, j] == o].any()) for o in range(k)]
    keep = s.space.allowed(rows) & (np.arange(s.space.size) != s.space.index(s.no_deal))
    cloud_u, cloud_ok, cloud_v, sampled = outcome_cloud(s, models, found)
    assert (cloud_u == u[keep]).all() and (cloud_ok == ok[keep]).all() and not sampled
    lists = cloud_lists(s, models, found)
    assert lists == (rounded_columns(u[keep]), ok[keep].tolist(), cloud_v.tolist(), False)


@settings(max_examples=40, deadline=None)
@given(rich_scenarios())
def test_deal_table_from_the_kept_deals_is_the_second_pass(s):
    models = build_preferences(s)
    found = scan(s, models)
    args = (s, models, "exhaustive", found.frontier_ids, found.frontier_u)
    assert deal_table(*args, None, (found.acceptable_ids, found.acceptable_u)) == deal_table(*args)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from([0.0, 0.25, 0.5, 1.0, 0.1, 0.3]),
                                   st.sampled_from([0.0, 0.25, 0.5, 1.0, 0.2, 0.7])),
                         min_size=1, max_size=4), min_size=1, max_size=6),
       st.tuples(st.sampled_from([0.5, 1.0, 1.5, 2.0]), st.sampled_from([0.5, 1.0, 2.5])))
def test_two_actor_count_is_the_enumerated_count(groups, need):
    g = [np.array(x, dtype=float) for x in groups]
    need_a = np.array(need)
    brute = sum(bool(np.all(np.sum(c, axis=0) >= need_a - 1e-9))
                for c in itertools.product(*g))
    c = count_acceptable(g, need_a)
    assert c.exact and c.size == brute


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=3, max_size=3),
                max_size=30))
def test_rounded_columns_is_round_per_column(rows):
    v = np.array(rows, dtype=float).reshape(-1, 3)
    got = rounded_columns(v)
    assert got == [[round(float(x), 6) for x in v[:, j]] for j in range(3)]
    assert all(math.copysign(1, a) == math.copysign(1, round(float(b), 6))
               for col, j in zip(got, range(3)) for a, b in zip(col, v[:, j]))


def test_rounded_columns_on_exact_half_decimals():
    # utilities k / 16000: at six decimals every odd k is (nearly) half-way
    v = np.round(np.arange(-40_000, 40_000).reshape(-1, 2) / 16_000, 12)
    assert rounded_columns(v) == [[round(float(x), 6) for x in v[:, j]] for j in range(2)]


def _compromise_by_hand(s):  # type: ignore[no-untyped-def]
    """The compromise model as the module docstring states it, one issue at a time."""
    out = []
    for issue in s.issues:
        ranks, weights, support = [], [], [0.0] * len(issue)
        for actor in s.actors:
            mine = [d for d in actor.demands if d.issue == issue.id]
            if not mine or actor.total_weight == 0:
                continue
            w = sum(d.weight for d in mine)
            combined = [sum(d.weight * score(d, issue, o) for d in mine) / w for o in issue.options]
            ideal = [k for k, c in enumerate(combined) if c >= max(combined) - 1e-12]
            sal = actor.power * w / actor.total_weight
            ranks.append(sum(ideal) / len(ideal))
            weights.append(sal)
            for k in ideal:
                support[k] += sal / len(ideal)
        if not weights:
            out.append(issue.status_quo_index)
        elif issue.ordered:
            out.append(math.floor(float(np.dot(ranks, weights) / np.sum(weights)) + 0.5))
        else:
            top = [k for k, x in enumerate(support) if x >= max(support) - 1e-12]
            out.append(issue.status_quo_index if issue.status_quo_index in top else top[0])
    return tuple(out)


@settings(max_examples=150, deadline=None)
@given(rich_scenarios())
def test_compromise_forecast_is_the_stated_model(s):
    assert compromise_forecast(s) == _compromise_by_hand(s)
    assert compromise_forecast(s, build_preferences(s)) == compromise_forecast(s)


def test_option_index_is_issue_index_with_its_errors():
    issue = negsim.Issue("days", (0, 30, 60.5, "never"), 0)
    space = negsim.OutcomeSpace((issue,))
    for o in (0, 30, 30.0, 60.5, "never"):
        assert space.option_index(0, o) == issue.index(o)
    for bad in ("30", True, [1]):
        with pytest.raises(negsim.ScenarioError):
            issue.index(bad)
        with pytest.raises(negsim.ScenarioError):
            space.option_index(0, bad)


def test_sample_columns_are_the_sampled_rows():
    space = negsim.OutcomeSpace(tuple(negsim.Issue(f"i{k}", ("a", "b", "c"), "a")
                                      for k in range(5)))
    a = space.sample(500, np.random.default_rng(3))
    b = np.stack(space.sample_columns(500, np.random.default_rng(3)), axis=1)
    assert (a == b).all()


def test_scan_refuses_a_chunk_size_below_one():
    s = negsim.examples.toy_scenario()
    for bad in (0, -3, 2.5, True):
        with pytest.raises(negsim.errors.ArgumentError, match="chunk_size"):
            scan(s, build_preferences(s), chunk_size=bad)


@settings(max_examples=60, deadline=None)
@given(rich_scenarios(), st.data(), st.sampled_from([1, 3, 1 << 16]))
def test_the_scan_keeps_the_target_as_a_row_by_row_evaluation_gives_it(s, data, chunk):
    space, models = s.space, build_preferences(s)
    target = tuple(data.draw(st.integers(0, k - 1)) for k in space.shape)
    found = scan(s, models, target=target, chunk_size=chunk)
    u, v = evaluate(models, np.array([target], dtype=np.intp))
    assert found.target_u.tolist() == u[0].tolist() and found.target_vetoed.tolist() == v[0].tolist()
    assert scan(s, models).target_u is None


@settings(max_examples=40, deadline=None)
@given(rich_scenarios())
def test_analysis_points_decode_as_the_space_does(s):
    from negsim.engine.analyze import _point, _points
    space, models = s.space, build_preferences(s)
    ids = np.arange(space.size, dtype=np.int64)
    u = evaluate(models, space.rows_of(ids))[0]
    assert _points(s, ids, u) == [_point(s, int(i), x) for i, x in zip(ids, u)]
    assert _points(s, ids, u, space.rows_of(ids)) == _points(s, ids, u)
    assert _points(s, ids[:0], u[:0]) == []
