"""Visible texts of a drawn figure that overlap each other or leave the canvas (test helper)."""

from __future__ import annotations

from matplotlib.text import Text

SLACK_PX = 1.0
"""Pixels of overlap (or of text past the canvas edge) tolerated: anti-aliasing, not layout."""


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
    bb = t.get_window_extent(renderer)
    clip = t.get_clip_box() if t.get_clip_on() else None
    if clip is not None:
        inter = bb.intersection(bb, clip)
        bb = inter if inter is not None else bb
    return bb


def layout_defects(fig) -> list[str]:
    """Pairs of visible texts whose boxes overlap by more than ``SLACK_PX`` each way, and texts
    whose box leaves the canvas; described in words (empty when the layout is clean)."""
    texts = visible_texts(fig)
    renderer = fig.canvas.get_renderer()
    W, H = fig.canvas.get_width_height()
    boxes = [(t, _box(t, renderer)) for t in texts]
    out = []
    for t, b in boxes:
        if b.x0 < -SLACK_PX or b.y0 < -SLACK_PX or b.x1 > W + SLACK_PX or b.y1 > H + SLACK_PX:
            out.append(f"leaves the canvas: {t.get_text()!r}")
    for i, (t, a) in enumerate(boxes):
        for u, b in boxes[i + 1:]:
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if w > SLACK_PX and h > SLACK_PX:
                out.append(f"overlap: {t.get_text()!r} and {u.get_text()!r}")
    return out
