"""The outcome space in two actors' utility plane."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negsim.errors import NegsimError
from negsim.plot.style import BASE_FONT, SOLUTION_MARKERS, actor_colors, footer_text
from negsim.result import Analysis

__all__ = ["outcome_space"]

_DENSITY_ABOVE = 4000


def _title(analysis: Analysis, a: str, b: str) -> str:
    acc = analysis.acceptable
    if acc.empty:
        return f"No deal is acceptable to every party ({acc.space_size:,} outcomes)"
    nash = analysis.solutions["nash"]
    return (f"{acc.size:,} of {acc.space_size:,} deals are acceptable to all; "
            f"Nash: {a} {nash.utilities[a]:.2f}, {b} {nash.utilities[b]:.2f}")


def outcome_space(analysis: Analysis, actors: Sequence[str] | None = None, ax=None,
                  footer: bool = True):
    """Plot every outcome in two actors' utility plane, with what the analysis found.

    Shows the outcomes (a density where there are many), the acceptable ones, both reservation
    lines and the quadrant they bound, the Pareto frontier of the acceptable set, the disagreement
    point, the bargaining solutions and the proposals as labelled points.

    Parameters
    ----------
    analysis : Analysis
    actors : pair of actor names, optional
        Defaults to the first two actors.
    ax : matplotlib Axes, optional
        Draw into this panel; a new figure is made otherwise.
    footer : bool
        Add the scenario / version / seed footer to a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim, negsim.plot
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight"),))))
    >>> ax = negsim.plot.outcome_space(negsim.analyze(s))
    >>> ax.get_xlabel()
    'A utility'
    """
    import matplotlib.pyplot as plt

    names = [x.name for x in analysis.actors]
    if actors is None:
        if len(names) < 2:
            raise NegsimError("outcome_space needs two actors; the scenario has one")
        actors = names[:2]
    a, b = actors
    for name in (a, b):
        if name not in names:
            raise NegsimError(f"unknown actor {name!r}; the analysis has {names}")
    ia, ib = names.index(a), names.index(b)
    colors = actor_colors(analysis)
    new_fig = ax is None
    if new_fig:
        fig, ax = plt.subplots(figsize=(9, 7), layout="constrained")
    cloud = analysis.cloud
    ua = np.array(cloud.utilities[ia])
    ub = np.array(cloud.utilities[ib])
    ok = np.array(cloud.acceptable, dtype=bool)
    ra, rb = analysis.actor(a).reservation, analysis.actor(b).reservation

    lo = min(ua.min(initial=0), ub.min(initial=0), ra, rb) - 0.05
    hi = max(ua.max(initial=1), ub.max(initial=1), ra, rb) + 0.05
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.fill_between([ra, hi], rb, hi, color="#4daf4a", alpha=0.08, lw=0,
                    label="both above walk-away")
    if len(ua) > _DENSITY_ABOVE:
        ax.hexbin(ua, ub, gridsize=45, cmap="Greys", mincnt=1, bins="log", extent=(lo, hi, lo, hi),
                  alpha=0.6, linewidths=0)
        ax.scatter([], [], s=12, color="0.55", label=f"outcomes ({'sample of ' if cloud.sampled else ''}"
                   f"{len(ua):,}, density)")
    else:
        ax.scatter(ua[~ok], ub[~ok], s=14, color="0.72", lw=0, label="outcomes")
    if ok.any():
        ax.scatter(ua[ok], ub[ok], s=18, color="#4daf4a", lw=0, alpha=0.8,
                   label="acceptable to all")
    ax.axvline(ra, color=colors[a], ls="--", lw=1.5)
    ax.axhline(rb, color=colors[b], ls="--", lw=1.5)
    ax.annotate(f"{a} walk-away {ra:.2f}", (ra, hi), xytext=(4, -4), textcoords="offset points",
                rotation=90, va="top", ha="left", color=colors[a], fontsize=BASE_FONT - 1)
    ax.annotate(f"{b} walk-away {rb:.2f}", (hi, rb), xytext=(-4, 4), textcoords="offset points",
                va="bottom", ha="right", color=colors[b], fontsize=BASE_FONT - 1)

    front = analysis.acceptable.frontier
    if front:
        fa = np.array([p.utilities[a] for p in front])
        fb = np.array([p.utilities[b] for p in front])
        order = np.lexsort((-fb, fa))
        ax.plot(fa[order], fb[order], color="#1b7837", lw=1.2, marker="o", ms=4, zorder=3,
                label="Pareto frontier (acceptable)")
    ax.scatter([ra], [rb], marker="o", s=70, facecolor="white", edgecolor="black", zorder=5,
               label="no deal (walk-away point)")

    for name, sol in analysis.solutions.items():
        marker, text = SOLUTION_MARKERS.get(name, ("o", name))
        point = sol.utilities if name != "compromise" or sol.acceptable else None
        if name == "compromise" and not sol.acceptable and sol.nearest is not None:
            point = sol.nearest.utilities
            text = "Compromise (nearest acceptable)"
        if point is None:
            continue
        ax.scatter([point[a]], [point[b]], marker=marker, s=150, color="black", edgecolor="white",
                   zorder=6, label=text)

    for v in analysis.verdicts:
        pa = v.response(a).utility
        pb = v.response(b).utility
        style = dict(color="#377eb8") if v.accepted_by_all else dict(color="#e41a1c")
        ax.scatter([pa], [pb], marker="o", s=60, zorder=7, edgecolor="black", lw=0.6, **style)
        ax.annotate(v.label, (pa, pb), xytext=(6, 6), textcoords="offset points",
                    fontsize=BASE_FONT - 1, zorder=8,
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="0.6", alpha=0.85))
    if analysis.verdicts:
        ax.scatter([], [], marker="o", s=60, color="#e41a1c", edgecolor="black", lw=0.6,
                   label="proposal (blocked)")
        if any(v.accepted_by_all for v in analysis.verdicts):
            ax.scatter([], [], marker="o", s=60, color="#377eb8", edgecolor="black", lw=0.6,
                       label="proposal (acceptable to all)")

    ax.set_xlabel(f"{a} utility", fontsize=BASE_FONT + 1, color=colors[a])
    ax.set_ylabel(f"{b} utility", fontsize=BASE_FONT + 1, color=colors[b])
    ax.tick_params(labelsize=BASE_FONT - 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(_title(analysis, a, b), fontsize=BASE_FONT + 2, loc="left")
    ax.legend(fontsize=BASE_FONT - 2, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if new_fig and footer:
        ax.figure.text(0.01, 0.005, footer_text(analysis), fontsize=BASE_FONT - 3, color="0.4",
                       ha="left", va="bottom")
    return ax
