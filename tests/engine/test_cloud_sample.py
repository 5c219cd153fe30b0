"""The sampled plot cloud (outcome_cloud on a space larger than cloud_size) against the rule read
plainly: the sampled rows, less what constraints forbid and the no-deal outcome, evaluated row by
row, acceptable by acceptable_mask."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.engine.exhaustive import acceptable_mask, cloud_lists, outcome_cloud
from negsim.engine.rounding import rounded_columns
from negsim.preferences import build_preferences, evaluate
from tests.support.strategies import rich_scenarios


@settings(max_examples=60, deadline=None)
@given(rich_scenarios(), st.integers(1, 400), st.integers(0, 2 ** 32 - 1))
def test_sampled_cloud_is_the_rule_on_the_sampled_rows(s, size, seed):
    s = dataclasses.replace(s, cloud_size=min(size, max(s.space.size - 1, 0)), seed=seed)
    if s.space.size <= s.cloud_size:
        return
    models = build_preferences(s)
    space = s.space
    rows = space.sample(s.cloud_size, np.random.default_rng(seed))
    keep = space.allowed(rows) & ~(rows == np.array(space.status_quo)).all(axis=1)
    utils, vetoed = evaluate(models, rows[keep])
    ok = acceptable_mask(utils, vetoed, np.ones(len(utils), dtype=bool),
                         np.array([m.reservation for m in models]))
    u, got_ok, got_vetoed, sampled = outcome_cloud(s, models)
    assert sampled
    assert np.array_equal(u, utils) and np.array_equal(got_ok, ok)
    assert np.array_equal(got_vetoed, vetoed.any(axis=1))
    cu, cok, cv, csampled = cloud_lists(s, models)
    assert cu == rounded_columns(utils) and cok == ok.tolist() and cv == vetoed.any(axis=1).tolist()
    assert csampled
