"""Bargaining solutions against closed forms from the literature."""

import math

import numpy as np
import pytest

import negsim
from negsim.solutions import (egalitarian_solution, kalai_smorodinsky_solution, nash_solution,
                              utilitarian_solution)

X = np.linspace(0.0, 1.0, 20001)
SQRT_PROBLEM = np.column_stack([np.sqrt(X), 1.0 - X])  # u1 = sqrt(x), u2 = 1 - x, d = (0, 0)


def test_nash_solution_of_sqrt_problem_is_one_third():
    i, ties = nash_solution(SQRT_PROBLEM, np.zeros(2))
    assert X[i] == pytest.approx(1 / 3, abs=1e-4)
    assert ties == 1


def test_kalai_smorodinsky_of_sqrt_problem_is_golden():
    i, _ = kalai_smorodinsky_solution(SQRT_PROBLEM, np.zeros(2))
    assert X[i] == pytest.approx((3 - math.sqrt(5)) / 2, abs=1e-4)


def test_egalitarian_equalises_gains():
    # u1 = x, u2 = 2(1 - x): max min(x, 2 - 2x) at x = 2/3
    u = np.column_stack([X, 2 * (1 - X)])
    i, _ = egalitarian_solution(u, np.zeros(2))
    assert X[i] == pytest.approx(2 / 3, abs=1e-4)


def test_utilitarian_maximises_sum():
    # max sqrt(x) + 1 - x at x = 1/4
    i, _ = utilitarian_solution(SQRT_PROBLEM)
    assert X[i] == pytest.approx(0.25, abs=1e-4)


def test_asymmetric_nash_with_power_two_to_one():
    # max x^a (1 - x)^b on u1 = x, u2 = 1 - x gives x = a / (a + b)
    u = np.column_stack([X, 1 - X])
    i, _ = nash_solution(u, np.zeros(2), np.array([2.0, 1.0]))
    assert X[i] == pytest.approx(2 / 3, abs=1e-4)


def test_nash_respects_disagreement_point():
    # u1 = x, u2 = 1 - x, d = (0.2, 0.4): split the surplus 0.4 equally -> x = 0.4
    u = np.column_stack([X, 1 - X])
    i, _ = nash_solution(u, np.array([0.2, 0.4]))
    assert X[i] == pytest.approx(0.4, abs=1e-4)


def _sqrt_scenario(steps: int = 1001) -> negsim.Scenario:
    share = negsim.Issue.numeric_range("share", 0.0, 1.0, steps, status_quo=0.0)
    scores_a = {x: math.sqrt(x) for x in share.options}
    scores_b = {x: 1 - x for x in share.options}
    return negsim.Scenario(
        "sqrt problem",
        issues=(share,),
        actors=(negsim.Actor("A", (negsim.Demand("share", scores=scores_a),), reservation=0.0),
                negsim.Actor("B", (negsim.Demand("share", scores=scores_b),), reservation=0.0)),
    )


def test_analyze_finds_textbook_nash_and_ks_points_through_a_scenario():
    a = negsim.analyze(_sqrt_scenario())
    assert a.solution("nash").outcome["share"] == pytest.approx(1 / 3, abs=1e-3)
    assert a.solution("kalai_smorodinsky").outcome["share"] == pytest.approx(0.382, abs=1e-3)
    assert a.solution("utilitarian").outcome["share"] == pytest.approx(0.25, abs=1e-3)
    # every point of this problem is Pareto-optimal, except x = 0 and x = 1 are still optimal too;
    # x = 1 gives B exactly its reservation, x = 0 is the status quo (no deal).
    assert a.acceptable.size == 1000
    assert len(a.acceptable.frontier) == 1000
