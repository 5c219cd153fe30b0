"""Who accepts which proposal, by what margin, and what blocks it: a proposals × actors grid."""

from __future__ import annotations

import math
import re
import textwrap

from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import Rectangle
import numpy as np

from negsim.errors import NegsimError
from negsim.plot.style import (labelled_options, ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, SLIDE_SIZE, abbreviate,
                               add_footer, actor_colors, finding_title, new_figure)
from negsim.results.analysis import ActorVerdict, Analysis

__all__ = ["proposal_verdicts", "verdicts_title", "cell_text"]

_CELL_LINES = 4
"""Lines of blocking-demand text a cell holds before it is abbreviated."""
_SCALE_STEP = 0.25
"""The colour scale ends on a multiple of this, at or beyond the largest margin."""


def verdicts_title(analysis: Analysis) -> str:
    """The finding of the verdict grid in one sentence.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight", hard=True),))),
    ...     proposals=(negsim.Proposal("t", (("war", "truce"),), label="truce"),))
    >>> verdicts_title(negsim.analyze(s))
    'No proposal on the table is acceptable to all; B rejects 1 of the 1'
    """
    vs = analysis.verdicts
    good = [v for v in vs if v.accepted_by_all]
    if good:
        names = ", ".join(f"'{v.label or v.proposal}'" for v in good[:3])
        more = f" and {len(good) - 3} more" if len(good) > 3 else ""
        rest = len(vs) - len(good)
        tail = f"; {rest} other{'s are' if rest > 1 else ' is'} blocked" if rest else ""
        verb = "is" if len(good) == 1 else "are"
        return f"{names}{more} {verb} acceptable to every party{tail}"
    against: dict[str, int] = {}
    for v in vs:
        for r in v.responses:
            if not r.accepts:
                against[r.actor] = against.get(r.actor, 0) + 1
    head = "No proposal on the table is acceptable to all"
    counts = sorted(against.items(), key=lambda kv: -kv[1])
    parts = [f"{who} rejects {n} of the {len(vs)}" if k == 0 else f"{who} {n}"
             for k, (who, n) in enumerate(counts[:3])]
    return f"{head}; " + ", ".join(parts) if parts else head


def cell_text(r: ActorVerdict, width: int, analysis: Analysis | None = None) -> str:
    """The text of one cell: mark and margin, then the blocking demand if it fits ``width``
    (its options by the issue's ``labels`` when ``analysis`` gives them).

    Examples
    --------
    >>> from negsim.results.analysis import ActorVerdict, Blocker
    >>> r = ActorVerdict("B", False, 0.2, 0.5, -0.3, False,
    ...                  [Blocker(0, "war", "war = fight", False, 0.0, 0.3)])
    >>> print(cell_text(r, 30))
    ✗ −0.30
    war = fight
    """
    mark = "✓" if r.accepts else "✗"
    # a crossed red line decides the answer whatever the margin: no margin is shown for it
    head = mark if r.vetoed else f"{mark} {r.margin:+.2f}".replace("-", "−")
    if r.accepts or not r.blockers:
        return head
    b = next((x for x in r.blockers if x.red_line), r.blockers[0]) if r.vetoed else r.blockers[0]
    desc = re.sub(r"\s*\(red line\)\s*$", "", labelled_options(b.description, analysis))
    why = ("red line: " if b.red_line else "") + desc
    lines = textwrap.wrap(why, max(width, 8))
    if not lines:
        return head
    if len(lines) > _CELL_LINES:
        lines = lines[:_CELL_LINES - 1] + [abbreviate(" ".join(lines[_CELL_LINES - 1:]),
                                                      max(width, 8))]
    return "\n".join([head] + lines)


