"""Tornado chart: which uncertain parameter moves a target most, and which flips the verdict."""

from __future__ import annotations

from negsim.plot._pick import pick_item
from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, SLIDE_SIZE, abbreviate,
                               clean_axes, finish_figure, new_figure, parameter_label,
                               target_label)
from negsim.results.analysis import Sensitivity

__all__ = ["tornado", "tornado_title"]


def tornado_title(s: Sensitivity, analysis=None) -> str:
    """The finding of a tornado chart.

    Examples
    --------
    >>> from negsim.results.analysis import SensitivityBar
    >>> bar = SensitivityBar("levers.tariffs.effects.Russia", "U(-1, 0)", -1, 0, -0.2, 0.3, 0.5,
    ...                      True)
    >>> tornado_title(Sensitivity("margin:truce:Russia", 0.1, 0.0, [0.05, 0.95], [bar]))
    "Russia's margin on truce turns on tariffs: effect on Russia"
    """
    if not s.bars:
        return f"No uncertain parameter to swing for {target_label(s.target)}"
    flips = [b for b in s.bars if b.flips]
    top = s.bars[0]
    what = target_label(s.target)
    what = what[0].upper() + what[1:]
    if flips:
        more = f" (and {len(flips) - 1} more)" if len(flips) > 1 else ""
        return f"{what} turns on {parameter_label(flips[0].parameter, analysis)}{more}"
    return f"No single parameter flips {target_label(s.target)}; " \
           f"{parameter_label(top.parameter, analysis)} moves it most"


_THIN_BAR = 0.04
"""A bar narrower than this share of the plotted range gets one note, not two end values."""


def tornado(source, index: int = 0, ax=None, footer: bool = True, max_bars: int = 12):
    """Draw one-at-a-time sensitivity: a bar per parameter from the target at its low end to
    the target at its high end, largest swing on top, the threshold as a vertical line.

    Bars whose two ends lie on different sides of the threshold flip the verdict: they are drawn
    in full colour and labelled "flips".  Bars keep the order of the result (sorted by swing).

    Parameters
    ----------
    source : Analysis or Sensitivity
        An analysis (its ``sensitivity[index]``) or a result of :func:`negsim.sensitivity`.
    index : int
    ax : matplotlib Axes, optional
    footer : bool
        Add the footer to a new figure (needs an analysis).
    max_bars : int
        Draw at most this many bars (the largest swings).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from negsim.results.analysis import SensitivityBar
    >>> s = Sensitivity("margin:t:A", 0.1, 0.0, [0.05, 0.95],
    ...     [SensitivityBar("levers.l.effects.A", "U(0, 1)", 0, 1, -0.3, 0.4, 0.7, True)])
    >>> [t.get_text() for t in tornado(s).get_yticklabels()]
    ['l: effect on A']
    """
    s, analysis = pick_item(source, "sensitivity", index, Sensitivity, "tornado")
    bars = s.bars[:max_bars]
    new_fig = ax is None
    if new_fig:
        height = min(max(3.4, 1.9 + 0.55 * len(bars)), 9.0)
        _, ax = new_figure((SLIDE_SIZE[0], height), footer=footer and analysis is not None)
    ends = [s.threshold, s.base] + [v for b in bars for v in (b.target_low, b.target_high)]
    span = max(ends) - min(ends)
    for k, b in enumerate(bars):
        lo, hi = sorted((b.target_low, b.target_high))
        color = ACCEPT_COLOR if b.target_high >= b.target_low else REJECT_COLOR
        ax.barh(k, hi - lo, left=lo, height=0.62, color=color, alpha=0.9 if b.flips else 0.35,
                edgecolor="black" if b.flips else "none", lw=1.5, gid=f"bar:{k}:{b.parameter}")
        if hi - lo <= _THIN_BAR * span:  # two end values would run together: one note
            ax.text(hi, k, f"  {b.low:.3g} → {b.high:.3g}: hardly moves it", ha="left",
                    va="center", fontsize=BASE_FONT - 3, color="0.3")
            continue
        ax.text(b.target_low, k, f"{b.low:.3g} ", ha="right" if b.target_low <= b.target_high
                else "left", va="center", fontsize=BASE_FONT - 3, color="0.3")
        ax.text(b.target_high, k, f" {b.high:.3g}", ha="left" if b.target_high >= b.target_low
                else "right", va="center", fontsize=BASE_FONT - 3, color="0.3")
        if b.flips:
            ax.text(hi, k - 0.36, "flips the verdict", ha="right", va="bottom",
                    fontsize=BASE_FONT - 3, color=REJECT_COLOR, fontweight="bold",
                    gid=f"flips:{b.parameter}")
    ax.axvline(s.threshold, color="black", lw=1.5, gid="threshold")
    ax.axvline(s.base, color="0.4", lw=1, ls=":", gid="base")
    ax.set_yticks(range(len(bars)),
                  [abbreviate(parameter_label(b.parameter, analysis), 42) for b in bars],
                  fontsize=BASE_FONT - 1)
    from matplotlib.patches import Patch

    keys = [Patch(color=ACCEPT_COLOR, alpha=0.9, label="higher value → larger margin"),
            Patch(color=REJECT_COLOR, alpha=0.9, label="higher value → smaller margin"),
            Patch(facecolor="0.8", edgecolor="black", lw=1.5, label="outlined: flips the verdict"),
            Patch(color="0.8", alpha=0.35, label="faint: does not flip it")]
    ax.legend(handles=keys, loc="lower right", bbox_to_anchor=(1.0, 1.06), ncol=2,
              frameon=False, fontsize=BASE_FONT - 3, handlelength=1.4)
    ax.set_ylim(len(bars) - 0.5, -0.8)
    ax.set_xlabel(f"{target_label(s.target)}  (solid line: threshold {s.threshold:g}; dotted: "
                  f"{s.base:.2f} at point values)", fontsize=BASE_FONT - 1)
    ax.text(1.0, 1.0, f"bar ends: each parameter at its {s.span[0]:.0%} and {s.span[1]:.0%} "
            "quantile (values at the ends)", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=BASE_FONT - 3, color="0.35")
    lo = min([s.threshold, s.base] + [min(b.target_low, b.target_high) for b in bars])
    hi = max([s.threshold, s.base] + [max(b.target_low, b.target_high) for b in bars])
    pad = 0.15 * max(hi - lo, 0.05)
    ax.set_xlim(lo - pad, hi + pad)
    clean_axes(ax, keep=("bottom",))
    ax.tick_params(axis="y", length=0)
    title = tornado_title(s, analysis)
    finish_figure(ax, title, new_fig=new_fig, analysis=analysis if footer else None)
    return ax
