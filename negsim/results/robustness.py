"""Plain-data robustness of an analysis: how often each headline claim holds under uncertainty."""

from __future__ import annotations

from dataclasses import dataclass, field

from negsim.plain import PlainData
from negsim.results.display import render_text

__all__ = ["Hinge", "Claim", "Robustness", "CLAIM_KINDS"]

CLAIM_KINDS = ("verdict", "passes", "acceptable", "solution", "truce", "threat", "tipping_point",
               "credibility")
"""What a claim is about: one actor's verdict on a proposal, a proposal passing (everyone
accepts), the acceptable set being non-empty, a bargaining solution's outcome, a truce holding,
a threat's credibility, a verdict staying on its side of a tipping point, and the credibility
a lever's declared game gives it (``credibility = { from_game = "ID" }``)."""


@dataclass(frozen=True)
class Hinge(PlainData):
    """A parameter (or structural choice) a claim hinges on.

    ``low`` and ``high`` are the shares of draws in which the claim holds with the parameter in
    the lower and the upper half of its draws (for a structural choice: under the alternative
    named in ``when_high`` and under the others); ``effect`` is ``|high - low|``.
    """

    parameter: str
    low: float
    high: float
    effect: float
    when_high: str = ""


@dataclass(frozen=True)
class Claim(PlainData):
    """One headline claim of the point analysis and the share of draws in which it holds."""

    kind: str
    key: str
    text: str
    holds: float
    count: int
    hinges: list[Hinge] = field(default_factory=list)


@dataclass(frozen=True)
class Robustness(PlainData):
    """Every headline claim with its probability under the scenario's uncertainty.

    ``parameters`` are the drawn parameter paths and structural choices; ``default_spread`` is
    the relative spread given to every ``# judgement`` number when the scenario declares no
    uncertainty of its own (``None``: the declared uncertainty was used, or the default was
    turned off); ``note`` says which in words.
    """

    scenario: str
    draws: int
    seed: int
    parameters: list[str]
    default_spread: float | None
    note: str
    claims: list[Claim]

    def __str__(self) -> str:
        """The robustness section ``negsim run --robustness`` prints."""
        return render_text(self)

    def claim(self, key: str) -> Claim:
        """The claim with this key (e.g. ``verdict:air_truce:Russia``)."""
        for c in self.claims:
            if c.key == key:
                return c
        raise KeyError(f"no claim {key!r}; claims: {[c.key for c in self.claims]}")
