"""negsim.compare against set differences of two independently enumerated deal lists."""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import negsim
from negsim.results.comparison import Comparison

from tests.support.reference import acceptable, reservation, utility, vetoes
from tests.support.strategies import simple_scenarios


def _keys(s):
    return {tuple(sorted(o.items())) for o in acceptable(s)}


def _ref_accepts(s, proposal, actor):
    o = s.outcome_of(proposal)
    return not vetoes(s, actor, o) and utility(s, actor, o) >= reservation(s, actor) - 1e-9


@st.composite
def pairs(draw):
    """A scenario, and the same scenario with one actor's reservation moved (or one lever gone)."""
    s = draw(simple_scenarios())
    if s.levers and draw(st.booleans()):
        return s, s.without_levers()
    k = draw(st.integers(0, len(s.actors) - 1))
    moved = dataclasses.replace(s.actors[k], reservation=draw(st.floats(-0.2, 1.0)))
    actors = s.actors[:k] + (moved,) + s.actors[k + 1:]
    issue = s.issues[0]
    props = (negsim.Proposal("p", {issue.id: issue.options[-1]}),)
    try:
        return s.with_changes(proposals=props), s.with_changes(actors=actors, proposals=props)
    except negsim.ScenarioError:  # a constraint forbids the proposal
        assume(False)


@settings(max_examples=60, deadline=None)
@given(pairs())
def test_deals_gained_and_lost_are_the_set_differences_of_brute_force_lists(pair):
    a, b = pair
    c = negsim.compare(a, b)
    before, after = _keys(a), _keys(b)
    assert c.deals.exact
    assert (c.deals.size_before, c.deals.size_after) == (len(before), len(after))
    assert c.deals.gained == len(after - before)
    assert c.deals.lost == len(before - after)
    assert c.deals.kept == len(before & after)
    assert {tuple(sorted(o.items())) for o in c.deals.gained_examples} <= after - before
    assert {tuple(sorted(o.items())) for o in c.deals.lost_examples} <= before - after
    # verdict flips: exactly the actors whose brute-force verdict on a proposal differs
    flips = set()
    for p in a.proposals:
        for x, y in zip(a.actors, b.actors):
            if _ref_accepts(a, p, x) != _ref_accepts(b, p, y):
                flips.add((p.id, x.name))
    assert {(v.proposal, v.actor) for v in c.verdicts if v.actor != "all"} == flips
    # options that become possible or impossible: from the two lists
    for issue in a.issues:
        was = {o for o in issue.options if any(dict(k)[issue.id] == o for k in before)}
        now = {o for o in issue.options if any(dict(k)[issue.id] == o for k in after)}
        got = {(x.option, x.became) for x in c.options if x.issue == issue.id}
        assert got == {(o, "possible") for o in now - was} | {(o, "impossible") for o in was - now}
    assert Comparison.from_json(c.to_json()) == c


def test_the_tariff_question_of_the_issue():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    c = negsim.compare(s, s.without_levers("secondary_tariffs"))
    assert (c.deals.size_before, c.deals.size_after) == (4, 0)
    flip = [v for v in c.verdicts if v.proposal == "air_truce" and v.actor == "Russia"]
    assert len(flip) == 1 and flip[0].before and not flip[0].after
    assert round(flip[0].margin_before, 3) == 0.035 and round(flip[0].margin_after, 3) == -0.070
    nash = next(m for m in c.solutions if m.name == "nash")  # no deal is left for it
    assert nash.before is not None and nash.after is None
    assert any(g.kind == "truce" and g.id == "air_truce" for g in c.changes)


def test_a_scenario_compared_with_itself_changes_nothing():
    s = negsim.load_scenario("scenarios/victory_day_truce.toml")
    c = negsim.compare(s, s)
    assert c.unchanged and "nothing changes" in str(c)


def test_compare_rejects_what_is_not_an_analysis():
    import pytest
    with pytest.raises(negsim.errors.ArgumentError):
        negsim.compare("a.toml", "b.toml")


def test_decomposed_sides_compare_their_frontiers_and_say_so():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    a = negsim.analyze(s, method="decomposed", questions=False)
    b = negsim.analyze(s.without_levers("secondary_tariffs"), method="decomposed", questions=False)
    c = negsim.compare(a, b)
    assert not c.deals.exact
    assert "frontier deals" in str(c)
    assert (c.deals.size_before, c.deals.size_after) == (a.acceptable.size, b.acceptable.size)
