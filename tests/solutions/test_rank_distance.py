"""rank_distance against the issue-by-issue computation on arrays it replaces (bit for bit),
and compromise_forecast with and without the preference models."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.preferences import build_preferences
from negsim.solutions.compromise import compromise_forecast, rank_distance
from tests.support.strategies import rich_scenarios


def _by_issue(rows: np.ndarray, target: tuple[int, ...], scenario: negsim.Scenario) -> np.ndarray:
    dist = np.zeros(len(rows))
    for pos, issue in enumerate(scenario.space.issues):
        diff = np.abs(rows[:, pos] - target[pos])
        dist += diff / (len(issue) - 1) if issue.ordered else (diff > 0)
    return dist


@st.composite
def cases(draw: st.DrawFn) -> tuple[negsim.Scenario, np.ndarray, tuple[int, ...]]:
    sizes = draw(st.lists(st.integers(2, 9), min_size=1, max_size=9))
    issues = tuple(negsim.Issue(f"i{k}", tuple(range(n)), 0, ordered=draw(st.booleans()))
                   for k, n in enumerate(sizes))
    s = negsim.Scenario("d", issues, (negsim.Actor("A", ()),))
    n = draw(st.sampled_from([0, 1, 2, 7, 8, 9, 40]))
    rows = np.array([[draw(st.integers(0, k - 1)) for k in sizes] for _ in range(n)],
                    dtype=np.intp).reshape(n, len(sizes))
    target = tuple(draw(st.integers(0, k - 1)) for k in sizes)
    return s, rows, target


@settings(max_examples=300, deadline=None)
@given(cases())
def test_rank_distance_is_the_issue_by_issue_sum(case):
    s, rows, target = case
    got = rank_distance(rows, target, s)
    assert got.dtype == np.float64 and got.shape == (len(rows),)
    assert got.tobytes() == _by_issue(rows, target, s).tobytes()
    if len(rows):
        assert got.min() >= 0 and rank_distance(np.array([target]), target, s).tolist() == [0.0]


@settings(max_examples=100, deadline=None)
@given(rich_scenarios())
def test_compromise_forecast_is_the_same_with_the_models(s):
    models = build_preferences(s)
    got = compromise_forecast(s, models)
    assert got == compromise_forecast(s)
    assert all(0 <= k < len(i) for k, i in zip(got, s.issues))
