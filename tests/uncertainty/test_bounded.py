"""The bounded count and the group pool: the same numbers as evaluating every outcome in every draw."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.engine.verdicts import meets_reservation
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter
from negsim.uncertainty import EnsembleResult, ensemble
from negsim.uncertainty.bounded import acceptable_counts, group_plan, meets_rounded
from negsim.uncertainty.linear import linear_form
from negsim.uncertainty.separable import space_sums

from tests.support.strategies import rich_scenarios, simple_scenarios
from tests.support.uncertainty_helpers import TOY_UNCERTAIN, toy

ens = importlib.import_module("negsim.uncertainty.ensemble")
NAMES = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


def _uncertain(s: negsim.Scenario, data: st.DataObject) -> negsim.Scenario:
    """Weights ±50% (or pinned); lever effects on a range that may cross zero; credibility."""
    params = []
    for a in s.actors:
        for k, d in enumerate(a.demands):
            spread = data.draw(st.sampled_from([0.0, 0.5]))
            params.append(UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                             Distribution.uniform(d.weight * (1 - spread),
                                                                  d.weight * (1 + spread))))
    for lv in s.levers:
        for actor, e in dict(lv.effects).items():
            lo = data.draw(st.sampled_from([e * 0.5, -abs(e) - 0.1, e]))
            params.append(UncertainParameter(f"levers.{lv.id}.effects.{actor}",
                                             Distribution.uniform(min(lo, e), max(lo, e) + 0.05)))
        low = data.draw(st.sampled_from([0.0, 0.4]))
        params.append(UncertainParameter(f"levers.{lv.id}.credibility",
                                         Distribution.uniform(low, 1.0)))
    return s.with_changes(uncertain=tuple(params))


def _draws(s: negsim.Scenario, n: int, seed: int) -> tuple[list[np.ndarray], np.ndarray]:
    form = linear_form(s)
    theta = form.draw(n, np.random.default_rng(seed), s)
    coefs = [form.coefficients(a, theta) for a in range(form.n_actors)]
    return coefs, form.reservations(theta, coefs)


def _forced_sums(s: negsim.Scenario, **kw: object) -> EnsembleResult:
    """The ensemble with every candidate summed by groups and counted by bounds (the path of
    large red-line-free spaces), whatever the space's size and the candidates' number."""
    real, least = ens.candidate_features, ens.BOUNDED_MIN
    ens.candidate_features = lambda sc: (np.flatnonzero(space_sums(sc).candidates), None)
    ens.BOUNDED_MIN = 0
    try:
        return ensemble(s, **kw)
    finally:
        ens.candidate_features, ens.BOUNDED_MIN = real, least


def _counts(r) -> dict:  # type: ignore[no-untyped-def]
    return {k: ({o.index: o.count for o in r.solution(k).outcomes}, r.solution(k).no_solution)
            for k in r.solutions}


@settings(max_examples=60, deadline=None)
@given(rich_scenarios(max_issues=5, max_actors=3), st.integers(0, 2**16), st.data())
def test_the_bounded_count_equals_counting_every_outcome(s, seed, data):
    """Per draw, the acceptable candidates counted by bounds equal the dense count of every
    outcome's rounded utilities against every reservation."""
    s = _uncertain(s, data)
    plan = group_plan(s)
    if plan is None:
        return
    coefs, r = _draws(s, 40, seed)
    sums = space_sums(s)
    u = sums.utilities(coefs)  # rounded, (A, n, N)
    ok = np.broadcast_to(sums.candidates, u.shape[1:]).copy()
    for a in range(len(u)):
        ok &= meets_reservation(u[a], r[a][:, None])
    assert acceptable_counts(plan, sums.parts(coefs), r).tolist() == ok.sum(axis=1).tolist()


