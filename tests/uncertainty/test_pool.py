"""The solution pool: candidates no draw can choose, pruned once per ensemble, change nothing."""

from __future__ import annotations

import importlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter
from negsim.uncertainty import ensemble
from negsim.uncertainty.linear import linear_form
from negsim.uncertainty.pool import candidate_features, coefficient_signs, solution_pool

from tests.support.strategies import rich_scenarios
from tests.support.uncertainty_helpers import TOY_UNCERTAIN, toy

ens = importlib.import_module("negsim.uncertainty.ensemble")
NAMES = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


def _uncertain(s: negsim.Scenario, data: st.DataObject) -> negsim.Scenario:
    """Weights ±50%; lever effects on a range that may cross zero; credibility on [0, 1]."""
    params = [UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                 Distribution.uniform(d.weight * 0.5, d.weight * 1.5))
              for a in s.actors for k, d in enumerate(a.demands)]
    for lv in s.levers:
        for actor, e in lv.effects.items() if isinstance(lv.effects, dict) else dict(lv.effects).items():
            lo = data.draw(st.sampled_from([e * 0.5, -abs(e) - 0.1, 0.0]))
            params.append(UncertainParameter(f"levers.{lv.id}.effects.{actor}",
                                             Distribution.uniform(min(lo, e), max(lo, e) + 0.05)))
        params.append(UncertainParameter(f"levers.{lv.id}.credibility",
                                         Distribution.uniform(0.0, 1.0)))
    return s.with_changes(uncertain=tuple(params))


def _counts(r) -> dict:  # type: ignore[no-untyped-def]
    return {k: ({o.index: o.count for o in r.solution(k).outcomes}, r.solution(k).no_solution)
            for k in NAMES}


@settings(max_examples=30, deadline=None)
@given(rich_scenarios(max_issues=4, max_actors=3), st.integers(0, 2**16), st.data())
def test_the_pool_gives_the_counts_of_scoring_every_candidate(s, seed, data):
    """Same seed, with and without the pruning: identical counts, draw for draw."""
    s = _uncertain(s, data)
    if not s.uncertain or s.structural:
        return
    with_pool = ensemble(s, draws=150, seed=seed, chunk_size=50)
    real = ens.solution_pool
    ens.solution_pool = lambda sc: None
    try:
        without = ensemble(s, draws=150, seed=seed, chunk_size=50)
    finally:
        ens.solution_pool = real
    assert _counts(with_pool) == _counts(without)
    assert with_pool.to_dict() == without.to_dict()


def test_a_pruned_candidate_is_beaten_by_a_kept_lower_one_in_sampled_draws():
    """Brute force on the toy: every pruned candidate has a lower-numbered candidate that gives
    every actor at least as much in each of 2,000 draws."""
    s = toy(TOY_UNCERTAIN)
    ids, feats = candidate_features(s)
    pool = solution_pool(s)
    if pool is None:
        return
    form = linear_form(s)
    theta = form.draw(2_000, np.random.default_rng(3), s)
    u = form.utilities(feats, [form.coefficients(a, theta) for a in range(form.n_actors)])
    for x in sorted(set(range(len(ids))) - set(pool.tolist())):
        assert any(np.all(u[:, y, :] >= u[:, x, :]) for y in range(x)), x


def test_coefficient_signs_follow_the_supports():
    I, D, A, L = negsim.Issue, negsim.Demand, negsim.Actor, negsim.Lever
    cond = negsim.Condition.of({"war": "truce"})
    s = negsim.Scenario(
        "signs", issues=(I("war", ("fight", "truce"), "fight"),),
        actors=(A("A", (D("war", want="truce"),)),),
        levers=(L("aid", by="A", effects={"A": 0.3}, trigger=cond),
                L("cut", by="A", effects={"A": -0.2}, trigger=cond),
                L("maybe", by="A", effects={"A": 0.1}, trigger=cond)),
        uncertain=(UncertainParameter("levers.maybe.effects.A", Distribution.uniform(-0.1, 0.2)),
                   UncertainParameter("levers.cut.effects.A", Distribution.uniform(-0.3, -0.1)),
                   UncertainParameter("actors.A.demands[0].weight",
                                      Distribution.normal(1.0, 0.1, low=0.01))))
    form = linear_form(s)
    assert len(form.conditional[0]) == 3
    assert coefficient_signs(s, form, 0).tolist() == [1, 1, -1, 0]
