"""The engine against a plain-Python reading of the semantics, by brute force."""

import numpy as np
import pytest
from hypothesis import given, settings

import negsim
from negsim.preferences import build_preferences
from negsim.solutions import pareto_mask

from tests.support.reference import acceptable, outcomes, reservation, utility, vetoes
from tests.support.strategies import simple_scenarios


@settings(max_examples=120, deadline=None)
@given(simple_scenarios())
def test_utilities_vetoes_and_reservations_match_the_reference(s):
    models = build_preferences(s)
    space = s.space
    for o in outcomes(s):
        row = np.array([space.indices_of(o)])
        for a, m in zip(s.actors, models):
            assert m.utility(row)[0] == pytest.approx(utility(s, a, o), abs=1e-9)
            assert bool(m.vetoed(row)[0]) == vetoes(s, a, o)
    for a, m in zip(s.actors, models):
        assert m.reservation == pytest.approx(reservation(s, a), abs=1e-9)


@settings(max_examples=120, deadline=None)
@given(simple_scenarios())
def test_acceptable_set_size_options_and_frontier_match_brute_force(s):
    result = negsim.analyze(s)
    ref = acceptable(s)
    assert result.acceptable.size == len(ref)
    for issue in s.issues:
        expected = [o for o in issue.options if any(r[issue.id] == o for r in ref)]
        assert result.acceptable.options[issue.id] == expected
    if ref:
        u = np.array([[utility(s, a, o) for a in s.actors] for o in ref])
        u = np.round(u, 12)
        want = sorted(s.space.index(ref[i]) for i in np.flatnonzero(pareto_mask(u)))
        assert sorted(p.index for p in result.acceptable.frontier) == want
    else:
        assert result.acceptable.frontier == []
        assert result.solution("nash").outcome is None


@settings(max_examples=60, deadline=None)
@given(simple_scenarios())
def test_every_solution_is_an_acceptable_deal(s):
    result = negsim.analyze(s)
    ref = acceptable(s)
    for name in ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        sol = result.solution(name)
        if ref:
            assert sol.outcome in ref
        else:
            assert sol.outcome is None and sol.reason
    nearest = result.solution("compromise").nearest
    assert (nearest is None) == (not ref)
    if nearest is not None:
        assert nearest.outcome in ref


@settings(max_examples=40, deadline=None)
@given(simple_scenarios())
def test_analysis_round_trips_through_json_and_is_reproducible(s):
    a = negsim.analyze(s)
    assert negsim.Analysis.from_json(a.to_json()) == a
    assert negsim.analyze(s).to_json() == a.to_json()


def test_excluded_by_names_the_actor_whose_red_line_rules_an_option_out():
    s = negsim.Scenario(
        "red lines",
        issues=(negsim.Issue("neutrality", ("no", "yes"), "no"),
                negsim.Issue("ceasefire", ("no", "yes"), "no")),
        actors=(negsim.Actor("Ukraine", (negsim.Demand("neutrality", want="no", hard=True),
                                         negsim.Demand("ceasefire", want="yes"))),
                negsim.Actor("Russia", (negsim.Demand("neutrality", want="yes"),))),
    )
    a = negsim.analyze(s)
    assert a.acceptable.excluded_by == {"neutrality": {"yes": ["Ukraine"]}}
    assert a.acceptable.options["neutrality"] == ["no"]
