"""Hypothesis strategies for random scenarios small enough to enumerate.

Two generators with different reach:

``simple_scenarios``
    At most 4 issues; scores name only the chosen options; at most one lever and one constraint;
    the seed varies. Checked against the brute-force reference in ``tests.support.reference``.
``rich_scenarios``
    At most 5 issues; scores cover every option; conditions on up to two issues; up to two levers
    (any actor pulls, any actor pays) and two conditional constraints.
"""

from __future__ import annotations

from hypothesis import strategies as st

import negsim


@st.composite
def simple_scenarios(draw: st.DrawFn, max_issues: int = 4, max_actors: int = 3) -> negsim.Scenario:
    """A random scenario with few levers and constraints, and a random seed."""
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


SCORES = (0.0, 0.25, 0.5, 0.75, 1.0, 0.1, 0.3)


@st.composite
def rich_scenarios(draw: st.DrawFn, max_issues: int = 5, max_actors: int = 3) -> negsim.Scenario:
    """A random scenario with conditions, levers and constraints (at most a few hundred outcomes)."""
    n_issues = draw(st.integers(1, max_issues))
    issues = []
    for k in range(n_issues):
        n = draw(st.integers(2, 4))
        opts = tuple(f"o{j}" for j in range(n))
        issues.append(negsim.Issue(f"i{k}", opts, opts[draw(st.integers(0, n - 1))],
                                   ordered=draw(st.booleans())))
    ids = [i.id for i in issues]

    def option_of(issue_id: str) -> str:
        issue = issues[ids.index(issue_id)]
        return issue.options[draw(st.integers(0, len(issue) - 1))]

    def condition(exclude: str | None = None) -> dict[str, str] | None:
        others = [i for i in ids if i != exclude]
        if not others or not draw(st.booleans()):
            return None
        return {i: option_of(i) for i in draw(st.lists(st.sampled_from(others), min_size=1,
                                                       max_size=2, unique=True))}

    actors = []
    n_actors = draw(st.integers(1, max_actors))
    for a in range(n_actors):
        demands = []
        for _ in range(draw(st.integers(0, 4))):
            issue_id = draw(st.sampled_from(ids))
            issue = issues[ids.index(issue_id)]
            kind = draw(st.sampled_from(["want", "avoid", "scores"]))
            kw: dict = {}
            if kind == "scores":
                kw["scores"] = {o: draw(st.sampled_from(SCORES)) for o in issue.options}
            else:
                kw[kind] = option_of(issue_id)
            when = condition(exclude=issue_id) if draw(st.integers(0, 3)) == 0 else None
            if when:
                kw["when"] = when
            demands.append(negsim.Demand(issue_id, weight=draw(st.sampled_from([1, 2, 3])),
                                         hard=draw(st.integers(0, 4)) == 0, **kw))
        reservation = draw(st.one_of(st.none(), st.sampled_from([0.0, 0.2, 0.4, 0.5, 0.6])))
        actors.append(negsim.Actor(f"A{a}", tuple(demands), power=draw(st.sampled_from([1, 2])),
                                   reservation=reservation))
    names = [a.name for a in actors]
    levers = []
    for k in range(draw(st.integers(0, 2))):
        trig = condition() if draw(st.booleans()) else None
        levers.append(negsim.Lever(f"l{k}", by=draw(st.sampled_from(names)),
                                   effects={draw(st.sampled_from(names)):
                                            draw(st.sampled_from([-0.3, -0.1, 0.2]))},
                                   trigger=trig if trig else "no_deal",
                                   credibility=draw(st.sampled_from([0.5, 1.0]))))
    constraints = []
    for _ in range(draw(st.integers(0, 2))):
        forbid = condition()
        if forbid:
            constraints.append(negsim.Constraint.of(forbid))
    return negsim.Scenario("random", tuple(issues), tuple(actors), levers=tuple(levers),
                           constraints=tuple(constraints))
