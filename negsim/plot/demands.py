"""Who wants what: each actor's demands as a table-like figure."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from negsim.errors import NegsimError
from negsim.loading.sources import short_citation
from negsim.plot.style import (BASE_FONT, REJECT_COLOR, SLIDE_SIZE, abbreviate, add_footer,
                               actor_colors, finding_title, labelled_options, new_figure)
from negsim.results.analysis import Analysis, DemandSummary

__all__ = ["demands", "demands_title", "ordered_demands"]

_ROW_IN = 0.27
_MAX_HEIGHT_IN = 24.0
"""Tallest the table grows (inches) before its rows are squeezed; past it, pass
``max_per_actor``."""
_QUOTE_LINES = 3
"""At most this many lines of a quote; longer ones end in an ellipsis."""
_LINE_ROWS = 0.6
"""Row height (in rows) each further line of a wrapped quote adds."""
# column starts, as fractions of the table width
_BADGE, _DESC, _BAR, _BAR_W, _PCT, _QUOTE = 0.0, 0.085, 0.43, 0.13, 0.565, 0.615


def ordered_demands(demands: Sequence[DemandSummary]) -> list[DemandSummary]:
    """Red lines first, then by weight share, largest first (stable for equal shares)."""
    return sorted(demands, key=lambda d: (not d.hard, -d.share))


def _source_text(d: DemandSummary, width: int) -> str:
    """The source in at most ``width`` characters: outlet, headline and date when they fit,
    else outlet and date (a raw file name only when no sources index resolved it)."""
    full = d.cited()
    if not full or len(full) + 2 <= width:
        return full
    return abbreviate(short_citation(full), width - 2)


def _quote(d: DemandSummary, width: int, lines: int = _QUOTE_LINES) -> str:
    """The quote in curly quotes, wrapped to ``width`` characters on at most ``lines`` lines
    (the last abbreviated when it does not fit), then its source: on the last line when it
    fits there, else on a line of its own.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> d = NS(quote="we will not give up our land", cited=lambda: "AP, “Land” (2025-05)")
    >>> print(_quote(d, 16))
    “we will not
    give up our
    land”
    (AP, 2025-05)
    """
    text = d.quote.strip().strip('"“”„«»').strip()
    src = _source_text(d, width)
    if not text:
        return f"({src})" if src else ""
    wrapped = textwrap.wrap(f"“{text}”", width, break_on_hyphens=False)
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        wrapped = wrapped[:lines - 1] + [abbreviate(rest[:-1], width - 1) + "”"]
    if src and len(wrapped[-1]) + len(src) + 3 <= width:
        wrapped[-1] += f" ({src})"
    elif src:
        wrapped.append(f"({src})")
    return "\n".join(wrapped)


_DESC_LINES = 2
"""At most this many lines of a demand's description; longer ones end in an ellipsis."""


def _wrap(text: str, width: int, lines: int = _DESC_LINES) -> str:
    """``text`` wrapped to ``width`` characters on at most ``lines`` lines, the last abbreviated.

    Examples
    --------
    >>> print(_wrap("No Ukrainian rearmament during a ceasefire", 24))
    No Ukrainian rearmament
    during a ceasefire
    """
    out = textwrap.wrap(text, max(width, 6), break_on_hyphens=False) or [text]
    if len(out) > lines:
        out = out[:lines - 1] + [abbreviate(" ".join(out[lines - 1:]), max(width, 6))]
    return "\n".join(out)


