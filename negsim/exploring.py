"""``negsim.explore``: sliders and lever switches over a scenario, redrawing its analysis live.

The module is ``negsim.exploring`` so that the submodule never shadows the function.

Needs ipywidgets (the optional extra ``negsim[explore]``).  One slider per uncertain parameter
(over the distribution's range: its support, or its 0.5 %–99.5 % quantiles when unbounded) and one
checkbox per lever; each change re-runs :func:`negsim.analyze` on the changed scenario and shows
its notebook view (the verdict table and the outcome-space figure, see :mod:`negsim.text.html`).
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from negsim.errors import NegsimError
from negsim.model.scenario import Scenario
from negsim.pipeline import analyze
from negsim.text.html import analysis_html

__all__ = ["explore", "Explorer", "slider_range"]

SLIDER_STEPS = 100
"""How many steps a slider has between its ends."""
TAIL = 0.005
"""Quantile cut at each end of an unbounded distribution's slider."""


def slider_range(dist: Any) -> tuple[float, float]:
    """The ends of a parameter's slider: the support, or the central 99 % when unbounded.

    Examples
    --------
    >>> from negsim.model.distributions import Distribution
    >>> slider_range(Distribution.uniform(0.2, 2.0))
    (0.2, 2.0)
    """
    lo, hi = dist.support
    if not math.isfinite(lo):
        lo = float(dist.ppf(np.array([TAIL]))[0])
    if not math.isfinite(hi):
        hi = float(dist.ppf(np.array([1.0 - TAIL]))[0])
    return float(lo), float(hi)


@dataclass
class Explorer:
    """The widgets of :func:`explore` and the scenario they show.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What a notebook displays (``_ipython_display_`` shows it).
    sliders : dict of parameter path → FloatSlider
    levers : dict of lever id → Checkbox
    view : ipywidgets.HTML
        The current analysis's table and figure.
    """

    scenario: Scenario
    widget: Any
    sliders: dict[str, Any]
    levers: dict[str, Any]
    view: Any
    figure: bool = True
    analysis: Any = field(default=None)

    def current(self) -> Scenario:
        """The scenario with the sliders' values and only the switched-on levers."""
        s = self.scenario.with_parameters({p: float(w.value) for p, w in self.sliders.items()})
        on = tuple(lv for lv in s.levers if self.levers[lv.id].value)
        return s.with_changes(levers=on) if len(on) != len(s.levers) else s

    def redraw(self, *_: Any) -> None:
        """Analyse the current scenario and show it (an invalid combination shows the error)."""
        try:
            self.analysis = analyze(self.current())
            self.view.value = analysis_html(self.analysis, figure=self.figure)
        except NegsimError as exc:
            self.analysis = None
            self.view.value = f"<p><b>error:</b> {exc}</p>"

    def _ipython_display_(self) -> None:
        display = importlib.import_module("IPython.display").display
        display(self.widget)


def explore(scenario: Scenario, *, figure: bool = True) -> Explorer:
    """Sliders for the scenario's uncertain parameters and switches for its levers.

    Parameters
    ----------
    scenario : Scenario
    figure : bool
        Show the outcome-space figure under the table (redrawn on each change).

    Returns
    -------
    Explorer
        Displays itself in a notebook; ``sliders``, ``levers`` and ``view`` are the widgets.

    Raises
    ------
    NegsimError
        When ipywidgets is not installed (``pip install "negsim[explore]"``).
    """
    try:
        w = importlib.import_module("ipywidgets")
    except ImportError:
        raise NegsimError('negsim.explore needs ipywidgets: pip install "negsim[explore]" '
                          "(or pip install ipywidgets)") from None
    sliders = {}
    for p in scenario.uncertain:
        lo, hi = slider_range(p.distribution)
        value = scenario.parameter(p.path)
        sliders[p.path] = w.FloatSlider(value=min(max(value, lo), hi), min=lo, max=hi,
                                        step=(hi - lo) / SLIDER_STEPS, description=p.path,
                                        continuous_update=False, readout_format=".3g",
                                        style={"description_width": "initial"},
                                        layout=w.Layout(width="32em"))
    levers = {lv.id: w.Checkbox(value=True, description=f"lever {lv.label or lv.id}")
              for lv in scenario.levers}
    view = w.HTML()
    box = w.VBox([*sliders.values(), *levers.values(), view])
    ex = Explorer(scenario, box, sliders, levers, view, figure)
    for control in (*sliders.values(), *levers.values()):
        control.observe(ex.redraw, names="value")
    ex.redraw()
    return ex
