"""Rubinstein, Fearon's range and truce stability against their closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import brentq

from negsim.errors import ScenarioError
from negsim.games.fearon import BargainingRange, bargaining_range, deals_in_bargaining_range
from negsim.games.rubinstein import (AlternatingOffersResult, alternating_offers,
                                     rubinstein_split)
from negsim.games.truce import (TruceStability, grim_trigger_threshold,
                                imperfect_monitoring_threshold, minimum_detection,
                                truce_stability)


def test_rubinstein_split_matches_the_textbook_numbers():
    assert rubinstein_split(0.9, 0.9) == pytest.approx(0.5263, abs=1e-4)
    assert rubinstein_split(0.9, 0.8) == pytest.approx(0.7143, abs=1e-4)
    assert rubinstein_split(0.0, 0.5) == 0.5
    with pytest.raises(ScenarioError, match="impatient"):
        rubinstein_split(1.0, 1.0)
    with pytest.raises(ScenarioError) as err:
        rubinstein_split(1.2, 0.5)
    assert err.value.key == "delta1"


@pytest.mark.parametrize("d1, d2", [(0.9, 0.9), (0.9, 0.8), (0.5, 0.95), (0.99, 0.3)])
def test_discrete_alternating_offers_on_a_fine_pie_approach_rubinstein(d1, d2):
    x = np.linspace(0, 1, 20001)
    r = alternating_offers(np.column_stack([x, 1 - x]), delta1=d1, delta2=d2)
    for eq in r.equilibria:
        assert eq.first_offer_utilities[0] == pytest.approx(rubinstein_split(d1, d2), abs=2e-3)
    assert AlternatingOffersResult.from_dict(r.to_dict()) == r


def test_alternating_offers_respects_the_disagreement_point_and_drops_dominated_outcomes():
    # outcome 3 is dominated; outcome 0 is worse than disagreement for player 2
    u = [[1.0, 0.0], [0.7, 0.5], [0.4, 0.8], [0.3, 0.3], [0.0, 1.0]]
    r = alternating_offers(u, disagreement=(0.0, 0.2), delta1=0.9, delta2=0.9)
    assert 3 not in r.frontier and 0 not in r.frontier
    for eq in r.equilibria:
        w2 = eq.first_offer_utilities[1] - 0.2
        counter_w2 = eq.counter_offer_utilities[1] - 0.2
        assert w2 >= 0.9 * counter_w2 - 1e-12  # player 2 accepts
        assert eq.first_offer in r.frontier


def test_coarse_pie_can_have_several_stationary_equilibria_and_says_so():
    x = np.linspace(0, 1, 5)
    r = alternating_offers(np.column_stack([x, 1 - x]), delta1=0.9, delta2=0.9)
    assert not r.unique and len(r.equilibria) == 2
    assert r.equilibria[0].first_offer_utilities[0] >= r.equilibria[1].first_offer_utilities[0]


def test_fearon_range_is_p_minus_ca_to_p_plus_cb_clipped():
    r = bargaining_range(0.6, 0.1, 0.2)
    assert (r.low, r.high) == pytest.approx((0.5, 0.8))
    assert bargaining_range(0.95, 0.1, 0.2).high == 1.0
    assert bargaining_range(0.05, 0.1, 0.0).low == 0.0
    assert deals_in_bargaining_range([0.49, 0.5, 0.6, 0.8, 0.81], 0.6, 0.1, 0.2) == (
        False, True, True, True, False)
    assert BargainingRange.from_dict(r.to_dict()) == r
    with pytest.raises(ScenarioError) as err:
        bargaining_range(0.5, -0.1, 0.1)
    assert err.value.key == "cost_a"


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1), st.floats(0, 2), st.floats(0, 2))
def test_fearon_range_always_contains_p_and_both_prefer_its_deals_to_war(p, ca, cb):
    r = bargaining_range(p, ca, cb)
    assert r.contains(p)
    for x in np.linspace(r.low, r.high, 7):
        assert x >= p - ca - 1e-12 and 1 - x >= 1 - p - cb - 1e-12


def test_grim_trigger_threshold_for_5_3_1_is_one_half():
    assert grim_trigger_threshold(5, 3, 1) == 0.5
    assert imperfect_monitoring_threshold(5, 3, 1, detection=1.0, false_alarm=0.0) == 0.5
    with pytest.raises(ScenarioError, match="temptation >= compliance > breakdown"):
        grim_trigger_threshold(5, 1, 3)


def _values(T, R, P, delta, q, alpha):
    """Cooperation and one-shot-violation values by iterating the value equation."""
    V = R
    for _ in range(100_000):
        new = (1 - delta) * R + delta * ((1 - alpha) * V + alpha * P)
        if abs(new - V) < 1e-15:
            break
        V = new
    D = (1 - delta) * T + delta * ((1 - q) * V + q * P)
    return V, D


@pytest.mark.parametrize("T, R, P, q, alpha", [
    (5, 3, 1, 1.0, 0.0), (5, 3, 1, 0.8, 0.05), (4, 3, 0, 0.6, 0.1), (10, 2, -5, 0.9, 0.2),
])
def test_imperfect_monitoring_threshold_matches_a_numerical_root_of_the_value_equations(
        T, R, P, q, alpha):
    closed = imperfect_monitoring_threshold(T, R, P, q, alpha)
    gap = lambda d: _values(T, R, P, d, q, alpha)[0] - _values(T, R, P, d, q, alpha)[1]
    numeric = brentq(gap, 1e-6, 1 - 1e-6, xtol=1e-13)
    assert closed == pytest.approx(numeric, abs=1e-8)
    assert gap(min(closed + 0.01, 0.999)) > 0 > gap(closed - 0.01)


def test_no_discount_factor_suffices_when_false_alarms_swamp_detection():
    assert imperfect_monitoring_threshold(5, 3, 1, detection=0.5, false_alarm=0.3) is None
    V, D = _values(5, 3, 1, 0.999, 0.5, 0.3)
    assert V < D


def test_minimum_detection_is_the_inverse_of_the_threshold():
    for delta in (0.55, 0.7, 0.9):
        q = minimum_detection(5, 3, 1, delta, false_alarm=0.02)
        assert imperfect_monitoring_threshold(5, 3, 1, q, 0.02) == pytest.approx(delta)
    assert minimum_detection(5, 3, 1, delta=0.5) == pytest.approx(1.0)
    assert minimum_detection(5, 3, 1, delta=0.45) is None


def test_truce_stability_names_the_binding_party():
    s = truce_stability({"Russia": (5, 3, 1), "Ukraine": (4, 3, 0)},
                        delta={"Russia": 0.8, "Ukraine": 0.8}, detection=0.7, false_alarm=0.05)
    assert s.holds and s.binding == "Russia"
    russia = s.parties[0]
    assert russia.threshold == pytest.approx(
        imperfect_monitoring_threshold(5, 3, 1, 0.7, 0.05))
    assert russia.minimum_detection == pytest.approx(minimum_detection(5, 3, 1, 0.8, 0.05))
    assert TruceStability.from_dict(s.to_dict()) == s
    with pytest.raises(ScenarioError, match="no discount factor"):
        truce_stability({"Russia": (5, 3, 1)}, delta={"Ukraine": 0.9})


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_offers_come_from_the_pareto_frontier_and_are_accepted(seed, k):
    u = np.random.default_rng(seed).integers(0, 6, size=(k, 2)).astype(float)
    r = alternating_offers(u, delta1=0.8, delta2=0.7)
    distinct = {tuple(p) for p in u}
    brute = {p for p in distinct
             if not any(q[0] >= p[0] and q[1] >= p[1] and q != p for q in distinct)}
    assert {tuple(u[i]) for i in r.frontier} == brute
    for eq in r.equilibria:  # player 2 accepts; player 1 accepts the counter-offer
        assert eq.first_offer_utilities[1] >= 0.7 * eq.counter_offer_utilities[1] - 1e-12
        assert eq.counter_offer_utilities[0] >= 0.8 * eq.first_offer_utilities[0] - 1e-12
