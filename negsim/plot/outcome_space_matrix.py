"""The outcome space for every pair of actors, in a grid."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from negsim.errors import NegsimError
from negsim.plot.outcome_space import SOLUTION_SHORT, _outcome_space
from negsim.plot.style import (BASE_FONT, SOLUTION_LABELS, abbreviate, add_footer, finding_title,
                               new_figure)
from negsim.results.analysis import Analysis

__all__ = ["outcome_space_matrix", "matrix_title"]


def matrix_title(analysis: Analysis) -> str:
    """The finding over all pairs: how many deals every party accepts, and where Nash lands.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight", hard=True),))))
    >>> matrix_title(negsim.analyze(s))
    'No deal is acceptable to all 2 parties (0 of 2 outcomes)'
    """
    acc = analysis.acceptable
    n = len(analysis.actors)
    if acc.empty:
        return f"No deal is acceptable to all {n} parties (0 of {acc.space_size:,} outcomes)"
    nash = analysis.solutions["nash"].utilities or {}
    gains = ", ".join(f"{a} {u:.2f}" for a, u in nash.items())
    return (f"{acc.size:,} of {acc.space_size:,} deals are acceptable to all {n} parties; "
            f"Nash bargaining gives {gains}")


def _key(analysis: Analysis) -> str:
    """What the short labels of the panels stand for."""
    used = [n for n in analysis.solutions if n in SOLUTION_SHORT]
    lines = ["Solutions: " + ", ".join(f"{SOLUTION_SHORT[n]} {SOLUTION_LABELS.get(n, n)}"
                                       for n in used)]
    lines = textwrap.wrap(lines[0], 48)
    for k, v in enumerate(analysis.verdicts):
        lines.append(f"P{k + 1} {abbreviate(v.label or v.proposal, 44)}")
    return "\n".join(lines)


def outcome_space_matrix(analysis: Analysis, actors: Sequence[str] | None = None,
                         footer: bool = True):
    """Draw :func:`outcome_space` for every pair of actors, lower triangle of a grid.

    Panel (row ``j``, column ``i``) shows actor ``i`` across and actor ``j + 1`` up, for
    ``i <= j``; axis names are written on the bottom row and the left column only, and one
    legend (with a key to the short labels) serves all panels.

    Parameters
    ----------
    analysis : Analysis
    actors : actor names, optional
        Which actors (at least two; default all).
    footer : bool

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import negsim, negsim.plot
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=tuple(negsim.Actor(n, (negsim.Demand("war", want="truce"),)) for n in "ABC"))
    >>> fig = negsim.plot.outcome_space_matrix(negsim.analyze(s))
    >>> panels = [ax for ax in fig.axes if ax.get_visible()]
    >>> len(panels), panels[2].get_xlabel(), panels[2].get_ylabel()
    (3, 'B utility', '')
    """
    names = [a.name for a in analysis.actors] if actors is None else list(actors)
    known = [a.name for a in analysis.actors]
    for name in names:
        if name not in known:
            raise NegsimError(f"unknown actor {name!r}; the analysis has {known}")
    if len(names) < 2:
        raise NegsimError("outcome_space_matrix needs at least two actors")
    k = len(names) - 1
    side = min(3.3 * k + 1.5, 11.0)
    fig, axes = new_figure((max(side * 1.25, 11.0) if k > 1 else 11.0, max(side, 6.2)),
                           nrows=k, ncols=k, footer=footer, squeeze=False)
    pending = []
    for row in range(k):
        for col in range(k):
            ax = axes[row][col]
            if col > row:
                ax.set_visible(False)
                continue
            _, place = _outcome_space(analysis, (names[col], names[row + 1]), ax, False, False,
                                      False, True)
            pending.append(place)
            if row < k - 1:
                ax.set_xlabel("")
            if col > 0:
                ax.set_ylabel("")
    seen: dict[str, object] = {}
    for row in range(k):  # every panel's markers, once each: merged solutions differ by pair
        for col in range(row + 1):
            for h, t in zip(*axes[row][col].get_legend_handles_labels()):
                seen.setdefault(t, h)
    labels, handles = list(seen), list(seen.values())
    key = _key(analysis)
    if k > 1:
        leg = fig.legend(handles, labels, loc="upper right", bbox_to_anchor=(0.98, 0.9),
                         fontsize=BASE_FONT - 1, frameon=False, title=key, alignment="left",
                         title_fontsize=BASE_FONT - 2)
    else:
        leg = axes[0][0].legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                                fontsize=BASE_FONT - 2, frameon=False, title=key,
                                alignment="left", title_fontsize=BASE_FONT - 3)
    leg.get_title().set_gid("matrix-key")
    finding_title(fig, matrix_title(analysis))
    if footer:
        add_footer(fig, analysis)
    for place in pending:  # labels last: the layout no longer moves the panels
        place()
    return fig
