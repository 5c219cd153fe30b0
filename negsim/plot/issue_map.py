"""Which option of each issue can be part of a deal, and whose red lines rule the others out."""

from __future__ import annotations

import textwrap

from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, SLIDE_SIZE, abbreviate, add_footer,
                               actor_colors, finding_title, new_figure, option_text)
from negsim.results.analysis import Analysis

__all__ = ["issue_map", "issue_map_title"]

_OPEN = "#d9f0d3"
_CLOSED = "#eeeeee"


_LINE = 0.28
"""Least height of one line of cell text, in data units (a row is at least one unit high)."""
_PAD = 0.3
"""Room above and below a cell's text, in data units."""


def _same(a, b) -> bool:
    return str(a) == str(b)


def _two_lines(text: str, width: int, n: int = 2) -> str:
    lines = textwrap.wrap(text.replace("_", " "), width)
    if len(lines) > n:
        lines = lines[:n - 1] + [abbreviate(" ".join(lines[n - 1:]), width)]
    return "\n".join(lines)


_ISSUE_LINES = 3
"""An issue's name takes at most this many lines beside its row (a row is 0.85 in high)."""


def _issue_label(text: str) -> str:
    return _two_lines(text, 24, _ISSUE_LINES)


def _option_text(opt, chars: int, issue=None) -> str:
    return _two_lines(option_text(opt, issue), chars)


def issue_map_title(analysis: Analysis) -> str:
    """The finding of the issue map in one sentence.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),
    ...                                    negsim.Issue("aid", ("yes", "no"), "yes")),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce", hard=True),)),))
    >>> issue_map_title(negsim.analyze(s))
    'Every acceptable deal has war = truce'
    """
    acc = analysis.acceptable
    label = {i.id: i.id.replace("_", " ") for i in analysis.issues}
    if acc.empty:
        closed = [i.id for i in analysis.issues
                  if i.id in acc.excluded_by and len(acc.excluded_by[i.id]) == len(i.options)]
        if closed:
            return ("No deal is possible: red lines exclude every option on "
                    + ", ".join(label[c] for c in closed[:3]))
        n = sum(len(v) for v in acc.excluded_by.values())
        return (f"No deal is acceptable to all; red lines exclude {n} option"
                f"{'' if n == 1 else 's'}, walk-aways the rest")
    fixed = [(i, acc.options[i.id][0]) for i in analysis.issues
             if len(acc.options.get(i.id, [])) == 1]
    if not fixed:
        return "Acceptable deals leave more than one option open on every issue"
    parts = [f"{label[i.id]} = {str(opt).replace('_', ' ')}" for i, opt in fixed[:3]]
    more = f" (+{len(fixed) - 3} more issues)" if len(fixed) > 3 else ""
    return "Every acceptable deal has " + ", ".join(parts) + more


def issue_map(analysis: Analysis, ax=None, footer: bool = True):
    """Draw, per issue and option, whether it occurs in some acceptable deal and whose red lines exclude it.

    Green cells are options found in at least one deal every party accepts
    (``AcceptableSet.options``), grey cells are options in none; under an option, the actors whose
    red lines rule out every outcome with it (``AcceptableSet.excluded_by``), in their colours.
    The status-quo option is outlined.

    Parameters
    ----------
    analysis : Analysis
    ax : matplotlib Axes, optional
    footer : bool

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim, negsim.plot
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce", hard=True),)),))
    >>> ax = negsim.plot.issue_map(negsim.analyze(s))
    >>> sorted(p.get_gid() for p in ax.patches)
    ['option:war:fight', 'option:war:truce']
    """
    issues = analysis.issues
    acc = analysis.acceptable
    colors = actor_colors(analysis)
    n_cols = max((len(i.options) for i in issues), default=1)
    new_fig = ax is None
    if new_fig:
        height = min(max(3.2, 1.4 + 0.85 * len(issues)), 9.5)
        fig, ax = new_figure((SLIDE_SIZE[0], height), footer=footer)
    fig = ax.figure
    cell_in = fig.get_figwidth() * 0.8 / n_cols
    size = BASE_FONT - 1 if n_cols <= 5 else BASE_FONT - 2 if n_cols <= 8 else BASE_FONT - 4
    chars = max(int(cell_in * 72 / (size * 0.72)), 4)
    # a row holds its option text and the actors under it: m lines of text in all; one line is
    # `per_row` of the axes height (about 80% of the figure) per row, so line = per_row * row_h
    m = max([len(who) + _option_text(opt, chars, i).count("\n") + 1
             for i in issues for opt, who in acc.excluded_by.get(i.id, {}).items()], default=0)
    per_row = size * 1.3 / 72 / (fig.get_figheight() * 0.8) * len(issues)
    row_h = 1.0 if not m else max(1.0, _PAD / max(1 - per_row * m, _PAD))
    line = max(per_row * row_h, _LINE) if m else _LINE
    for r, issue in enumerate(issues):
        y = -r * row_h
        open_opts = acc.options.get(issue.id, [])
        excluded = acc.excluded_by.get(issue.id, {})
        for c, opt in enumerate(issue.options):
            ok = any(_same(opt, o) for o in open_opts)
            sq = _same(opt, issue.status_quo)
            patch = FancyBboxPatch((c + 0.04, y - row_h + 0.08), 0.92, row_h - 0.16,
                                   boxstyle="round,pad=0,rounding_size=0.06",
                                   fc=_OPEN if ok else _CLOSED,
                                   ec="0.25" if sq else (ACCEPT_COLOR if ok else "0.8"),
                                   lw=2.0 if sq else 1.0, ls="--" if sq else "-",
                                   gid=f"option:{issue.id}:{opt}")
            ax.add_patch(patch)
            who = excluded.get(str(opt), [])
            text = _option_text(opt, chars, issue)
            lines = text.count("\n") + 1
            top = y - _PAD / 2 - line * lines / 2 if who else y - row_h / 2
            ax.text(c + 0.5, top, text, ha="center",
                    va="center", fontsize=size, color="black" if ok else "0.45",
                    fontweight="bold" if ok else "normal", gid=f"option-text:{issue.id}:{opt}")
            for k, actor in enumerate(who):
                ax.text(c + 0.5, y - _PAD / 2 - line * (lines + k + 0.5),
                        abbreviate(f"✗ {actor}", chars),
                        ha="center",
                        va="center", fontsize=size - 1, color=colors.get(actor, "black"),
                        gid=f"excluded:{issue.id}:{opt}:{actor}")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(-len(issues) * row_h, 0)
    ax.set_yticks([-(r + 0.5) * row_h for r in range(len(issues))],
                  [_issue_label(i.label or i.id) for i in issues],
                  fontsize=BASE_FONT)
    ax.set_xticks([])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)

    handles = [Patch(fc=_OPEN, ec=ACCEPT_COLOR, label="in some acceptable deal"),
               Patch(fc=_CLOSED, ec="0.8", label="in no acceptable deal"),
               Patch(fc="white", ec="0.25", ls="--", lw=1.5, label="status quo (no deal)")]
    if acc.excluded_by:

        handles.append(Line2D([], [], ls="none", marker="$✗$", color="0.2", ms=0,
                              label="✗ actor: its red lines exclude this option"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncols=2,
              frameon=False, fontsize=BASE_FONT - 2)
    title = issue_map_title(analysis)
    if new_fig:
        finding_title(fig, title)
        if footer:
            add_footer(fig, analysis)
    else:
        finding_title(ax, title, width=60)
    return ax
