"""negsim.ensemble: point distributions, closed forms, brute force through analyze, seeding."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter
from negsim.uncertainty import EnsembleResult, ensemble

from tests.support.strategies import rich_scenarios
from tests.support.uncertainty_helpers import TOY_UNCERTAIN, one_weight_scenario, toy


def test_point_distributions_give_the_deterministic_answer():
    point = {p: Distribution.uniform(d.point, d.point) for p, d in TOY_UNCERTAIN.items()}
    s = toy(point)
    a = negsim.analyze(s)
    r = ensemble(s, draws=300, seed=5, chunk_size=128)
    for v in a.verdicts:
        odds = r.proposal(v.proposal)
        assert odds.all_accept == float(v.accepted_by_all)
        for resp in v.responses:
            assert odds.accept[resp.actor] == float(resp.accepts)
    assert r.acceptable_nonempty == float(not a.acceptable.empty)
    assert r.mean_acceptable_size == a.acceptable.size
    for name in ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        [only] = r.solution(name).outcomes
        assert only.outcome == a.solution(name).outcome and only.probability == 1.0


@pytest.mark.parametrize("low,high", [(0.5, 3.0), (0.1, 1.0), (0.2, 0.6)])
def test_acceptance_probability_converges_to_the_share_of_the_uniform_range(low, high):
    exact = max(0.0, min(1.0, (high - 2 / 3) / (high - low)))
    r = ensemble(one_weight_scenario(low, high), draws=40_000, seed=11)
    se = max(np.sqrt(exact * (1 - exact) / 40_000), 1e-12)
    assert abs(r.proposal("deal").accept["A"] - exact) <= 4 * se + 1e-12


def _draws_like_ensemble(s: negsim.Scenario, n: int, seed: int) -> list[dict[str, float]]:
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
    cols = {p.path: p.distribution.sample(n, rng) for p in s.uncertain}
    return [{k: float(v[i]) for k, v in cols.items()} for i in range(n)]


def test_every_count_equals_analyze_run_draw_by_draw():
    s = toy(TOY_UNCERTAIN)
    n, seed = 60, 7
    r = ensemble(s, draws=n, seed=seed, chunk_size=n)
    accept = {(p.id, a): 0 for p in s.proposals for a in s.actor_names}
    all_accept = {p.id: 0 for p in s.proposals}
    names = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
    sols: dict[str, dict[int, int]] = {k: {} for k in names}
    nonempty = size = 0
    for values in _draws_like_ensemble(s, n, seed):
        a = negsim.analyze(s.with_parameters(values))
        for v in a.verdicts:
            all_accept[v.proposal] += v.accepted_by_all
            for resp in v.responses:
                accept[(v.proposal, resp.actor)] += resp.accepts
        nonempty += not a.acceptable.empty
        size += a.acceptable.size
        for k in names:
            if a.solution(k).outcome is not None:
                i = s.space.index(a.solution(k).outcome)
                sols[k][i] = sols[k].get(i, 0) + 1
    for p in s.proposals:
        assert r.proposal(p.id).all_accept_count == all_accept[p.id]
        for actor in s.actor_names:
            assert r.proposal(p.id).accept_counts[actor] == accept[(p.id, actor)]
    assert r.acceptable_nonempty_count == nonempty
    assert r.mean_acceptable_size * n == size
    for k in names:
        assert {o.index: o.count for o in r.solution(k).outcomes} == sols[k], k


def test_same_seed_same_numbers_and_other_seed_other_numbers():
    s = toy(TOY_UNCERTAIN)
    a = ensemble(s, draws=2_500, seed=3, chunk_size=1000)
    assert ensemble(s, draws=2_500, seed=3, chunk_size=1000) == a
    assert ensemble(s, draws=2_500, seed=4, chunk_size=1000) != a


def test_a_process_pool_gives_the_in_process_numbers():
    from concurrent.futures import ProcessPoolExecutor

    s = toy(TOY_UNCERTAIN)
    here = ensemble(s, draws=3_000, seed=9, chunk_size=700)
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = ensemble(s, draws=3_000, seed=9, chunk_size=700, executor=pool)
    assert there == here


def _within(seconds: float, fn):
    """``fn()``, failing (instead of hanging the suite) if it takes longer than ``seconds``."""
    import threading

    box: dict = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # re-raised in the test's thread
            box["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"took longer than {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


@pytest.fixture
def dask_executor():
    """An executor on a Dask LocalCluster inside this process: worker threads, in-process
    transport (no sockets, no dashboard), closed whatever the test does."""
    distributed = pytest.importorskip("distributed")
    cluster = client = None
    try:
        cluster = _within(30, lambda: distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, protocol="inproc://",
            dashboard_address=None, silence_logs=40))
        client = _within(30, lambda: distributed.Client(cluster, timeout="20s"))
        yield client.get_executor()
    finally:
        if client is not None:
            client.close(timeout=10)
        if cluster is not None:
            cluster.close(timeout=10)


def test_a_dask_local_cluster_gives_the_in_process_numbers(dask_executor):
    s = toy(TOY_UNCERTAIN)
    here = ensemble(s, draws=2_000, seed=9, chunk_size=500)
    there = _within(60, lambda: ensemble(s, draws=2_000, seed=9, chunk_size=500,
                                         executor=dask_executor))
    assert there == here


def test_simulations_with_drawn_parameters_give_the_same_summary_on_dask(dask_executor):
    from negsim.simulation import simulate_many

    s = toy(TOY_UNCERTAIN)
    here = simulate_many(s, runs=12, seed=2, rounds=8, chunk_size=4, vary_parameters=True)
    there = _within(60, lambda: simulate_many(s, runs=12, seed=2, rounds=8, chunk_size=4,
                                              vary_parameters=True, executor=dask_executor))
    assert there == here


def test_spaces_past_the_enumeration_limit_merge_groups_per_draw_with_the_same_answers():
    s = toy(TOY_UNCERTAIN)
    full = ensemble(s, draws=120, seed=1, chunk_size=60)
    merged = ensemble(s, draws=120, seed=1, chunk_size=60, enumerate_limit=5)
    assert merged.solutions == full.solutions and not merged.not_computed
    assert merged.acceptable_nonempty_count == full.acceptable_nonempty_count
    assert merged.proposals == full.proposals
    assert "12 outcomes" in merged.notes[0] and "estimated" in merged.notes[0]
    # the estimated mean size: 4,096 uniform samples per chunk of a 12-outcome space
    assert abs(merged.mean_acceptable_size - full.mean_acceptable_size) < 0.1 * 12


def test_the_result_round_trips_through_json():
    r = ensemble(toy(TOY_UNCERTAIN), draws=500, seed=2)
    assert EnsembleResult.from_json(r.to_json()) == r


def test_parameter_summary_reports_the_distribution_spread():
    r = ensemble(toy(TOY_UNCERTAIN), draws=10, seed=2)
    by_path = {p.path: p for p in r.parameters}
    p = by_path["levers.secondary_tariffs.effects.Russia"]
    assert (p.point, p.p05, p.p95) == pytest.approx((-0.5, -0.77, -0.23))


def test_asking_for_some_solutions_gives_exactly_those_with_the_same_counts():
    s = toy(TOY_UNCERTAIN)
    full = ensemble(s, draws=800, seed=4, chunk_size=300)
    some = ensemble(s, draws=800, seed=4, chunk_size=300, solutions=("utilitarian", "nash"))
    assert set(some.solutions) == {"nash", "utilitarian"}
    for k in ("nash", "utilitarian"):
        assert some.solution(k) == full.solution(k)
    none = ensemble(s, draws=800, seed=4, chunk_size=300, solutions=())
    assert none.solutions == {} and none.acceptable_nonempty_count == full.acceptable_nonempty_count
    assert none.mean_acceptable_size == full.mean_acceptable_size
    with pytest.raises(ValueError, match="did you mean 'nash'"):
        ensemble(s, draws=10, solutions=("nsh",))


def test_ties_between_dominated_and_frontier_deals_pick_what_analyze_picks():
    """A prefers x=b to x=a by ~5e-11 (less than the 1e-9 tie tolerance), so x=a, which has the
    lower outcome number, ties with x=b although x=b dominates it; analyze picks among frontier
    deals only, so x=b must win in every draw."""
    I, D = negsim.Issue, negsim.Demand
    s = negsim.Scenario(
        "ties", issues=(I("war", ("fight", "truce"), "fight"), I("y", ("lo", "hi"), "lo"),
                        I("x", ("a", "b"), "a")),
        actors=(negsim.Actor("A", (D("war", want="truce"), D("y", want="hi", weight=0.5),
                                   D("x", scores={"a": 1 - 1e-8, "b": 1.0}, weight=0.01))),
                negsim.Actor("B", (D("war", want="truce"),))),
        proposals=(negsim.Proposal("truce", {"war": "truce"}),))
    s = s.with_changes(uncertain=(UncertainParameter("actors.A.demands[1].weight",
                                                     Distribution.uniform(0.2, 2.0)),))
    n, seed = 15, 3
    r = ensemble(s, draws=n, seed=seed, chunk_size=n)
    analyses = [negsim.analyze(s.with_parameters(v)) for v in _draws_like_ensemble(s, n, seed)]
    for k in ("nash", "egalitarian", "kalai_smorodinsky", "utilitarian", "asymmetric_nash"):
        expect: dict[int, int] = {}
        for a in analyses:
            i = s.space.index(a.solution(k).outcome)
            expect[i] = expect.get(i, 0) + 1
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect, k
        assert all(o.outcome["x"] == "b" for o in r.solution(k).outcomes), k


@settings(max_examples=25, deadline=None)
@given(rich_scenarios(max_issues=3, max_actors=3), st.integers(0, 2**16))
def test_random_scenarios_solution_counts_equal_analyze_draw_by_draw(s, seed):
    """Every demand weight uniform on [0.5, 1.5]×: the five solutions per draw are analyze's."""
    params = tuple(UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                      Distribution.uniform(d.weight * 0.5, d.weight * 1.5))
                   for a in s.actors for k, d in enumerate(a.demands))
    if not params:
        return
    s = s.with_changes(uncertain=params)
    n = 8
    r = ensemble(s, draws=n, seed=seed, chunk_size=n)
    names = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
    expect: dict[str, dict[int, int]] = {k: {} for k in names}
    for values in _draws_like_ensemble(s, n, seed):
        a = negsim.analyze(s.with_parameters(values))
        for k in names:
            if a.solution(k).outcome is not None:
                i = s.space.index(a.solution(k).outcome)
                expect[k][i] = expect[k].get(i, 0) + 1
    for k in names:
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect[k], k


