"""The model's probability of each recorded response: the ensemble over the scenario's declared
uncertainty, or over the stated default spread on its ``# judgement`` numbers."""

from __future__ import annotations

from negsim.engine.verdicts import check_observations, proposal_verdicts
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences
from negsim.results.analysis import ObservationCheck
from negsim.uncertainty import ensemble
from negsim.uncertainty.robustness import DEFAULT_SPREAD, default_spread_parameters

__all__ = ["model_probabilities", "BACKTEST_DRAWS"]

BACKTEST_DRAWS = 2_000
"""Ensemble draws behind the model's probabilities (seeded by the scenario's seed)."""


def model_probabilities(scenario: Scenario, checks: list[ObservationCheck] | None = None,
                        draws: int = BACKTEST_DRAWS, *,
                        default_spread: float | None = DEFAULT_SPREAD) -> tuple[list[float], str, str]:
    """The model's probability that each observation's actor accepts, and where it comes from.

    Returns ``(probabilities, kind, source)``.  ``source`` is ``"declared"`` when the scenario
    declares uncertain parameters or structural choices (the share of :func:`negsim.ensemble`
    draws, ``draws`` of them with the scenario's seed, in which the actor accepts);
    ``"default_spread"`` when it declares none and its ``# judgement`` numbers get the stated
    default spread (:func:`negsim.uncertainty.robustness.default_spread_parameters`, the same as
    ``negsim run --robustness``) and the ensemble runs over those; ``"point"`` (the verdict, 1
    or 0) when there is nothing to draw or ``default_spread`` is ``None`` or 0.  ``kind`` says
    the same in words.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> model_probabilities(s, default_spread=None)[2]
    'point'
    """
    if checks is None:
        checks = check_observations(scenario, proposal_verdicts(scenario,
                                                                build_preferences(scenario)))
    point = [1.0 if c.predicted == "accept" else 0.0 for c in checks]
    if scenario.uncertain or scenario.structural:
        drawn, source = scenario, "declared"
        kind = (f"declared uncertainty ({len(scenario.uncertain)} uncertain parameter(s), "
                f"{len(scenario.structural)} structural choice(s))")
    else:
        params = default_spread_parameters(scenario, default_spread) if default_spread else ()
        if not params:
            why = ("the default spread is off" if not default_spread
                   else "no # judgement numbers to spread")
            return point, f"point 0/1 (the scenario declares no uncertainty; {why})", "point"
        drawn, source = scenario.with_changes(uncertain=params), "default_spread"
        kind = (f"default spread (the scenario declares no uncertainty: each of its "
                f"{len(params)} # judgement numbers uniform within ±{default_spread:.0%})")
    odds = ensemble(drawn, draws=draws, solutions=(), enumerate_limit=0, progress=False)
    by_id = {p.proposal: p for p in odds.proposals}
    return ([by_id[o.proposal].accept[o.actor] for o in scenario.observations],
            f"{kind}, {draws:,} draws, seed {odds.seed}", source)
