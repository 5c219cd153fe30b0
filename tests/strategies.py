"""Hypothesis strategies for random small scenarios (issues, demands, red lines, conditions,
constraints and levers)."""

from __future__ import annotations

from hypothesis import strategies as st

import negsim


@st.composite
def scenarios(draw, max_issues: int = 4, max_actors: int = 3) -> negsim.Scenario:
    n_issues = draw(st.integers(1, max_issues))
    issues = []
    for k in range(n_issues):
        n_opts = draw(st.integers(2, 4))
        opts = tuple(f"o{j}" for j in range(n_opts))
        issues.append(negsim.Issue(f"i{k}", opts, draw(st.sampled_from(opts)),
                                   ordered=draw(st.booleans())))
    actors = []
    for a in range(draw(st.integers(1, max_actors))):
        demands = []
        for _ in range(draw(st.integers(0, 4))):
            issue = draw(st.sampled_from(issues))
            kind = draw(st.sampled_from(["want", "avoid", "scores"]))
            opts = list(issue.options)
            chosen = tuple(draw(st.lists(st.sampled_from(opts), min_size=1, max_size=2, unique=True)))
            spec = {}
            if kind == "scores":
                spec["scores"] = {o: draw(st.sampled_from([0.0, 0.25, 0.5, 1.0])) for o in chosen}
            else:
                spec[kind] = chosen
            others = [i for i in issues if i.id != issue.id]
            when = {}
            if others and draw(st.integers(0, 3)) == 0:
                other = draw(st.sampled_from(others))
                when = {other.id: draw(st.sampled_from(other.options))}
            demands.append(negsim.Demand(issue.id, weight=draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])),
                                         hard=draw(st.integers(0, 4)) == 0, when=when, **spec))
        reservation = draw(st.one_of(st.none(), st.sampled_from([0.2, 0.5])))
        actors.append(negsim.Actor(f"A{a}", tuple(demands), power=draw(st.sampled_from([1.0, 2.0])),
                                   reservation=reservation))
    names = [a.name for a in actors]
    levers = []
    if draw(st.booleans()):
        target = draw(st.sampled_from(names))
        trigger = "no_deal"
        if draw(st.booleans()):
            issue = draw(st.sampled_from(issues))
            trigger = negsim.Condition.of({issue.id: issue.options[0]})
        levers.append(negsim.Lever("lever", by=names[0], trigger=trigger,
                                   effects={target: draw(st.sampled_from([-0.3, -0.1, 0.2]))},
                                   credibility=draw(st.sampled_from([0.5, 1.0]))))
    constraints = []
    if n_issues >= 2 and draw(st.booleans()):
        a, b = issues[0], issues[1]
        constraints.append(negsim.Constraint.of({a.id: a.options[-1], b.id: b.options[-1]}))
    return negsim.Scenario("random", issues=tuple(issues), actors=tuple(actors),
                           levers=tuple(levers), constraints=tuple(constraints),
                           seed=draw(st.integers(0, 5)))
