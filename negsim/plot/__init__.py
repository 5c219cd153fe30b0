"""Briefing figures.  Plotting only reads analysis results; it never recomputes them."""

from negsim.plot.demands import demands
from negsim.plot.issue_map import issue_map
from negsim.plot.outcome_space import outcome_space
from negsim.plot.outcome_space_matrix import outcome_space_matrix
from negsim.plot.proposal_verdicts import proposal_verdicts
from negsim.plot.save import applicable_figures, briefing_figures, save_figures
from negsim.plot.style import actor_colors

__all__ = ["demands", "issue_map", "outcome_space", "outcome_space_matrix", "proposal_verdicts",
           "actor_colors", "applicable_figures", "briefing_figures", "save_figures"]
