"""Named tolerances: one home for every numeric slack negsim uses.

Each constant guards one rule; code that applies the rule imports the name rather than repeating
the number, so a rule cannot drift between the places that apply it.

Examples
--------
>>> from negsim.tolerances import ACCEPT_TOL, TIE_TOL
>>> ACCEPT_TOL, TIE_TOL
(1e-09, 1e-09)
"""

from __future__ import annotations

__all__ = ["UTILITY_DECIMALS", "ROUND_TOL", "ACCEPT_TOL", "TIE_TOL", "MERGE_TOL", "PRUNE_TOL",
           "PROB_TOL", "PAYOFF_TOL", "LOG_SCORE_FLOOR"]

UTILITY_DECIMALS = 12
"""Utilities and margins are rounded to this many decimals so that equal sums compare equal."""

ROUND_TOL = 1e-12
"""Differences below this are rounding noise of values rounded to ``UTILITY_DECIMALS``: ties of
demand scores and support (compromise forecast), of distances to the forecast (nearest deal), and
thresholds met "exactly"."""

ACCEPT_TOL = 1e-9
"""An actor accepts when its utility is at least its reservation less this tolerance."""

TIE_TOL = 1e-9
"""Bargaining-solution scores within this (relative to max(1, |best|)), and tiebreaks within this
(absolute), count as tied."""

MERGE_TOL = 1e-9
"""Values closer than this are equal for the decomposed engine's deduplication and dominance."""

PRUNE_TOL = 2e-9
"""Slack of the decomposed engine's bound pruning, so that no point within the acceptance
tolerance is dropped (twice ``ACCEPT_TOL``)."""

PROB_TOL = 1e-9
"""Probabilities (of chance branches, of a distribution's options) must sum to 1 within this."""

PAYOFF_TOL = 1e-9
"""Default slack of payoff comparisons in game algorithms (best replies, dominance, backward
induction)."""

LOG_SCORE_FLOOR = 1e-3
"""Back-test log scores clip a predicted probability to [this, 1 − this], so that a certain
miss (a 0/1 predictor, or a model with no uncertainty) costs ln(0.001) ≈ −6.9 instead of −∞."""