def test_the_bounded_count_decides_near_threshold_outcomes_on_the_outer_sums():
    """Reservations placed exactly on outcomes' utilities (and a hair either side of the
    acceptance tolerance): the count matches the dense rule outcome by outcome."""
    s = toy(TOY_UNCERTAIN)
    plan = group_plan(s)
    coefs, _ = _draws(s, 30, 4)
    sums = space_sums(s)
    u = sums.utilities(coefs, rounded=False)
    rng = np.random.default_rng(0)
    pick = rng.integers(0, u.shape[2], size=(len(u), u.shape[1]))
    jitter = rng.choice([0.0, 1e-9, 1e-9 + 1e-12, 1e-9 - 1e-12, -1e-13], size=pick.shape)
    r = np.take_along_axis(u, pick[:, :, None], axis=2)[:, :, 0] + jitter
    ok = np.broadcast_to(sums.candidates, u.shape[1:]).copy()
    for a in range(len(u)):
        ok &= meets_rounded(u[a], r[a][:, None])
    assert acceptable_counts(plan, sums.parts(coefs), r).tolist() == ok.sum(axis=1).tolist()


@settings(max_examples=40, deadline=None)
@given(st.one_of(rich_scenarios(max_issues=4, max_actors=3),
                 simple_scenarios(max_issues=4, max_actors=3)), st.integers(0, 2**16), st.data())
def test_the_group_pool_gives_the_numbers_of_scoring_every_outcome(s, seed, data):
    """Same seed, through the group plan and through the dense sums over every outcome:
    identical results (acceptance, acceptable size, every solution's counts), draw for draw.
    Scores on a coarse grid make equal and dominated assignments (ties) common."""
    s = _uncertain(s, data)
    if not s.uncertain or s.structural or group_plan(s) is None:
        return
    planned = _forced_sums(s, draws=120, seed=seed, chunk_size=40)
    real = ens.group_plan
    ens.group_plan = lambda sc: None
    try:
        dense = _forced_sums(s, draws=120, seed=seed, chunk_size=40)
    finally:
        ens.group_plan = real
    assert _counts(planned) == _counts(dense)
    assert planned.to_dict() == dense.to_dict()


