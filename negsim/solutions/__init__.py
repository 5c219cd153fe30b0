"""Bargaining solutions on finite sets of utility vectors, and the compromise forecast."""

from negsim.solutions.compromise import compromise_forecast
from negsim.solutions.egalitarian import egalitarian_solution
from negsim.solutions.kalai_smorodinsky import kalai_smorodinsky_solution
from negsim.solutions.nash import nash_solution
from negsim.solutions.pareto import pareto_mask
from negsim.solutions.utilitarian import utilitarian_solution

__all__ = [
    "compromise_forecast", "egalitarian_solution", "kalai_smorodinsky_solution", "nash_solution",
    "pareto_mask", "utilitarian_solution",
]
