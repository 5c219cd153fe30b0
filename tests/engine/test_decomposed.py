"""The decomposed engine gives the exhaustive scan's answers (brute force on small spaces)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.strategies import rich_scenarios

import negsim
from negsim.engine.counting import count_acceptable
from negsim.engine.groups import issue_groups
from negsim.engine.merge import PointSet, reduce_points
from negsim.preferences import build_preferences
from negsim.solutions.compromise import rank_distance
from negsim.solutions.pareto import pareto_mask

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _frontier_groups(points):
    """Exhaustive frontier points grouped by utility vector: vector -> sorted indices."""
    out: dict[tuple, list[int]] = {}
    for p in points:
        key = tuple(round(p.utilities[a], 9) for a in sorted(p.utilities))
        out.setdefault(key, []).append(p.index)
    return {k: sorted(v) for k, v in out.items()}


@SETTINGS
@given(rich_scenarios())
def test_decomposed_analysis_matches_brute_force(s: negsim.Scenario) -> None:
    e = negsim.analyze(s, method="exhaustive")
    d = negsim.analyze(s, method="decomposed")
    ea, da = e.acceptable, d.acceptable
    assert (ea.method, da.method) == ("exhaustive", "decomposed")
    assert da.exact and da.size == ea.size == da.size_low == da.size_high
    assert da.options == ea.options
    assert da.excluded_by == ea.excluded_by
    groups = _frontier_groups(ea.frontier)
    assert len(da.frontier) == len(groups)
    for p, count in zip(da.frontier, da.frontier_counts):
        same = groups[tuple(round(p.utilities[a], 9) for a in sorted(p.utilities))]
        assert p.index == same[0] and count == len(same)
    for name in ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        assert d.solution(name) == e.solution(name), name
    ec, dc = e.solution("compromise"), d.solution("compromise")
    assert (dc.outcome, dc.utilities, dc.acceptable) == (ec.outcome, ec.utilities, ec.acceptable)
    assert (dc.nearest is None) == (ec.nearest is None)
    if dc.nearest is not None:
        target = np.array([s.space.indices_of(ec.outcome)])
        dist = [rank_distance(np.array([s.space.indices_of(n.outcome)]), tuple(target[0]), s)[0]
                for n in (ec.nearest, dc.nearest)]
        assert abs(dist[0] - dist[1]) < 1e-12
        u, vetoed = negsim.preferences.evaluate(build_preferences(s), np.array(
            [s.space.indices_of(dc.nearest.outcome)]))
        res = np.array([a.reservation for a in d.actors])
        assert not vetoed.any() and np.all(u >= res - 1e-9)


@SETTINGS
@given(rich_scenarios())
def test_issue_groups_partition_the_issues_and_hold_every_factor(s: negsim.Scenario) -> None:
    models = build_preferences(s)
    groups = issue_groups(s, models)
    assert sorted(itertools.chain(*groups)) == list(range(len(s.issues)))
    where = {p: k for k, g in enumerate(groups) for p in g}
    for m in models:
        for f in (*m.factors, *m.vetoes):
            assert len({where[p] for p in f.issues}) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(2, 4), st.integers(1, 300))
def test_reduce_points_keeps_exactly_the_pareto_optimal_vectors(seed: int, dims: int,
                                                                 n: int) -> None:
    rng = np.random.default_rng(seed)
    vals = rng.integers(0, 5, size=(n, dims)) / 4.0
    rows = rng.integers(0, 50, size=(n, 1)).astype(np.int16)
    f = reduce_points(PointSet(vals, rows, np.ones(n, dtype=np.int64)))
    mask = pareto_mask(vals)
    expected = {tuple(v) for v in vals[mask]}
    assert {tuple(v) for v in f.vals} == expected and len(f) == len(expected)
    for v, r, c in zip(f.vals, f.rows[:, 0], f.count):
        same = np.all(vals == v, axis=1)
        assert c == same.sum() and r == rows[same, 0].min()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(1, 5), st.integers(1, 3))
def test_counting_by_groups_equals_counting_every_combination(seed: int, n_groups: int,
                                                               actors: int) -> None:
    rng = np.random.default_rng(seed)
    groups = [rng.integers(0, 4, size=(rng.integers(1, 5), actors)) / 4.0
              for _ in range(n_groups)]
    need = rng.integers(0, 3 * n_groups, size=actors) / 4.0
    brute = sum(bool(np.all(sum(combo) >= need - 1e-9))
                for combo in itertools.product(*groups))
    halves = count_acceptable(groups, need)
    programme = count_acceptable(groups, need, max_pairs=0)
    assert halves.exact and programme.exact and halves.size == programme.size == brute


def test_sampled_size_interval_holds_the_true_count_when_counting_is_too_big() -> None:
    rng = np.random.default_rng(3)
    groups = [rng.random((4, 2)) for _ in range(8)]
    need = np.array([3.0, 3.0])
    exact = count_acceptable(groups, need)
    est = count_acceptable(groups, need, max_states=10, max_pairs=10, samples=50_000, seed=1)
    assert exact.exact and not est.exact
    assert est.low <= exact.size <= est.high and est.low <= est.size <= est.high


def test_analyze_decomposes_a_space_too_large_to_enumerate_and_round_trips() -> None:
    rng = np.random.default_rng(0)
    issues = tuple(negsim.Issue(f"i{k}", ("a", "b", "c", "d"), "a") for k in range(16))
    actors = tuple(negsim.Actor(name, tuple(
        negsim.Demand(i.id, scores={o: float(x) for o, x in zip(i.options, rng.random(4))})
        for i in issues)) for name in ("A", "B"))
    s = negsim.Scenario("big", issues, actors, cloud_size=500)
    a = negsim.analyze(s)
    assert a.acceptable.method == "decomposed" and a.acceptable.space_size == 4 ** 16
    assert a.cloud.sampled and len(a.cloud.acceptable) <= 500
    assert a.solution("nash").acceptable
    assert negsim.Analysis.from_json(a.to_json()) == a
