"""Writing the briefing figures of an analysis to a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from negsim._atomic import write_atomic
from negsim.result import Analysis

__all__ = ["save_figures", "DEFAULT_FORMATS"]

DEFAULT_FORMATS = ("png", "svg")


def save_figures(analysis: Analysis, folder: str | Path,
                 formats: Sequence[str] = DEFAULT_FORMATS, dpi: int = 200) -> list[Path]:
    """Write every figure that applies to ``analysis`` into ``folder``; return the paths.

    Each file is written atomically (to a temporary name, then moved into place).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from negsim.plot.outcome_space import outcome_space

    figures = {}
    if len(analysis.actors) >= 2:
        figures["outcome_space"] = outcome_space(analysis).figure
    written = []
    try:
        for name, fig in figures.items():
            for fmt in formats:
                target = Path(folder) / f"{name}.{fmt}"
                write_atomic(target, lambda tmp, fig=fig, fmt=fmt: fig.savefig(
                    tmp, format=fmt, dpi=dpi))
                written.append(target)
    finally:
        for fig in figures.values():
            plt.close(fig)
    return written
