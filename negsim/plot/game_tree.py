"""A sequential game as a tree: the subgame-perfect path, ties, and which threats are credible."""

from __future__ import annotations

from negsim.errors import NegsimError
from negsim.results.games import GameResult
from negsim.plot._pick import pick_game
from negsim.plot.style import (ACCEPT_COLOR, BASE_FONT, REJECT_COLOR, SLIDE_SIZE, abbreviate,
                               finish_figure, new_figure, player_colors, words)

__all__ = ["game_tree", "game_tree_title", "spe_edges"]

PATH_COLOR = "#222222"


def _drawable(g: GameResult) -> bool:
    return bool(g.tree) and g.spe is not None


def spe_edges(g: GameResult) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The edges (paths ending in an action) the subgame-perfect equilibria use.

    Returns ``(on_path, chosen)``: edges on some equilibrium path from the root, and every edge
    a mover chooses in some subgame-perfect equilibrium (on or off the path).

    """
    assert g.spe is not None
    chosen = {tuple(n.path) + (a,) for n in g.spe.nodes for a in n.optimal_actions}
    on_path = set()
    for o in g.spe.outcomes:
        for k in range(1, len(o.path) + 1):
            on_path.add(tuple(o.path[:k]))
    return on_path, chosen


def game_tree_title(g: GameResult) -> str:
    """The finding of a game tree: the first non-credible lever threat, else the SPE path.

    Examples
    --------
    >>> from negsim.games.backward_induction import SubgamePerfectResult, SpeOutcome
    >>> spe = SubgamePerfectResult(("A",), (), (SpeOutcome(("talk",), {"A": 1.0}),), True, (),
    ...     ("talk",), {"A": 1.0})
    >>> game_tree_title(GameResult("g", "", "sequential", ["A"], spe=spe))
    'Subgame-perfect play: talk'
    """
    for want in (False, True):
        for t in g.threats:
            a = t.assessment
            if a.credible != want:
                continue
            name = f"the {words(t.lever)} threat" if t.lever else f"{a.player}'s threat to " \
                f"{words(a.threat)}"
            name = name[0].upper() + name[1:]
            if not a.credible:
                best = " or ".join(words(x) for x in a.best_actions)
                return f"{name} is not credible: {a.player} would {best} when the time came"
            if not any(not x.assessment.credible for x in g.threats):
                return f"{name} is credible: carrying it out is {a.player}'s best reply"
    spe = g.spe
    if spe is None:
        return g.label or words(g.id)
    if spe.path is not None:
        return "Subgame-perfect play: " + " → ".join(words(x) for x in spe.path)
    return f"{len(spe.outcomes)} subgame-perfect outcomes: a mover is indifferent (tie)"


def _layout(g: GameResult) -> tuple[dict[tuple[str, ...], tuple[float, float]], int]:
    nodes = {tuple(n.path): n for n in g.tree}
    depth = max(len(p) for p in nodes)
    pos: dict[tuple[str, ...], tuple[float, float]] = {}
    leaf = [0]

    def place(path: tuple[str, ...]) -> float:
        n = nodes[path]
        if n.kind == "terminal":
            y = float(leaf[0])
            leaf[0] += 1
            pos[path] = (float(depth), y)
            return y
        ys = [place(path + (a,)) for a in n.actions]
        y = sum(ys) / len(ys)
        pos[path] = (float(len(path)), y)
        return y

    place(())
    return pos, depth


_EDGE_TEXT_DX = 0.06
"""Where an edge's words start, in tree levels after the edge's bend."""
_NODE_CLEAR_IN = 0.14
"""Inches an edge's words stop short of the next node (its disc and a gap)."""


def _measurer(fig):
    """``measure(text, points, bold) -> inches``: the width matplotlib draws a text at."""
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()

    def measure(text: str, size: float, bold: bool = False) -> float:
        prop = FontProperties(size=size, weight="bold" if bold else "normal")
        widths = [renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
                  for line in text.split("\n")]
        return max(widths) / fig.dpi

    return measure


def _fit(text: str, width_in: float, measure, size: float, bold: bool = False,
         lines: int = 3) -> str:
    """``text`` wrapped at spaces to lines ``width_in`` inches wide, at most ``lines`` of them
    (the last abbreviated); a single word wider than the room is kept whole."""
    words = text.split()
    out: list[str] = []
    for w in words:
        if out and measure(out[-1] + " " + w, size, bold) <= width_in:
            out[-1] += " " + w
        else:
            out.append(w)
    if len(out) > lines:
        out = out[:lines - 1] + [abbreviate(" ".join(out[lines - 1:]), len(out[lines - 1]))]
    return "\n".join(out)


