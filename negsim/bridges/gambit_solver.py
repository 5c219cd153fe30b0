"""Solving the scenario's exported games with Gambit (pygambit), beside negsim's own solvers.

The games go to Gambit as the same ``.nfg`` / ``.efg`` text ``negsim games --gambit`` writes
(:func:`negsim.scenario_games.export.gambit_text`), so both read one definition.  Two-player
strategic games: every extreme equilibrium (``enummixed``); two-player sequential games: ``lcp``;
games of three or more players: the logit quantal-response limit (``logit``), which finds one.

pygambit is optional (``negsim[gambit]``); without it :func:`require_pygambit` raises a
:class:`~negsim.errors.NegsimError` that says what to install.
"""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from typing import Any

from negsim.errors import NegsimError
from negsim.tolerances import PROB_TOL

__all__ = ["GambitSolution", "require_pygambit", "solve_gambit_text", "gambit_lines"]

MISSING = ('--solver gambit needs pygambit: pip install "negsim[gambit]" (pygambit builds from '
           "source where no wheel exists; see https://gambitproject.readthedocs.io)")


@dataclass(frozen=True)
class GambitSolution:
    """What Gambit found for one game: the method and, per equilibrium, each player's payoff
    and (strategic games) each strategy's probability."""

    game: str
    method: str
    players: tuple[str, ...]
    payoffs: tuple[tuple[float, ...], ...]
    strategies: tuple[tuple[tuple[str, str, float], ...], ...]


def require_pygambit() -> Any:
    """The pygambit module, or a NegsimError saying how to install it."""
    try:
        return importlib.import_module("pygambit")
    except ImportError:
        raise NegsimError(MISSING) from None


def _read(gbt: Any, text: str, extensive: bool) -> Any:
    reader = getattr(gbt, "read_efg" if extensive else "read_nfg", None)
    if reader is not None:
        try:
            return reader(io.StringIO(text))
        except TypeError:  # older readers take a file name only
            pass
    return gbt.Game.parse_game(text)


def solve_gambit_text(game_id: str, filename: str, text: str) -> GambitSolution:
    """Solve one exported game (``filename`` ends in ``.nfg`` or ``.efg``) with pygambit."""
    gbt = require_pygambit()
    extensive = filename.endswith(".efg")
    g = _read(gbt, text, extensive)
    players = tuple(p.label for p in g.players)
    if len(players) == 2 and not extensive:
        method, result = "enummixed", gbt.nash.enummixed_solve(g, rational=False)
    elif len(players) == 2:
        method, result = "lcp", gbt.nash.lcp_solve(g, rational=False)
    else:
        method, result = "logit", gbt.nash.logit_solve(g)
    payoffs, strategies = [], []
    for eq in result.equilibria:
        payoffs.append(tuple(float(eq.payoff(p)) for p in g.players))
        if extensive:
            strategies.append(())
        else:
            strategies.append(tuple((p.label, s.label, float(eq[s]))
                                    for p in g.players for s in p.strategies))
    return GambitSolution(game_id, method, players, tuple(payoffs), tuple(strategies))


def gambit_lines(sol: GambitSolution) -> list[str]:
    """The text ``negsim games --solver gambit`` prints for one game.

    Examples
    --------
    >>> s = GambitSolution("g", "enummixed", ("A", "B"), ((1.0, 2.0),),
    ...                    ((("A", "x", 1.0), ("A", "y", 0.0), ("B", "u", 1.0)),))
    >>> gambit_lines(s)
    ['Gambit (enummixed) on g: 1 equilibrium', '  1. A=1, B=2; A: x 1; B: u 1']
    """
    n = len(sol.payoffs)
    lines = [f"Gambit ({sol.method}) on {sol.game}: {n} equilibri{'um' if n == 1 else 'a'}"]
    for k, (pay, strat) in enumerate(zip(sol.payoffs, sol.strategies), start=1):
        text = ", ".join(f"{p}={v:.4g}" for p, v in zip(sol.players, pay))
        used = {}
        for player, label, prob in strat:
            if prob > PROB_TOL:
                used.setdefault(player, []).append(f"{label} {prob:.4g}")
        if used:
            text += "; " + "; ".join(f"{p}: {', '.join(v)}" for p, v in used.items())
        lines.append(f"  {k}. {text}")
    return lines
