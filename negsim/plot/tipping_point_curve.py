"""Tipping-point curve: the target as one parameter moves, and where it crosses its threshold."""

from __future__ import annotations

import math

from negsim.errors import NegsimError
from negsim.plot._pick import pick_item
from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, clean_axes, finish_figure,
                               new_figure, parameter_label, target_label)
from negsim.results.analysis import TippingPoint

__all__ = ["tipping_point_curve", "tipping_title"]


def tipping_title(tp: TippingPoint) -> str:
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
    if tp.vetoed:
        return f"{what}: a red line vetoes the proposal whatever {parameter_label(tp.parameter)}"
    if not tp.found:
        return f"{what} does not change side for {parameter_label(tp.parameter)} in " \
               f"[{tp.low:.3g}, {tp.high:.3g}]"
    return f"{what} changes side at {parameter_label(tp.parameter)} = {tp.value:.3g}"


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
    ax.set_xlabel(parameter_label(tp.parameter), fontsize=BASE_FONT)
    ax.set_ylabel(target_label(tp.target), fontsize=BASE_FONT)
    clean_axes(ax)
    title = tipping_title(tp)
    finish_figure(ax, title, new_fig=new_fig, analysis=analysis if footer else None)
    return ax
