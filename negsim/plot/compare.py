"""Figures of a comparison: both outcome spaces in one utility plane, and the verdicts that flip."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negsim.errors import NegsimError
from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, SOLUTION_LABELS,
                               SOLUTION_MARKERS, abbreviate, add_footer, clean_axes,
                               finding_title, marker_size, new_figure)
from negsim.results.analysis import Analysis
from negsim.results.comparison import Comparison

__all__ = ["comparison_plane", "verdict_changes", "comparison_files", "COMPARISON_FIGURES"]

COMPARISON_FIGURES = ("comparison_plane", "verdict_changes")
"""The file names (without extension) ``negsim compare --plots`` writes."""

_FAINT = "0.75"
_SAME = 1e-6  # utilities closer than this draw as one point (no arrow)


def _pair(before: Analysis, after: Analysis, actors: Sequence[str] | None) -> tuple[str, str]:
    names = [x.name for x in before.actors if x.name in {y.name for y in after.actors}]
    if actors is None:
        if len(names) < 2:
            raise NegsimError("comparison_plane needs two actors common to both analyses")
        return names[0], names[1]
    a, b = actors
    for n in (a, b):
        if n not in names:
            raise NegsimError(f"unknown actor {n!r}; both analyses have {names}")
    return a, b


def _cloud(analysis: Analysis, a: str, b: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    names = analysis.cloud.actors
    ua = np.array(analysis.cloud.utilities[names.index(a)], dtype=float)
    ub = np.array(analysis.cloud.utilities[names.index(b)], dtype=float)
    return ua, ub, np.array(analysis.cloud.acceptable, dtype=bool)


def comparison_plane(before: Analysis, after: Analysis, comparison: Comparison | None = None,
                     actors: Sequence[str] | None = None, ax=None):
    """Both outcome spaces in two actors' utility plane: ``before`` faint, ``after`` strong,
    walk-away lines of each, and each bargaining solution's move as an arrow.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim
    >>> s = negsim.examples.two_party_scenario()
    >>> ax = comparison_plane(negsim.analyze(s), negsim.analyze(s))
    >>> ax.get_xlabel().endswith("utility")
    True
    """
    from negsim.questions.compare import compare  # only the comparison itself, when not given

    c = comparison if comparison is not None else compare(before, after)
    a, b = _pair(before, after, actors)
    new_fig = ax is None
    if new_fig:
        fig, ax = new_figure()
    for analysis, strong in ((before, False), (after, True)):
        ua, ub, ok = _cloud(analysis, a, b)
        side = "after" if strong else "before"
        ax.scatter(ua[~ok], ub[~ok], s=10 if strong else 8, color="0.45" if strong else _FAINT,
                   alpha=0.6 if strong else 0.35, linewidths=0, zorder=1 if strong else 0,
                   label=f"{side}: not acceptable to all")
        ax.scatter(ua[ok], ub[ok], s=34 if strong else 22,
                   color=ACCEPT_COLOR if strong else "#a6d96a",
                   alpha=0.95 if strong else 0.6, edgecolors="white" if strong else "none",
                   linewidths=0.5, zorder=3 if strong else 2,
                   label=f"{side}: acceptable to all ({analysis.acceptable.size:,})")
        ra, rb = analysis.actor(a).reservation, analysis.actor(b).reservation
        style = dict(color="0.2" if strong else _FAINT, lw=1.2 if strong else 1.0,
                     ls="-" if strong else "--", zorder=2)
        ax.axvline(ra, **style)
        ax.axhline(rb, **style)
    sol_b = {s.name: s for s in before.solutions.values()}
    shifted = False
    for name, s_after in after.solutions.items():
        s_before = sol_b.get(name)
        if name == "compromise" or s_after.utilities is None:
            continue
        marker = SOLUTION_MARKERS[name][0]
        x1, y1 = s_after.utilities[a], s_after.utilities[b]
        ax.scatter([x1], [y1], marker=marker, s=marker_size(marker, 120), color="black",
                   zorder=5,
                   label=SOLUTION_LABELS[name])
        if s_before is not None and s_before.utilities is not None:
            x0, y0 = s_before.utilities[a], s_before.utilities[b]
            ax.scatter([x0], [y0], marker=marker, s=marker_size(marker, 110), facecolors="none",
                       edgecolors="0.5",
                       zorder=4)
            if abs(x1 - x0) + abs(y1 - y0) > _SAME:
                shifted = True
                ax.annotate("", (x1, y1), (x0, y0), zorder=6,
                            arrowprops=dict(arrowstyle="-|>", color="black", lw=1.4,
                                            shrinkA=6, shrinkB=8))
    ax.set_xlabel(f"{a} utility", fontsize=BASE_FONT)
    ax.set_ylabel(f"{b} utility", fontsize=BASE_FONT)
    clean_axes(ax)
    def _names(keep) -> list[str]:
        return [m.name.replace("_", " ") for m in c.solutions if m.name != "compromise" and keep(m)]

    moved = _names(lambda m: m.before is not None and m.after is not None)
    gone = _names(lambda m: m.after is None)
    came = _names(lambda m: m.before is None and m.after is not None)
    parts = ([f"{', '.join(moved)} moves to another deal"] if moved else [])
    parts += ([f"{', '.join(gone)}: no acceptable deal left"] if gone else [])
    parts += ([f"{', '.join(came)}: found only after"] if came else [])
    finding = (f"Acceptable deals {c.deals.size_before:,} → {c.deals.size_after:,}; "
               + ("; ".join(parts) if parts else
                  "the solutions keep their deals, their utilities shift" if shifted else
                  "no bargaining solution moves")
               + f" (faint: {abbreviate(c.before, 40)}; strong: {abbreviate(c.after, 60)})")
    if new_fig:
        finding_title(ax, finding)
        handles, labels = ax.get_legend_handles_labels()
        seen = dict(zip(labels, handles))
        ax.legend(seen.values(), seen.keys(), loc="upper left", bbox_to_anchor=(1.01, 1),
                  fontsize=BASE_FONT - 2, frameon=False)
        add_footer(ax.figure, after)
    return ax


def verdict_changes(comparison: Comparison, analysis: Analysis | None = None, ax=None):
    """A table figure of the verdicts that flip: proposal, actor, before and after, margins.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim
    >>> c = negsim.compare(negsim.examples.toy_scenario(proposal=True),
    ...                    negsim.examples.toy_scenario(lever=2.0, proposal=True))
    >>> len(verdict_changes(c).tables)
    1
    """
    rows = [v for v in comparison.verdicts if v.actor != "all"]
    new_fig = ax is None
    if new_fig:
        height = min(9.0, 1.6 + 0.42 * max(1, len(rows)))
        fig, ax = new_figure(figsize=(11.0, height), footer=analysis is not None)
    ax.axis("off")
    if not rows:
        lines = ["No actor's verdict on a proposal both sides share flips."]
        if comparison.only_before:
            lines.append("Only before: " + ", ".join(comparison.only_before))
        if comparison.only_after:
            lines.append("Only after: " + ", ".join(comparison.only_after))
        ax.text(0.0, 0.9, "\n".join(lines), fontsize=BASE_FONT, va="top", linespacing=1.6)
    else:
        def word(ok: bool) -> str:
            return "accepts" if ok else "rejects"

        cells = [[v.proposal.replace("_", " "), v.actor,
                  f"{word(v.before)} ({v.margin_before:+.3f})",
                  f"{word(v.after)} ({v.margin_after:+.3f})"] for v in rows]
        table = ax.table(cellText=cells, colLabels=["proposal", "actor", "before", "after"],
                         loc="upper left", cellLoc="left", colLoc="left",
                         colWidths=[0.34, 0.16, 0.25, 0.25])
        table.auto_set_font_size(False)
        table.set_fontsize(BASE_FONT - 1)
        table.scale(1, 1.5)
        for (r, col), cell in table.get_celld().items():
            cell.set_edgecolor("0.85")
            if r == 0:
                cell.set_text_props(fontweight="bold")
            elif col >= 2:
                ok = rows[r - 1].before if col == 2 else rows[r - 1].after
                cell.set_text_props(color=ACCEPT_COLOR if ok else REJECT_COLOR)
    if new_fig:
        n = len(rows)
        count = "No" if n == 0 else str(n)
        verb = "verdict flips" if n == 1 else "verdicts flip"
        finding_title(ax, f"{count} {verb} from "
                          f"{abbreviate(comparison.before, 35)} to "
                          f"{abbreviate(comparison.after, 45)}")
        if analysis is not None:
            add_footer(ax.figure, analysis)
    return ax


def comparison_files(before: Analysis, after: Analysis, comparison: Comparison,
                     formats: Sequence[str] = ("png", "svg"), dpi: int = 200) -> dict[str, bytes]:
    """Every comparison figure rendered in memory, ``{file name: content}`` (nothing written)."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from negsim.plot.save import render

    figs = {}
    try:
        if len({x.name for x in before.actors} & {x.name for x in after.actors}) >= 2:
            figs["comparison_plane"] = comparison_plane(before, after, comparison).figure
        figs["verdict_changes"] = verdict_changes(comparison, after).figure
        return {f"{name}.{fmt}": render(fig, fmt, dpi) for name, fig in figs.items()
                for fmt in formats}
    finally:
        for fig in figs.values():
            plt.close(fig)
