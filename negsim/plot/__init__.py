"""Briefing figures.  Plotting only reads analysis results; it never recomputes them."""

from negsim.plot.outcome_space import outcome_space
from negsim.plot.style import actor_colors

__all__ = ["outcome_space", "actor_colors"]
