"""Tipping-point curve: the target as one parameter moves, and where it crosses its threshold."""

from __future__ import annotations

import math

import numpy as np

from negsim.errors import NegsimError
from negsim.plot._pick import pick_item
from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, clean_axes, finish_figure,
                               new_figure, parameter_label, target_label)
from negsim.results.analysis import TippingPoint

__all__ = ["tipping_point_curve", "tipping_title", "current_value"]


def tipping_title(tp: TippingPoint, analysis=None) -> str:
    """The finding of a tipping-point curve.

    Examples
    --------
    >>> tp = TippingPoint("levers.l.effects.A", "margin:t:A", 0.0, 0, 3, True, 1.0, [1.0], 1.0,
    ...                   -2.0, "", curve_x=[0, 3], curve_y=[1.0, -2.0])
    >>> tipping_title(tp)
    "A's margin on t changes side at l: effect on A = 1"
    """
    what = target_label(tp.target)
    what = what[0].upper() + what[1:]
    name = parameter_label(tp.parameter, analysis)
    if tp.vetoed:
        return f"{what}: a red line vetoes the proposal whatever {name}"
    if not tp.found:
        return f"{what} does not change side for {name} in [{tp.low:.3g}, {tp.high:.3g}]"
    return f"{what} changes side at {name} = {tp.value:.3g}"


def current_value(tp: TippingPoint, analysis) -> float | None:
    """The parameter's value today, read off the curve: where a strictly monotone margin curve
    equals the margin of the analysis (``None`` when the target is not a verdict margin, the
    curve is not strictly monotone, or the margin lies outside it).

    Examples
    --------
    >>> import negsim
    >>> a = negsim.analyze(negsim.examples.toy_scenario(proposal=True))
    >>> tp = TippingPoint("levers.l.effects.A", "margin:truce:A", 0.0, 0, 3, True, 1.0, [1.0],
    ...                   1.0, -2.0, "", curve_x=[0, 3], curve_y=[2.0, -1.0])
    >>> current_value(tp, a)
    1.0
    """
    parts = tp.target.split(":")
    if analysis is None or len(parts) != 3 or parts[0] != "margin":
        return None
    try:
        margin = next(r.margin for r in analysis.verdict(parts[1]).responses if r.actor == parts[2])
    except (KeyError, StopIteration):
        return None
    xs, ys = tp.curve_x, tp.curve_y
    steps = [b - a for a, b in zip(ys, ys[1:])]
    if len(ys) < 2 or not all(math.isfinite(y) for y in ys) or not (
            all(d > 0 for d in steps) or all(d < 0 for d in steps)):
        return None
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if min(y0, y1) <= margin <= max(y0, y1):
            return x0 + (margin - y0) * (x1 - x0) / (y1 - y0)
    return None


def tipping_point_curve(source, index: int = 0, ax=None, footer: bool = True):
    """Draw the target against the parameter, the threshold, and the root(s) marked.

    The curve is the result's own search grid (``curve_x``, ``curve_y``); the roots are the
    crossings :func:`negsim.tipping_point` pinned down.  The side where the target is at or above
    the threshold is shaded green, the other red.

    Parameters
    ----------
    source : Analysis or TippingPoint
    index : int
        Which of ``analysis.tipping_points``.
    ax : matplotlib Axes, optional
    footer : bool

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> tp = TippingPoint("p", "margin:t:A", 0.0, 0, 2, True, 1.0, [1.0], 1.0, -1.0, "",
    ...                   curve_x=[0, 1, 2], curve_y=[1.0, 0.0, -1.0])
    >>> [float(m.get_xdata()[0]) for m in tipping_point_curve(tp).lines if m.get_gid() == "root"]
    [1.0]
    """
    tp, analysis = pick_item(source, "tipping_points", index, TippingPoint, "tipping-point curve")
    if not tp.curve_x:
        raise NegsimError("the tipping point has no curve (results saved by an older negsim); "
                          "run negsim.tipping_point again")
    new_fig = ax is None
    if new_fig:
        _, ax = new_figure(footer=footer and analysis is not None)
    xs, ys = tp.curve_x, tp.curve_y
    finite = [y for y in ys if math.isfinite(y)] or [tp.threshold]
    lo, hi = min(finite + [tp.threshold]), max(finite + [tp.threshold])
    pad = 0.12 * max(hi - lo, 0.05)
    ax.axhspan(tp.threshold, hi + pad, color=ACCEPT_COLOR, alpha=0.08, lw=0)
    ax.axhspan(lo - pad, tp.threshold, color=REJECT_COLOR, alpha=0.08, lw=0)
    ax.axhline(tp.threshold, color="black", lw=1.2, gid="threshold")
    ax.plot(xs, ys, color="#2166ac", lw=2.5, gid="curve")
    for k, x in enumerate(tp.crossings):
        ax.plot([x], [tp.threshold], "o", ms=11, color="black", mfc="white", mew=2.5, zorder=5,
                gid="root" if k == 0 else "crossing")
        ax.axvline(x, color="0.3", lw=1, ls="--")
        ax.annotate(f"{x:.3g}", (x, tp.threshold), xytext=(8, 10), textcoords="offset points",
                    fontsize=BASE_FONT, fontweight="bold")
    words_ = ("accepted", "rejected") if tp.target.startswith("margin") else (
        f"≥ {tp.threshold:g}", f"< {tp.threshold:g}")
    ax.text(0.995, 0.98, words_[0], transform=ax.transAxes, ha="right", va="top",
            color=ACCEPT_COLOR, fontsize=BASE_FONT, fontweight="bold")
    ax.text(0.995, 0.02, words_[1], transform=ax.transAxes, ha="right", va="bottom",
            color=REJECT_COLOR, fontsize=BASE_FONT, fontweight="bold")
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_xlim(min(xs), max(xs))
    now = current_value(tp, analysis)
    if now is not None:
        y_now = float(np.interp(now, xs, ys)) if xs[0] < xs[-1] else None
        if y_now is not None:
            ax.plot([now], [y_now], "D", ms=10, color="#2166ac", mec="black", zorder=6,
                    gid="current")
            left = bool(tp.crossings) and now < tp.crossings[0]  # away from the root's label
            ax.annotate(f"today: {now:.3g}", (now, y_now), xytext=(-10 if left else 10, -16),
                        textcoords="offset points", ha="right" if left else "left",
                        fontsize=BASE_FONT - 1, color="#2166ac",
                        fontweight="bold", annotation_clip=False)
    ax.set_xlabel(parameter_label(tp.parameter, analysis), fontsize=BASE_FONT)
    ax.set_ylabel(target_label(tp.target), fontsize=BASE_FONT)
    clean_axes(ax)
    title = tipping_title(tp, analysis)
    finish_figure(ax, title, new_fig=new_fig, analysis=analysis if footer else None)
    return ax
