"""Monte Carlo acceptance: per proposal and actor, how often it is accepted over the draws."""

from __future__ import annotations

import math

import numpy as np

from negsim.errors import NegsimError
from negsim.plot.style import (BASE_FONT, abbreviate, add_footer, clean_axes,
                               finding_title, new_figure, player_colors)
from negsim.results.analysis import Analysis
from negsim.results.uncertainty import EnsembleResult

__all__ = ["ensemble_acceptance", "ensemble_title", "wilson_interval", "ALL_COLOR"]

ALL_COLOR = "#333333"


def wilson_interval(count: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``count / n`` (95 % by default).

    It stays inside [0, 1] and is not degenerate at 0 or n successes, unlike ``p ± z·se``.

    Examples
    --------
    >>> lo, hi = wilson_interval(0, 100)
    >>> lo, round(hi, 4)
    (0.0, 0.037)
    """
    if n <= 0:
        return 0.0, 1.0
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    lo = 0.0 if count == 0 else max(0.0, centre - half)
    hi = 1.0 if count == n else min(1.0, centre + half)
    return lo, hi


def ensemble_title(result: EnsembleResult) -> str:
    """The finding: the most often accepted proposal and who holds it back.

    Examples
    --------
    >>> from negsim.results.uncertainty import ProposalOdds
    >>> r = EnsembleResult("toy", 100, 1, 100, [], [ProposalOdds("t", "truce",
    ...     {"A": 0.9, "B": 0.4}, {"A": 90, "B": 40}, 0.38, 38)])
    >>> ensemble_title(r)
    "'truce' is accepted by every party in 38% of 100 draws; B is the hold-out"
    """
    if not result.proposals:
        return f"No proposal to weigh over {result.draws:,} draws"
    best = max(result.proposals, key=lambda p: (p.all_accept, p.proposal))
    name = abbreviate(best.label or best.proposal, 40)
    head = f"'{name}' is accepted by every party in {best.all_accept:.0%} of {result.draws:,} draws"
    if best.all_accept >= 0.995 or not best.accept:
        return head
    low = min(best.accept, key=lambda a: (best.accept[a], a))
    return f"{head}; {low} is the hold-out"


def ensemble_acceptance(result: EnsembleResult, ax=None, footer: bool = True,
                        analysis: Analysis | None = None):
    """Draw, per proposal, each actor's acceptance probability over the draws and the
    probability that every actor accepts, with 95 % Monte Carlo (Wilson) intervals.

    Bar heights are the result's probabilities (counts over draws); the intervals come from those
    counts and the number of draws.

    Parameters
    ----------
    result : EnsembleResult
        From :func:`negsim.ensemble`.
    ax : matplotlib Axes, optional
    footer : bool
    analysis : Analysis, optional
        For actor colours and the footer (scenario, date, version, seed); without it the footer
        names the ensemble's scenario, draws and seed.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from negsim.results.uncertainty import ProposalOdds
    >>> r = EnsembleResult("toy", 100, 1, 100, [], [ProposalOdds("t", "truce",
    ...     {"A": 0.9, "B": 0.4}, {"A": 90, "B": 40}, 0.38, 38)])
    >>> ax = ensemble_acceptance(r)
    >>> sorted((p.get_gid(), round(float(p.get_height()), 2)) for p in ax.patches)
    [('bar:t:A', 0.9), ('bar:t:B', 0.4), ('bar:t:all', 0.38)]
    """
    if not isinstance(result, EnsembleResult):
        raise NegsimError(f"ensemble_acceptance draws an EnsembleResult (from negsim.ensemble), "
                          f"not {type(result).__name__}")
    if not result.proposals:
        raise NegsimError("the ensemble has no proposals to draw")
    actors = list(result.proposals[0].accept)
    colors = player_colors(actors, analysis)
    n_p, width = len(result.proposals), 0.8 / (len(actors) + 1)
    new_fig = ax is None
    if new_fig:
        fig, ax = new_figure(footer=footer)
    fig = ax.figure
    for i, p in enumerate(result.proposals):
        series = [(a, p.accept[a], p.accept_counts[a], colors[a]) for a in actors]
        series.append(("all", p.all_accept, p.all_accept_count, ALL_COLOR))
        for k, (who, prob, count, c) in enumerate(series):
            x = i - 0.4 + width * (k + 0.5)
            lo, hi = wilson_interval(count, result.draws)
            ax.bar(x, prob, width * 0.92, color=c, alpha=1.0 if who == "all" else 0.85,
                   gid=f"bar:{p.proposal}:{who}", label=(who if who != "all" else
                                                         "every party") if i == 0 else None,
                   hatch="//" if who == "all" else None, edgecolor="white")
            ax.errorbar([x], [prob], yerr=[[prob - lo], [hi - prob]], fmt="none", ecolor="black",
                        capsize=3, lw=1.2, gid=f"error:{p.proposal}:{who}")
            if who == "all":
                ax.text(x, hi + 0.02, f"{prob:.0%}", ha="center", va="bottom",
                        fontsize=BASE_FONT - 1, fontweight="bold")
    labels = [abbreviate(p.label or p.proposal, 28) for p in result.proposals]
    ax.set_xticks(np.arange(n_p), labels, fontsize=BASE_FONT - 1 if n_p <= 4 else BASE_FONT - 3)
    ax.set_ylim(0, 1.1)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_ylabel(f"share of {result.draws:,} draws accepting (95% interval)",
                  fontsize=BASE_FONT - 1)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
              fontsize=BASE_FONT - 1)
    clean_axes(ax)
    title = ensemble_title(result)
    if new_fig:
        finding_title(fig, title)
        if footer:
            if analysis is not None:
                add_footer(fig, analysis)
            else:
                fig.text(0.01, 0.012, f"{result.scenario} · {result.draws:,} draws · seed "
                         f"{result.seed}", fontsize=BASE_FONT - 3, color="0.4", ha="left",
                         va="bottom", gid="negsim-footer")
    else:
        finding_title(ax, title, width=60)
    return ax
