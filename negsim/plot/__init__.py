"""Briefing figures.  Plotting only reads analysis results; it never recomputes them."""

from negsim.plot.demands import demands
from negsim.plot.ensemble_acceptance import ensemble_acceptance
from negsim.plot.game_tree import game_tree
from negsim.plot.issue_map import issue_map
from negsim.plot.negotiation_trace import negotiation_trace
from negsim.plot.outcome_space import outcome_space
from negsim.plot.outcome_space_matrix import outcome_space_matrix
from negsim.plot.payoff_matrix import payoff_matrix
from negsim.plot.proposal_verdicts import proposal_verdicts
from negsim.plot.save import applicable_figures, briefing_figures, save_figures
from negsim.plot.style import actor_colors
from negsim.plot.tipping_point_curve import tipping_point_curve
from negsim.plot.tornado import tornado

__all__ = ["demands", "issue_map", "outcome_space", "outcome_space_matrix", "proposal_verdicts",
           "payoff_matrix", "game_tree", "tornado", "tipping_point_curve", "ensemble_acceptance",
           "negotiation_trace", "actor_colors", "applicable_figures", "briefing_figures",
           "save_figures"]
