"""The fixed names negsim's layers share: the bargaining solutions and the no-deal outcome.

Kept at the bottom of the package so that the model (which checks a question's solution name),
the results (which key solutions by name) and the games (whose leaves may end in no deal) all
read one definition.

Examples
--------
>>> "nash" in SOLUTION_NAMES
True
>>> NO_DEAL
'no_deal'
"""

from __future__ import annotations

__all__ = ["SOLUTION_NAMES", "NO_DEAL"]

SOLUTION_NAMES = ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian",
                  "compromise")
"""Every bargaining solution negsim computes, in the order it reports them."""

NO_DEAL = "no_deal"
"""The outcome name of a leaf where no proposal is agreed (every issue at its status quo)."""
