"""Hypothesis strategies: small random scenarios with red lines, conditions, constraints, levers."""

from __future__ import annotations

from hypothesis import strategies as st

import negsim
from negsim.model import Constraint

SCORES = (0.0, 0.25, 0.5, 0.75, 1.0, 0.1, 0.3)


@st.composite
def scenarios(draw: st.DrawFn, max_issues: int = 5, max_actors: int = 3) -> negsim.Scenario:
    """A random scenario small enough to enumerate (at most a few hundred outcomes)."""
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
            constraints.append(Constraint.of(forbid))
    return negsim.Scenario("random", tuple(issues), tuple(actors), levers=tuple(levers),
                           constraints=tuple(constraints))
