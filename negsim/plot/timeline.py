"""The timeline figure: acceptable-set size, walk-away values and verdicts, dates on the x axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, _PALETTE, clean_axes,
                               finding_title, new_figure)
from negsim.results.comparison import Timeline

__all__ = ["timeline_figure", "timeline_files"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return dt.date.min


def timeline_figure(t: Timeline):
    """Three panels sharing a date axis: how many deals are acceptable to all; each actor's
    walk-away value (solid) and Nash utility (dotted); each proposal's verdict at each date
    (green: acceptable to all; red: rejected, with who rejects).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim
    >>> from dataclasses import replace
    >>> s = negsim.examples.two_party_scenario()
    >>> t = negsim.timeline([replace(s, date="2025-03-01"), replace(s, date="2025-05-01")])
    >>> len(timeline_figure(t).axes)
    3
    """
    fig, axes = new_figure(figsize=(11.0, 8.0), nrows=3, sharex=True, footer=False,
                           gridspec_kw={"height_ratios": [1.0, 1.3, 1.2]})
    ax_size, ax_walk, ax_verdict = axes
    dates = [_date(e.date) for e in t.entries]
    sizes = [e.acceptable for e in t.entries]
    ax_size.plot(dates, sizes, "-o", color=ACCEPT_COLOR, lw=2)
    for d, e in zip(dates, t.entries):
        note = f"{e.acceptable:,}" + ("" if e.exact else " (est.)")
        ax_size.annotate(note, (d, e.acceptable), textcoords="offset points", xytext=(0, 7),
                         ha="center", fontsize=BASE_FONT - 1)
    ax_size.set_ylabel("deals acceptable\nto all", fontsize=BASE_FONT - 1)
    ax_size.set_ylim(0, max(sizes + [1]) * 1.3)
    actors = list(dict.fromkeys(a for e in t.entries for a in e.walk_away))
    for k, a in enumerate(actors):
        color = _PALETTE[k % len(_PALETTE)]
        pts = [(d, e.walk_away[a]) for d, e in zip(dates, t.entries) if a in e.walk_away]
        ax_walk.plot([p[0] for p in pts], [p[1] for p in pts], "-o", color=color, lw=2,
                     label=f"{a} walk-away")
        nash = [(d, (e.solution_utilities.get("nash") or {}).get(a))
                for d, e in zip(dates, t.entries)]
        nash = [p for p in nash if p[1] is not None]
        if nash:
            ax_walk.plot([p[0] for p in nash], [p[1] for p in nash], ":", marker="*",
                         color=color, lw=1.5, ms=9, label=f"{a} at Nash")
    ax_walk.set_ylabel("utility", fontsize=BASE_FONT - 1)
    ax_walk.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=BASE_FONT - 3,
                   frameon=False, ncol=1)
    proposals = list(dict.fromkeys(p for e in t.entries for p in e.accepted_by_all))
    for row, p in enumerate(proposals):
        for d, e in zip(dates, t.entries):
            if p not in e.accepted_by_all:
                continue
            ok = e.accepted_by_all[p]
            ax_verdict.scatter([d], [row], s=110, marker="o" if ok else "X",
                               color=ACCEPT_COLOR if ok else REJECT_COLOR, zorder=3)
            if not ok:
                no = [a for a, y in e.verdicts[p].items() if not y]
                ax_verdict.annotate("no: " + ", ".join(no), (d, row), textcoords="offset points",
                                    xytext=(9, -4), fontsize=BASE_FONT - 4, color="0.3")
    ax_verdict.set_yticks(range(len(proposals)))
    ax_verdict.set_yticklabels([p.replace("_", " ") for p in proposals], fontsize=BASE_FONT - 2)
    ax_verdict.set_ylim(-0.6, len(proposals) - 0.4)
    ax_verdict.invert_yaxis()
    ax_verdict.set_xticks(dates)
    ax_verdict.set_xticklabels([e.date for e in t.entries], fontsize=BASE_FONT - 1)
    if len(dates) > 1:
        span = (max(dates) - min(dates)) or dt.timedelta(days=1)
        ax_verdict.set_xlim(min(dates) - span * 0.08, max(dates) + span * 0.25)
    for ax in axes:
        clean_axes(ax)
    first, last = t.entries[0], t.entries[-1]
    finding_title(fig, f"Deals acceptable to all: {first.acceptable:,} on {first.date} → "
                       f"{last.acceptable:,} on {last.date}")
    return fig


def timeline_files(t: Timeline, formats: Sequence[str] = ("png", "svg"),
                   dpi: int = 200) -> dict[str, bytes]:
    """The timeline figure rendered in memory, ``{file name: content}`` (nothing written)."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from negsim.plot.save import render

    fig = timeline_figure(t)
    try:
        return {f"timeline.{fmt}": render(fig, fmt, dpi) for fmt in formats}
    finally:
        plt.close(fig)
