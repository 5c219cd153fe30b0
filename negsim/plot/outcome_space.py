"""The outcome space in two actors' utility plane."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np

from negsim.errors import NegsimError
from negsim.plot._labels import Label, marker_half, place_labels
from negsim.plot.style import (ACCEPT_COLOR, abbreviate, BASE_FONT, REJECT_COLOR, SOLUTION_MARKERS, add_footer,
                               actor_colors, clean_axes, finding_title, marker_size, new_figure)
from negsim.results.analysis import Analysis
from negsim.tolerances import ROUND_TOL

__all__ = ["outcome_space", "solution_groups", "proposal_groups", "lever_arrows",
           "SOLUTION_SHORT"]

_DENSITY_ABOVE = 4000
_SAME = 1e-6

SOLUTION_SHORT = {"nash": "N", "asymmetric_nash": "aN", "kalai_smorodinsky": "KS",
                  "egalitarian": "E", "utilitarian": "U", "compromise": "C"}
"""Abbreviations of the solution names in compact panels."""
_CLOUD_GREEN = "#7fbf7b"
_ARROW_ROOM = 0.22
"""Share of the span added above (right of) the data for a lever arrow and its wrapped note."""
_ARROW_ROOM_COMPACT = 0.12
"""The same for a compact panel, whose note is one short line."""


def _group(points: list[tuple[str, float, float]]) -> list[tuple[float, float, list[str]]]:
    groups: list[tuple[float, float, list[str]]] = []
    for name, x, y in points:
        for gx, gy, names in groups:
            if abs(gx - x) <= _SAME and abs(gy - y) <= _SAME:
                names.append(name)
                break
        else:
            groups.append((x, y, [name]))
    return groups


def solution_groups(analysis: Analysis, a: str, b: str) -> list[tuple[float, float, list[str]]]:
    """The bargaining solutions as points of the (a, b) plane, coinciding ones grouped.

    Returns ``[(u_a, u_b, [solution names]), ...]`` in the order of ``analysis.solutions``.  The
    compromise forecast is placed at its nearest acceptable deal when it is not acceptable itself.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="truce"),))))
    >>> [(x, y, len(names)) for x, y, names in solution_groups(negsim.analyze(s), "A", "B")]
    [(1.0, 1.0, 6)]
    """
    pts = []
    for name, sol in analysis.solutions.items():
        point = sol.utilities
        if name == "compromise" and not sol.acceptable:
            point = sol.nearest.utilities if sol.nearest is not None else None
        if point is not None:
            pts.append((name, float(point[a]), float(point[b])))
    return _group(pts)


def proposal_groups(analysis: Analysis, a: str, b: str) -> list[tuple[float, float, list[str]]]:
    """The proposals as points of the (a, b) plane, coinciding ones grouped (ids)."""
    return _group([(v.proposal, v.response(a).utility, v.response(b).utility)
                   for v in analysis.verdicts])


def lever_arrows(analysis: Analysis, actor: str) -> tuple[float, float, str] | None:
    """How levers move ``actor``'s walk-away: ``(from, to, text)``, or None if they do not.

    The text names the no-deal levers with an effect on the actor, e.g. "secondary tariffs:
    Russia's walk-away 0.50 → 0.39".
    """
    s = analysis.actor(actor)
    if s.reservation_given or abs(s.lever_shift) < ROUND_TOL:
        return None
    names = [lv.label or lv.id for lv in analysis.levers
             if lv.trigger == "no_deal" and abs(lv.expected_effects.get(actor, 0.0)) > 0]
    who = " + ".join(names) if names else "levers"
    return (s.no_deal_utility, s.reservation,
            f"{who}: {actor}'s walk-away {s.no_deal_utility:.2f} → {s.reservation:.2f}")


def _span(values: np.ndarray, extra: list[float]) -> tuple[float, float]:
    lo = min(float(values.min(initial=np.inf)), *extra)
    hi = max(float(values.max(initial=-np.inf)), *extra)
    if hi - lo < 0.2:
        mid = (hi + lo) / 2
        lo, hi = mid - 0.1, mid + 0.1
    pad = 0.06 * (hi - lo)
    return lo - pad, hi + pad


def _title(analysis: Analysis, a: str, b: str) -> str:
    acc = analysis.acceptable
    cloud = analysis.cloud
    if acc.empty:
        if cloud.vetoed and not cloud.sampled and all(cloud.vetoed):
            return f"No deal: every one of the {acc.space_size:,} outcomes crosses a red line"
        return f"No deal is acceptable to every party (0 of {acc.space_size:,} outcomes)"
    nash = analysis.solutions["nash"]
    share = "the only deal" if acc.size == 1 else f"{acc.size:,} of {acc.space_size:,} deals"
    return (f"{share[0].upper() + share[1:]} {'is' if acc.size == 1 else 'are'} acceptable to all; "
            f"Nash bargaining gives {a} {nash.utilities[a]:.2f}, {b} {nash.utilities[b]:.2f}")


def _wrap_names(names: list[str], width: int = 30) -> str:
    return "\n".join(textwrap.wrap(" = ".join(names), width, break_on_hyphens=False))


def _legend_text(analysis: Analysis, group: list[str], compact: bool = False) -> str:
    """What a solution marker stands for, in the legend: its names, and the compromise forecast
    said to be one."""
    if compact:
        return "solution " + " = ".join(SOLUTION_SHORT.get(n, n) for n in group)
    parts = []
    for name in group:
        text = SOLUTION_MARKERS.get(name, ("o", name))[1]
        if name == "compromise":
            text = ("compromise forecast" if analysis.solutions[name].acceptable
                    else "compromise forecast (nearest acceptable deal)")
        parts.append(text)
    kind = "solution" if len(group) == 1 else "solutions"
    lead = "" if group == ["compromise"] else f"bargaining {kind}: "
    return "\n".join(textwrap.wrap(lead + " = ".join(parts), 34, break_on_hyphens=False))


def outcome_space(analysis: Analysis, actors: Sequence[str] | None = None, ax=None,
                  footer: bool = True, legend: bool = True, title: bool = True,
                  compact: bool = False):
    """Plot every outcome in two actors' utility plane, with what the analysis found.

    Shows the outcomes (a density where there are many), the acceptable ones, both walk-away
    (reservation) lines and the region above both, how levers shift a walk-away line (arrow), the
    Pareto frontier of the acceptable set, the disagreement point, the bargaining solutions
    (coinciding ones labelled together, "Nash = Egalitarian") and the proposals as labelled points.

    Parameters
    ----------
    analysis : Analysis
    actors : pair of actor names, optional
        Defaults to the first two actors.
    ax : matplotlib Axes, optional
        Draw into this panel; a new figure is made otherwise.
    footer : bool
        Add the scenario / version / seed footer to a new figure.
    legend, title : bool
        Draw the legend (beside the panel) and the finding as title.
    compact : bool
        Short labels for a small panel: solutions abbreviated (``SOLUTION_SHORT``), proposals
        numbered P1, P2, … in the order of ``analysis.verdicts``, walk-away shifts as numbers.

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
    ax, place = _outcome_space(analysis, actors, ax, footer, legend, title, compact)
    place()
    return ax