def proposal_verdicts(analysis: Analysis, ax=None, footer: bool = True):
    """Draw the proposals × actors grid of acceptance margins.

    Each cell is coloured by the actor's acceptance margin (utility − walk-away; diverging, centred
    at 0, blue accepts, red falls short; the scale ends on a multiple of 0.25 beyond the largest
    margin), marked ✓ / ✗; a cell where a red line is crossed is hatched on pale red with no
    margin (the red line decides, whatever the margin), and
    names the blocking demand where it fits.  Row labels are green for proposals every party
    accepts and red for blocked ones.

    Parameters
    ----------
    analysis : Analysis
    ax : matplotlib Axes, optional
    footer : bool
        Add the footer to a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim, negsim.plot
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight"),))),
    ...     proposals=(negsim.Proposal("t", (("war", "truce"),)),))
    >>> ax = negsim.plot.proposal_verdicts(negsim.analyze(s))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['A', 'B']
    """
    vs = analysis.verdicts
    if not vs:
        raise NegsimError("the scenario has no proposals, so there are no verdicts to draw")
    actors = [a.name for a in analysis.actors]
    colors = actor_colors(analysis)
    n_p, n_a = len(vs), len(actors)
    margins = np.array([[v.response(a).margin for a in actors] for v in vs], dtype=float)
    new_fig = ax is None
    if new_fig:
        height = min(max(3.6, 1.6 + 1.1 * n_p), 9.0)
        fig, ax = new_figure((SLIDE_SIZE[0], height), footer=footer)
    vetoed = np.array([[v.response(a).vetoed for a in actors] for v in vs], dtype=bool)
    live = np.abs(margins[~vetoed]) if (~vetoed).any() else np.zeros(1)
    span = max(_SCALE_STEP, math.ceil(float(live.max()) / _SCALE_STEP) * _SCALE_STEP)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-span, vmax=span)
    mesh = ax.pcolormesh(np.arange(n_a + 1), np.arange(n_p + 1),
                         np.ma.masked_array(margins, mask=vetoed), cmap="RdBu", norm=norm,
                         edgecolors="white", linewidth=2)
    mesh.set_gid("verdict-cells")
    fig = ax.figure
    width_in = fig.get_figwidth() * 0.72 / n_a
    fontsize = BASE_FONT - 1 if n_a <= 4 else BASE_FONT - 2
    chars = int(width_in * 72 / (fontsize * 0.7))
    for i, v in enumerate(vs):
        for j, a in enumerate(actors):
            r = v.response(a)
            if r.vetoed:
                ax.add_patch(_hatch(j, i))
            strong = not r.vetoed and abs(norm(r.margin) - 0.5) > 0.33
            ax.text(j + 0.5, i + 0.5, cell_text(r, chars, analysis), ha="center", va="center",
                    fontsize=fontsize, color="white" if strong else "black",
                    gid=f"cell:{v.proposal}:{a}", linespacing=1.15,
                    fontweight="bold" if not r.accepts else "normal")
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(n_a) + 0.5, actors, fontsize=BASE_FONT + 1)
    for t, a in zip(ax.get_xticklabels(), actors):
        t.set_color(colors[a])
        t.set_fontweight("bold")
    labels = ["\n".join(textwrap.wrap(abbreviate(v.label or v.proposal, 60), 30)) for v in vs]
    ax.set_yticks(np.arange(n_p) + 0.5, labels, fontsize=BASE_FONT - 1)
    for t, v in zip(ax.get_yticklabels(), vs):
        t.set_color(ACCEPT_COLOR if v.accepted_by_all else REJECT_COLOR)
    ax.set_xlim(0, n_a)
    ax.set_ylim(n_p, 0)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    cb = fig.colorbar(mesh, ax=ax, location="right", shrink=0.8, pad=0.02, aspect=25)
    cb.set_label("margin = utility − walk-away", fontsize=BASE_FONT - 2)
    if vetoed.any():
        ax.set_xlabel("hatched: a red line is crossed, so the party rejects whatever its margin",
                      fontsize=BASE_FONT - 2, color="0.3")
    cb.ax.tick_params(labelsize=BASE_FONT - 3)
    cb.outline.set_visible(False)
    if new_fig:
        finding_title(fig, verdicts_title(analysis))
        if footer:
            add_footer(fig, analysis)
    else:
        finding_title(ax, verdicts_title(analysis), width=60)
    return ax


def _hatch(j: int, i: int):

    return Rectangle((j + 0.02, i + 0.02), 0.96, 0.96, facecolor="#fbe3e0", hatch="///",
                     edgecolor=REJECT_COLOR, lw=0, gid="red-line-crossed")
