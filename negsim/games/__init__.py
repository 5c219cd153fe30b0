"""Game-theoretic algorithms on arrays and trees, independent of scenarios.

One module per method: :mod:`~negsim.games.normal_form` (bimatrix equilibria via nashpy, with
degeneracy and cross-method checks), :mod:`~negsim.games.pure_nash` (n-player pure equilibria),
:mod:`~negsim.games.dominance` (iterated strict dominance), :mod:`~negsim.games.tree` and
:mod:`~negsim.games.backward_induction` (sequential games, threats), :mod:`~negsim.games.gambit`
(export to Gambit), :mod:`~negsim.games.rubinstein`, :mod:`~negsim.games.fearon` and
:mod:`~negsim.games.truce`; games with information sets in :mod:`~negsim.games.extensive`
(Nash equilibria in behaviour strategies) and :mod:`~negsim.games.bayesian` (perfect Bayesian
equilibria, the intuitive criterion); :mod:`~negsim.games.reputation` (costly threats kept for
their reputation).

The names below are imported lazily (PEP 562), so ``import negsim.games.tree`` loads no
solver library (nashpy, scipy.optimize) until one is used.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "BehaviourEquilibrium": "negsim.games.extensive",
    "CommitmentProblem": "negsim.games.fearon",
    "InfoSet": "negsim.games.extensive",
    "PerfectBayesianEquilibrium": "negsim.games.bayesian",
    "MixedPerfectBayesianEquilibrium": "negsim.games.mixed_signalling",
    "mixed_perfect_bayesian": "negsim.games.mixed_signalling",
    "ReputationAssessment": "negsim.games.reputation",
    "check_size": "negsim.games.tree",
    "commitment_problem": "negsim.games.fearon",
    "information_sets": "negsim.games.extensive",
    "patience_threshold": "negsim.games.reputation",
    "perfect_bayesian": "negsim.games.bayesian",
    "reduced_form": "negsim.games.extensive",
    "reputation": "negsim.games.reputation",
    "solve_extensive": "negsim.games.extensive",
    "AlternatingOffersResult": "negsim.games.rubinstein",
    "BargainingRange": "negsim.games.fearon",
    "Branch": "negsim.games.tree",
    "Chance": "negsim.games.tree",
    "Decision": "negsim.games.tree",
    "DominanceResult": "negsim.games.dominance",
    "Elimination": "negsim.games.dominance",
    "Equilibrium": "negsim.games.normal_form",
    "NodeSolution": "negsim.games.backward_induction",
    "PartyTruce": "negsim.games.truce",
    "PureEquilibrium": "negsim.games.pure_nash",
    "SpeOutcome": "negsim.games.backward_induction",
    "StationaryOffers": "negsim.games.rubinstein",
    "SubgamePerfectResult": "negsim.games.backward_induction",
    "Terminal": "negsim.games.tree",
    "ThreatAssessment": "negsim.games.backward_induction",
    "TruceStability": "negsim.games.truce",
    "TwoPlayerSolution": "negsim.games.normal_form",
    "alternating_offers": "negsim.games.rubinstein",
    "backward_induction": "negsim.games.backward_induction",
    "bargaining_range": "negsim.games.fearon",
    "chance": "negsim.games.tree",
    "deals_in_bargaining_range": "negsim.games.fearon",
    "decision": "negsim.games.tree",
    "degeneracy_witnesses": "negsim.games.normal_form",
    "grim_trigger_threshold": "negsim.games.truce",
    "imperfect_monitoring_threshold": "negsim.games.truce",
    "iterated_elimination": "negsim.games.dominance",
    "minimum_detection": "negsim.games.truce",
    "payoff_array_from_bimatrix": "negsim.games.pure_nash",
    "pure_nash_equilibria": "negsim.games.pure_nash",
    "replace_subtree": "negsim.games.tree",
    "rubinstein_split": "negsim.games.rubinstein",
    "solve_two_player": "negsim.games.normal_form",
    "subtree": "negsim.games.tree",
    "terminal": "negsim.games.tree",
    "threat_credibility": "negsim.games.backward_induction",
    "to_efg": "negsim.games.gambit",
    "to_nfg": "negsim.games.gambit",
    "truce_stability": "negsim.games.truce",
}

__all__ = [
    "BehaviourEquilibrium", "CommitmentProblem", "InfoSet", "PerfectBayesianEquilibrium",
    "MixedPerfectBayesianEquilibrium", "mixed_perfect_bayesian",
    "ReputationAssessment", "check_size", "commitment_problem", "information_sets",
    "patience_threshold", "perfect_bayesian", "reduced_form", "reputation", "solve_extensive",
    "AlternatingOffersResult", "BargainingRange", "Branch", "Chance", "Decision",
    "DominanceResult", "Elimination", "Equilibrium", "NodeSolution", "PartyTruce",
    "PureEquilibrium", "SpeOutcome", "StationaryOffers", "SubgamePerfectResult", "Terminal",
    "ThreatAssessment", "TruceStability", "TwoPlayerSolution", "alternating_offers",
    "backward_induction", "bargaining_range", "chance", "deals_in_bargaining_range",
    "decision", "degeneracy_witnesses", "grim_trigger_threshold",
    "imperfect_monitoring_threshold", "iterated_elimination", "minimum_detection",
    "payoff_array_from_bimatrix", "pure_nash_equilibria", "replace_subtree",
    "rubinstein_split", "solve_two_player", "subtree", "terminal", "threat_credibility",
    "to_efg", "to_nfg", "truce_stability",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'negsim.games' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
