"""A simulated negotiation: utilities round by round, and the offers in two actors' utilities."""

from __future__ import annotations

from collections.abc import Sequence

from negsim.errors import NegsimError
from negsim.plot.style import (BASE_FONT, add_footer, clean_axes, finding_title,
                               new_figure, player_colors)
from negsim.results.analysis import Analysis
from negsim.results.simulation import NegotiationTrace

__all__ = ["negotiation_trace", "trace_title"]


def trace_title(trace: NegotiationTrace) -> str:
    """The finding of a simulated negotiation.

    Examples
    --------
    >>> t = NegotiationTrace("toy", "alternating", 40, {}, {}, [], None, None, None, None, None,
    ...                      None, None, None)
    >>> trace_title(t)
    'Breakdown: no agreement within 40 rounds'
    """
    if trace.agreement is None:
        return f"Breakdown: no agreement within {trace.rounds} rounds"
    head = f"Agreement in round {trace.agreement_round}"
    if trace.nash_distance is not None:
        near = "at" if trace.nash_distance < 1e-9 else f"{trace.nash_distance:.2f} from"
        head += f", {near} the Nash point"
    return head


def negotiation_trace(trace: NegotiationTrace, actors: Sequence[str] | None = None,
                      footer: bool = True, analysis: Analysis | None = None, axes=None):
    """Draw a simulated negotiation in two panels.

    Left: each actor's utility of the offer on the table, round by round (dashed: its
    walk-away); the agreement round is marked.  Right: the offers in the utility plane of two
    actors (``actors``, default the first two), each dot coloured by its proposer and joined in
    order, with the agreement (star), the Nash point (black cross) and the walk-aways.

    Parameters
    ----------
    trace : NegotiationTrace
        From :func:`negsim.simulate`.
    actors : two actor names, optional
    footer : bool
    analysis : Analysis, optional
        For actor colours and the footer.
    axes : two matplotlib Axes, optional
        Draw into these instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("x", tuple("abcde"), "a", ordered=True),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="e"),)),
    ...             negsim.Actor("B", (negsim.Demand("x", want="a"),), reservation=0.2)))
    >>> fig = negotiation_trace(negsim.simulate(s, rounds=10, seed=1))
    >>> len(fig.axes)
    2
    """
    if not isinstance(trace, NegotiationTrace):
        raise NegsimError(f"negotiation_trace draws a NegotiationTrace (from negsim.simulate), "
                          f"not {type(trace).__name__}")
    names = list(trace.reservations)
    pair = list(actors) if actors is not None else names[:2]
    if len(pair) != 2 or len(set(pair)) != 2 or any(a not in names for a in pair):
        raise NegsimError(f"name two different actors of the trace ({', '.join(names)}); "
                          f"got {pair}")
    colors = player_colors(names, analysis)
    if axes is None:
        fig, axes = new_figure(ncols=2, footer=footer, width_ratios=(1.25, 1))
    left, right = axes
    fig = left.figure
    rounds = [o.round for o in trace.offers]
    for a in names:
        left.plot(rounds, [o.utilities[a] for o in trace.offers], "-o", ms=3.5, lw=2,
                  color=colors[a], label=a, gid=f"utility:{a}")
        left.axhline(trace.reservations[a], color=colors[a], lw=1, ls="--", alpha=0.8,
                     gid=f"walkaway:{a}")
    if trace.agreement_round is not None:
        left.axvline(trace.agreement_round, color="black", lw=1.2, ls=":", gid="agreement-round")
        left.annotate("agreement", (trace.agreement_round, 1.0), xycoords=("data", "axes fraction"),
                      xytext=(-4, -4), textcoords="offset points", ha="right", va="top",
                      fontsize=BASE_FONT - 2)
    last = max(rounds + [trace.agreement_round or 0])
    left.set_xlim(-0.5, max(last, 1) + 0.5)  # whole rounds, even when agreed in round 0
    from matplotlib.ticker import MaxNLocator

    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_xlabel("round", fontsize=BASE_FONT)
    left.set_ylabel("utility of the offer on the table (dashed: walk-away)",
                    fontsize=BASE_FONT - 1)
    left.legend(frameon=False, fontsize=BASE_FONT - 2, ncols=min(len(names), 4), loc="lower left",
                bbox_to_anchor=(0.0, 1.0), borderaxespad=0.2)
    clean_axes(left)
    a, b = pair
    xs = [o.utilities[a] for o in trace.offers]
    ys = [o.utilities[b] for o in trace.offers]
    right.plot(xs, ys, "-", color="0.75", lw=1, zorder=1, gid="offer-path")
    for o in trace.offers:
        right.scatter([o.utilities[a]], [o.utilities[b]], s=30, color=colors[o.proposer],
                      zorder=2, gid=f"offer:{o.round}")
    right.axvline(trace.reservations[a], color=colors[a], lw=1, ls="--")
    right.axhline(trace.reservations[b], color=colors[b], lw=1, ls="--")
    if trace.utilities is not None:
        right.scatter([trace.utilities[a]], [trace.utilities[b]], s=320, marker="*",
                      color="#ffd92f", edgecolors="black", zorder=4, gid="agreement",
                      label="agreement")
    if trace.nash_utilities is not None:
        right.scatter([trace.nash_utilities[a]], [trace.nash_utilities[b]], s=140, marker="X",
                      color="black", zorder=3, gid="nash", label="Nash point")
    right.set_xlabel(f"{a}'s utility", color=colors[a], fontsize=BASE_FONT, fontweight="bold")
    right.set_ylabel(f"{b}'s utility", color=colors[b], fontsize=BASE_FONT, fontweight="bold")
    right.legend(frameon=False, fontsize=BASE_FONT - 2, loc="lower left")
    right.set_title("offers (dot colour: who proposed)", fontsize=BASE_FONT - 1, loc="left")
    clean_axes(right)
    finding_title(fig, trace_title(trace))
    if footer:
        if analysis is not None:
            add_footer(fig, analysis)
        else:
            fig.text(0.01, 0.012, f"{trace.scenario} · {trace.protocol}, {trace.rounds} rounds",
                     fontsize=BASE_FONT - 3, color="0.4", ha="left", va="bottom",
                     gid="negsim-footer")
    return fig