def _outcome_space(analysis: Analysis, actors: Sequence[str] | None, ax, footer: bool,
                   legend: bool, title: bool, compact: bool):
    """Draw :func:`outcome_space` but its point labels; ``(ax, place)``, where ``place()``
    places the labels once the figure's layout is final (a grid of panels places them after
    its last panel and its legend)."""
    names = [x.name for x in analysis.actors]
    if actors is None:
        if len(names) < 2:
            raise NegsimError("outcome_space needs two actors; the scenario has one")
        actors = names[:2]
    a, b = actors
    for name in (a, b):
        if name not in names:
            raise NegsimError(f"unknown actor {name!r}; the analysis has {names}")
    if a == b:
        raise NegsimError(f"outcome_space needs two different actors, got {a!r} twice")
    ia, ib = names.index(a), names.index(b)
    colors = actor_colors(analysis)
    new_fig = ax is None
    if new_fig:
        fig, ax = new_figure(footer=footer)
    small = 0 if legend else 2
    cloud = analysis.cloud
    ua = np.array(cloud.utilities[ia], dtype=float)
    ub = np.array(cloud.utilities[ib], dtype=float)
    ok = np.array(cloud.acceptable, dtype=bool)
    sa, sb = analysis.actor(a), analysis.actor(b)
    ra, rb = sa.reservation, sb.reservation

    shifts = {a: lever_arrows(analysis, a), b: lever_arrows(analysis, b)}
    xlo, xhi = _span(ua, [ra, sa.no_deal_utility])
    ylo, yhi = _span(ub, [rb, sb.no_deal_utility])
    arrow_y = yhi + 0.04 * (yhi - ylo)  # arrows above / right of the data, never on it
    arrow_x = xhi + 0.04 * (xhi - xlo)
    room = _ARROW_ROOM_COMPACT if compact else _ARROW_ROOM
    if shifts[a] is not None:
        yhi += room * (yhi - ylo)
    if shifts[b] is not None:
        xhi += room * (xhi - xlo)
    ax.set_xlim(xlo, xhi)
    ax.set_ylim(ylo, yhi)
    ax.fill_between([ra, xhi], rb, yhi, color=ACCEPT_COLOR, alpha=0.07, lw=0,
                    label="above both walk-aways")
    if len(ua) > _DENSITY_ABOVE:
        ax.hexbin(ua, ub, gridsize=45, cmap="Greys", mincnt=1, bins="log",
                  extent=(xlo, xhi, ylo, yhi), alpha=0.6, linewidths=0)
        ax.scatter([], [], s=30, marker="h", color="0.55",
                   label=f"outcomes ({'sample of ' if cloud.sampled else ''}{len(ua):,}; density)")
    else:
        ax.scatter(ua[~ok], ub[~ok], s=14, color="0.72", lw=0, label="outcomes",
                   gid="outcome-cloud")
    if ok.any():
        ax.scatter(ua[ok], ub[ok], s=34, color=_CLOUD_GREEN, edgecolor="#1b7837", lw=0.6,
                   zorder=2, label="acceptable to all",
                   gid="acceptable-cloud")

    labels: list[Label] = []
    clear: list[tuple[float, float, float, float]] = []
    for actor, r, vertical in ((a, ra, True), (b, rb, False)):
        line = ax.axvline if vertical else ax.axhline
        line(r, color=colors[actor], ls="--", lw=1.6, gid=f"walkaway:{actor}")
        shift = shifts[actor]
        pos = arrow_y if vertical else arrow_x
        if shift is not None:
            old, new, text = shift
            line(old, color=colors[actor], ls=":", lw=1.0, alpha=0.7)
            start, end = ((old, pos), (new, pos)) if vertical else ((pos, old), (pos, new))
            clear.append((*start, *end))
            ax.annotate("", end, xytext=start, gid=f"lever-arrow:{actor}",
                        arrowprops=dict(arrowstyle="-|>", color=colors[actor], lw=1.8,
                                        mutation_scale=16, shrinkA=0, shrinkB=0))
            mid = ((old + new) / 2, pos) if vertical else (pos, (old + new) / 2)
            text = f"{old:.2f} → {new:.2f}" if compact else "\n".join(textwrap.wrap(text, 30))
            labels.append(Label(*mid, text, colors[actor],
                                BASE_FONT - 2 - small, gid=f"lever-text:{actor}",
                                above=vertical))  # the room kept above the data
        else:
            where = (r, yhi) if vertical else (xhi, r)
            labels.append(Label(*where, f"{r:.2f}" if compact else f"{actor} walk-away {r:.2f}",
                                colors[actor],
                                BASE_FONT - 2 - small, gid=f"walkaway-text:{actor}"))

    front = analysis.acceptable.frontier
    if front:
        fa = np.array([p.utilities[a] for p in front])
        fb = np.array([p.utilities[b] for p in front])
        order = np.lexsort((-fb, fa))
        ls = "-" if len(names) == 2 else "none"
        ax.plot(fa[order], fb[order], color="#1b7837", lw=1.2, ls=ls, marker="o", ms=5, zorder=3,
                label="Pareto frontier (acceptable)", gid="frontier")
    ax.scatter([ra], [rb], marker="o", s=80, facecolor="white", edgecolor="black", lw=1.5,
               zorder=5, label="disagreement point (no deal)", gid="disagreement")
    marks = [(ra, rb, marker_half(80, 1.5))]

    first = len(labels)  # walk-away and lever notes first: they are tied to their lines
    for k, (x, y, group) in enumerate(solution_groups(analysis, a, b)):
        marker = SOLUTION_MARKERS.get(group[0], ("o", group[0]))[0]
        texts = []
        for name in group:
            t = SOLUTION_MARKERS.get(name, ("o", name))[1]
            sol = analysis.solutions[name]
            if compact:
                t = SOLUTION_SHORT.get(name, name)
            elif name == "compromise" and not sol.acceptable:
                t += " (nearest acceptable)"
            texts.append(t)
        ax.scatter([x], [y], marker=marker, s=marker_size(marker, 190), color="black",
                   edgecolor="white", zorder=6, gid="solution:" + "+".join(group))
        marks.append((x, y, marker_half(marker_size(marker, 190))))
        ax.scatter([], [], marker=marker, s=marker_size(marker, 110), color="black", edgecolor="white",
                   label=_legend_text(analysis, group, compact), gid="solution-legend:" + "+".join(group))
        labels.insert(first + k, Label(x, y, _wrap_names(texts), "black", BASE_FONT - 1 - small,
                               "bold", gid="solution-label:" + "+".join(group), joint=True))

    label_of = {v.proposal: v.label or v.proposal for v in analysis.verdicts}
    accepted = {v.proposal: v.accepted_by_all for v in analysis.verdicts}
    number = {v.proposal: k + 1 for k, v in enumerate(analysis.verdicts)}
    for x, y, group in proposal_groups(analysis, a, b):
        good = all(accepted[p] for p in group)
        ax.scatter([x], [y], marker="h", s=300, zorder=7, facecolor="none", lw=2.2,
                   edgecolor=ACCEPT_COLOR if good else REJECT_COLOR,
                   gid="proposal:" + "+".join(group))
        marks.append((x, y, marker_half(300, 2.2)))
        text = " = ".join(f"P{number[p]}" if compact else abbreviate(label_of[p], 44)
                          for p in group)
        labels.append(Label(x, y, "\n".join(textwrap.wrap(text, 28)),
                            ACCEPT_COLOR if good else REJECT_COLOR, BASE_FONT - 2 - small,
                            gid="proposal-label:" + "+".join(group)))
    for good, text in ((False, "proposal (blocked)"), (True, "proposal (acceptable to all)")):
        if any(accepted[p] == good for p in accepted):
            ax.scatter([], [], marker="h", s=150, facecolor="none", lw=2.0,
                       edgecolor=ACCEPT_COLOR if good else REJECT_COLOR, label=text)

    ax.set_xlabel(f"{a} utility", fontsize=BASE_FONT + 1 - small, color=colors[a])
    ax.set_ylabel(f"{b} utility", fontsize=BASE_FONT + 1 - small, color=colors[b])
    clean_axes(ax)
    if title:
        finding_title(ax.figure if new_fig else ax, _title(analysis, a, b),
                      None if new_fig else 60)
    if legend:
        ax.legend(fontsize=BASE_FONT - 2, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  frameon=False, markerscale=0.8)
    if new_fig and footer:
        add_footer(ax.figure, analysis)
    rivals = [(x, y) for x, y, _ in proposal_groups(analysis, a, b)] + [(ra, rb)]
    return ax, lambda: place_labels(ax, labels, obstacles=list(zip(ua[ok], ub[ok]))[:200],
                                    rivals=rivals, keep_clear=clear, markers=marks)
