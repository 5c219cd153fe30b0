"""Labels next to points that do not overlap each other, the points, or the axes edge.

Labels marked ``joint`` (the bargaining solutions, whose markers often sit close together) are
placed together, where the first of them stands in the order: every assignment of a few
candidate offsets, one per label, is tried (branch and bound), preferring offsets whose text box
is nearer its own point than any other joint point or ``rival`` marker, and the assignment with
no overlaps and least total cost wins.  The other labels are placed greedily (in the order
given, most important first): each tries a ring of offsets around its point and keeps the one
whose text box overlaps least with what is already placed, and pays for being as near another
labelled marker as its own.  Good enough for the handful of labelled points of a briefing figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Label", "place_labels", "box_distance", "marker_half", "LABEL_PAD_PT"]


def _ring(radius: float, n: int) -> list[tuple[float, float]]:
    return [(round(radius * math.cos(2 * math.pi * k / n), 1),
             round(radius * math.sin(2 * math.pi * k / n), 1))
            for k in (1, 7, 3, 5, 0, 4, 2, 6)[: n] + tuple(range(8, n))]


_OFFSETS = [(8, 8), (8, -8), (-8, 8), (-8, -8), (12, 0), (-12, 0), (0, 12), (0, -14)] + \
    _ring(30, 8) + _ring(50, 16) + _ring(75, 16) + _ring(105, 16) + _ring(140, 24)

LABEL_PAD_PT = 3.0
"""Gap, in points, a placed label keeps from every other text and from every labelled marker
(the layout test asks for 2 points; the extra point absorbs rounding between drawing sizes)."""
_BOX_PAD = 0.25
"""The padding of a label's rounded background box, in units of its font size."""

_OFF_CANVAS = 1000.0
"""How much worse a text past the figure's edge (cut off in the file) is than one past the axes."""
_TEXT_WEIGHT = 50.0
"""How much worse covering a text is than covering the same area of data points."""


def _is_tick(t, ax) -> bool:
    return any(t is lab for axis in (ax.xaxis, ax.yaxis)
               for tick in axis.get_major_ticks() + axis.get_minor_ticks()
               for lab in (tick.label1, tick.label2))


def _drawn_ticks(ax, renderer) -> list:
    """Boxes of the tick labels matplotlib draws (ticks inside the view)."""
    out = []
    for axis in (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if lo <= tick.get_loc() <= hi:
                out += [t.get_window_extent(renderer) for t in (tick.label1, tick.label2)
                        if t.get_visible() and t.get_text().strip()]
    return out


@dataclass
class Label:
    """A text to put next to the data point ``(x, y)``."""

    x: float
    y: float
    text: str
    color: str = "black"
    fontsize: float = 10
    weight: str = "normal"
    gid: str = ""
    extra: dict = field(default_factory=dict)
    joint: bool = False
    above: bool = False
    """Only offsets above the point (a note that belongs in the room kept above the data)."""


_JOINT_OFFSETS = 48
"""How many of the offsets (nearest first) a jointly placed label may take."""
_JOINT_KEEP = 6
"""How many of its cheapest admissible offsets each jointly placed label brings to the search."""


def box_distance(box, x: float, y: float) -> float:
    """Distance in pixels from the point ``(x, y)`` to the box (0 inside it).

    Examples
    --------
    >>> from matplotlib.transforms import Bbox
    >>> box_distance(Bbox.from_extents(0, 0, 4, 2), 7, 6)
    5.0
    """
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy)


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


_LEADER_FROM = 25.0
"""Offsets (points, |dx| + |dy|) from which a label is tied to its point by a leader line; a
label placed greedily that far away needs no nearness to tell whose it is (a joint label, among
close markers, stays nearest its own all the same)."""


def _leader(dx: float, dy: float) -> bool:
    return abs(dx) + abs(dy) > _LEADER_FROM


def _widen(box, gap: float, em: float):
    """``box`` grown by ``gap`` above and below and by ``max(gap, em)`` on either side."""
    side = max(gap, em)
    return Bbox.from_extents(box.x0 - side, box.y0 - gap, box.x1 + side, box.y1 + gap)