def _random(actors: int, issues: int, options: int, seed: int) -> negsim.Scenario:
    rng = np.random.default_rng(seed)
    iss = tuple(negsim.Issue(f"i{k}", tuple(f"o{j}" for j in range(options)), "o0")
                for k in range(issues))
    acts = tuple(negsim.Actor(f"A{a}", tuple(
        negsim.Demand(i.id, scores={o: float(x) for o, x in
                                    zip(i.options, rng.integers(0, 4, options) / 4)},
                      weight=float(rng.integers(1, 4))) for i in iss)) for a in range(actors))
    s = negsim.Scenario("random", iss, acts, seed=seed)
    return s.with_changes(uncertain=tuple(
        UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                           Distribution.uniform(d.weight * 0.7, d.weight * 1.3))
        for a in s.actors for k, d in enumerate(a.demands)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_pruned_candidate_is_beaten_by_a_pool_member_in_sampled_draws(seed):
    """Brute force: each candidate outside the pool has, in each of 300 draws, a pool member
    that gives every actor at least as much and either has the lower number or gives someone
    strictly more (so it is never chosen)."""
    s = _random(3, 4, 4, seed)
    plan = group_plan(s)
    sums = space_sums(s)
    assert 0 < len(plan.ids) < np.count_nonzero(sums.candidates)  # something is pruned
    coefs, _ = _draws(s, 300, seed)
    u = sums.utilities(coefs)  # (A, n, N) rounded
    pool = plan.ids
    for x in np.setdiff1d(np.flatnonzero(sums.candidates), pool):
        ge = np.all(u[:, :, pool] >= u[:, :, [x]], axis=0)  # (n, |pool|)
        gt = np.any(u[:, :, pool] > u[:, :, [x]], axis=0)
        assert np.all(np.any(ge & ((pool < x)[None, :] | gt), axis=1)), x


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_random_three_actor_space_gives_analyze_answers_draw_by_draw(seed):
    """256 outcomes with tied scores, through the plan: every count equals analyze's."""
    s = _random(3, 4, 4, seed + 10)
    n = 12
    r = _forced_sums(s, draws=n, seed=seed, chunk_size=n)
    _assert_like_analyze(s, r, n, seed)


def _assert_like_analyze(s: negsim.Scenario, r: EnsembleResult, n: int, seed: int) -> None:
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
    cols = {p.path: p.distribution.sample(n, rng) for p in s.uncertain}
    expect: dict[str, dict[int, int]] = {k: {} for k in NAMES}
    size = nonempty = 0
    for i in range(n):
        a = negsim.analyze(s.with_parameters({k: float(v[i]) for k, v in cols.items()}))
        size += a.acceptable.size
        nonempty += not a.acceptable.empty
        for k in NAMES:
            if a.solution(k).outcome is not None:
                o = s.space.index(a.solution(k).outcome)
                expect[k][o] = expect[k].get(o, 0) + 1
    assert r.mean_acceptable_size * n == pytest.approx(size)
    assert r.acceptable_nonempty_count == nonempty
    for k in NAMES:
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect[k], k


def test_a_deal_beaten_only_by_no_deal_can_still_be_chosen():
    """Both actors prefer fighting, but a no-deal sanction lowers their reservations: the truce,
    whose only better assignment of its issue is the no-deal one (never a candidate), stays in
    the pool and is what analyze picks."""
    I, D = negsim.Issue, negsim.Demand
    s = negsim.Scenario(
        "beaten by no deal", issues=(I("war", ("fight", "truce"), "fight"),
                                     I("aid", ("none", "some"), "none")),
        actors=(negsim.Actor("A", (D("war", want="fight"), D("aid", want="none", weight=0.5))),
                negsim.Actor("B", (D("war", want="fight", weight=2.0), D("aid", want="some")))),
        levers=(negsim.Lever("sanction", by="A", effects={"A": -0.6, "B": -0.6}),))
    s = s.with_changes(uncertain=(
        UncertainParameter("actors.A.demands[0].weight", Distribution.uniform(0.5, 1.5)),
        UncertainParameter("levers.sanction.credibility", Distribution.uniform(0.5, 1.0))))
    assert s.space.index({"war": "truce", "aid": "none"}) in group_plan(s).ids
    n, seed = 20, 5
    r = _forced_sums(s, draws=n, seed=seed, chunk_size=n)
    assert r.solution("nash").outcomes  # some deal is chosen
    _assert_like_analyze(s, r, n, seed)


def test_ties_within_the_tolerance_pick_the_frontier_deal_through_the_pool():
    """A prefers x=b to x=a by 1e-8 × weight (below the tie tolerance once weighted), so x=a,
    with the lower number, ties with x=b though x=b dominates it: the pool keeps x=b and every
    draw picks it, as analyze does."""
    I, D = negsim.Issue, negsim.Demand
    s = negsim.Scenario(
        "ties", issues=(I("war", ("fight", "truce"), "fight"), I("y", ("lo", "hi"), "lo"),
                        I("x", ("a", "b"), "a")),
        actors=(negsim.Actor("A", (D("war", want="truce"), D("y", want="hi", weight=0.5),
                                   D("x", scores={"a": 1 - 1e-8, "b": 1.0}, weight=0.01))),
                negsim.Actor("B", (D("war", want="truce"), D("x", scores={"a": 0.5, "b": 0.5})))))
    s = s.with_changes(uncertain=(UncertainParameter("actors.A.demands[1].weight",
                                                     Distribution.uniform(0.2, 2.0)),))
    n, seed = 15, 3
    r = _forced_sums(s, draws=n, seed=seed, chunk_size=n)
    _assert_like_analyze(s, r, n, seed)
    for k in NAMES:
        assert all(o.outcome["x"] == "b" for o in r.solution(k).outcomes), k


def test_a_process_pool_gives_the_in_process_numbers_on_the_bounded_path():
    """4,096 outcomes, 3 actors (bounded count and group pool, no forcing): each worker builds
    its own plan, and the chunks add up to the in-process numbers."""
    from concurrent.futures import ProcessPoolExecutor

    s = _random(3, 6, 4, 7)
    assert s.space.size >= ens.BOUNDED_MIN and group_plan(s) is not None
    here = ensemble(s, draws=1_200, seed=9, chunk_size=300)
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = ensemble(s, draws=1_200, seed=9, chunk_size=300, executor=pool)
    assert there == here
    assert here.mean_acceptable_size > 0 and here.solution("nash").outcomes
