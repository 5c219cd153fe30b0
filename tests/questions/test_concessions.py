"""negsim.concessions: every concession re-checked by re-analysing the changed proposal; brute force
over all change sets on small random scenarios finds none smaller that the search missed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import negsim

from tests.support.reference import reservation, utility, vetoes
from tests.support.strategies import simple_scenarios


def _accepts(s, actor, o):
    return not vetoes(s, actor, o) and utility(s, actor, o) >= reservation(s, actor) - 1e-9


def _allowed(s, o):
    return not any(c.forbids(o) for c in s.constraints)


@st.composite
def with_proposal(draw):
    s = draw(simple_scenarios(max_issues=3))
    terms = {i.id: draw(st.sampled_from(i.options)) for i in s.issues if draw(st.booleans())}
    try:
        s = s.with_changes(proposals=(negsim.Proposal("p", terms, by=s.actors[0].name),))
    except negsim.ScenarioError:  # a constraint forbids the proposal
        assume(False)
    actor = draw(st.sampled_from([None] + [a.name for a in s.actors]))
    return s, actor, draw(st.integers(1, 3))


@settings(max_examples=80, deadline=None)
@given(with_proposal())
def test_concessions_are_right_and_minimal_against_brute_force(case):
    s, actor, k = case
    r = negsim.concessions(s, "p", actor, max_changes=k)
    want = [a for a in s.actors if actor is None or a.name == actor]
    base = s.outcome_of(s.proposal("p"))
    assert r.already == all(_accepts(s, a, base) for a in want)
    # brute force: every change set of at most k issues that works
    works = []
    for n in range(1, k + 1):
        for issues in itertools.combinations(s.issues, n):
            for opts in itertools.product(*([o for o in i.options if o != base[i.id]]
                                            for i in issues)):
                o = dict(base, **{i.id: v for i, v in zip(issues, opts)})
                if _allowed(s, o) and all(_accepts(s, a, o) for a in want):
                    works.append(frozenset((i.id, v) for i, v in zip(issues, opts)))
    minimal = {w for w in works if not any(v < w for v in works)}
    got = {frozenset(c.changes.items()) for c in r.concessions}
    if r.already:
        assert got == set()
        return
    assert got == minimal
    for c in r.concessions:
        # re-analyse the changed proposal with the library itself
        terms = dict(s.proposal("p").terms) | c.changes
        changed = s.with_changes(proposals=(negsim.Proposal("p", terms, by=s.actors[0].name),))
        v = negsim.analyze(changed, questions=False).verdict("p")
        assert set(c.accepts) == {x.actor for x in v.responses if x.accepts}
        assert all(v.response(a.name).accepts for a in want)
        for x in v.responses:
            assert c.margins[x.actor] == pytest.approx(x.margin, abs=1e-9)
        for x in s.actors:  # the cost: utility change from the proposal as it stands
            assert c.cost[x.name] == pytest.approx(
                utility(s, x, c.outcome) - utility(s, x, base), abs=1e-9)
        assert c.proposer_cost == pytest.approx(-c.cost[s.actors[0].name], abs=1e-9)
    ranks = [(len(c.changes), c.proposer_cost) for c in r.concessions]
    assert ranks == sorted(ranks)


def test_which_single_concession_makes_the_air_truce_acceptable_to_ukraine():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    r = negsim.concessions(s, "air_truce", "Ukraine", max_changes=1)
    assert [c.changes for c in r.concessions] == [{"ground_war": "ceasefire"}]
    assert r.forbidden > 0  # constraints ruled some out, and no error escaped


def test_bad_arguments_are_located():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    with pytest.raises(negsim.ScenarioError, match="unknown proposal"):
        negsim.concessions(s, "air_truse")
    with pytest.raises(negsim.ScenarioError, match="unknown actor"):
        negsim.concessions(s, "air_truce", "Ukrane")
    with pytest.raises(negsim.errors.ArgumentError):
        negsim.concessions(s, "air_truce", max_changes=0)


def test_too_large_a_search_is_refused_before_it_starts(monkeypatch):
    import negsim.questions.concessions as mod
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    monkeypatch.setattr(mod, "MAX_CHANGE_SETS", 50)
    with pytest.raises(negsim.errors.ArgumentError, match="--max-changes"):
        negsim.concessions(s, "air_truce", max_changes=2)
