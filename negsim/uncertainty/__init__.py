"""Uncertainty: Monte Carlo ensembles, sensitivity (tornado data) and tipping points."""

from negsim.uncertainty.ensemble import ensemble
from negsim.uncertainty.questions import add_answers, answer_questions
from negsim.results.uncertainty import EnsembleResult
from negsim.uncertainty.sensitivity import sensitivity, tipping_point
from negsim.uncertainty.targets import target_value

__all__ = ["ensemble", "EnsembleResult", "sensitivity", "tipping_point", "target_value",
           "answer_questions", "add_answers"]
