"""negsim: game-theoretic analysis of negotiations from the parties' stated demands."""

from negsim.backtest import BacktestReport, backtest
from negsim.calibration import Calibration, calibrate
from negsim.engine import analyze
from negsim.errors import NegsimError, ScenarioError
from negsim.loading import load_scenario, scenario_from_dict
from negsim.model import Actor, Condition, Constraint, Demand, Issue, Lever, Observation, Proposal
from negsim.result import Analysis
from negsim.scenario import Scenario
from negsim.space import OutcomeSpace
from negsim.distributions import Distribution
from negsim.parameters import Question, Target, UncertainParameter
from negsim.simulation import NegotiationTrace, SimulationSummary, simulate, simulate_many
from negsim.uncertainty import (EnsembleResult, add_answers, answer_questions, ensemble,
                                sensitivity, tipping_point)

__version__ = "0.1.0"

__all__ = [
    "Actor", "Analysis", "Condition", "Constraint", "Demand", "Issue", "Lever", "NegsimError", "Observation",
    "OutcomeSpace", "Proposal", "Scenario", "ScenarioError", "analyze", "load_scenario", "scenario_from_dict",
    "__version__",
    "BacktestReport", "Calibration", "backtest", "calibrate",
    # uncertainty and dynamics
    "Distribution", "EnsembleResult", "Question", "Target", "UncertainParameter", "add_answers",
    "answer_questions", "ensemble", "sensitivity", "tipping_point", "NegotiationTrace",
    "SimulationSummary", "simulate", "simulate_many",
]
