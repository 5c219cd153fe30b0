"""Pick the result a figure draws from an Analysis (or take it as given)."""

from __future__ import annotations

from negsim.errors import NegsimError
from negsim.results.games import GameResult
from negsim.results.analysis import Analysis

__all__ = ["pick_game", "pick_item"]


def pick_game(source, game: str | None, usable, what: str) -> tuple[GameResult, Analysis | None]:
    """The game to draw and the analysis it came from (``None`` if a GameResult was given).

    ``usable(g)`` says whether the figure can draw ``g``; ``what`` names the figure in errors.
    """
    if isinstance(source, GameResult):
        g, analysis = source, None
    elif isinstance(source, Analysis):
        analysis = source
        if game is None:
            fits = [g for g in source.games if usable(g)]
            if not fits:
                raise NegsimError(f"the analysis has no game a {what} can draw")
            g = fits[0]
        else:
            found = [g for g in source.games if g.id == game]
            if not found:
                ids = ", ".join(g.id for g in source.games) or "none"
                raise NegsimError(f"no game {game!r} in the analysis (games: {ids})")
            g = found[0]
    else:
        raise NegsimError(f"a {what} draws an Analysis or a GameResult, not "
                          f"{type(source).__name__}")
    return g, analysis


def pick_item(source, attribute: str, index: int, cls, what: str):
    """``source`` itself if it is a ``cls``, else ``getattr(source, attribute)[index]``."""
    if isinstance(source, cls):
        return source, None
    if isinstance(source, Analysis):
        items = getattr(source, attribute)
        if not items:
            raise NegsimError(f"the analysis has no {attribute.replace('_', ' ')} to draw as a "
                              f"{what} (add [[uncertain]] parameters or [[questions]])")
        if not -len(items) <= index < len(items):
            raise NegsimError(f"{what}: index {index} is out of range ({len(items)} available)")
        return items[index], source
    raise NegsimError(f"a {what} draws an Analysis or a {cls.__name__}, not "
                      f"{type(source).__name__}")
