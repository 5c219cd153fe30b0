"""A plain-Python reading of the model's semantics, written from the documentation alone.

It loops over every outcome and every demand, with none of the engine's tables or vectorisation,
so that the engine can be checked against it on small random scenarios.
"""

from __future__ import annotations

import itertools

import negsim


def score(demand: negsim.Demand, issue: negsim.Issue, option) -> float:
    n = len(issue.options)
    rank = issue.options.index(option)
    if demand.want is not None:
        wanted = [issue.options.index(w) for w in demand.want]
        if issue.ordered:
            return 1 - min(abs(rank - w) for w in wanted) / (n - 1)
        return 1.0 if rank in wanted else 0.0
    if demand.avoid is not None:
        return 0.0 if option in demand.avoid else 1.0
    return dict(demand.scores).get(option, 0.0)


def applies(demand: negsim.Demand, outcome: dict) -> bool:
    return all(outcome[i] in opts for i, opts in demand.when.terms)


def utility(s: negsim.Scenario, actor: negsim.Actor, outcome: dict) -> float:
    issues = {i.id: i for i in s.issues}
    total = sum(d.weight for d in actor.demands) or 1.0
    u = 0.0
    for d in actor.demands:
        sc = score(d, issues[d.issue], outcome[d.issue]) if applies(d, outcome) else 1.0
        u += d.weight * sc / total
    for lv in s.levers:
        if lv.trigger != "no_deal" and lv.trigger.holds(outcome):
            u += lv.credibility * dict(lv.effects).get(actor.name, 0.0)
    return u


def vetoes(s: negsim.Scenario, actor: negsim.Actor, outcome: dict) -> bool:
    issues = {i.id: i for i in s.issues}
    return any(d.hard and applies(d, outcome) and score(d, issues[d.issue], outcome[d.issue]) < 1
               for d in actor.demands)


def reservation(s: negsim.Scenario, actor: negsim.Actor) -> float:
    if actor.reservation is not None:
        return actor.reservation
    shift = sum(lv.credibility * dict(lv.effects).get(actor.name, 0.0)
                for lv in s.levers if lv.trigger == "no_deal")
    return utility(s, actor, s.no_deal) + shift


def outcomes(s: negsim.Scenario):
    for combo in itertools.product(*(i.options for i in s.issues)):
        yield dict(zip((i.id for i in s.issues), combo))


def acceptable(s: negsim.Scenario) -> list[dict]:
    res = {a.name: reservation(s, a) for a in s.actors}
    out = []
    for o in outcomes(s):
        if o == s.no_deal or any(c.forbids(o) for c in s.constraints):
            continue
        if any(vetoes(s, a, o) for a in s.actors):
            continue
        if all(utility(s, a, o) >= res[a.name] - 1e-9 for a in s.actors):
            out.append(o)
    return out
