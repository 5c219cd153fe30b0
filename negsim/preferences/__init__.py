"""Preference models, built from an actor's demands (never typed in by hand).

An actor's utility is a weighted sum of *factors*: small tables over the few issues a demand (or a
lever's trigger) depends on.  A demand without a condition is a table over its own issue; a
conditional demand is a table over its issue and the issues of its condition.  Evaluating a chunk of
outcomes is one fancy-indexing gather per factor, so the cost grows with the number of demands,
never with the number of outcomes held in memory.

    u(o) = Σ_d w_d · s_d(o) / Σ_d w_d  +  Σ_levers credibility · effect · [trigger holds at o]
"""

from __future__ import annotations

from negsim.preferences.build import build_preferences, condition_mask, demand_scores, demand_utility
from negsim.preferences.evaluation import evaluate, evaluate_block, evaluate_columns
from negsim.preferences.factors import Factor, PreferenceModel
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["Factor", "PreferenceModel", "build_preferences", "condition_mask", "demand_scores",
           "demand_utility", "evaluate", "evaluate_block", "evaluate_columns", "UTILITY_DECIMALS"]