def marker_half(size: float, linewidth: float = 1.0) -> float:
    """Half the width, in points, of a scatter marker of area ``size`` (points²) and edge
    ``linewidth``.

    Examples
    --------
    >>> marker_half(100.0, 2.0)
    6.0
    """
    return math.sqrt(size) / 2 + linewidth / 2


def place_labels(ax, labels: Sequence[Label], obstacles: Sequence[tuple[float, float]] = (),
                 marker_px: float = 9.0, rivals: Sequence[tuple[float, float]] = (),
                 keep_clear: Sequence[tuple[float, float, float, float]] = (),
                 markers: Sequence[tuple[float, float, float]] = ()) -> list:
    """Annotate ``labels`` on ``ax`` without overlaps where possible; return the annotations.

    ``obstacles`` are further data points (a cloud) the labels should not cover; ``markers`` are
    the labelled markers ``(x, y, half-width in points)`` — solutions, proposals, the
    disagreement point — that no label may cover, its own included, nor come within
    ``LABEL_PAD_PT`` of; ``rivals`` are labelled markers a ``joint`` label must be farther from
    than from its own point (so that a reader never pairs it with the wrong marker);
    ``keep_clear`` are boxes ``(x0, y0, x1, y1)`` in data coordinates (e.g. around an arrow) that
    labels avoid as they avoid texts.  Every label keeps ``LABEL_PAD_PT`` from every other text.
    Annotations come back in the order of ``labels``.
    """
    fig = ax.figure
    fig.draw_without_rendering()  # fix the layout so display coordinates are final
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    axbox = ax.get_window_extent(renderer)
    scale = fig.dpi / 72.0
    gap = LABEL_PAD_PT * scale
    width, height = fig.canvas.get_width_height()
    taken = []
    for x, y in list(obstacles) + [(lb.x, lb.y) for lb in labels]:
        px, py = to_px((x, y))
        taken.append(Bbox.from_extents(px - marker_px, py - marker_px, px + marker_px,
                                       py + marker_px))
    hard = []  # labelled markers: covered or touched, as bad as a text
    for x, y, half in markers:
        px, py = to_px((x, y))
        h = half * scale + gap
        hard.append(Bbox.from_extents(px - h, py - h, px + h, py + h))
    # texts already on the figure (titles, walk-away notes, ticks) and the labels placed here
    # must not be covered at all: a label over a label is worse than a label over points
    placed = [t.get_window_extent(renderer) for t in fig.findobj(Text)
              if t.get_visible() and t.get_text().strip() and t.axes in (ax, None)
              and not _is_tick(t, ax)] + _drawn_ticks(ax, renderer)
    for x0, y0, x1, y1 in keep_clear:
        (px0, py0), (px1, py1) = to_px((x0, y0)), to_px((x1, y1))
        placed.append(Bbox.from_extents(min(px0, px1) - marker_px / 2, min(py0, py1) - marker_px / 2,
                                        max(px0, px1) + marker_px / 2, max(py0, py1) + marker_px / 2))
    def draw(lb: Label, dx: float, dy: float):
        ann = ax.annotate(
            lb.text, (lb.x, lb.y), xytext=(dx, dy), textcoords="offset points",
            ha="left" if dx > 4 else "right" if dx < -4 else "center",
            va="bottom" if dy > 4 else "top" if dy < -4 else "center",
            fontsize=lb.fontsize, color=lb.color, fontweight=lb.weight, zorder=9,
            bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="0.75", alpha=0.9),
            arrowprops=dict(arrowstyle="-", color="0.5", lw=0.6,
                            shrinkA=0, shrinkB=4) if _leader(dx, dy) else None,
            annotation_clip=False, **lb.extra)
        ann.set_in_layout(False)
        ann.update_positions(renderer)
        pad = _BOX_PAD * lb.fontsize * scale + 1.0  # the rounded box and its edge
        return ann, Text.get_window_extent(ann, renderer).padded(pad)

    def cost_of(box, dx: float, dy: float, em: float = 0.0) -> float:
        # other texts keep ``gap`` away, and an em away beside it (closer reads as one phrase)
        wide = _widen(box, gap, em)
        cost = sum(_overlap(box, t) for t in taken) + \
            _TEXT_WEIGHT * (sum(_overlap(wide, t) for t in placed)
                            + sum(_overlap(box, m) for m in hard))
        outside = (max(0.0, axbox.x0 - box.x0) + max(0.0, box.x1 - axbox.x1)
                   + max(0.0, axbox.y0 - box.y0) + max(0.0, box.y1 - axbox.y1))
        off = (max(0.0, -box.x0) + max(0.0, box.x1 - width) + max(0.0, -box.y0)
               + max(0.0, box.y1 - height))
        return (cost + outside * box.height * 4 + _OFF_CANVAS * off * box.height
                + (abs(dx) + abs(dy)) * scale * 0.5)

    out: dict[int, object] = {}
    joint = [k for k, lb in enumerate(labels) if lb.joint]

    def place_joint() -> None:
        points = [to_px((labels[k].x, labels[k].y)) for k in joint] + \
            [to_px(p) for p in rivals]
        options = []
        for j, k in enumerate(joint):
            own = points[j]
            others = [p for i, p in enumerate(points) if i != j
                      and math.hypot(p[0] - own[0], p[1] - own[1]) > marker_px]
            found, fallback = [], []
            for dx, dy in _OFFSETS[:_JOINT_OFFSETS]:
                ann, box = draw(labels[k], dx, dy)
                whole = ann.get_window_extent(renderer)  # its leader line too
                ann.remove()
                near = box_distance(whole, *own)
                miss = sum(max(0.0, near - box_distance(whole, *p) + 1.0) for p in others)
                em = labels[k].fontsize * scale
                item = (cost_of(box, dx, dy, em) + _TEXT_WEIGHT * miss, dx, dy, box, em)
                hit = sum(_overlap(box, m) for m in hard) + \
                    sum(_overlap(_widen(box, gap, em), t) for t in placed)
                (found if miss == 0 and hit == 0 else fallback).append(item)
            found.sort(key=lambda t: t[0])
            fallback.sort(key=lambda t: t[0])
            options.append((found + fallback)[:_JOINT_KEEP])
        best: list = [math.inf, None]

        def search(j: int, total: float, chosen: list) -> None:
            if total >= best[0]:
                return
            if j == len(joint):
                best[0], best[1] = total, list(chosen)
                return
            for item in options[j]:
                clash = _TEXT_WEIGHT * sum(_overlap(_widen(item[3], gap, item[4]), c[3])
                                           for c in chosen)
                chosen.append(item)
                search(j + 1, total + item[0] + clash, chosen)
                chosen.pop()

        search(0, 0.0, [])
        for k, (_, dx, dy, _box, _em) in zip(joint, best[1]):
            ann, box = draw(labels[k], dx, dy)
            placed.append(box)
            out[k] = ann
    marks = [to_px((labels[k].x, labels[k].y)) for k in joint] + [to_px(p) for p in rivals]
    for k, lb in enumerate(labels):
        if lb.joint:
            if k == joint[0]:
                place_joint()
            continue
        own = to_px((lb.x, lb.y))
        others = [p for p in marks if math.hypot(p[0] - own[0], p[1] - own[1]) > marker_px]
        if len(others) == len(marks):  # not on a marker (a walk-away note): nearness moot
            others = []
        best_one = None
        for dx, dy in [o for o in _OFFSETS if o[1] > 0] if lb.above else _OFFSETS:
            ann, box = draw(lb, dx, dy)
            near = box_distance(box, *own)
            miss = 0.0 if _leader(dx, dy) else \
                sum(max(0.0, near - box_distance(box, *p) + 1.0) for p in others)
            cost = cost_of(box, dx, dy, lb.fontsize * scale) + _TEXT_WEIGHT * miss
            if best_one is None or cost < best_one[0]:
                if best_one is not None:
                    best_one[1].remove()
                best_one = (cost, ann, box)
            else:
                ann.remove()
            if cost <= (abs(dx) + abs(dy)) * scale * 0.5:
                break
        _, ann, box = best_one
        placed.append(box)
        out[k] = ann
    for k, lb in enumerate(labels):
        if lb.gid:
            out[k].set_gid(lb.gid)
    return [out[k] for k in range(len(labels))]
