"""Briefing figures.  Plotting only reads analysis results; it never recomputes them."""

from negsim.plot.issue_map import issue_map
from negsim.plot.outcome_space import outcome_space
from negsim.plot.proposal_verdicts import proposal_verdicts
from negsim.plot.style import actor_colors

__all__ = ["issue_map", "outcome_space", "proposal_verdicts", "actor_colors"]
