"""Negotiation dynamics: simulated alternating-offers negotiations and their strategies."""

from negsim.simulation.alternating import simulate
from negsim.simulation.many import simulate_many
from negsim.results.simulation import NegotiationTrace, Offer, SimulationSummary
from negsim.simulation.strategies import (HardLiner, Strategy, TimeBased, TitForTat, boulware,
                                          conceder, linear)

__all__ = ["simulate", "simulate_many", "NegotiationTrace", "Offer", "SimulationSummary", "Strategy", "TimeBased", "HardLiner",
           "TitForTat", "boulware", "linear", "conceder"]
