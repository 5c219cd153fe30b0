"""No visible text of a briefing figure overlaps another or leaves the canvas.

Renders every figure of every shipped scenario (with its questions answered) and of random
scenarios, draws it, and compares matplotlib's text extents (tests/plot/layout.py).  Cases known
to fail are marked ``xfail(strict=True)`` with the defect named, so fixing one turns it red until
the mark is removed.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402

import negsim  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.plot.save import briefing_figures  # noqa: E402
from negsim.uncertainty import add_answers  # noqa: E402
from tests.plot.layout import layout_defects  # noqa: E402
from tests.support.strategies import rich_scenarios  # noqa: E402

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p.stem for p in (REPO / "scenarios").glob("*.toml"))
KNOWN: dict[tuple[str, str], str] = {}
_CACHE: dict[str, dict] = {}


def _figures(name: str) -> dict:
    if name not in _CACHE:
        s = load_scenario(REPO / "scenarios" / f"{name}.toml")
        _CACHE[name] = briefing_figures(add_answers(negsim.analyze(s), s))
    return _CACHE[name]


CASES = []
for _name in SHIPPED:
    for _fig in ("demands", "proposal_verdicts", "outcome_space", "outcome_space_matrix",
                 "issue_map", "game_tree", "payoff_matrix", "tornado", "tipping_point"):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[(_name, _fig)])] \
            if (_name, _fig) in KNOWN else []
        CASES.append(pytest.param(_name, _fig, marks=marks, id=f"{_name}-{_fig}"))


def test_the_layout_check_sees_an_overlap_and_a_text_off_the_canvas():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(0.5, 0.5, "overlapping text", transform=ax.transAxes)
    ax.text(0.52, 0.51, "another text", transform=ax.transAxes)
    ax.text(1.3, 0.5, "off the canvas", transform=ax.transAxes)
    found = layout_defects(fig)
    plt.close(fig)
    assert any(d.startswith("overlap: 'overlapping text'") for d in found)
    assert "leaves the canvas: 'off the canvas'" in found


def test_the_layout_check_sees_crowded_texts_and_a_label_on_another_marker():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.scatter([5], [5], s=190, gid="solution:nash")
    ax.scatter([2], [8], s=300, gid="proposal:p1")
    ax.annotate("Nash", (5, 5), xytext=(0, 0), textcoords="offset points",
                gid="solution-label:nash")  # on its own marker: allowed
    ax.text(5, 5.05, "Settlement", gid="proposal-label:p1")  # on another's marker
    ax.text(1, 2, "offer air truce", fontsize=10)
    found_before = layout_defects(fig)
    t = ax.texts[-1]
    x1 = t.get_window_extent(fig.canvas.get_renderer()).x1
    x = ax.transData.inverted().transform((x1 + 4, 0))[0]  # 4 px on: under an em at 10 pt
    ax.text(x, 2, "reject", fontsize=10)
    ax.text(1, 5, "upper", fontsize=10, va="bottom")
    ax.text(1, 5, "lower", fontsize=10, va="top")  # stacked, no gap
    found = layout_defects(fig)
    plt.close(fig)
    assert "covers a marker: 'Settlement' on solution:nash" in found_before
    assert not any("'Nash' on solution:nash" in d for d in found_before)
    assert "run together: 'offer air truce' and 'reject'" in found
    assert "too close: 'upper' and 'lower'" in found


@pytest.mark.parametrize("name,kind", CASES)
def test_shipped_figure_texts_neither_overlap_nor_leave_the_canvas(name, kind):
    figs = {n: f for n, f in _figures(name).items() if n == kind or (
        n.startswith(kind + "_") and not n.startswith("outcome_space_matrix"))}
    if not figs:
        pytest.skip(f"{name} has no {kind} figure")
    defects = {n: layout_defects(f) for n, f in figs.items()}
    assert {n: d for n, d in defects.items() if d} == {}


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rich_scenarios())
def test_random_scenario_figure_texts_neither_overlap_nor_leave_the_canvas(scenario):
    figs = briefing_figures(negsim.analyze(scenario))
    try:
        defects = {n: layout_defects(f) for n, f in figs.items()}
    finally:
        for f in figs.values():
            plt.close(f)
    assert {n: d for n, d in defects.items() if d} == {}
