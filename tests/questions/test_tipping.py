"""negsim.tipping_points over every numeric parameter: closed forms, and each flip re-checked."""

from __future__ import annotations

import numpy as np
import pytest

import negsim
from negsim.questions.tipping import numeric_parameters
from negsim.results.comparison import TippingPoints


def test_closed_form_lever_effect():
    # A wants the truce (utility 1); the lever gives A  e × credibility 1  without a deal, so the
    # margin 1 − e flips at e = 1, inside the default range [0, 2 × 0.75]
    s = negsim.examples.toy_scenario(lever=0.75, proposal=True)
    r = negsim.tipping_points(s, "margin:truce:A")
    assert [t.parameter for t in r.tips] == ["levers.aid.effects.A"]
    assert r.tips[0].value == pytest.approx(1.0, abs=1e-9)
    assert r.searched == len(numeric_parameters(s))
    assert TippingPoints.from_json(r.to_json()) == r


def _margin(s, proposal, actor):
    return negsim.analyze(s, questions=False).verdict(proposal).response(actor).margin


@pytest.mark.slow
def test_every_tip_flips_the_verdict_and_no_other_parameter_does_on_its_grid():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    r = negsim.tipping_points(s, "margin:air_truce:Russia")
    assert r.tips
    eps = 1e-6
    for t in r.tips:
        assert t.low <= t.value <= t.high
        below = _margin(s.with_parameters({t.parameter: t.value - eps}), "air_truce", "Russia")
        above = _margin(s.with_parameters({t.parameter: t.value + eps}), "air_truce", "Russia")
        assert (below >= 0) != (above >= 0)
    flagged = {t.parameter for t in r.tips}
    # the demand weights of Ukraine cannot move Russia's margin: none of them is flagged
    assert not any(p.startswith("actors.Ukraine.demands") for p in flagged)
    # an unflagged parameter keeps the verdict at both ends of its default range
    for path in ("actors.Europe.demands[0].weight", "actors.Russia.power"):
        v = s.parameter(path)
        signs = {_margin(s.with_parameters({path: x}), "air_truce", "Russia") >= 0
                 for x in np.linspace(v / 2, 2 * v, 5)}
        assert len(signs) == 1 and path not in flagged


def test_bad_target_is_located():
    s = negsim.load_scenario("scenarios/air_truce_secondary_tariffs.toml")
    with pytest.raises(negsim.NegsimError):
        negsim.tipping_points(s, "margin:air_truse:Russia")
