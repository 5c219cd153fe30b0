"""The briefing figures show what the analysis found: points, labels, titles, colours."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import negsim  # noqa: E402
import negsim.plot as P  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.plot.style import footer_text  # noqa: E402
from negsim.results.analysis import Analysis  # noqa: E402
from tests.support.scenarios import three_party, two_party  # noqa: E402


pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def two():
    return negsim.analyze(two_party())


@pytest.fixture(scope="module")
def three():
    return negsim.analyze(three_party())


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _by_gid(ax, prefix):
    found = [c for c in ax.collections if (c.get_gid() or "").startswith(prefix)]
    found += [t for t in ax.texts if (t.get_gid() or "").startswith(prefix)]
    found += [ln for ln in ax.lines if (ln.get_gid() or "").startswith(prefix)]
    return found


def _texts(fig):
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts] + [ax.get_title("left"), ax.get_title()]
        leg = ax.get_legend()
        if leg:
            out += [t.get_text() for t in leg.get_texts()] + [leg.get_title().get_text()]
    out += [lg.get_title().get_text() for lg in fig.legends]
    return out


# ---- outcome_space -------------------------------------------------------------------------

def test_coinciding_solutions_are_one_marker_labelled_together(two):
    # every solution lands on (truce, none): A 2/3, B 1 (worked by hand from the weights)
    ax = P.outcome_space(two)
    markers = _by_gid(ax, "solution:")
    assert len(markers) == 1
    assert np.allclose(markers[0].get_offsets(), [[2 / 3, 1.0]])
    label = [t for t in _by_gid(ax, "solution-label:")][0].get_text().replace("\n", " ")
    for name in ("Nash", "Asym. Nash", "Kalai–Smorodinsky", "Egalitarian", "Utilitarian",
                 "Compromise"):
        assert name in label
    assert label.count(" = ") == 5


def test_distinct_solutions_are_separate_points_at_their_utilities(three):
    groups = P.outcome_space.__globals__["solution_groups"](three, "A", "C")
    points = {tuple(np.round((x, y), 6)): set(names) for x, y, names in groups}
    # Nash etc. at strikes=off (A 1/2, C 3/4); egalitarian at energy_off (A 1/4, C 7/8)
    assert points[(0.5, 0.75)] >= {"nash", "kalai_smorodinsky", "utilitarian", "compromise"}
    assert points[(0.25, 0.875)] == {"egalitarian"}
    ax = P.outcome_space(three, ("A", "C"))
    assert len(_by_gid(ax, "solution:")) == 2


def test_outcome_space_draws_every_cloud_point_and_the_frontier(two):
    ax = P.outcome_space(two)
    drawn = sum(len(c.get_offsets()) for c in ax.collections
                if c.get_gid() in (None, "outcome-cloud", "acceptable-cloud") and len(c.get_offsets())
                and c.get_label() in ("outcomes", "acceptable to all"))
    assert drawn == len(two.cloud.utilities[0]) == 3  # 4 outcomes minus no deal
    frontier = _by_gid(ax, "frontier")[0]
    assert len(frontier.get_xdata()) == len(two.acceptable.frontier)


def test_disagreement_point_and_walkaway_lines_sit_at_the_reservations(two):
    ax = P.outcome_space(two)
    d = _by_gid(ax, "disagreement")[0]
    assert np.allclose(d.get_offsets(), [[two.actor("A").reservation, two.actor("B").reservation]])
    va = _by_gid(ax, "walkaway:A")[0]
    assert np.allclose(va.get_xdata(), two.actor("A").reservation)


def test_lever_shift_is_an_arrow_from_no_deal_to_walkaway_with_the_numbers(three):
    ax = P.outcome_space(three, ("A", "C"))
    arrows = [c for c in ax.texts if c.get_gid() == "lever-arrow:C"]
    assert len(arrows) == 1
    (x0, y0), (x1, y1) = arrows[0].xyann, arrows[0].xy
    assert np.isclose(y0, 1.0) and np.isclose(y1, 0.6)  # C: no deal 1.0, tariffs 0.5 × −0.8
    text = _by_gid(ax, "lever-text:C")[0].get_text().replace("\n", " ")
    assert "tariffs" in text and "1.00 → 0.60" in text
    assert not _by_gid(ax, "lever-arrow:A")


def test_proposals_are_labelled_points_coloured_by_verdict(two):
    ax = P.outcome_space(two)
    texts = [t.get_text() for t in _by_gid(ax, "proposal-label:")]
    assert "Plain truce" in texts and "Truce with aid" in texts
    aid = _by_gid(ax, "proposal:p_aid")[0]
    assert np.allclose(aid.get_offsets(), [[1.0, 0.5]])
    assert to_hex(aid.get_edgecolor()[0]) == P.outcome_space.__globals__["REJECT_COLOR"]


def test_labels_do_not_overlap_each_other(three):
    ax = P.outcome_space(three, ("A", "C"))
    fig = ax.figure
    fig.draw_without_rendering()
    r = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in ax.texts if t.get_text() and "label" in (t.get_gid() or "")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_title_states_the_finding_and_footer_names_scenario_version_seed(two):
    fig = P.outcome_space(two).figure
    texts = _texts(fig)
    assert any("1 deal" in t or "only deal" in t for t in texts)
    assert footer_text(two) in texts
    assert "Two-party test" in footer_text(two) and "seed 3" in footer_text(two)


def test_empty_acceptable_set_title_says_no_deal():
    s = two_party(actors=(negsim.Actor("A", (negsim.Demand("war", want="fight", hard=True),)),
                          negsim.Actor("B", (negsim.Demand("war", want="truce", hard=True),))),
                  proposals=())
    a = negsim.analyze(s)
    assert a.acceptable.empty
    assert any(t.startswith("No deal") for t in _texts(P.outcome_space(a).figure))


def test_outcome_space_rejects_unknown_or_repeated_actors(two):
    with pytest.raises(NegsimError):
        P.outcome_space(two, ("A", "Z"))
    with pytest.raises(NegsimError):
        P.outcome_space(two, ("A", "A"))


def test_outcome_space_draws_into_a_given_axes(two):
    fig, axes = plt.subplots(1, 2)
    assert P.outcome_space(two, ax=axes[1]) is axes[1]


# ---- matrix --------------------------------------------------------------------------------

def test_matrix_has_one_panel_per_pair(three):
    fig = P.outcome_space_matrix(three)
    pairs = sorted((ax.get_xlabel(), ax.get_ylabel()) for ax in fig.axes if ax.get_visible())
    assert len(pairs) == 3
    key = [lg.get_title().get_text() for lg in fig.legends][0]
    assert "P1 Air truce" in key and "N Nash" in key


# ---- verdicts ------------------------------------------------------------------------------

def test_verdict_cells_carry_margin_mark_and_blocking_demand(two):
    ax = P.proposal_verdicts(two)
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell:")}
    assert len(cells) == 2 * 2
    assert cells["cell:p_truce:A"].startswith("✓ +0.67")
    assert cells["cell:p_aid:B"].startswith("✗")
    assert "red line: No aid, ever" in cells["cell:p_aid:B"].replace("\n", " ")
    mesh = [c for c in ax.collections if c.get_gid() == "verdict-cells"][0]
    assert np.allclose(np.asarray(mesh.get_array()).reshape(2, 2),
                       [[2 / 3, 0.5], [1.0, 0.0]])
    assert mesh.norm.vcenter == 0
    assert [p.get_gid() for p in ax.patches].count("red-line-crossed") == 1


def test_verdict_title_names_the_acceptable_proposal(two):
    ax = P.proposal_verdicts(two)
    assert "'Plain truce' is acceptable to every party; 1 other is blocked" in _texts(ax.figure)


def test_verdicts_without_proposals_is_an_error():
    with pytest.raises(NegsimError):
        P.proposal_verdicts(negsim.analyze(two_party(proposals=())))


# ---- issue map -----------------------------------------------------------------------------

def test_issue_map_marks_open_options_and_red_line_exclusions(two):
    ax = P.issue_map(two)
    patches = {p.get_gid(): p for p in ax.patches}
    assert set(patches) == {"option:war:fight", "option:war:truce", "option:aid:none",
                            "option:aid:some"}
    open_fc = to_hex(patches["option:war:truce"].get_facecolor())
    assert to_hex(patches["option:aid:none"].get_facecolor()) == open_fc
    assert to_hex(patches["option:war:fight"].get_facecolor()) != open_fc
    excluded = [t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("excluded:")]
    # B's red line (no aid) rules out aid = some; war = fight is not ruled out by any red line
    # (fight + no aid, the status quo, crosses none), it is only never part of an acceptable deal
    assert sorted(excluded) == ["excluded:aid:some:B"]
    assert any("war = truce" in t for t in _texts(ax.figure))


# ---- demands -------------------------------------------------------------------------------

def test_demands_table_lists_every_demand_with_weight_and_red_lines(two):
    ax = P.demands(two)
    rows = [t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("demand:")]
    assert len(rows) == 4
    bars = [p for p in ax.patches if (p.get_gid() or "").startswith("weight:")]
    widths = sorted(round(b.get_width() / 0.13, 6) for b in bars)
    assert widths == sorted([round(2 / 3, 6), round(1 / 3, 6), 0.5, 0.5])
    red = [t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("redline:")]
    assert red == ["redline:B:aid"]
    quote = [t.get_text() for t in ax.texts if t.get_gid() == "quote:A:aid"][0]
    assert quote.startswith("“We need aid”")
    assert "B states 1 red line; A states none" in _texts(ax.figure)


def test_demands_survive_json_and_old_results_load_without_them(two):
    back = Analysis.from_json(two.to_json())
    assert back == two and back.actor("A").demands[1].quote == "We need aid"
    d = two.to_dict()
    for act in d["actors"]:
        del act["demands"]
    assert Analysis.from_dict(d).actor("A").demands == []


# ---- one style -----------------------------------------------------------------------------

def test_an_actor_has_the_same_colour_in_every_figure(three):
    colors = P.actor_colors(three)
    assert colors["A"] == "#111111" and colors["C"] == "#ff7f00"
    ax = P.outcome_space(three, ("A", "C"))
    assert to_hex(ax.xaxis.label.get_color()) == colors["A"]
    assert to_hex(_by_gid(ax, "walkaway:C")[0].get_color()) == colors["C"]
    vx = P.proposal_verdicts(three)
    assert {t.get_text(): to_hex(t.get_color()) for t in vx.get_xticklabels()} == colors
    dx = P.demands(three)
    for name in colors:
        assert to_hex([t for t in dx.texts if t.get_gid() == f"actor:{name}"][0].get_color()) \
            == colors[name]
