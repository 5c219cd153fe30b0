"""linear_target_values: the batch path of sensitivity and tipping points equals target_value."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim.uncertainty import sensitivity, tipping_point
from negsim.uncertainty.targets import linear_target_values, target_value

from tests.support.strategies import rich_scenarios


def _paths(s: negsim.Scenario) -> list[tuple[str, float, float]]:
    """Parameters the linear form covers, with a valid range for each."""
    out = [(f"actors.{a.name}.demands[{k}].weight", d.weight * 0.2, d.weight * 3)
           for a in s.actors for k, d in enumerate(a.demands)]
    for lv in s.levers:
        out.append((f"levers.{lv.id}.credibility", 0.0, 1.0))
        out += [(f"levers.{lv.id}.effects.{actor}", -0.6, 0.6) for actor, _ in dict(lv.effects).items()]
    out += [(f"actors.{a.name}.reservation", -0.2, 1.0) for a in s.actors if a.reservation is not None]
    return out


@settings(max_examples=40, deadline=None)
@given(rich_scenarios(max_issues=3, max_actors=3), st.data())
def test_batch_values_equal_target_value_one_by_one(s, data):
    if s.structural:
        return
    rows = np.stack(np.unravel_index(np.arange(s.space.size), s.space.shape), axis=1)
    allowed = np.flatnonzero(s.space.allowed(rows))
    if not len(allowed):
        return
    picks = [int(data.draw(st.sampled_from(allowed.tolist()))) for _ in range(2)]
    s = s.with_changes(proposals=tuple(  # deals on the table (the strategy draws none)
        negsim.Proposal(f"p{j}", dict(s.space.outcome(i))) for j, i in enumerate(picks)))
    paths = _paths(s)
    if not paths:
        return
    path, lo, hi = data.draw(st.sampled_from(paths))
    prop = data.draw(st.sampled_from(s.proposals)).id
    actor = data.draw(st.sampled_from([None, *s.actor_names]))
    target = data.draw(st.sampled_from(
        [f"margin:{prop}" + (f":{actor}" if actor else "")]
        + ([f"reservation:{actor}"] if actor else [])))
    xs = np.linspace(lo, hi, 9)
    fast = linear_target_values(s, target, path, xs)
    assert fast is not None
    slow = [target_value(s.with_parameters({path: float(x)}), target) for x in xs]
    assert fast.tolist() == slow


def test_solution_targets_and_unknown_paths_fall_back():
    s = negsim.examples.toy_scenario()
    assert linear_target_values(s, "utility:nash:A", "actors.A.demands[0].weight",
                                np.array([1.0])) is None
    assert linear_target_values(s, "reservation:A", "actors.A.patience", np.array([0.5])) is None


def test_tipping_point_of_a_margin_is_the_closed_form():
    """Margin of 'truce' for A is 1 - effect (reservation = the lever's effect on no deal):
    it flips at effect = 1 exactly, and the grid values are 1 - x."""
    s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
                        actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
                        levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
                        proposals=(negsim.Proposal("truce", {"war": "truce"}),))
    tp = tipping_point(s, "levers.aid.effects.A", "margin:truce:A", low=0, high=3, grid=7)
    assert abs(tp.value - 1.0) < 1e-9
    assert tp.curve_y == [round(1 - x, 12) for x in np.linspace(0, 3, 7)]
    bar = sensitivity(s.with_changes(uncertain=(negsim.model.parameters.UncertainParameter(
        "levers.aid.effects.A", negsim.model.distributions.Distribution.uniform(0, 2)),)),
        "margin:truce:A", span=(0, 1)).bars[0]
    assert (bar.target_low, bar.target_high) == (1.0, -1.0)
