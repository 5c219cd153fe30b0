"""One briefing style for every figure: actor colours, font sizes, titles, footer.

Every figure of :mod:`negsim.plot` is drawn through these helpers so that an actor has the same
colour everywhere, text is readable on a slide (16:9, about 11 × 6.2 inches), titles state the
finding, and a footer names the scenario, its date, the negsim version and the seed.
"""

from __future__ import annotations

import contextlib
import functools
import re
import textwrap
from collections.abc import Iterator

from negsim.results.analysis import Analysis
from negsim.plot.wording import issue_summary, labelled_options, option_text, words

__all__ = ["actor_colors", "color_clashes", "COLOR_CLASH", "footer_text", "option_text", "marker_size", "labelled_options", "issue_summary", "SOLUTION_MARKERS", "SOLUTION_LABELS", "BASE_FONT",
           "SLIDE_SIZE", "ACCEPT_COLOR", "REJECT_COLOR", "new_figure", "add_footer",
           "finding_title", "finish_figure", "clean_axes", "abbreviate", "player_colors", "words",
           "parameter_label", "PARAMETER_NAME_WORDS", "target_label", "literal", "literal_text"]

_PALETTE = ("#67001f", "#2166ac", "#762a83", "#e08214", "#35978f", "#8c510a", "#c51b7d",
            "#4d4d4d", "#01665e", "#542788")
"""Actor colours, none of them near the accept green or the reject red."""

COLOR_CLASH = 0.25
"""Two colours closer than this (Euclidean distance of RGB in [0, 1]) read as the same colour:
an actor colour that near ``ACCEPT_COLOR`` or ``REJECT_COLOR`` is replaced (see
:func:`actor_colors`)."""

BASE_FONT = 12
"""Body text size in points; titles are larger, footers smaller."""

SLIDE_SIZE = (11.0, 6.2)
"""Default figure size in inches (16:9 slide)."""

ACCEPT_COLOR = "#1a9850"
REJECT_COLOR = "#d73027"
FOOTER_IN = 0.34
"""Inches kept free at the bottom of a figure for the footer (whatever the figure's height)."""
_FOOTER_Y_IN = 0.06
"""Inches from the bottom edge to the footer's baseline."""

SOLUTION_MARKERS = {
    "nash": ("*", "Nash"),
    "asymmetric_nash": ("P", "Asym. Nash"),
    "kalai_smorodinsky": ("D", "Kalai–Smorodinsky"),
    "egalitarian": ("^", "Egalitarian"),
    "utilitarian": ("s", "Utilitarian"),
    "compromise": ("X", "Compromise"),
}

SOLUTION_LABELS = {name: text for name, (_, text) in SOLUTION_MARKERS.items()}

MARKER_AREA = {"*": 1.8, "P": 1.1, "^": 1.15, "D": 0.8}
"""Area factor per marker shape that draws them at one visual size (matplotlib's star fills
about half the area of its square at the same ``s``)."""


def marker_size(marker: str, size: float) -> float:
    """A scatter ``s`` for ``marker`` that looks as big as a square of ``size``.

    Examples
    --------
    >>> marker_size("*", 100.0), marker_size("s", 100.0)
    (180.0, 100.0)
    """
    return size * MARKER_AREA.get(marker, 1.0)


def actor_colors(analysis: Analysis) -> dict[str, str]:
    """A fixed colour per actor: the scenario's own, else the palette in actor order.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),), color="#000000"),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight"),))))
    >>> actor_colors(negsim.analyze(s))
    {'A': '#000000', 'B': '#2166ac'}

    A colour that reads as the accept green or the reject red (``COLOR_CLASH``) is replaced by
    the first palette colour no other actor uses, so an actor's ✗ is never drawn in "accepted"
    green and Russia's red is never "blocked" red.
    """
    out = {}
    for k, a in enumerate(analysis.actors):
        out[a.name] = a.color or _PALETTE[k % len(_PALETTE)]
    for name, color in out.items():
        if color_clashes(color):
            used = set(out.values())
            out[name] = next((c for c in _PALETTE if c not in used), _PALETTE[0])
    return out


def color_clashes(color: str) -> bool:
    """Whether ``color`` reads as the accept or the reject colour.

    Examples
    --------
    >>> color_clashes("#b2182b"), color_clashes("#1b7837"), color_clashes("#2166ac")
    (True, True, False)
    """
    from matplotlib.colors import to_rgb

    rgb = to_rgb(color)
    return any(sum((x - y) ** 2 for x, y in zip(rgb, to_rgb(ref))) ** 0.5 < COLOR_CLASH
               for ref in (ACCEPT_COLOR, REJECT_COLOR))


