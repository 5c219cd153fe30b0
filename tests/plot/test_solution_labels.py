"""Each bargaining-solution label is read with its own marker: measured in pixels on the drawn
figure, the label's box is nearer its own marker than any other labelled marker."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

import negsim  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.plot import outcome_space  # noqa: E402
from negsim.plot.outcome_space import solution_groups  # noqa: E402
from negsim.plot._labels import Label, box_distance, place_labels  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def outcome_space_solutions(analysis) -> list:
    names = [a.name for a in analysis.actors]
    return solution_groups(analysis, names[0], names[1])


def _markers(ax) -> dict[str, tuple[float, float]]:
    out = {}
    for c in ax.collections:
        gid = c.get_gid() or ""
        if gid.startswith(("solution:", "proposal:", "disagreement")) and len(c.get_offsets()):
            out[gid] = tuple(ax.transData.transform(c.get_offsets()[0]))
    return out


def _nearness(ax) -> list[tuple[str, float, float]]:
    """(label gid, distance to own marker, distance to the nearest other marker) in pixels."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    markers = _markers(ax)
    out = []
    for t in ax.texts:
        gid = t.get_gid() or ""
        if not gid.startswith("solution-label:"):
            continue
        own_gid = "solution:" + gid.split(":", 1)[1]
        box = t.get_window_extent(renderer)
        own = markers[own_gid]
        others = [p for g, p in markers.items() if g != own_gid
                  and math.hypot(p[0] - own[0], p[1] - own[1]) > 9.0]
        out.append((gid, box_distance(box, *own),
                    min((box_distance(box, *p) for p in others), default=math.inf)))
    return out


def test_box_distance_is_the_euclidean_distance_to_the_nearest_box_point():
    box = Bbox.from_extents(1, 2, 5, 4)
    assert box_distance(box, 3, 3) == 0.0
    assert box_distance(box, 8, 8) == 5.0  # (3, 4) from the corner (5, 4)
    assert box_distance(box, 0, 3) == 1.0


@pytest.mark.parametrize("name", ["air_truce_secondary_tariffs", "istanbul_ceasefire_vs_settlement",
                                  "sky_and_sea_truce", "thirty_day_ceasefire_jeddah",
                                  "victory_day_truce"])
def test_each_solution_label_is_nearer_its_own_marker_than_any_other(name):
    s = load_scenario(REPO / "scenarios" / f"{name}.toml")
    analysis = negsim.analyze(s)
    if not outcome_space_solutions(analysis):
        pytest.skip(f"{name}: no bargaining solution (no acceptable deal)")
    ax = outcome_space(analysis)
    try:
        found = _nearness(ax)
        assert found
        for gid, own, other in found:
            assert own < other, (gid, own, other)
    finally:
        plt.close(ax.figure)


def test_utilitarian_and_compromise_labels_are_not_swapped():
    # Jeddah: since the re-reading of issue 14 the August scenario's solutions all coincide (one
    # label), so the two neighbouring labels this test reads are taken from the March scenario.
    s = load_scenario(REPO / "scenarios" / "thirty_day_ceasefire_jeddah.toml")
    ax = outcome_space(negsim.analyze(s))
    try:
        gids = {g for g, _, _ in _nearness(ax)}
        assert "solution-label:utilitarian" in gids and "solution-label:compromise" in gids
    finally:
        plt.close(ax.figure)


def _two_close_labels(joint: bool) -> list[tuple[float, float]]:
    """(distance to own marker, distance to the other) of two labels on markers 3 units apart."""
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.scatter([50, 53], [50, 50])
    anns = place_labels(ax, [Label(50, 50, "a rather long label of the left one", joint=joint),
                             Label(53, 50, "right", joint=joint)])
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    pts = [ax.transData.transform(p) for p in ((50, 50), (53, 50))]
    boxes = [a.get_window_extent(r) for a in anns]
    assert not boxes[0].overlaps(boxes[1])
    plt.close(fig)
    return [(box_distance(b, *pts[k]), box_distance(b, *pts[1 - k])) for k, b in enumerate(boxes)]


def test_joint_placement_untangles_two_close_markers_a_greedy_pass_leaves_ambiguous():
    greedy = _two_close_labels(joint=False)
    assert any(own >= other for own, other in greedy)  # the defect the joint pass removes
    assert all(own < other for own, other in _two_close_labels(joint=True))
