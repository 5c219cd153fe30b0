"""The text of Monte Carlo results: ensembles over uncertain parameters, simulated negotiations."""

from __future__ import annotations

from negsim.results.display import render_text
from negsim.results.simulation import SimulationSummary
from negsim.results.uncertainty import EnsembleResult, SolutionOdds

__all__ = ["ensemble_text", "simulation_text", "odds_lines", "acceptance_lines",
           "uncertainty_text", "TOP_OUTCOMES"]

TOP_OUTCOMES = 3
"""How many outcomes of a distribution the text shows."""


def _outcome(o: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in o.items())


def odds_lines(odds: SolutionOdds, draws: int, indent: str = "  ") -> list[str]:
    """The most frequent outcomes of one distribution, one line each."""
    lines = [f"{indent}{odds.name}:"]
    for o in odds.outcomes[:TOP_OUTCOMES]:
        lines.append(f"{indent}  {o.probability:6.1%}  #{o.index}: {_outcome(o.outcome)}")
    rest = len(odds.outcomes) - TOP_OUTCOMES
    if rest > 0:
        lines.append(f"{indent}  ... {rest} more outcome(s)")
    if odds.no_solution:
        lines.append(f"{indent}  {odds.no_solution / draws:6.1%}  none")
    return lines


def acceptance_lines(r: EnsembleResult) -> list[str]:
    """The table of acceptance probabilities: one row per proposal, one column per actor."""
    if not r.proposals:
        return []
    actors = list(r.proposals[0].accept)
    width = max(len("P(accept)"), *(len(p.proposal) for p in r.proposals))
    lines = ["P(accept)".ljust(width) + "  " + "  ".join(f"{a:>8}" for a in actors)
             + "       all"]
    for p in r.proposals:
        lines.append(p.proposal.ljust(width) + "  "
                     + "  ".join(f"{p.accept[a]:8.1%}" for a in actors)
                     + f"  {p.all_accept:8.1%}")
    return lines


def uncertainty_text(r: EnsembleResult) -> str:
    """The probabilities ``negsim run`` prints beside the point answers of a scenario with
    uncertain parameters."""
    lines = ["", f"Under uncertainty ({r.draws:,} draws of {len(r.parameters)} uncertain "
             f"parameters, seed {r.seed}; negsim ensemble for more)"]
    lines += acceptance_lines(r)
    if r.acceptable_nonempty is None:
        lines.append(f"not computed: {r.not_computed}")
    else:
        lines.append(f"P(some deal acceptable to all) = {r.acceptable_nonempty:.1%}")
    if r.solutions and "nash" in r.solutions and r.solutions["nash"].outcomes:
        top = r.solutions["nash"].outcomes[0]
        lines.append(f"most frequent Nash deal ({top.probability:.1%}): #{top.index} "
                     f"{_outcome(top.outcome)}")
    return "\n".join(lines) + "\n"


@render_text.register
def ensemble_text(r: EnsembleResult) -> str:
    """Acceptance probabilities per proposal and actor, P(some deal acceptable), and how often
    each deal is each solution.

    Examples
    --------
    >>> import negsim
    >>> print(ensemble_text(negsim.ensemble(negsim.examples.toy_scenario(), draws=10)), end="")
    toy: 10 draws (seed 0), 0 uncertain parameters
    P(some deal acceptable to all) = 100.0%; mean acceptable-set size 1.00
    how often each deal is each solution:
      nash:
        100.0%  #1: war=truce
      asymmetric_nash:
        100.0%  #1: war=truce
      kalai_smorodinsky:
        100.0%  #1: war=truce
      egalitarian:
        100.0%  #1: war=truce
      utilitarian:
        100.0%  #1: war=truce
    """
    lines = [f"{r.scenario}: {r.draws:,} draws (seed {r.seed}), {len(r.parameters)} uncertain "
             "parameters"]
    for p in r.parameters:
        lines.append(f"  {p.path}: {p.distribution} (90% in "
                     f"{p.p05:.3g}..{p.p95:.3g})")
    lines += acceptance_lines(r)
    if r.acceptable_nonempty is None:
        lines.append(f"not computed: {r.not_computed}")
    else:
        lines.append(f"P(some deal acceptable to all) = {r.acceptable_nonempty:.1%}; mean "
                     f"acceptable-set size {r.mean_acceptable_size:,.2f}")
    if r.solutions:
        lines.append("how often each deal is each solution:")
        for odds in r.solutions.values():
            lines += odds_lines(odds, r.draws)
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines) + "\n"


@render_text.register
def simulation_text(r: SimulationSummary) -> str:
    """How often the simulated negotiations end in each deal, and on average where."""
    lines = [f"{r.scenario}: {r.runs:,} simulated negotiations (seed {r.seed}, at most "
             f"{r.rounds} rounds, concession exponents {r.exponents[0]:g}..{r.exponents[1]:g})"]
    if r.varied_parameters:
        lines.append("  uncertain parameters drawn per run: " + ", ".join(r.varied_parameters))
    agreed = r.runs - r.breakdowns
    lines.append(f"agreement in {agreed / r.runs:.1%}, breakdown in {r.breakdowns / r.runs:.1%}")
    if r.mean_round is not None:
        lines.append(f"mean round of agreement {r.mean_round:.1f}")
    if r.mean_utilities:
        lines.append("mean utilities at agreement: "
                     + ", ".join(f"{a} {u:.3f}" for a, u in r.mean_utilities.items()))
    if r.mean_nash_distance is not None:
        lines.append(f"mean distance to the Nash solution {r.mean_nash_distance:.3f}")
    lines += odds_lines(r.as_solution_odds("agreements"), r.runs, indent="")
    return "\n".join(lines) + "\n"
