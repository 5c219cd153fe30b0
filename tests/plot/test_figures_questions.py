"""The comparison and timeline figures draw what the results hold."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.plot.compare import comparison_plane, verdict_changes  # noqa: E402
from negsim.plot.timeline import timeline_figure  # noqa: E402

pytestmark = pytest.mark.slow

AUG = "scenarios/air_truce_secondary_tariffs.toml"
MAY = "scenarios/victory_day_truce.toml"


@pytest.fixture(scope="module")
def tariffs():
    s = negsim.load_scenario(AUG)
    a = negsim.analyze(s, questions=False)
    b = negsim.analyze(s.without_levers("secondary_tariffs"), questions=False)
    return a, b, negsim.compare(a, b)


def test_plane_shows_both_acceptable_sets_and_says_the_solutions_vanish(tariffs):
    # since the re-reading of issue 14 no deal is left without the tariffs (4 -> 0), so every
    # bargaining solution disappears: no arrow, and the title says so instead of "moves"
    a, b, c = tariffs
    ax = comparison_plane(a, b, c, actors=("Russia", "Ukraine"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "before: acceptable to all (4)" in labels and "after: acceptable to all (0)" in labels
    arrows = [x for x in ax.texts if getattr(x, "arrow_patch", None) is not None]
    gone = [m for m in c.solutions if m.name != "compromise"]
    assert not arrows and gone and all(m.after is None for m in gone)
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "no acceptable deal left" in title and "moves to another deal" not in title
    # the walk-away lines of both sides are drawn
    xs = {round(line.get_xdata()[0], 9) for line in ax.lines if line.get_xdata()[0] ==
          line.get_xdata()[-1]}
    assert round(a.actor("Russia").reservation, 9) in xs
    assert round(b.actor("Russia").reservation, 9) in xs
    plt.close(ax.figure)


def test_plane_draws_an_arrow_for_each_solution_that_moves():
    # May (Victory Day) -> August: same issues; utilitarian and egalitarian move to other deals
    a = negsim.analyze(negsim.load_scenario(MAY), questions=False)
    b = negsim.analyze(negsim.load_scenario(AUG), questions=False)
    c = negsim.compare(a, b)
    ax = comparison_plane(a, b, c, actors=("Russia", "Ukraine"))
    arrows = [x for x in ax.texts if getattr(x, "arrow_patch", None) is not None]
    moved = [m for m in c.solutions if m.name != "compromise" and m.before and m.after]
    assert {m.name for m in moved} == {"utilitarian", "egalitarian"}
    heads = {tuple(round(v, 9) for v in x.xy) for x in arrows}
    assert heads == {(round(b.solution(m.name).utilities["Russia"], 9),
                      round(b.solution(m.name).utilities["Ukraine"], 9)) for m in moved}
    plt.close(ax.figure)


def test_verdict_table_lists_the_flip(tariffs):
    a, b, c = tariffs
    ax = verdict_changes(c, b)
    cells = [cell.get_text().get_text() for cell in ax.tables[0].get_celld().values()]
    assert "accepts (+0.035)" in cells and "rejects (-0.070)" in cells
    plt.close(ax.figure)


def test_timeline_figure_has_dates_on_the_x_axis():
    t = negsim.timeline([negsim.load_scenario(p) for p in (AUG, MAY)])
    fig = timeline_figure(t)
    ax_size, ax_walk, ax_verdict = fig.axes[:3]
    assert [x.get_text() for x in ax_verdict.get_xticklabels()] == [e.date for e in t.entries]
    ys = ax_size.lines[0].get_ydata()
    assert list(np.asarray(ys)) == [e.acceptable for e in t.entries]
    plt.close(fig)


def test_compare_and_timeline_plots_are_written_and_reproducible(tmp_path, capsys):
    assert main(["compare", AUG, "--without-lever", "secondary_tariffs", "--plots",
                 str(tmp_path / "c")]) == 0
    assert main(["timeline", MAY, AUG, "--plots", str(tmp_path / "t")]) == 0
    names = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert names == ["comparison_plane.png", "comparison_plane.svg", "verdict_changes.png",
                     "verdict_changes.svg"]
    first = (tmp_path / "t" / "timeline.svg").read_bytes()
    assert main(["timeline", MAY, AUG, "--plots", str(tmp_path / "t")]) == 0
    assert (tmp_path / "t" / "timeline.svg").read_bytes() == first


def test_tipping_curve_marks_today_where_the_curve_meets_the_current_margin_and_names_it():
    from negsim.plot.tipping_point_curve import current_value, tipping_point_curve
    from negsim.results.analysis import TippingPoint

    a = negsim.analyze(negsim.examples.toy_scenario(proposal=True))
    margin = next(r.margin for r in a.verdict("truce").responses if r.actor == "A")
    # a straight line y = 2 - x: today is where it meets the margin, x = 2 - margin
    tp = TippingPoint("levers.l.effects.A", "margin:truce:A", 0.0, 0, 3, True, 2.0, [2.0], 2.0,
                      -1.0, "", curve_x=[0.0, 1.5, 3.0], curve_y=[2.0, 0.5, -1.0])
    assert current_value(tp, a) == pytest.approx(2.0 - margin)
    assert current_value(tp, None) is None  # no analysis, no current margin: no marker
    ax = tipping_point_curve(tp)
    assert not [ln for ln in ax.lines if ln.get_gid() == "current"]
    plt.close(ax.figure)
    # non-monotone curve: no marker (today is ambiguous)
    bumpy = TippingPoint("levers.l.effects.A", "margin:truce:A", 0.0, 0, 3, True, 2.0, [2.0], 2.0,
                         -1.0, "", curve_x=[0.0, 1.5, 3.0], curve_y=[2.0, 2.5, -1.0])
    assert current_value(bumpy, a) is None


def test_trace_agreed_in_round_zero_has_a_whole_round_axis():
    from negsim.plot.negotiation_trace import negotiation_trace

    s = negsim.Scenario("same", issues=(negsim.Issue("x", tuple("abc"), "a", ordered=True),),
                        actors=(negsim.Actor("A", (negsim.Demand("x", want="c"),)),
                                negsim.Actor("B", (negsim.Demand("x", want="c"),))))
    trace = negsim.simulate(s, rounds=5, seed=1)
    assert trace.agreement_round == 0  # both want the same: the first offer is taken
    fig = negotiation_trace(trace)
    left = fig.axes[0]
    lo, hi = left.get_xlim()
    assert lo == -0.5 and hi >= 1.5
    assert all(float(t).is_integer() for t in left.get_xticks() if lo <= t <= hi)
    plt.close(fig)
