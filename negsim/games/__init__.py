"""Game-theoretic algorithms on arrays and trees, independent of scenarios.

One module per method: :mod:`~negsim.games.normal_form` (bimatrix equilibria via nashpy, with
degeneracy and cross-method checks), :mod:`~negsim.games.pure_nash` (n-player pure equilibria),
:mod:`~negsim.games.dominance` (iterated strict dominance), :mod:`~negsim.games.tree` and
:mod:`~negsim.games.backward_induction` (sequential games, threats), :mod:`~negsim.games.gambit`
(export to Gambit), :mod:`~negsim.games.rubinstein`, :mod:`~negsim.games.fearon` and
:mod:`~negsim.games.truce`.
"""

from negsim.games.backward_induction import (NodeSolution, SpeOutcome, SubgamePerfectResult,
                                             ThreatAssessment, backward_induction,
                                             threat_credibility)
from negsim.games.dominance import DominanceResult, Elimination, iterated_elimination
from negsim.games.fearon import BargainingRange, bargaining_range, deals_in_bargaining_range
from negsim.games.gambit import to_efg, to_nfg
from negsim.games.normal_form import (Equilibrium, TwoPlayerSolution, degeneracy_witnesses,
                                      solve_two_player)
from negsim.games.pure_nash import (PureEquilibrium, payoff_array_from_bimatrix,
                                    pure_nash_equilibria)
from negsim.games.rubinstein import (AlternatingOffersResult, StationaryOffers,
                                     alternating_offers, rubinstein_split)
from negsim.games.tree import (Branch, Chance, Decision, Terminal, chance, decision,
                               replace_subtree, subtree, terminal)
from negsim.games.truce import (PartyTruce, TruceStability, grim_trigger_threshold,
                                imperfect_monitoring_threshold, minimum_detection,
                                truce_stability)

__all__ = [
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
