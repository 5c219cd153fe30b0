"""A two-player normal-form game as a payoff table, its equilibria marked."""

from __future__ import annotations

import textwrap

from matplotlib.patches import Rectangle

from negsim.errors import NegsimError
from negsim.results.games import GameResult
from negsim.plot._pick import pick_game
from negsim.plot.style import (BASE_FONT, SLIDE_SIZE, abbreviate, finish_figure, new_figure,
                               player_colors, words)

__all__ = ["payoff_matrix", "payoff_matrix_title", "EQUILIBRIUM_COLOR"]

EQUILIBRIUM_COLOR = "#fee08b"


def _drawable(g: GameResult) -> bool:
    return bool(g.payoff_matrix) and len(g.players) == 2


def _mix(strategy: dict[str, float]) -> str:
    return ", ".join(words(s) if p == 1.0 else f"{words(s)} {p:.0%}" for s, p in strategy.items())


def payoff_matrix_title(g: GameResult) -> str:
    """The finding of a payoff table: how many equilibria, and what is played.

    Examples
    --------
    >>> from negsim.results.games import EquilibriumProfile
    >>> g = GameResult("pd", "", "normal_form", ["A", "B"], {"A": ["c", "d"], "B": ["c", "d"]},
    ...     [EquilibriumProfile({"A": {"d": 1.0}, "B": {"d": 1.0}}, {"A": 1.0, "B": 1.0}, True)],
    ...     1, True)
    >>> payoff_matrix_title(g)
    'One equilibrium: A plays d, B plays d'
    """
    eqs = g.equilibria
    a, b = g.players
    if not eqs:
        return f"{g.label or words(g.id)}: no equilibrium found"
    if len(eqs) == 1:
        e = eqs[0]
        kind = "One equilibrium" if e.pure else "One equilibrium, in mixed strategies"
        return f"{kind}: {a} plays {_mix(e.strategies[a])}, {b} plays {_mix(e.strategies[b])}"
    pure = sum(e.pure for e in eqs)
    mixed = len(eqs) - pure
    parts = [f"{pure} in pure strategies"] if pure else []
    parts += [f"{mixed} mixed"] if mixed else []
    return f"{g.equilibrium_count} equilibria ({', '.join(parts)}): which is played is a " \
           "coordination question"


