"""Scenario.lever (the one unknown-lever error) and the demand flag on factors."""

from __future__ import annotations

import numpy as np
import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.model.scenario import get_parameter
from negsim.preferences import build_preferences, demand_utility


def _scenario():
    return negsim.Scenario(
        "toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
        actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
        levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}, trigger={"war": "truce"}),
                negsim.Lever("sanctions", by="A", effects={"A": -0.25})))


def test_lever_lookup_and_one_error_text():
    s = _scenario()
    assert s.lever("aid").id == "aid"
    texts = []
    for call in (lambda: s.lever("aidd", key="k"),
                 lambda: get_parameter(s, "levers.aidd.credibility", key="k"),
                 lambda: s.without_levers("aidd")):
        with pytest.raises(ScenarioError) as info:
            call()
        texts.append((info.value.message, info.value.expected, info.value.found, info.value.hint))
    assert len(set(texts)) == 1
    assert texts[0] == ("unknown lever 'aidd'", "one of ['aid', 'sanctions']", "'aidd'",
                        "did you mean 'aid'?")


def test_demand_utility_leaves_levers_out():
    s = _scenario()
    m = build_preferences(s)[0]
    rows = np.array([[0], [1]])
    assert demand_utility(m, rows).tolist() == [0.0, 1.0]
    assert m.utility(rows).tolist() == [0.0, 1.5]
    assert [f.demand for f in m.factors] == [True, False]
    assert m.demand_table(rows).tolist() == [[0.0, 1.0]]
