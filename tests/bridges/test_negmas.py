"""negsim.to_negmas: the additive tables equal negsim's utilities; NegMAS runs when installed."""

from __future__ import annotations

import itertools
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

import negsim
from negsim.bridges.genius_export import genius_refusal
from negsim.bridges.negmas import additive_tables
from negsim.errors import NegsimError, ScenarioError
from negsim.preferences import build_preferences
from tests.support.strategies import simple_scenarios


def _scenario():
    I, D, A = negsim.Issue, negsim.Demand, negsim.Actor
    return negsim.Scenario(
        "supply", issues=(I("price", (0, 1, 2, 3), 0, ordered=True), I("speed", ("slow", "fast"), "slow")),
        actors=(A("buyer", (D("price", want=0, weight=2), D("speed", want="fast"),
                            D("speed", scores={"slow": 0.5}, weight=0.5)), reservation=0.2),
                A("seller", (D("price", want=3, weight=3), D("speed", avoid="fast")))),
        levers=(negsim.Lever("walk", by="seller", effects={"seller": 0.1}),))


def _rows(s):
    return np.array(list(itertools.product(*[range(len(i)) for i in s.issues])), dtype=np.intp)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(simple_scenarios())
def test_tables_give_negsim_utilities_on_every_outcome(s):
    assume(genius_refusal(s) is None)
    models = build_preferences(s)
    rows = _rows(s)
    for (name, weights, tables, reservation), m in zip(additive_tables(s), models):
        assert sum(weights) == pytest.approx(1.0)
        mine = [sum(w * t[issue.options[r[k]]] for k, (issue, w, t)
                    in enumerate(zip(s.issues, weights, tables))) for r in rows]
        np.testing.assert_allclose(mine, m.utility(rows), atol=1e-9)
        assert reservation == m.reservation


def test_refuses_red_lines():
    s = negsim.examples.two_party_scenario(hard=True)
    with pytest.raises(ScenarioError, match="not an additive scenario"):
        additive_tables(s)


def test_without_negmas_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "negmas.outcomes", None)
    with pytest.raises(NegsimError, match=r'pip install "negsim\[negmas\]"'):
        negsim.to_negmas(_scenario())


def test_negmas_ufuns_equal_negsim_and_negotiate():
    pytest.importorskip("negmas", reason="negmas is optional (negsim[negmas]) and not installed "
                        "here")
    from negmas.sao import AspirationNegotiator, SAOMechanism

    s = _scenario()
    bridge = negsim.to_negmas(s)
    models = build_preferences(s)
    rows = _rows(s)
    for u, m in zip(bridge.ufuns, models):
        for r, expect in zip(rows, m.utility(rows)):
            outcome = tuple(issue.options[k] for issue, k in zip(s.issues, r))
            assert float(u(outcome)) == pytest.approx(float(expect), abs=1e-9)
        assert u.reserved_value == pytest.approx(m.reservation)
    mech = SAOMechanism(outcome_space=bridge.outcome_space, n_steps=60)
    for name, u in zip(bridge.actors, bridge.ufuns):
        mech.add(AspirationNegotiator(name=name), ufun=u)
    state = mech.run()
    assert state.agreement is None or state.agreement in set(bridge.outcome_space.enumerate())