def footer_text(analysis: Analysis) -> str:
    """Scenario name, date, negsim version and seed."""
    parts = [analysis.scenario]
    if analysis.date:
        parts.append(analysis.date)
    parts += [f"negsim {analysis.version}", f"seed {analysis.seed}"]
    return " · ".join(parts)


def abbreviate(text: str, width: int) -> str:
    """Shorten ``text`` to at most ``width`` characters, ending with an ellipsis if cut.

    Examples
    --------
    >>> abbreviate("an immediate, complete and unconditional ceasefire", 24)
    'an immediate, complete…'
    """
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 1)]
    if " " in cut[width // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def new_figure(figsize: tuple[float, float] = SLIDE_SIZE, nrows: int = 1, ncols: int = 1,
               footer: bool = True, **kw):
    """A figure in the briefing style (constrained layout, room for the footer); ``(fig, axes)``."""
    import matplotlib.pyplot as plt  # on first use: importing pyplot picks the backend

    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained",
                             FigureClass=_literal_figure_class(), **kw)
    if footer:
        share = FOOTER_IN / figsize[1]
        fig.get_layout_engine().set(rect=(0, share, 1, 1 - share))
    return fig, axes


def literal(text: str) -> str:
    """``text`` escaped so matplotlib shows it as typed (a ``$`` is never mathtext).

    For user text put on a figure negsim did not make; negsim's own figures show every text
    as typed anyway (see :func:`literal_text`).

    Examples
    --------
    >>> literal("costs $x^$ and 5$")
    'costs \\\\$x^\\\\$ and 5\\\\$'
    """
    return text.replace("$", r"\$")


@contextlib.contextmanager
def literal_text(fig=None) -> Iterator[None]:
    """Inside, matplotlib parses no mathtext: every text (of ``fig``, and any made meanwhile,
    tick labels included) is drawn as typed, so a ``$x^$`` or ``\\`` in a label never raises.

    negsim's figures hold user text (labels, names, quotes) and no intended mathtext.
    """
    import matplotlib
    from matplotlib.text import Text

    with matplotlib.rc_context({"text.parse_math": False}):
        if fig is not None:
            for t in fig.findobj(Text):
                t.set_parse_math(False)
        yield


@functools.cache
def _literal_figure_class():
    """A Figure that draws inside :func:`literal_text` (layout, ``draw_without_rendering``,
    ``savefig`` and ``show`` all go through ``Figure.draw``)."""
    from matplotlib.figure import Figure

    class LiteralFigure(Figure):
        def draw(self, renderer):
            with literal_text(self):
                return super().draw(renderer)

    LiteralFigure.__module__ = __name__
    LiteralFigure.__qualname__ = "LiteralFigure"
    return LiteralFigure


def add_footer(fig, analysis: Analysis) -> None:
    """Write the scenario / date / version / seed footer at the bottom left of ``fig``."""
    fig.text(0.01, _FOOTER_Y_IN / fig.get_figheight(), footer_text(analysis),
             fontsize=BASE_FONT - 3, color="0.4",
             ha="left", va="bottom", gid="negsim-footer")


def finding_title(target, text: str, width: int | None = None) -> None:
    """Put a title that states the finding on an Axes (left-aligned) or a Figure (suptitle).

    Long titles are wrapped at ``width`` characters (by default, what fits the figure's width) so
    they never run off the figure.
    """
    if width is None:
        fig = target if hasattr(target, "suptitle") else target.figure
        width = int(fig.get_figwidth() * 72 / ((BASE_FONT + 3) * 0.66))
    wrapped = "\n".join(textwrap.wrap(text, width)) or text
    if hasattr(target, "suptitle"):
        target.suptitle(wrapped, fontsize=BASE_FONT + 3, x=0.01, ha="left", fontweight="bold")
    else:
        target.set_title(wrapped, fontsize=BASE_FONT + 2, loc="left", fontweight="bold")


def clean_axes(ax, keep: tuple[str, ...] = ("left", "bottom")) -> None:
    """No chart junk: only the spines in ``keep``, readable ticks."""
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(side in keep)
    ax.tick_params(labelsize=BASE_FONT - 1)


