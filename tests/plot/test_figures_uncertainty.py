"""Uncertainty and dynamics figures show the result's numbers: bar order = swing order, the root
at the computed crossing, probabilities as bar heights, one point per offer."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import negsim  # noqa: E402
import negsim.plot as P  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.plot.ensemble_acceptance import wilson_interval  # noqa: E402
from negsim.plot.save import save_figures  # noqa: E402
from negsim.results.analysis import TippingPoint  # noqa: E402
from negsim.uncertainty import add_answers, ensemble, sensitivity, tipping_point  # noqa: E402
from tests.support.uncertainty_helpers import TOY_UNCERTAIN, toy  # noqa: E402

pytestmark = pytest.mark.slow

TARIFF = "levers.secondary_tariffs.effects.Russia"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def scenario():
    return toy(TOY_UNCERTAIN)


def test_tornado_bars_follow_the_swing_order_and_span_the_two_ends(scenario):
    sens = sensitivity(scenario, "margin:air_truce:Russia")
    ax = P.tornado(sens)
    bars = sorted((p for p in ax.patches if (p.get_gid() or "").startswith("bar:")),
                  key=lambda p: p.get_y())
    assert [p.get_gid().split(":", 2)[2] for p in bars] == [b.parameter for b in sens.bars]
    widths = [p.get_width() for p in bars]
    assert widths == sorted(widths, reverse=True)
    for p, b in zip(bars, sens.bars):
        assert p.get_x() == pytest.approx(min(b.target_low, b.target_high))
        assert p.get_width() == pytest.approx(b.swing)
    flips = {t.get_gid().split(":", 1)[1] for t in ax.texts if (t.get_gid() or "")
             .startswith("flips:")}
    assert flips == {b.parameter for b in sens.bars if b.flips} and flips


def test_tipping_curve_puts_the_root_where_brentq_found_it_and_the_curve_is_the_grid(scenario):
    tp = tipping_point(scenario, TARIFF, "margin:air_truce:Russia", low=-1.5, high=0, grid=21)
    assert len(tp.curve_x) == 21 and tp.curve_x[0] == -1.5 and tp.curve_x[-1] == 0
    ax = P.tipping_point_curve(tp)
    root = next(ln for ln in ax.lines if ln.get_gid() == "root")
    assert float(root.get_xdata()[0]) == pytest.approx(tp.value)
    assert float(root.get_ydata()[0]) == tp.threshold
    curve = next(ln for ln in ax.lines if ln.get_gid() == "curve")
    assert list(curve.get_ydata()) == tp.curve_y
    # the margin is linear in the lever's effect, so the grid's sign change brackets the root
    k = next(i for i, y in enumerate(tp.curve_y) if (y >= 0) != (tp.curve_y[0] >= 0))
    assert tp.curve_x[k - 1] <= tp.value <= tp.curve_x[k]
    assert TippingPoint.from_dict(tp.to_dict()) == tp


def test_tipping_curve_without_curve_data_is_a_clear_error():
    tp = TippingPoint("p", "margin:t:A", 0.0, 0, 1, False, None, [], 1.0, 1.0, "")
    with pytest.raises(NegsimError, match="no curve"):
        P.tipping_point_curve(tp)


def test_ensemble_bar_heights_are_the_acceptance_probabilities_with_wilson_errors(scenario):
    e = ensemble(scenario, draws=300, seed=5)
    ax = P.ensemble_acceptance(e)
    heights = {p.get_gid(): p.get_height() for p in ax.patches if p.get_gid()}
    for odds in e.proposals:
        for actor, prob in odds.accept.items():
            assert heights[f"bar:{odds.proposal}:{actor}"] == pytest.approx(prob)
        assert heights[f"bar:{odds.proposal}:all"] == pytest.approx(odds.all_accept)
    assert len(heights) == len(e.proposals) * (len(e.proposals[0].accept) + 1)


def test_wilson_interval_matches_the_closed_form_and_contains_the_estimate():
    # 50 of 100: centre 0.5, half-width 1.96·sqrt(0.25/100 + 1.96²/40000)/(1 + 1.96²/100)
    lo, hi = wilson_interval(50, 100)
    half = 1.96 * (0.0025 + 1.96 ** 2 / 40000) ** 0.5 / (1 + 1.96 ** 2 / 100)
    assert (lo, hi) == pytest.approx((0.5 - half, 0.5 + half))
    for c in (0, 3, 97, 100):
        lo, hi = wilson_interval(c, 100)
        assert 0 <= lo <= c / 100 <= hi <= 1


def test_trace_draws_one_point_per_offer_the_agreement_and_the_nash_point(scenario):
    t = negsim.simulate(scenario, rounds=30, seed=2)
    fig = P.negotiation_trace(t, actors=["Russia", "Ukraine"])
    left, right = fig.axes[:2]
    for a in t.reservations:
        line = next(ln for ln in left.lines if ln.get_gid() == f"utility:{a}")
        assert list(line.get_ydata()) == [o.utilities[a] for o in t.offers]
    offers = [c for c in right.collections if (c.get_gid() or "").startswith("offer:")]
    assert len(offers) == len(t.offers)
    if t.agreement is not None:
        star = next(c for c in right.collections if c.get_gid() == "agreement")
        assert list(star.get_offsets()[0]) == pytest.approx([t.utilities["Russia"],
                                                             t.utilities["Ukraine"]])
    nash = next(c for c in right.collections if c.get_gid() == "nash")
    assert list(nash.get_offsets()[0]) == pytest.approx([t.nash_utilities["Russia"],
                                                         t.nash_utilities["Ukraine"]])
    with pytest.raises(NegsimError, match="two different actors"):
        P.negotiation_trace(t, actors=["Russia", "Russia"])


def test_save_figures_writes_a_tornado_and_a_tipping_curve_when_the_analysis_has_them(
        scenario, tmp_path):
    a = add_answers(negsim.analyze(scenario), scenario)
    a = a.__class__.from_dict(a.to_dict())  # figures draw saved results too
    tp = tipping_point(scenario, TARIFF, "margin:air_truce:Russia", low=-1.5, high=0, grid=11)
    from dataclasses import replace

    a = replace(a, tipping_points=[tp])
    written = {p.name for p in save_figures(a, tmp_path, formats=("png",))}
    assert {"tornado_margin_air_truce.png", "tornado_margin_full_ceasefire.png",
            "tipping_point_levers_secondary_tariffs_effects_Russia.png"} <= written
