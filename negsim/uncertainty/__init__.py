"""Uncertainty: Monte Carlo ensembles, sensitivity (tornado data) and tipping points."""

from negsim.uncertainty.ensemble import ensemble
from negsim.uncertainty.results import EnsembleResult

__all__ = ["ensemble", "EnsembleResult"]
