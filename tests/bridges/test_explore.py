"""negsim.explore: built and driven when ipywidgets is installed."""

from __future__ import annotations

import sys

import pytest

import negsim
from negsim.errors import NegsimError
from negsim.text.html import analysis_html


def _scenario():
    I, D, A = negsim.Issue, negsim.Demand, negsim.Actor
    s = negsim.Scenario(
        "explore", issues=(I("war", ("fight", "truce"), "fight"), I("aid", ("none", "some"), "none")),
        actors=(A("A", (D("war", want="truce"), D("aid", want="some"))),
                A("B", (D("war", want="fight", weight=1.0), D("aid", want="none")))),
        levers=(negsim.Lever("sanctions", by="A", effects={"B": -0.4}),),
        proposals=(negsim.Proposal("truce", {"war": "truce"}),
                   negsim.Proposal("truce_aid", {"war": "truce", "aid": "some"})))
    return s.with_changes(uncertain=(negsim.UncertainParameter(
        "actors.B.demands[0].weight", negsim.Distribution.uniform(0.5, 5.0)),))


def test_without_ipywidgets_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(NegsimError, match=r'pip install "negsim\[explore\]"'):
        negsim.explore(_scenario())


def test_slider_and_lever_redraw_the_view():
    pytest.importorskip("ipywidgets", reason="ipywidgets is optional (negsim[explore]) and not "
                        "installed here")
    s = _scenario()
    ex = negsim.explore(s, figure=False)
    assert list(ex.sliders) == ["actors.B.demands[0].weight"]
    slider = ex.sliders["actors.B.demands[0].weight"]
    assert (slider.min, slider.max, slider.value) == (0.5, 5.0, s.parameter(slider.description))
    assert ex.view.value == analysis_html(negsim.analyze(s), figure=False)
    slider.value = 4.5
    moved = s.with_parameters({"actors.B.demands[0].weight": 4.5})
    assert ex.analysis == negsim.analyze(moved)
    assert ex.view.value == analysis_html(negsim.analyze(moved), figure=False)
    (lever_id, box), = ex.levers.items()
    box.value = False
    off = moved.with_changes(levers=())
    assert lever_id == "sanctions" and ex.analysis == negsim.analyze(off)
    assert negsim.analyze(off) != negsim.analyze(moved)  # the switch changed something