def player_colors(names, analysis: Analysis | None = None) -> dict[str, str]:
    """Colours for ``names``: the analysis's actor colours where known, else the palette in order.

    Examples
    --------
    >>> player_colors(["A", "B"])
    {'A': '#67001f', 'B': '#2166ac'}
    """
    known = actor_colors(analysis) if analysis is not None else {}
    out = {}
    for k, n in enumerate(names):
        out[n] = known.get(n, _PALETTE[k % len(_PALETTE)])
    return out


PARAMETER_NAME_WORDS = 6
"""A demand named in a parameter label is cut to this many words of its description."""

LEVER_NAME_CHARS = 28
"""A lever is named by its label in a parameter label when the label is at most this long
(else by its id in words: a tornado's row names must stay apart)."""


def parameter_label(path: str, analysis: Analysis | None = None) -> str:
    """A parameter path in words: the one naming used by every figure and text.

    With ``analysis``, a demand is named by its description and a lever by its label when
    short (the words the brief and the figures show elsewhere); without it, by number and id.

    Examples
    --------
    >>> parameter_label("levers.secondary_tariffs.effects.Russia")
    'secondary tariffs: effect on Russia'
    >>> parameter_label("actors.Russia.demands[0].weight")
    'Russia: weight of demand 1'
    >>> import negsim
    >>> a = negsim.analyze(negsim.examples.two_party_scenario())
    >>> parameter_label("actors.B.demands[0].weight", a)
    'B: weight of “war = fight”'
    """
    parts = path.split(".")
    if len(parts) >= 3 and parts[0] == "levers":
        what = {"effects": "effect on", "credibility": "credibility"}.get(parts[2], words(parts[2]))
        name = words(parts[1])
        if analysis is not None:
            lever = next((lv for lv in analysis.levers if lv.id == parts[1]), None)
            if lever is not None and lever.label and len(lever.label) <= LEVER_NAME_CHARS:
                name = lever.label
        return f"{name}: {what}" + (f" {parts[3]}" if len(parts) > 3 else "")
    if len(parts) >= 3 and parts[0] == "actors":
        m = re.fullmatch(r"demands\[(\d+)\]", parts[2])
        if m and len(parts) > 3:
            k = int(m.group(1))
            what = f"demand {k + 1}"
            if analysis is not None:
                actor = next((x for x in analysis.actors if x.name == parts[1]), None)
                if actor is not None and k < len(actor.demands) and actor.demands[k].description:
                    text = re.sub(r"\s*\(red line\)\s*$", "",
                                  labelled_options(actor.demands[k].description, analysis))
                    cut = text.split()
                    text = " ".join(cut[:PARAMETER_NAME_WORDS]) + \
                        ("…" if len(cut) > PARAMETER_NAME_WORDS else "")
                    what = f"“{text}”"
            field = {"hard": "red line"}.get(parts[3], words(parts[3]))
            return f"{parts[1]}: {field} of {what}"
        return f"{parts[1]}: {words('.'.join(parts[2:]))}"
    return words(path)


def target_label(target: str) -> str:
    """A target in words.

    Examples
    --------
    >>> target_label("margin:air_truce:Russia")
    "Russia's margin on air truce"
    >>> target_label("margin:air_truce")
    'the smallest margin on air truce'
    """
    parts = target.split(":")
    if parts[0] == "margin" and len(parts) == 3:
        return f"{parts[2]}'s margin on {words(parts[1])}"
    if parts[0] == "margin" and len(parts) == 2:
        return f"the smallest margin on {words(parts[1])}"
    if parts[0] == "reservation" and len(parts) == 2:
        return f"{parts[1]}'s walk-away"
    return words(target)


def finish_figure(ax, title: str, *, new_fig: bool, analysis: Analysis | None = None) -> None:
    """Put the finding title on the figure (when negsim made it) or on the panel, and the footer.

    Parameters
    ----------
    ax : matplotlib Axes
        The panel drawn into.
    title : str
        The finding, in words.
    new_fig : bool
        Whether the figure was made by the plotting function (not passed in with ``ax=``).
    analysis : Analysis, optional
        Where the footer's scenario, date, version and seed come from; no footer without it.
    """
    if new_fig:
        finding_title(ax.figure, title)
        if analysis is not None:
            add_footer(ax.figure, analysis)
    else:
        finding_title(ax, title, width=60)