@settings(max_examples=20, deadline=None)
@given(rich_scenarios(max_issues=4, max_actors=3), st.integers(0, 2**16))
def test_decomposed_draws_equal_analyze_draw_by_draw(s, seed):
    """Past the enumeration limit (here 1 outcome) every draw merges issue groups: its solutions
    and whether a deal exists are those of ``analyze(..., method="decomposed")`` at that draw."""
    params = tuple(UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                      Distribution.uniform(d.weight * 0.5, d.weight * 1.5))
                   for a in s.actors for k, d in enumerate(a.demands))
    if not params:
        return
    s = s.with_changes(uncertain=params)
    n = 6
    r = ensemble(s, draws=n, seed=seed, chunk_size=n, enumerate_limit=1)
    names = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
    expect: dict[str, dict[int, int]] = {k: {} for k in names}
    nonempty = 0
    for values in _draws_like_ensemble(s, n, seed):
        a = negsim.analyze(s.with_parameters(values), method="decomposed")
        nonempty += bool(a.acceptable.frontier)
        for k in names:
            if a.solution(k).outcome is not None:
                i = s.space.index(a.solution(k).outcome)
                expect[k][i] = expect[k].get(i, 0) + 1
    assert r.acceptable_nonempty_count == nonempty
    for k in names:
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect[k], k


