"""Structural uncertainty in the ensemble: draws grouped by structural variant.

Each draw first picks one alternative of every structural choice (a red line or not, which
reading of a trigger or a condition; :mod:`negsim.model.structure`), from the stream
``np.random.SeedSequence([seed, STRUCTURE_STREAM])``.  The draws that picked the same
variant form a group, and each group goes through the ordinary vectorised ensemble of its
variant (seeded by ``[seed, *the variant's alternative indices]``); the groups' integer counts add up exactly.  A
scenario whose choices all have one alternative of probability 1 is one variant, and its
ensemble is that variant's ensemble with the same seed, draw by draw.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from negsim.model.parameters import parse_target
from negsim.model.scenario import Scenario
from negsim.model.structure import StructuralChoice, apply_structure
from negsim.results.analysis import SensitivityBar
from negsim.results.uncertainty import EnsembleResult, OutcomeOdds, ProposalOdds, SolutionOdds
from negsim.uncertainty.targets import target_value, target_vetoed

__all__ = ["variant_draws", "structural_ensemble", "structural_bar", "STRUCTURE_STREAM"]

STRUCTURE_STREAM = 0x5747
"""Second word of the seed of the structural picks (so they never reuse the parameter stream)."""


def variant_draws(scenario: Scenario, draws: int, seed: int) -> np.ndarray:
    """The alternative each draw picks for each structural choice, shape (draws, choices).

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.structure import hard_choice
    >>> s = negsim.examples.toy_scenario().with_changes(
    ...     structural=(hard_choice("actors.A.demands[0].hard", 0.25),))
    >>> round(float((variant_draws(s, 40_000, 1)[:, 0] == 0).mean()), 2)
    0.25
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, STRUCTURE_STREAM]))
    out = np.zeros((draws, len(scenario.structural)), dtype=np.int64)
    for j, c in enumerate(scenario.structural):
        cum = np.cumsum(c.probabilities)
        cum[-1] = 1.0
        out[:, j] = np.minimum(np.searchsorted(cum, rng.random(draws), side="right"),
                               len(cum) - 1)
    return out



def _merge(parts: Sequence[tuple[int, EnsembleResult]], scenario: Scenario, draws: int,
           seed: int) -> EnsembleResult:
    first = parts[0][1]
    proposals = []
    for k, prop in enumerate(first.proposals):
        acc = {a: sum(r.proposals[k].accept_counts[a] for _, r in parts)
               for a in prop.accept_counts}
        allc = sum(r.proposals[k].all_accept_count for _, r in parts)
        proposals.append(ProposalOdds(prop.proposal, prop.label,
                                      {a: c / draws for a, c in acc.items()}, acc,
                                      allc / draws, allc))
    notes = list(first.notes) + [f"structural uncertainty: {len(parts)} variants drawn of "
                                 f"{len(scenario.structural)} structural choices"]
    base: dict[str, Any] = dict(scenario=scenario.name, draws=draws, seed=seed,
                                chunk_size=first.chunk_size, parameters=first.parameters,
                                proposals=proposals, space_size=first.space_size, notes=notes)
    if any(r.acceptable_nonempty_count is None for _, r in parts):
        return EnsembleResult(**base, not_computed=first.not_computed or next(
            r.not_computed for _, r in parts if r.not_computed))
    nonempty = sum(r.acceptable_nonempty_count for _, r in parts)  # type: ignore[misc]
    size_sum = sum(round(r.mean_acceptable_size * n) for n, r in parts)  # type: ignore[operator]
    solutions = {}
    for name in first.solutions or {}:
        counts: dict[int, int] = {}
        outcomes: dict[int, dict] = {}
        none = 0
        for _, r in parts:
            s = r.solutions[name]  # type: ignore[index]
            none += s.no_solution
            for o in s.outcomes:
                counts[o.index] = counts.get(o.index, 0) + o.count
                outcomes[o.index] = o.outcome
        ordered = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
        solutions[name] = SolutionOdds(name, [OutcomeOdds(i, outcomes[i], c, c / draws)
                                              for i, c in ordered], none)
    return EnsembleResult(**base, acceptable_nonempty=nonempty / draws,
                          acceptable_nonempty_count=nonempty,
                          mean_acceptable_size=size_sum / draws, solutions=solutions,
                          candidates=max(r.candidates for _, r in parts))


def structural_ensemble(scenario: Scenario, draws: int, seed: int | None,
                        run: Callable[..., EnsembleResult], **options: Any) -> EnsembleResult:
    """The ensemble of a scenario with structural choices (``negsim.ensemble`` calls this).

    Parameters
    ----------
    scenario : Scenario
    draws, seed
        As for :func:`negsim.ensemble`.
    run : callable
        The ensemble of one variant (:func:`negsim.ensemble`, which calls this with itself).
    **options
        Passed on to each variant's :func:`negsim.ensemble` (executor, chunk_size, solutions...).

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.structure import hard_choice
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="fight", hard=True),)),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     structural=(hard_choice("actors.A.demands[0].hard", 0.75),))
    >>> round(negsim.ensemble(s, draws=8000, seed=3).proposal("truce").all_accept, 2)
    0.0
    """
    seed = scenario.seed if seed is None else seed
    certain = [next((i for i, p in enumerate(c.probabilities) if p == 1.0), None)
               for c in scenario.structural]
    if all(i is not None for i in certain):
        return run(apply_structure(scenario, certain), draws, seed, **options)
    picks = variant_draws(scenario, draws, seed)
    variants, counts = np.unique(picks, axis=0, return_counts=True)
    parts = []
    for variant, n in zip(variants, counts):
        words = [seed, *(int(i) for i in variant)]
        sub_seed = int(np.random.SeedSequence(words).generate_state(1)[0])
        parts.append((int(n), run(apply_structure(scenario, list(variant)), int(n),
                                       sub_seed, **options)))
    return _merge(parts, scenario, draws, seed)


def structural_bar(scenario: Scenario, target: str, choice: StructuralChoice,
                   threshold: float = 0.0) -> SensitivityBar:
    """A tornado bar for a structural choice: the target under its alternatives, the rest at
    the point model.

    ``low`` and ``high`` are the indices of the alternatives at the two ends (for a margin
    target, a reading under which a red line vetoes the proposal counts as the low end);
    ``flips`` says whether the verdict (target >= threshold, and for margins no veto) differs
    between alternatives.

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.structure import hard_choice
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="fight", weight=1),
    ...                                negsim.Demand("war", want="truce", weight=2))),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     structural=(hard_choice("actors.A.demands[0].hard", 0.4),))
    >>> bar = structural_bar(s, "margin:truce:A", s.structural[0])
    >>> bar.distribution, bar.low, bar.high, bar.flips
    ('red line 40% / soft 60%', 0.0, 1.0, True)
    """
    t = parse_target(target)
    variants = [apply_structure(scenario, {choice.path: i}) for i in range(len(choice.values))]
    values = [target_value(v, t) for v in variants]
    vetoed = [target_vetoed(v, t) for v in variants]
    verdicts = [bool(x >= threshold) and not vet for x, vet in zip(values, vetoed)]
    order = sorted(range(len(values)), key=lambda i: (verdicts[i], values[i], -i))
    lo, hi = order[0], order[-1]
    swing = abs(values[hi] - values[lo])
    return SensitivityBar(choice.path, choice.describe(), float(lo), float(hi), values[lo],
                          values[hi], round(swing, 12) if math.isfinite(swing) else swing,
                          len(set(verdicts)) > 1)
