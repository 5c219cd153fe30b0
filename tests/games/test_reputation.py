"""Reputation: the closed-form patience threshold, exact at the threshold, and brute force."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.errors import ArgumentError
from negsim.games.reputation import future_weight, patience_threshold, reputation


def test_credible_exactly_at_the_closed_form_threshold_and_not_below():
    cost, gain = Fraction(2, 7), Fraction(5, 3)
    star = cost / (cost + gain)  # delta* = c / (c + g)
    assert patience_threshold(cost, gain) == star
    assert reputation(cost, gain, star).credible
    assert not reputation(cost, gain, star - Fraction(1, 10**12)).credible
    assert reputation(cost, gain, star + Fraction(1, 10**12)).credible
    # with a continuation probability pi, the threshold is c / ((c + g) pi)
    pi = Fraction(9, 10)
    assert patience_threshold(cost, gain, continuation=pi) == star / pi
    assert reputation(cost, gain, star / pi, continuation=pi).credible
    assert not reputation(cost, gain, star / pi - Fraction(1, 10**12), continuation=pi).credible


def _brute_weight(delta, rounds, pi):
    return sum((delta * pi) ** k for k in range(1, rounds + 1))


@settings(max_examples=60, deadline=None)
@given(st.fractions(0, 1), st.integers(0, 12), st.fractions(0, 1))
def test_future_weight_is_the_discounted_count_of_future_rounds(delta, rounds, pi):
    assert future_weight(delta, rounds, pi) == _brute_weight(delta, rounds, pi)


@settings(max_examples=60, deadline=None)
@given(st.fractions(Fraction(1, 100), 5), st.fractions(Fraction(1, 100), 5),
       st.integers(1, 8))
def test_finite_horizon_threshold_separates_credible_from_not(cost, gain, rounds):
    t = patience_threshold(cost, gain, rounds)
    if gain * rounds < cost:
        assert t is None and not reputation(cost, gain, 1, rounds).credible
        return
    assert reputation(cost, gain, t, rounds).credible
    below = t * (1 - 1e-9)
    assert not reputation(cost, gain, below, rounds).credible or t == 0


def test_free_threats_and_worthless_reputations():
    assert reputation(0, 0, 0).credible and patience_threshold(-1, 0) == 0
    assert not reputation(1, 0, Fraction(99, 100)).credible
    assert patience_threshold(3, 1) == Fraction(3, 4)
    assert patience_threshold(3, 1, continuation=Fraction(1, 2)) is None  # 3/2 > 1
    with pytest.raises(ArgumentError):
        future_weight(1)  # no last round and no discount: unbounded
