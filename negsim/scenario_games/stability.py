"""Truce stability and bargaining (Rubinstein, Fearon) from a scenario's preference models.

See :mod:`negsim.scenario_games.from_scenario` for how ``T``, ``R`` and ``P`` are read off the models.
Fearon mapping: the first war actor's *share* of a deal is its demand utility of the deal (in
[0, 1] by construction), the other side getting the rest -- a crude, documented projection of a
multi-issue deal onto Fearon's divisible good.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from negsim.games.fearon import bargaining_range, commitment_problem
from negsim.results.games import BargainingResult, TruceResult
from negsim.games.rubinstein import alternating_offers, rubinstein_split
from negsim.model.specs import TruceSpec
from negsim.games.truce import PartyTruce, imperfect_monitoring_threshold, minimum_detection
from negsim.preferences import PreferenceModel
from negsim.model.scenario import Scenario
from negsim.scenario_games.from_scenario import demand_utility
from negsim.tolerances import ACCEPT_TOL, ROUND_TOL
from negsim.results.analysis import ActorVerdict, ProposalVerdict
from dataclasses import replace

__all__ = ["truce_result", "bargaining_result", "truce_value", "truce_verdicts", "truce_worth",
           "MAX_TRUCE_ISSUES"]

MAX_TRUCE_ISSUES = 12
"""Violations are searched over every subset of at most this many truce issues."""


def _party(name: str, t: float, r: float, p: float, delta: float, q: float,
           alpha: float) -> tuple[PartyTruce, float | None]:
    if r <= p:
        return PartyTruce(name, t, r, p, delta, None, False, None), None
    te = max(t, r)
    th = imperfect_monitoring_threshold(te, r, p, q, alpha)
    perfect = (te - r) / (te - p)
    return PartyTruce(name, t, r, p, delta, th, th is not None and delta >= th - ROUND_TOL,
                      minimum_detection(te, r, p, delta, alpha)), perfect


def _stability(scenario: Scenario, models: Sequence[PreferenceModel], spec: TruceSpec,
               row: np.ndarray, q: float):
    space = scenario.space
    sq = np.array(space.status_quo)
    issues = spec.issues or tuple(space.issues[j].id for j in range(len(row)) if row[j] != sq[j])
    pos = [space.position[i] for i in issues][:MAX_TRUCE_ISSUES]
    subsets = [c for k in range(1, len(pos) + 1) for c in combinations(pos, k)]
    rows = np.repeat(row[None, :], len(subsets) + 1, axis=0)
    for n, c in enumerate(subsets, start=1):
        rows[n, list(c)] = sq[list(c)]
    names = spec.parties or scenario.actor_names
    by = {m.actor: m for m in models}
    parties, perfect, violations = [], {}, {}
    for name in names:
        u = by[name].utility(rows)
        best = int(np.argmax(u))
        pt, pf = _party(name, float(u[best]), float(u[0]), by[name].reservation,
                        scenario.actor(name).patience, q, spec.false_alarm)
        parties.append(pt)
        perfect[name] = pf
        violations[name] = {space.issues[j].id: str(space.issues[j].options[sq[j]])
                            for j in (subsets[best - 1] if best else ())}
    return parties, perfect, violations


def truce_result(scenario: Scenario, models: Sequence[PreferenceModel],
                 spec: TruceSpec) -> TruceResult:
    """Grim-trigger stability of one declared truce, per party, and its verification needs."""
    space = scenario.space
    proposal = scenario.proposal(spec.proposal)
    row = np.array(space.indices_of(dict(proposal.terms), fill_status_quo=True), dtype=np.intp)
    qs = dict(spec.verification)
    notes: list[str] = []
    if spec.detection is not None:
        q = spec.detection
    elif spec.verification_issue is not None:
        issue = space.issue(spec.verification_issue)
        opt = str(issue.options[row[space.position[issue.id]]])
        q = qs.get(opt, 1.0)
        if opt not in qs:
            notes.append(f"no detection probability for {issue.id}={opt}; q = 1 assumed")
    else:
        q = 1.0
    parties, perfect, violations = _stability(scenario, models, spec, row, q)
    by = {m.actor: m for m in models}
    for pt in parties:
        if by[pt.name].vetoed(row[None, :])[0]:
            notes.append(f"{pt.name}: the truce crosses its red line, so it would not sign it; "
                         "the stability above assumes the truce is in force")
        if pt.compliance <= pt.breakdown:
            notes.append(f"{pt.name}: the truce is no better than breakdown (R <= P); "
                         "no patience holds it")
        elif pt.temptation <= pt.compliance:
            notes.append(f"{pt.name}: no violation tempts it (T <= R)")
    verification: dict[str, bool] = {}
    if spec.verification_issue is not None:
        j = space.position[spec.verification_issue]
        issue = space.issues[j]
        for opt, qv in spec.verification:
            alt = row.copy()
            alt[j] = issue.index(next(o for o in issue.options if str(o) == opt))
            verification[opt] = all(p.holds for p in _stability(scenario, models, spec, alt, qv)[0])
    mins = [p.minimum_detection for p in parties]
    need = None if any(m is None for m in mins) else max([0.0, *mins])  # type: ignore[type-var]

    def strain(pt: PartyTruce) -> float:
        return float("inf") if pt.threshold is None else pt.threshold - pt.delta

    holds = all(p.holds for p in parties)
    beliefs = dict(spec.hold_beliefs)
    held = {p.name: beliefs.get(p.name, 1.0 if holds else 0.0) for p in parties}
    expected = {p.name: truce_value(p.compliance, p.breakdown, p.delta, spec.false_alarm,
                                    held[p.name]) for p in parties}
    return TruceResult(spec.proposal, spec.label or proposal.label or proposal.id, parties,
                       holds, max(parties, key=strain).name if parties else None, q,
                       spec.false_alarm, perfect, violations, need, spec.verification_issue,
                       verification, notes, expected, held, spec.count_in_verdicts)


def truce_value(compliance: float, breakdown: float, delta: float, false_alarm: float,
                holds: float) -> float:
    """What a truce is worth to a party that may see it fail (normalised discounted value).

    Model: while it holds, each round a false alarm (probability ``alpha``) ends it for ever
    (grim trigger), so ``V = (1 - delta) R + delta ((1 - alpha) V + alpha P)``, i.e.
    ``V = ((1 - delta) R + delta alpha P) / (1 - delta + delta alpha)``; and the party gives it
    probability ``holds`` of holding at all (else it collapses at once to ``P``):
    ``holds * V + (1 - holds) * P``.

    Examples
    --------
    >>> truce_value(1.0, 0.0, 0.5, 0.0, 1.0), truce_value(1.0, 0.0, 0.5, 0.0, 0.25)
    (1.0, 0.25)
    >>> round(truce_value(1.0, 0.0, 0.5, 1.0, 1.0), 6)  # a certain false alarm: one round of R
    0.5
    """
    den = 1.0 - delta + delta * false_alarm
    v = compliance if den <= 0 else ((1.0 - delta) * compliance
                                     + delta * false_alarm * breakdown) / den
    return round(holds * v + (1.0 - holds) * breakdown, 12)


def truce_worth(scenario: Scenario, models: Sequence[PreferenceModel],
                proposal: str) -> dict[str, float]:
    """The one rule for what a proposal is worth to each party when its ``[[truces]]`` entry
    has ``count_in_verdicts = true``: the truce's expected value given that it may fail
    (:func:`truce_value`, through :func:`truce_result`); ``{}`` when no such entry exists (the
    terms' utility, as certain, applies).  The point verdicts (:func:`truce_verdicts`) and the
    margins that sensitivity and tipping points move (:mod:`negsim.uncertainty.targets`) read
    it.

    Examples
    --------
    >>> import negsim
    >>> truce_worth(negsim.examples.toy_scenario(), [], "anything")
    {}
    """
    for spec in scenario.truces:
        if spec.proposal == proposal and spec.count_in_verdicts:
            return dict(truce_result(scenario, models, spec).expected_values)
    return {}


def truce_verdicts(verdicts: Sequence[ProposalVerdict],
                   truces: Sequence[TruceResult]) -> list[ProposalVerdict]:
    """The verdicts with every ``count_in_verdicts`` truce valued at its expected value.

    A party's utility of the truce proposal becomes :func:`truce_value` (its margin and
    acceptance follow; red lines still veto); other proposals and actors are unchanged.
    """
    counted = {t.proposal: t for t in truces if t.count_in_verdicts}
    out = []
    for v in verdicts:
        t = counted.get(v.proposal)
        if t is None:
            out.append(v)
            continue
        rows = []
        for r in v.responses:
            if r.actor not in t.expected_values:
                rows.append(r)
                continue
            u = t.expected_values[r.actor]
            margin = round(u - r.reservation, 12)
            ok = not r.vetoed and margin >= -ACCEPT_TOL
            rows.append(ActorVerdict(r.actor, ok, u, r.reservation, margin, r.vetoed,
                                     [] if ok else list(r.blockers)))
        out.append(replace(v, responses=rows, accepted_by_all=all(r.accepts for r in rows)))
    return out


def bargaining_result(scenario: Scenario, models: Sequence[PreferenceModel],
                      frontier: Sequence[tuple[dict, dict[str, float]]] = ()) -> BargainingResult | None:
    """Rubinstein split from the two bargainers' patience, the first proposer's offer on the
    acceptable frontier (two-actor scenarios), and Fearon's range with the proposals in it."""
    pair = scenario.bargaining or scenario.actor_names[:2]
    if len(pair) < 2:
        return None
    a, b = (scenario.actor(x) for x in pair)
    notes: list[str] = []
    split = rubinstein_split(a.patience, b.patience)
    offer = offer_u = None
    if len(scenario.actors) == 2 and frontier:
        by = {m.actor: m for m in models}
        U = np.array([[u[a.name], u[b.name]] for _, u in frontier])
        r = alternating_offers(U, (by[a.name].reservation, by[b.name].reservation),
                               a.patience, b.patience)
        if r.equilibria:
            k = r.equilibria[0].first_offer
            offer = {i: str(o) for i, o in frontier[k][0].items()}
            offer_u = dict(frontier[k][1])
            if not r.unique:
                notes.append("several stationary equilibria; the first is shown")
    elif len(scenario.actors) != 2:
        notes.append("offers on the frontier are computed for two-actor scenarios only")
    war, shares, in_range, war_actors, shift = None, {}, {}, [], None
    if scenario.war is not None:
        w = scenario.war
        costs = dict(w.costs)
        war = bargaining_range(w.p, costs[w.actors[0]], costs[w.actors[1]])
        war_actors = list(w.actors)
        if w.p_after is not None:
            shift = commitment_problem(w.p, w.p_after, costs[w.actors[0]], costs[w.actors[1]],
                                       scenario.actor(w.actors[0]).patience,
                                       scenario.actor(w.actors[1]).patience)
        m = next(m for m in models if m.actor == w.actors[0])
        for p in scenario.proposals:
            row = np.array([scenario.space.indices_of(dict(p.terms), fill_status_quo=True)],
                           dtype=np.intp)
            shares[p.id] = float(demand_utility(m, row)[0])
            in_range[p.id] = war.contains(shares[p.id])
    return BargainingResult(a.name, b.name, a.patience, b.patience, split, offer, offer_u, war,
                            war_actors, shares, in_range, notes, shift)
