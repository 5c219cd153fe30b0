"""``negsim.robustness``: the probability that each headline claim holds, and what it hinges on.

The claims are those of the point analysis (:func:`negsim.engine.analyze` with the scenario's
questions answered): each actor's verdict on each proposal, each proposal passing, the
acceptable set being non-empty, each bargaining solution's outcome, each truce verdict, each
threat's credibility, and each tipping point (the verdict stays on the side the point value
puts it).  Each draw sets every uncertain parameter to an independent draw of its distribution
(stream ``[seed, ROBUSTNESS_STREAM]``) and picks one reading of every structural choice
(:func:`negsim.uncertainty.structure.variant_draws`), and the whole analysis is redone; a claim
holds in a draw when the draw's analysis says the same.

A scenario that declares no uncertainty of its own gets a stated default spread on every
number its files mark ``# judgement`` (:func:`default_spread_parameters`).

A claim *hinges* on a parameter when the share of draws in which it holds differs between the
parameter's lower and upper half of draws (or between a structural alternative and the rest) by
more than ``HINGE_SE`` standard errors; the one or two largest differences are reported.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from negsim.engine.analyze import analyze as engine_analyze
from negsim.errors import ArgumentError
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter, parse_path
from negsim.model.scenario import Scenario
from negsim.model.structure import apply_structure
from negsim.results.analysis import Analysis
from negsim.results.robustness import Claim, Hinge, Robustness
from negsim.scenario_games.from_scenario import solve_game
from negsim.scenario_games.levers import credibility_claims, derive_credibility
from negsim.uncertainty.questions import add_answers
from negsim.uncertainty.structure import variant_draws

__all__ = ["robustness", "claims_of", "default_spread_parameters", "DEFAULT_SPREAD",
           "ROBUSTNESS_DRAWS", "HINGE_SE", "ROBUSTNESS_STREAM"]

DEFAULT_SPREAD = 0.3
"""Relative spread given to each ``# judgement`` number of a scenario without declared
uncertainty: uniform on ±30 % of the value (see :func:`default_spread_parameters`)."""

ROBUSTNESS_DRAWS = 200
"""Default number of draws (each redoes the whole analysis)."""

HINGE_SE = 2.0
"""A hinge is reported only when its difference exceeds this many standard errors."""

ROBUSTNESS_STREAM = 0x526F62
"""Second word of the seed of the parameter draws."""


def default_spread_parameters(scenario: Scenario, spread: float = DEFAULT_SPREAD
                              ) -> tuple[UncertainParameter, ...]:
    """A uniform distribution around every judged number: ``v·(1 ± spread)`` for weights,
    powers, effects and reservations (effects and reservations by ``±spread·|v|``), and for a
    patience or a credibility ``[v·(1 - spread), v + spread·(1 - v)]`` (inside its range).
    Zero values (no spread to scale) are left out.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario().with_changes(judged=("actors.A.demands[0].weight",))
    >>> [p.distribution.describe() for p in default_spread_parameters(s, 0.5)]
    ['uniform(0.5, 1.5)']
    """
    if not 0.0 < spread < 1.0:
        raise ArgumentError(f"spread must lie in (0, 1), not {spread!r}")
    out = []
    for path in scenario.judged:
        v = scenario.parameter(path)
        if v is None or v == 0:
            continue
        field = parse_path(path).field
        if field in ("patience", "credibility"):
            lo, hi = v * (1 - spread), v + spread * (1 - v)
        else:
            lo, hi = v - spread * abs(v), v + spread * abs(v)
        if lo < hi:
            out.append(UncertainParameter(path, Distribution.uniform(lo, hi)))
    return tuple(out)


def _outcome_text(outcome: dict[str, Any], sq: dict[str, Any]) -> str:
    moved = [f"{k} = {v}" for k, v in outcome.items() if sq.get(k) != v]
    return ", ".join(moved) if moved else "no deal"


def claims_of(analysis: Analysis, no_deal: dict[str, Any]) -> dict[str, tuple[str, str, Any]]:
    """The headline claims of an analysis: key → (kind, text, value).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> claims_of(negsim.analyze(s), s.no_deal)["acceptable"]
    ('acceptable', 'some deal is acceptable to every actor', True)
    """
    out: dict[str, tuple[str, str, Any]] = {}
    for v in analysis.verdicts:
        for r in v.responses:
            word = "accepts" if r.accepts else "rejects"
            out[f"verdict:{v.proposal}:{r.actor}"] = ("verdict", f"{r.actor} {word} {v.label}",
                                                     r.accepts)
        word = "passes" if v.accepted_by_all else "fails"
        out[f"passes:{v.proposal}"] = ("passes", f"{v.label} {word} (every actor accepts)"
                                       if v.accepted_by_all else f"{v.label} {word}",
                                       v.accepted_by_all)
    size = analysis.acceptable.size
    out["acceptable"] = ("acceptable", "some deal is acceptable to every actor" if size
                         else "no deal is acceptable to every actor", bool(size))
    for name, s in analysis.solutions.items():
        text = _outcome_text(s.outcome, no_deal) if s.outcome is not None else "none"
        key = tuple(sorted(s.outcome.items())) if s.outcome is not None else None
        out[f"solution:{name}"] = ("solution", f"{name}: {text}", key)
    for t in analysis.truces:
        out[f"truce:{t.proposal}"] = ("truce", f"the {t.label} truce "
                                      f"{'holds' if t.holds else 'breaks down'}", t.holds)
    for g in analysis.games:
        for th in g.threats:
            a = th.assessment
            out[f"threat:{g.id}:{th.node}"] = (
                "threat", f"{a.player}'s threat to {a.threat} ({g.id}, {th.node}) is "
                f"{'credible' if a.credible else 'not credible'}", a.credible)
    return out


def _hinges(holds: np.ndarray, columns: list[tuple[str, np.ndarray, Any]]) -> list[Hinge]:
    out = []
    for name, x, labels in columns:
        groups = []
        if labels is None:  # a numeric parameter: lower and upper half of its draws
            med = float(np.median(x))
            hi_mask = x > med
            if hi_mask.all() or not hi_mask.any():
                continue
            groups.append(("", hi_mask))
        else:
            groups.extend((labels[i], x == i) for i in range(len(labels)))
        best = None
        for label, mask in groups:
            n1, n0 = int(mask.sum()), int((~mask).sum())
            if n1 == 0 or n0 == 0:
                continue
            p1, p0 = float(holds[mask].mean()), float(holds[~mask].mean())
            pooled = float(holds.mean())
            se = math.sqrt(max(pooled * (1 - pooled), 0.0) * (1 / n1 + 1 / n0))
            eff = abs(p1 - p0)
            if eff > HINGE_SE * se and (best is None or eff > best.effect):
                best = Hinge(name, round(p0, 12), round(p1, 12), round(eff, 12), label)
        if best is not None:
            out.append(best)
    out.sort(key=lambda h: (-h.effect, h.parameter))
    return out[:2]


def robustness(scenario: Scenario, draws: int = ROBUSTNESS_DRAWS, seed: int | None = None, *,
               default_spread: float | None = DEFAULT_SPREAD) -> Robustness:
    """How often each headline claim of the point analysis holds under the uncertainty.

    Parameters
    ----------
    scenario : Scenario
    draws : int
        Number of draws; each redoes the whole analysis.
    seed : int, optional
        Default: the scenario's seed.  Same inputs and seed → same numbers.
    default_spread : float or None
        For a scenario with no uncertain parameters and no structural choices: the relative
        spread put on every ``# judgement`` number (``None`` or ``0``: none).

    Returns
    -------
    Robustness

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     uncertain=(negsim.UncertainParameter("levers.aid.effects.A",
    ...                                          negsim.Distribution.uniform(0, 2)),))
    >>> c = negsim.robustness(s, draws=400, seed=1).claim("verdict:truce:A")
    >>> c.text, round(c.holds, 1), c.hinges[0].parameter
    ('A accepts truce', 0.5, 'levers.aid.effects.A')
    """
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ArgumentError(f"draws must be a positive integer, not {draws!r}")
    seed = scenario.seed if seed is None else seed
    params = scenario.uncertain
    spread = None
    if not scenario.uncertain and not scenario.structural:
        if default_spread:
            params = default_spread_parameters(scenario, default_spread)
            spread = float(default_spread)
            note = (f"the scenario declares no uncertainty: each of its {len(params)} "
                    f"# judgement numbers drawn uniformly within ±{spread:.0%} of its value")
        else:
            note = "the scenario declares no uncertainty and the default spread is off"
    else:
        note = (f"the scenario's declared uncertainty: {len(params)} parameters, "
                f"{len(scenario.structural)} structural choices")
    resolved, derived = derive_credibility(scenario)  # credibility = { from_game = "ID" }
    point = add_answers(engine_analyze(resolved), resolved) if scenario.questions \
        else engine_analyze(resolved)
    no_deal = scenario.no_deal
    base = {**claims_of(point, no_deal), **credibility_claims(scenario, derived)}
    rng = np.random.default_rng(np.random.SeedSequence([seed, ROBUSTNESS_STREAM]))
    values = np.stack([p.distribution.sample(draws, rng) for p in params], axis=1) \
        if params else np.zeros((draws, 0))
    picks = variant_draws(scenario, draws, seed) if scenario.structural else None
    keys = list(base)
    holds = np.zeros((len(keys), draws), dtype=bool)
    with_threats = {g.id for g in point.games if g.threats}
    specs = [g for g in scenario.games if g.id in with_threats]
    for d in range(draws):
        s = apply_structure(scenario, list(picks[d])) if picks is not None else scenario
        s = s.with_parameters({p.path: float(values[d, j]) for j, p in enumerate(params)})
        s = s.with_changes(cloud_size=0)  # no figure cloud needed
        s, drawn = derive_credibility(s)  # each draw's games give its levers' credibility
        a = engine_analyze(s, games=False)  # only the games whose threats are claims
        got = {**claims_of(replace(a, games=[solve_game(s, g) for g in specs]), no_deal),
               **credibility_claims(s, drawn)}
        for k, key in enumerate(keys):
            holds[k, d] = key in got and got[key][2] == base[key][2]
    columns: list[tuple[str, np.ndarray, Any]] = [(p.path, values[:, j], None)
                                                   for j, p in enumerate(params)]
    columns += [(c.path, picks[:, j], c.labels)  # type: ignore[index]
                for j, c in enumerate(scenario.structural)]
    claims = [Claim(base[k][0], k, base[k][1], int(holds[i].sum()) / draws, int(holds[i].sum()),
                    _hinges(holds[i], columns)) for i, k in enumerate(keys)]
    claims += _tipping_claims(point, params, values)
    return Robustness(scenario.name, draws, seed,
                      [p.path for p in params] + [c.path for c in scenario.structural],
                      spread, note, claims)


def _tipping_claims(point: Analysis, params: tuple[UncertainParameter, ...],
                    values: np.ndarray) -> list[Claim]:
    """A tipping point's claim: the parameter stays on the side of the flip its point value
    is on (with the other parameters at their point values, as the tipping point is found)."""
    out = []
    paths = [p.path for p in params]
    for tp in point.tipping_points:
        if not tp.found or tp.value is None:
            continue
        key = f"tipping_point:{tp.parameter}:{tp.target}"
        x0 = next((p.point for p in params if p.path == tp.parameter), None)
        text = f"{tp.target} does not flip: {tp.parameter} stays on its side of {tp.value:.6g}"
        if tp.parameter not in paths or x0 is None:
            out.append(Claim("tipping_point", key, text + " (not drawn)", 1.0, len(values), []))
            continue
        x = values[:, paths.index(tp.parameter)]
        same = (x >= tp.value) == (x0 >= tp.value)
        n = int(same.sum())
        out.append(Claim("tipping_point", key, text, n / len(x), n,
                         _hinges(same, [(tp.parameter, x, None)])))
    return out
