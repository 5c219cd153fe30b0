"""Simulated negotiations: symmetric conceders meet near Nash, hard-liners gain, traces are sound."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

import negsim
from negsim.simulation import HardLiner, TimeBased, TitForTat, simulate, simulate_many
from negsim.results.simulation import NegotiationTrace, SimulationSummary

from tests.support.uncertainty_helpers import toy


def split(steps: int = 101, patience: float = 0.9) -> negsim.Scenario:
    """Divide 100: u_A = x/100, u_B = 1 - x/100, both walk away with 0 (Nash: x = 50)."""
    return negsim.Scenario(
        "split", issues=(negsim.Issue.numeric_range("x", 0, 100, steps),),
        actors=(negsim.Actor("A", (negsim.Demand("x", want=100),), reservation=0.0,
                             patience=patience),
                negsim.Actor("B", (negsim.Demand("x", want=0),), reservation=0.0,
                             patience=patience)))


@pytest.mark.parametrize("rounds", [10, 21, 40, 101])
def test_two_linear_conceders_on_a_symmetric_problem_land_near_nash(rounds):
    tr = simulate(split(), strategies={"A": "linear", "B": "linear"}, rounds=rounds)
    assert tr.nash_utilities == pytest.approx({"A": 0.5, "B": 0.5})
    assert tr.agreement is not None and tr.nash_distance <= 0.1
    assert tr.pareto_distance == 0.0


@pytest.mark.parametrize("rounds", [10, 40])
def test_a_hard_liner_gets_more_against_a_conceder_than_a_conceder_does(rounds):
    fair = simulate(split(), strategies={"A": "linear", "B": "linear"}, rounds=rounds)
    hard = simulate(split(), strategies={"A": HardLiner(), "B": "linear"}, rounds=rounds)
    assert hard.utilities["A"] > fair.utilities["A"] and hard.utilities["A"] > hard.utilities["B"]


def test_boulware_beats_conceder_and_an_impatient_actor_accepts_sooner():
    tr = simulate(split(), strategies={"A": "boulware", "B": "conceder"}, rounds=30)
    assert tr.utilities["A"] > 0.7
    patient = simulate(split(patience=0.99), rounds=30)
    impatient = simulate(split(patience=0.5), rounds=30)
    assert impatient.agreement_round < patient.agreement_round


def test_every_offer_meets_its_proposers_target_and_agreement_means_all_accept():
    from negsim.simulation.alternating import ENUMERATE_LIMIT, _setup

    s = toy()
    tr = simulate(s, strategies={"Russia": "boulware", "Ukraine": TitForTat(),
                                 "USA": TimeBased(2.0)}, rounds=30)
    best = dict(zip(s.actor_names, _setup(s, ENUMERATE_LIMIT).utils.max(axis=0)))
    for o in tr.offers:
        assert o.utilities[o.proposer] >= min(o.targets[o.proposer], best[o.proposer]) - 1e-9
        assert o.agreement == (set(o.accepted_by) == set(tr.strategies))
    assert [o.agreement for o in tr.offers].count(True) == (0 if tr.breakdown else 1)
    if not tr.breakdown:
        assert all(tr.utilities[a] >= tr.reservations[a] - 1e-9 for a in tr.reservations)


def test_two_hard_liners_break_down_at_the_deadline():
    tr = simulate(split(), strategies={"A": "hardliner", "B": "hardliner"}, rounds=12)
    assert tr.breakdown and len(tr.offers) == 12 and tr.utilities is None


def test_the_trace_round_trips_through_json():
    tr = simulate(toy(), rounds=15)
    assert NegotiationTrace.from_json(tr.to_json()) == tr


def test_unknown_strategies_and_protocols_are_errors():
    with pytest.raises(negsim.NegsimError, match="did you mean 'boulware'"):
        simulate(split(), strategies={"A": "boulwar"})
    with pytest.raises(negsim.NegsimError, match="protocol"):
        simulate(split(), protocol="auction")
    with pytest.raises(negsim.ScenarioError, match="unknown actor"):
        simulate(split(), strategies={"C": "linear"})


def test_many_runs_give_the_same_numbers_in_process_and_on_a_process_pool():
    s = split(steps=21)
    here = simulate_many(s, runs=60, seed=4, rounds=20, chunk_size=25)
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = simulate_many(s, runs=60, seed=4, rounds=20, chunk_size=25, executor=pool)
    assert there == here
    assert SimulationSummary.from_json(here.to_json()) == here
    assert here.breakdowns + sum(o.count for o in here.agreements) == 60
    assert simulate_many(s, runs=60, seed=5, rounds=20, chunk_size=25) != here


def _split_with_uncertain_reservation() -> negsim.Scenario:
    """A's reservation ~ U(0.3, 0.8), B's 0.4: a deal exists exactly when A's is at most 0.6."""
    from negsim.model.distributions import Distribution
    from negsim.model.parameters import UncertainParameter

    s = split().with_parameters({"actors.A.reservation": 0.55, "actors.B.reservation": 0.4})
    return s.with_changes(uncertain=(UncertainParameter("actors.A.reservation",
                                                        Distribution.uniform(0.3, 0.8)),))


def test_varying_parameters_breaks_down_exactly_in_the_ensembles_draws_without_a_deal():
    s = _split_with_uncertain_reservation()
    varied = simulate_many(s, runs=120, seed=5, rounds=30, chunk_size=40, vary_parameters=True)
    ens = negsim.ensemble(s, draws=120, seed=5, chunk_size=40, solutions=())
    assert varied.breakdowns == 120 - ens.acceptable_nonempty_count > 0
    assert varied.varied_parameters == ["actors.A.reservation"]
    fixed = simulate_many(s, runs=120, seed=5, rounds=30, chunk_size=40)
    assert fixed.breakdowns == 0 and fixed.varied_parameters == []
    odds = varied.as_solution_odds()
    assert odds.no_solution == varied.breakdowns
    assert sum(o.count for o in odds.outcomes) + odds.no_solution == 120


def test_varying_parameters_same_seed_same_summary_in_process_and_on_a_process_pool():
    s = _split_with_uncertain_reservation()
    here = simulate_many(s, runs=60, seed=8, rounds=20, chunk_size=15, vary_parameters=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = simulate_many(s, runs=60, seed=8, rounds=20, chunk_size=15, vary_parameters=True,
                              executor=pool)
    assert there == here
    assert SimulationSummary.from_json(here.to_json()) == here
    assert simulate_many(s, runs=60, seed=9, rounds=20, chunk_size=15,
                         vary_parameters=True) != here