@settings(max_examples=20, deadline=None)
@given(rich_scenarios(max_issues=4, max_actors=3), st.integers(0, 2**16))
def test_group_sums_over_every_outcome_equal_analyze_draw_by_draw(s, seed):
    """The path that sums issue-group contributions over the whole space (taken when red lines
    leave many candidates), forced here: per draw, analyze's solutions and acceptable size."""
    import importlib

    from negsim.uncertainty.separable import space_sums

    ens = importlib.import_module("negsim.uncertainty.ensemble")

    params = tuple(UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                      Distribution.uniform(d.weight * 0.5, d.weight * 1.5))
                   for a in s.actors for k, d in enumerate(a.demands))
    if not params:
        return
    s = s.with_changes(uncertain=params)
    n = 6
    real = ens.candidate_features
    ens.candidate_features = lambda sc: (np.flatnonzero(space_sums(sc).candidates), None)
    try:
        r = ensemble(s, draws=n, seed=seed, chunk_size=n)
    finally:
        ens.candidate_features = real
    names = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
    expect: dict[str, dict[int, int]] = {k: {} for k in names}
    size = 0
    for values in _draws_like_ensemble(s, n, seed):
        a = negsim.analyze(s.with_parameters(values))
        size += a.acceptable.size
        for k in names:
            if a.solution(k).outcome is not None:
                i = s.space.index(a.solution(k).outcome)
                expect[k][i] = expect[k].get(i, 0) + 1
    assert r.mean_acceptable_size * n == pytest.approx(size)
    for k in names:
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect[k], k


def test_decomposed_draws_that_change_nothing_the_merge_reads_share_one_merge(monkeypatch):
    """Uncertain bargaining powers change the asymmetric Nash pick but no group utility or
    reservation: every draw of a chunk shares the first draw's merged frontier, and the answers
    are still analyze's, draw by draw."""
    import importlib

    dec = importlib.import_module("negsim.engine.decomposed")
    merges = []
    real = dec._acceptable_frontier
    monkeypatch.setattr(dec, "_acceptable_frontier",
                        lambda *a, **k: merges.append(1) or real(*a, **k))
    s = toy({"actors.Russia.power": Distribution.uniform(0.2, 5.0),
             "actors.Ukraine.power": Distribution.uniform(0.2, 5.0)})
    n, seed = 30, 4
    r = ensemble(s, draws=n, seed=seed, chunk_size=n, enumerate_limit=1)
    assert len(merges) == 1  # one chunk, one merge
    names = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
    expect: dict[str, dict[int, int]] = {k: {} for k in names}
    for values in _draws_like_ensemble(s, n, seed):
        a = negsim.analyze(s.with_parameters(values), method="decomposed")
        for k in names:
            i = s.space.index(a.solution(k).outcome)
            expect[k][i] = expect[k].get(i, 0) + 1
    for k in names:
        assert {o.index: o.count for o in r.solution(k).outcomes} == expect[k], k
