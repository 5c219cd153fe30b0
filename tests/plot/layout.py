"""Layout defects of a drawn figure (test helper): visible texts that overlap or crowd each
other, texts that leave the canvas, and text boxes that cover a plotted marker not their own.

A *text box* is what the reader sees of a text: its glyphs and, when it has one, its background
box (the white rounded box of a point label).  A *marker* is a scatter or marker-line artist that
holds exactly one point (a bargaining solution, a proposal, the disagreement point, a game-tree
node, a tipping point); multi-point artists are data clouds and may sit under labels, and so may
any artist whose gid ends in ``cloud``.  A text owns a marker when their gids share the key after
the first ``:`` (``solution-label:nash`` owns ``solution:nash``) or when the text is an
annotation anchored on the marker.
"""

from __future__ import annotations

import math

from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

SLACK_PX = 1.0
"""Pixels of overlap (or of text past the canvas edge) tolerated: anti-aliasing, not layout."""
PAD_PT = 2.0
"""Smallest gap, in points, between two visible texts and between a text box and a marker it
does not own; closer reads as touching at slide size."""
SAME_LINE_EMS = 1.0
"""Smallest gap between two horizontal texts on one line, in ems of the smaller font: closer,
they read as one phrase ("offer air truce reject")."""
_SAME_LINE_SHARE = 0.5
"""Two texts are on one line when their boxes share this much of the lower one's height."""


def _tick_labels(fig) -> tuple[set[int], list[Text]]:
    """Ids of every tick-label text, and the ones matplotlib draws (ticks inside the view)."""
    every: set[int] = set()
    drawn: list[Text] = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = (hi - lo) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                labels = (tick.label1, tick.label2)
                every.update(id(t) for t in labels)
                if ax.get_visible() and lo - pad <= tick.get_loc() <= hi + pad:
                    drawn += [t for t in labels if t.get_visible() and t.get_text().strip()]
    return every, drawn


def visible_texts(fig) -> list[Text]:
    """Every text matplotlib draws on ``fig`` (titles, labels, ticks in view, legends, notes)."""
    fig.canvas.draw()
    ticks, drawn = _tick_labels(fig)
    out = []
    for t in fig.findobj(Text):
        if id(t) in ticks or not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        out.append(t)
    return out + drawn


def _box(t, renderer):
    """The text's glyphs and background box (an annotation's leader line left out)."""
    bb = Text.get_window_extent(t, renderer)
    patch = t.get_bbox_patch()
    if patch is not None and patch.get_visible():
        bb = Bbox.union([bb, patch.get_window_extent(renderer)])
    clip = t.get_clip_box() if t.get_clip_on() else None
    if clip is not None:
        inter = bb.intersection(bb, clip)
        bb = inter if inter is not None else bb
    return bb


def markers(fig) -> list[tuple[str, float, float, float]]:
    """The one-point markers of ``fig``: ``(gid, x, y, half-size)`` in display pixels."""
    px = fig.dpi / 72.0
    out = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for c in ax.collections:
            gid = c.get_gid() or ""
            if not isinstance(c, PathCollection) or not c.get_visible() or gid.endswith("cloud"):
                continue
            offsets = c.get_offsets()
            if len(offsets) != 1 or not all(map(math.isfinite, offsets[0])):
                continue
            x, y = c.get_offset_transform().transform(offsets[0])
            size = c.get_sizes()[0] if len(c.get_sizes()) else 36.0
            lw = c.get_linewidths()[0] if len(c.get_linewidths()) else 0.0
            out.append((gid, float(x), float(y), (math.sqrt(size) / 2 + lw / 2) * px))
        for ln in ax.lines:
            gid = ln.get_gid() or ""
            marker = ln.get_marker()
            if not ln.get_visible() or marker in (None, "", " ", "None", "none") or \
                    gid.endswith("cloud") or len(ln.get_xdata()) != 1:
                continue
            x, y = ax.transData.transform((ln.get_xdata()[0], ln.get_ydata()[0]))
            if not (math.isfinite(x) and math.isfinite(y)):
                continue
            out.append((gid, float(x), float(y),
                        (ln.get_markersize() / 2 + ln.get_markeredgewidth() / 2) * px))
    return out


def _key(gid: str) -> str | None:
    return gid.split(":", 1)[1] if ":" in gid else None


def _owns(t: Text, gid: str, x: float, y: float, half: float) -> bool:
    key = _key(t.get_gid() or "")
    if key is not None and key == _key(gid):
        return True
    if isinstance(t, Annotation) and t.axes is not None and t.xycoords == "data":
        ax, ay = t.axes.transData.transform(t.xy)
        return math.hypot(ax - x, ay - y) <= half
    return False


def _one_line(t: Text, u: Text, a, b, h: float) -> bool:
    """Both texts horizontal and sharing most of the lower one's height."""
    flat = t.get_rotation() % 180 == 0 and u.get_rotation() % 180 == 0
    return flat and h >= _SAME_LINE_SHARE * min(a.height, b.height)


def _em(t: Text, u: Text, dpi: float) -> float:
    return SAME_LINE_EMS * min(t.get_fontsize(), u.get_fontsize()) * dpi / 72.0


def _gap(a, b) -> tuple[float, float]:
    """Overlap of two boxes along x and y (negative: the gap between them)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0))


def layout_defects(fig) -> list[str]:
    """Everything wrong with the figure's layout, in words (empty when it is clean): texts that
    overlap or come closer than ``PAD_PT``, texts on one line closer than ``SAME_LINE_EMS``,
    texts that leave the canvas, and text boxes within ``PAD_PT`` of a marker they do not own."""
    texts = visible_texts(fig)
    renderer = fig.canvas.get_renderer()
    W, H = fig.canvas.get_width_height()
    pad = PAD_PT * fig.dpi / 72.0
    boxes = [(t, _box(t, renderer)) for t in texts]
    out = []
    for t, b in boxes:
        if b.x0 < -SLACK_PX or b.y0 < -SLACK_PX or b.x1 > W + SLACK_PX or b.y1 > H + SLACK_PX:
            out.append(f"leaves the canvas: {t.get_text()!r}")
    for i, (t, a) in enumerate(boxes):
        for u, b in boxes[i + 1:]:
            w, h = _gap(a, b)
            if w > SLACK_PX and h > SLACK_PX:
                out.append(f"overlap: {t.get_text()!r} and {u.get_text()!r}")
            elif w > -pad and h > -pad:
                out.append(f"too close: {t.get_text()!r} and {u.get_text()!r}")
            elif _one_line(t, u, a, b, h) and w > -_em(t, u, fig.dpi):
                out.append(f"run together: {t.get_text()!r} and {u.get_text()!r}")
    for gid, x, y, half in markers(fig):
        mark = Bbox.from_extents(x - half, y - half, x + half, y + half)
        for t, b in boxes:
            w, h = _gap(mark, b)
            if w > -pad and h > -pad and not _owns(t, gid, x, y, half):
                out.append(f"covers a marker: {t.get_text()!r} on {gid or 'a marker'}")
    return out
