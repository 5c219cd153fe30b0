"""Labels next to points that do not overlap each other, the points, or the axes edge.

A greedy placement: each label (in the order given, most important first) tries a ring of
offsets around its point and keeps the one whose text box overlaps least with what is already
placed.  Good enough for the handful of labelled points of a briefing figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Label", "place_labels"]


def _ring(radius: float, n: int) -> list[tuple[float, float]]:
    return [(round(radius * math.cos(2 * math.pi * k / n), 1),
             round(radius * math.sin(2 * math.pi * k / n), 1))
            for k in (1, 7, 3, 5, 0, 4, 2, 6)[: n] + tuple(range(8, n))]


_OFFSETS = [(8, 8), (8, -8), (-8, 8), (-8, -8), (12, 0), (-12, 0), (0, 12), (0, -14)] + \
    _ring(30, 8) + _ring(50, 16) + _ring(75, 16) + _ring(105, 16) + _ring(140, 24)

_TEXT_WEIGHT = 50.0
"""How much worse covering a text is than covering the same area of data points."""


def _is_tick(t, ax) -> bool:
    return any(t is lab for axis in (ax.xaxis, ax.yaxis)
               for tick in axis.get_major_ticks() + axis.get_minor_ticks()
               for lab in (tick.label1, tick.label2))


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


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(ax, labels: Sequence[Label], obstacles: Sequence[tuple[float, float]] = (),
                 marker_px: float = 9.0) -> list:
    """Annotate ``labels`` on ``ax`` without overlaps where possible; return the annotations.

    ``obstacles`` are further data points (markers) the labels should not cover.
    """
    fig = ax.figure
    fig.draw_without_rendering()  # fix the layout so display coordinates are final
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    axbox = ax.get_window_extent(renderer)
    scale = fig.dpi / 72.0
    taken = []
    for x, y in list(obstacles) + [(lb.x, lb.y) for lb in labels]:
        px, py = to_px((x, y))
        taken.append(Bbox.from_extents(px - marker_px, py - marker_px, px + marker_px,
                                       py + marker_px))
    # texts already on the figure (titles, walk-away notes, ticks) and the labels placed here
    # must not be covered at all: a label over a label is worse than a label over points
    placed = [t.get_window_extent(renderer) for t in fig.findobj(Text)
              if t.get_visible() and t.get_text().strip() and t.axes in (ax, None)
              and not _is_tick(t, ax)]
    out = []
    for lb in labels:
        best = None
        for dx, dy in _OFFSETS:
            ann = ax.annotate(
                lb.text, (lb.x, lb.y), xytext=(dx, dy), textcoords="offset points",
                ha="left" if dx > 4 else "right" if dx < -4 else "center",
                va="bottom" if dy > 4 else "top" if dy < -4 else "center",
                fontsize=lb.fontsize, color=lb.color, fontweight=lb.weight, zorder=9,
                bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="0.75", alpha=0.9),
                arrowprops=dict(arrowstyle="-", color="0.5", lw=0.6,
                                shrinkA=0, shrinkB=4) if abs(dx) + abs(dy) > 25 else None,
                annotation_clip=False, **lb.extra)
            ann.set_in_layout(False)
            box = ann.get_window_extent(renderer)
            cost = sum(_overlap(box, t) for t in taken) + \
                _TEXT_WEIGHT * sum(_overlap(box, t) for t in placed)
            outside = (max(0.0, axbox.x0 - box.x0) + max(0.0, box.x1 - axbox.x1)
                       + max(0.0, axbox.y0 - box.y0) + max(0.0, box.y1 - axbox.y1))
            cost += outside * box.height * 4 + (abs(dx) + abs(dy)) * scale * 0.5
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, ann, box)
            else:
                ann.remove()
            if cost <= (abs(dx) + abs(dy)) * scale * 0.5:
                break
        _, ann, box = best
        if lb.gid:
            ann.set_gid(lb.gid)
        placed.append(box)
        out.append(ann)
    return out