def _leaf_text(n) -> str:
    what = words(n.outcome) if n.outcome else (n.id or "end")
    if n.levers:
        what += " + " + ", ".join(words(lv) for lv in n.levers)
    return abbreviate(what, 40)


def game_tree(source, game: str | None = None, ax=None, footer: bool = True):
    """Draw a sequential game: who moves where, the subgame-perfect play, and the threats.

    Decision nodes are discs in the mover's colour; the edges of the subgame-perfect path are
    thick and dark, other subgame-perfect choices (off the path) dark and dashed, the rest thin
    and grey.  A node where the mover is indifferent is marked "tie" (every optimal action is
    highlighted).  Lever and threat actions carry "credible" (green) or "not credible" (red).
    Leaves show the outcome, the levers pulled there and every player's payoff in a column.

    Parameters
    ----------
    source : Analysis or GameResult
        An analysis (its first sequential game, or the one named ``game``) or a solved game.
    game : str, optional
    ax : matplotlib Axes, optional
    footer : bool
        Add the footer to a new figure (needs an analysis).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from negsim.games import tree as T
    >>> from negsim.games.backward_induction import backward_induction
    >>> from negsim.results.games import TreeNode
    >>> spe = backward_induction(T.Decision("A", (T.Branch("talk", T.Terminal({"A": 1.0})),
    ...                                          T.Branch("walk", T.Terminal({"A": 0.0})))))
    >>> g = GameResult("g", "", "sequential", ["A"], spe=spe, tree=[
    ...     TreeNode([], "", "decision", "A", ["talk", "walk"]),
    ...     TreeNode(["talk"], "", "terminal", payoffs={"A": 1.0}),
    ...     TreeNode(["walk"], "", "terminal", payoffs={"A": 0.0})])
    >>> sorted(line.get_gid() for line in game_tree(g).lines)
    ['edge:walk', 'spe-path:talk']
    """
    g, analysis = pick_game(source, game, _drawable, "game tree")
    if not _drawable(g):
        raise NegsimError(f"game {g.id!r} is not a solved sequential game with its tree "
                          "(results saved by an older negsim lack it: run the analysis again)")
    nodes = {tuple(n.path): n for n in g.tree}
    pos, depth = _layout(g)
    n_leaves = sum(n.kind == "terminal" for n in g.tree)
    colors = player_colors(g.players, analysis)
    on_path, chosen = spe_edges(g)
    ties = {tuple(t) for t in g.spe.ties}
    threats = {tuple(t.assessment.path) + (t.assessment.threat,): t for t in g.threats}
    new_fig = ax is None
    if new_fig:
        height = min(max(4.2, 1.9 + 0.62 * n_leaves), 9.5)
        fig, ax = new_figure((SLIDE_SIZE[0], height), footer=footer and analysis is not None)
    fig = ax.figure
    fs = BASE_FONT - 1 if n_leaves <= 10 else BASE_FONT - 3
    # widths in inches turned into data units: the tree gets what the leaf text and columns leave
    labels = {path: _leaf_text(n) for path, n in nodes.items() if n.kind == "terminal"}
    measure = _measurer(fig)
    name_in = max(measure(abbreviate(p, 9), fs, True) for p in g.players) + fs / 72
    col_in = max(0.7 if len(g.players) <= 4 else 0.6, name_in)  # an em between the names
    leaf_in = max(measure(t, fs, True) for t in labels.values()) + 0.2
    avail = fig.get_figwidth() * 0.95 - leaf_in - len(g.players) * col_in
    per_in = (depth + 0.9) / max(avail, 1.5)
    col0 = depth + (leaf_in + col_in / 2) * per_in
    step = col_in * per_in
    for path, n in nodes.items():
        if n.kind == "terminal":
            continue
        x0, y0 = pos[path]
        for a in n.actions:
            child = path + (a,)
            x1, y1 = pos[child]
            if child in on_path:
                style = dict(color=PATH_COLOR, lw=4.0, ls="-", zorder=2)
                gid = "spe-path:" + "/".join(child)
            elif child in chosen:
                style = dict(color=PATH_COLOR, lw=2.2, ls="--", zorder=2)
                gid = "spe-choice:" + "/".join(child)
            else:
                style = dict(color="0.72", lw=1.3, ls="-", zorder=1)
                gid = "edge:" + "/".join(child)
            xm = x0 + 0.3
            ax.plot([x0, xm, x1], [y0, y1, y1], gid=gid, solid_capstyle="round", **style)
            text = words(a)
            if n.kind == "chance" and a in n.probabilities:
                text += f" ({n.probabilities[a]:.0%})"
            # an edge's words stay on its own segment: up to the next node, an em short of it
            room = (x1 - xm - _EDGE_TEXT_DX) / per_in - _NODE_CLEAR_IN
            ax.text(xm + _EDGE_TEXT_DX, y1 - 0.1, _fit(text, room, measure, fs), ha="left",
                    va="bottom",
                    fontsize=fs, color="black" if child in chosen else "0.45",
                    gid="action:" + "/".join(child))
            t = threats.get(child)
            if t is not None:
                ok = t.assessment.credible
                what = words(t.lever) if t.lever else "threat"
                note = f"{what}: {'credible' if ok else 'NOT credible'}"
                style = dict(fontsize=fs - 1, fontweight="bold",
                             color=ACCEPT_COLOR if ok else REJECT_COLOR, ha="left", va="top")
                if nodes[child].kind == "terminal":  # under the leaf's outcome, where it is wide
                    ax.annotate(_fit(note, leaf_in - 0.2, measure, fs - 1, True, 2), (x1, y1),
                                xytext=(7, -0.8 * fs), textcoords="offset points",
                                gid=f"threat:{'credible' if ok else 'not-credible'}:"
                                + "/".join(child), **style)
                else:
                    ax.text(xm + _EDGE_TEXT_DX, y1 + 0.12,
                            _fit(note, room, measure, fs - 1, True, 2),
                            gid=f"threat:{'credible' if ok else 'not-credible'}:"
                            + "/".join(child), **style)
        mover = n.player or "chance"
        c = colors.get(mover, "0.5")
        ax.scatter([x0], [y0], s=260, color=c, zorder=4, edgecolors="white", linewidths=1.5,
                   gid="node:" + "/".join(path))
        # on a white ground above the edges: an edge leaving the node downwards crosses here
        ax.text(x0, y0 + 0.2, abbreviate(mover, 12), ha="center", va="top", fontsize=fs,
                color=c, fontweight="bold", gid="mover:" + "/".join(path), zorder=5,
                bbox=dict(boxstyle="square,pad=0.08", fc="white", ec="none"))
        if path in ties:
            ax.text(x0, y0 + 0.5, "(tie)", ha="center", va="top", fontsize=fs - 1,
                    style="italic", color="0.25", gid="tie:" + "/".join(path), zorder=5,
                    bbox=dict(boxstyle="square,pad=0.08", fc="white", ec="none"))
    # leaves: outcome and levers, then one payoff column per player
    for path, n in nodes.items():
        if n.kind != "terminal":
            continue
        x, y = pos[path]
        what = labels[path]
        bold = path in on_path
        ax.scatter([x], [y], s=40, marker="s", color=PATH_COLOR if bold else "0.6", zorder=4)
        ax.annotate(what, (x, y), xytext=(7, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=fs, fontweight="bold" if bold else "normal",
                    gid="leaf:" + "/".join(path))
        for k, p in enumerate(g.players):
            ax.text(col0 + k * step, y, f"{n.payoffs.get(p, float('nan')):.2f}", ha="center",
                    va="center", fontsize=fs, color=colors[p],
                    fontweight="bold" if bold else "normal",
                    gid=f"payoff:{p}:" + "/".join(path))
    for k, p in enumerate(g.players):
        ax.text(col0 + k * step, -0.7, abbreviate(p, 9), ha="center", va="bottom", fontsize=fs,
                color=colors[p], fontweight="bold")
    ax.set_xlim(-0.4, col0 + (len(g.players) - 0.5) * step)
    ax.set_ylim(n_leaves - 0.4, -1.0)
    ax.set_axis_off()
    legend = "thick: subgame-perfect path · dashed: subgame-perfect choice off the path"
    ax.text(0.0, 0.0, legend, transform=ax.transAxes, fontsize=BASE_FONT - 3, color="0.35",
            ha="left", va="top")
    title = game_tree_title(g)
    finish_figure(ax, title, new_fig=new_fig, analysis=analysis if footer else None)
    return ax