def _row_height(text: str) -> float:
    """Rows a demand takes: one, and ``_LINE_ROWS`` more for each further line of its quote."""
    return 1 + _LINE_ROWS * text.count("\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def demands_title(analysis: Analysis, actors: Sequence[str] | None = None) -> str:
    """The finding of the demands table: who holds how many red lines.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce", hard=True),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight"),))))
    >>> demands_title(negsim.analyze(s))
    'A states 1 red line; B states none'
    """
    chosen = [a for a in analysis.actors if actors is None or a.name in actors]
    counts = sorted(((sum(d.hard for d in a.demands), a.name) for a in chosen),
                    key=lambda t: -t[0])
    holders = [f"{name} {_plural(n, 'red line')}" for n, name in counts if n]
    none = [name for n, name in counts if not n]
    if not holders:
        return "No party states a red line: every demand can be traded"
    text = holders[0].replace(" ", " states ", 1) + "".join(f", {h}" for h in holders[1:])
    if none:
        who = none[0] if len(none) == 1 else ", ".join(none[:-1]) + " and " + none[-1]
        text += f"; {who} state{'s' if len(none) == 1 else ''} none"
    return text


def demands(analysis: Analysis, actors: Sequence[str] | None = None, ax=None,
            footer: bool = True, max_per_actor: int | None = None):
    """Draw each actor's demands: red lines marked, weight share bars, quotes wrapped
    to at most three lines.

    Rows are grouped by actor (header in the actor's colour) with red lines first, then by
    weight.  The bar is the demand's share of the actor's total weight; the quote is wrapped
    (the row grows with it), its source added when it fits.

    Parameters
    ----------
    analysis : Analysis
    actors : actor names, optional
        Which actors to show (default all, in scenario order).
    ax : matplotlib Axes, optional
    footer : bool
    max_per_actor : int, optional
        Show at most this many demands per actor (red lines first); a line says how many more.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim, negsim.plot
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce", hard=True),)),))
    >>> ax = negsim.plot.demands(negsim.analyze(s))
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "actor:A"]
    ['A']
    """
    names = [a.name for a in analysis.actors]
    for name in actors or ():
        if name not in names:
            raise NegsimError(f"unknown actor {name!r}; the analysis has {names}")
    chosen = [a for a in analysis.actors if actors is None or a.name in actors]
    if not any(a.demands for a in chosen):
        raise NegsimError("no demands to draw: the actors state none (or the result predates "
                          "ActorSummary.demands)")
    colors = actor_colors(analysis)
    blocks = []
    for a in chosen:
        ds = ordered_demands(a.demands)
        hidden = 0
        if max_per_actor is not None and len(ds) > max_per_actor:
            hidden, ds = len(ds) - max_per_actor, ds[:max_per_actor]
        blocks.append((a, ds, hidden))
    size = BASE_FONT - 2
    char_in = (size - 1) * 0.56 / 72  # the quotes' (smaller) font

    def chars(frac: float, width_in: float) -> int:
        return max(int(frac * width_in * 0.97 / char_in), 6)

    new_fig = ax is None
    fig_w = SLIDE_SIZE[0] if new_fig else ax.figure.get_figwidth()
    quotes = {id(d): _quote(d, chars(1 - _QUOTE, fig_w)) for _, ds, _ in blocks for d in ds}
    descs = {}
    for _, ds, _ in blocks:
        for d in ds:
            room = int(chars(_BAR - _DESC - 0.01, fig_w) * (size - 1) / size)
            room -= (4 if d.hard else 0) + (3 if d.when else 0)
            desc = re.sub(r"\s*\(red line\)\s*$", "", labelled_options(d.description, analysis))
            descs[id(d)] = _wrap(desc, room)
    rows = {k: max(_row_height(quotes[k]), _row_height(descs[k])) for k in quotes}
    n_rows = sum(1 + sum(rows[id(d)] for d in ds) + (1 if hidden else 0)
                 for _, ds, hidden in blocks)
    if new_fig:
        height = min(max(3.0, 1.3 + _ROW_IN * (n_rows + 0.6 * len(blocks))), _MAX_HEIGHT_IN)
        fig, ax = new_figure((SLIDE_SIZE[0], height), footer=footer)
    fig = ax.figure
    width_in = fig.get_figwidth()

    y = 0.0
    for a, ds, hidden in blocks:
        y += 0.3
        ax.text(_BADGE, y, a.name, fontsize=BASE_FONT + 1, fontweight="bold",
                color=colors[a.name], va="center", gid=f"actor:{a.name}")
        ax.text(_QUOTE, y, f"walk-away {a.reservation:.2f}", fontsize=size, color="0.35",
                va="center", gid=f"walkaway:{a.name}")
        ax.plot([0, 1], [y + 0.5, y + 0.5], color=colors[a.name], lw=1.0)
        last = 1.0
        for d in ds:
            quote = quotes[id(d)]
            y += (last + rows[id(d)]) / 2
            last = rows[id(d)]
            if d.hard:
                # a conditional red line (``when``) binds only where its condition holds
                ax.text(_BADGE, y, "red line if" if d.when else "red line", fontsize=size - 1,
                        color="white",
                        fontweight="bold", va="center", gid=f"redline:{a.name}:{d.issue}",
                        bbox=dict(boxstyle="round,pad=0.2", fc=REJECT_COLOR, ec="none"))
            ax.text(_DESC, y, descs[id(d)], linespacing=1.1,
                    fontsize=size, va="center", fontweight="bold" if d.hard else "normal",
                    gid=f"demand:{a.name}:{d.issue}")
            ax.barh(y, d.share * _BAR_W, left=_BAR, height=0.6, color=colors[a.name],
                    alpha=0.85, gid=f"weight:{a.name}:{d.issue}")
            ax.barh(y, _BAR_W, left=_BAR, height=0.6, color="none", ec="0.8", lw=0.6)
            ax.text(_PCT, y, f"{d.share:.0%}", fontsize=size, va="center", ha="left",
                    color="0.25")
            ax.text(_QUOTE, y, quote, fontsize=size - 1, va="center", linespacing=1.15,
                    style="italic", color="0.35", gid=f"quote:{a.name}:{d.issue}")
        if hidden:
            y += (last + 1) / 2
            last = 1.0
            ax.text(_DESC, y, f"+ {_plural(hidden, 'smaller demand')} not shown",
                    fontsize=size - 1, va="center", color="0.4")
        y += 0.6 + (last - 1) / 2
    ax.text(_BAR, -0.5, "weight share", fontsize=size - 1, color="0.35", va="center")
    ax.text(_QUOTE, -0.5, "in their words", fontsize=size - 1, color="0.35",
            va="center")
    ax.set_xlim(0, 1)
    ax.set_ylim(y, -1.0)
    ax.axis("off")
    title = demands_title(analysis, actors)
    if new_fig:
        finding_title(fig, title)
        if footer:
            add_footer(fig, analysis)
    else:
        finding_title(ax, title, width=60)
    return ax