def payoff_matrix(source, game: str | None = None, ax=None, footer: bool = True):
    """Draw a two-player normal-form game: payoffs per cell, equilibria marked.

    A cell shows the row player's payoff (left) and the column player's (right), each in its
    colour.  A pure equilibrium's cell is filled and framed; a mixed equilibrium's probabilities
    are written on the margins (one column / row per mixed equilibrium, ``σ1``, ``σ2``...).

    Parameters
    ----------
    source : Analysis or GameResult
        An analysis (its first drawable game, or the one named ``game``) or a solved game.
    game : str, optional
        The game id, when ``source`` is an analysis.
    ax : matplotlib Axes, optional
    footer : bool
        Add the footer to a new figure (needs an analysis).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NegsimError
        For games of more than two players, or too many strategies to solve completely (the
        result then holds no payoff table): read their equilibria in the text summary.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from negsim.scenario_games.from_scenario import solve_payoffs
    >>> import numpy as np
    >>> g = solve_payoffs("pd", "Prisoner's dilemma", "normal_form", ["A", "B"],
    ...     [["c", "d"], ["c", "d"]], np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], float))
    >>> ax = payoff_matrix(g)
    >>> [c.get_gid() for c in ax.patches if (c.get_gid() or "").startswith("equilibrium")]
    ['equilibrium:1:1']
    """
    g, analysis = pick_game(source, game, _drawable, "payoff matrix")
    if len(g.players) != 2:
        raise NegsimError(f"game {g.id!r} has {len(g.players)} players; a payoff matrix draws "
                          "two-player games only (the equilibria are in the text summary)")
    if not g.payoff_matrix:
        raise NegsimError(f"game {g.id!r} is too large for a payoff matrix (more strategies than "
                          "can be solved completely); its equilibria are in the text summary")

    a, b = g.players
    rows, cols = g.strategies[a], g.strategies[b]
    colors = player_colors(g.players, analysis)
    A, B = g.payoff_matrix[a], g.payoff_matrix[b]
    mixed = [e for e in g.equilibria if not e.pure]
    pure = {(rows.index(next(iter(e.strategies[a]))), cols.index(next(iter(e.strategies[b]))))
            for e in g.equilibria if e.pure}
    new_fig = ax is None
    if new_fig:
        height = min(max(3.8, 2.2 + 0.75 * (len(rows) + len(mixed))), 9.0)
        fig, ax = new_figure((SLIDE_SIZE[0], height), footer=footer and analysis is not None)
    fig = ax.figure
    n_r, n_c, n_m = len(rows), len(cols), len(mixed)
    fontsize = BASE_FONT if n_c <= 5 else BASE_FONT - 2
    for i in range(n_r):
        for j in range(n_c):
            eq = (i, j) in pure
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=EQUILIBRIUM_COLOR if eq else "#f7f7f7",
                                   edgecolor="black" if eq else "white", lw=3 if eq else 2,
                                   gid=f"equilibrium:{i}:{j}" if eq else f"cell:{i}:{j}",
                                   zorder=2 if eq else 1))
            ax.text(j + 0.47, i + 0.5, f"{A[i][j]:.2f}", ha="right", va="center",
                    fontsize=fontsize, color=colors[a], fontweight="bold" if eq else "normal",
                    gid=f"payoff:{a}:{i}:{j}", zorder=3)
            ax.text(j + 0.5, i + 0.5, ",", ha="center", va="center", fontsize=fontsize, zorder=3)
            ax.text(j + 0.53, i + 0.5, f"{B[i][j]:.2f}", ha="left", va="center",
                    fontsize=fontsize, color=colors[b], fontweight="bold" if eq else "normal",
                    gid=f"payoff:{b}:{i}:{j}", zorder=3)
    for k, e in enumerate(mixed):  # probabilities on the margins: a column right, a row below
        for i, s in enumerate(rows):
            p = e.strategies[a].get(s, 0.0)
            ax.text(n_c + 0.5 + k, i + 0.5, f"{p:.2f}" if p else "·", ha="center", va="center",
                    fontsize=fontsize - 1, color=colors[a], gid=f"mixed:{k}:{a}:{s}")
        for j, s in enumerate(cols):
            q = e.strategies[b].get(s, 0.0)
            ax.text(j + 0.5, n_r + 0.5 + k, f"{q:.2f}" if q else "·", ha="center", va="center",
                    fontsize=fontsize - 1, color=colors[b], gid=f"mixed:{k}:{b}:{s}")
        ax.text(n_c + 0.5 + k, -0.15, f"σ{k + 1}", ha="center", va="bottom",
                fontsize=fontsize - 1, style="italic")
        ax.text(n_c + 0.1, n_r + 0.5 + k, f"σ{k + 1}", ha="left", va="center",
                fontsize=fontsize - 1, style="italic")
    width = max(int(fig.get_figwidth() * 72 * 0.7 / max(n_c + n_m, 1) / (fontsize * 0.6)), 8)
    ax.xaxis.tick_top()
    ax.set_xticks([j + 0.5 for j in range(n_c)],
                  ["\n".join(textwrap.wrap(abbreviate(words(s), 2 * width), width)) for s in cols],
                  fontsize=fontsize - 1)
    ax.set_yticks([i + 0.5 for i in range(n_r)],
                  [abbreviate(words(s), 40) for s in rows], fontsize=fontsize - 1)
    ax.set_xlabel(f"{b} chooses a column", color=colors[b], fontsize=BASE_FONT,
                  fontweight="bold")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel(f"{a} chooses a row", color=colors[a], fontsize=BASE_FONT, fontweight="bold")
    ax.set_xlim(0, n_c + n_m)
    ax.set_ylim(n_r + n_m, 0)
    ax.set_aspect("auto")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    note = "framed cell: pure equilibrium" + ("; σ: mixed equilibrium probabilities" if mixed
                                              else "")
    ax.text(0, n_r + n_m + 0.05, note, ha="left", va="top", fontsize=BASE_FONT - 3, color="0.35",
            transform=ax.transData)
    title = payoff_matrix_title(g)
    finish_figure(ax, title, new_fig=new_fig, analysis=analysis if footer else None)
    return ax
