"""Issue groups: the parts of the outcome space whose issues interact.

Utilities are sums of factors, each a table over a few issues; red lines are tables too, and a
constraint forbids a combination of a few issues.  Issues that share a factor, a red line, a
constraint or a lever's trigger are *coupled*; the connected components of that relation are the
issue groups.  Across groups everything adds up: an outcome's utility is the sum of its groups'
contributions, it is vetoed iff one of its groups' assignments is, and it is allowed iff every
group's assignment is.  So each group can be enumerated on its own (it is small) and the groups
combined by merging, without ever enumerating the product.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from negsim.errors import ScenarioError
from negsim.limits import MAX_COUPLED_GROUP
from negsim.model import Condition
from negsim.preferences import Factor, PreferenceModel
from negsim.model.scenario import Scenario

__all__ = ["IssueGroup", "issue_groups", "group_tables", "check_group_sizes", "MAX_GROUP_SIZE"]

MAX_GROUP_SIZE = MAX_COUPLED_GROUP
"""The most assignments one group of coupled issues may have (it is enumerated in full)."""


def issue_groups(scenario: Scenario, models: tuple[PreferenceModel, ...]) -> list[tuple[int, ...]]:
    """Issue positions grouped by coupling, each group sorted, groups ordered by first issue.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.Scenario("toy", issues=tuple(negsim.Issue(x, ("a", "b"), "a") for x in "pqr"),
    ...     actors=(negsim.Actor("A", (negsim.Demand("r", want="b", when={"p": "b"}),
    ...                                negsim.Demand("q", want="a"))),))
    >>> issue_groups(s, build_preferences(s))
    [(0, 2), (1,)]
    """
    space = scenario.space
    parent = list(range(len(space.issues)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def tie(positions: tuple[int, ...] | list[int]) -> None:
        for p in positions[1:]:
            a, b = find(positions[0]), find(p)
            if a != b:
                parent[max(a, b)] = min(a, b)

    for m in models:
        for f in (*m.factors, *m.vetoes):
            tie(f.issues)
    for c in scenario.constraints:
        tie([space.position[i] for i in c.forbid.issues])
    for lv in scenario.levers:
        if isinstance(lv.trigger, Condition):
            tie([space.position[i] for i in lv.trigger.issues])
    groups: dict[int, list[int]] = {}
    for p in range(len(space.issues)):
        groups.setdefault(find(p), []).append(p)
    return [tuple(g) for g in sorted(groups.values())]


@dataclass(frozen=True, eq=False)
class IssueGroup:
    """The allowed assignments of one group of issues and what each is worth.

    Attributes
    ----------
    issues : tuple of int
        Issue positions in the space (sorted).
    rows : ndarray, shape (k, len(issues))
        Option indices of the assignments no constraint forbids, in index order.
    utils : ndarray, shape (k, n_actors)
        Each actor's utility from the factors within the group (not rounded).
    vetoed : ndarray of bool, shape (k, n_actors)
        Whether the assignment crosses the actor's red lines.
    """

    issues: tuple[int, ...]
    rows: np.ndarray
    utils: np.ndarray
    vetoed: np.ndarray

    @cached_property
    def feasible(self) -> np.ndarray:
        """Assignments nobody vetoes (constraints are already applied); computed once."""
        out = ~self.vetoed[:, 0] if self.vetoed.shape[1] else np.ones(len(self.rows), dtype=bool)
        for a in range(1, self.vetoed.shape[1]):  # column by column: row reductions are slow
            out &= ~self.vetoed[:, a]
        out.flags.writeable = False
        return out

    def find(self, assignment: tuple[int, ...]) -> int:
        """Row number of an assignment, or -1 when a constraint forbids it."""
        hit = np.ones(len(self.rows), dtype=bool)
        for j, o in enumerate(assignment):
            hit &= self.rows[:, j] == o
        at = hit.nonzero()[0]
        return int(at[0]) if len(at) else -1


def _checked_size(scenario: Scenario, issues: tuple[int, ...]) -> int:
    """The number of assignments of a group; raises when it is above ``MAX_GROUP_SIZE``."""
    space = scenario.space
    size = math.prod(space.shape[p] for p in issues)  # Python ints: never wraps (16**16 = 2**64)
    if size > MAX_GROUP_SIZE:
        names = [space.issues[p].id for p in issues]
        raise ScenarioError(f"the issues {names} are coupled (by conditional demands, constraints "
                            "or levers) into one group too large to enumerate", key="issues",
                            expected=f"at most {MAX_GROUP_SIZE:,} combinations of options in one "
                            "coupled group (MAX_COUPLED_GROUP)", found=f"{size:,} combinations",
                            hint="split a constraint, a conditional demand or a lever trigger "
                            "that ties these issues together, or give them fewer options")
    return size


def check_group_sizes(scenario: Scenario, models: tuple[PreferenceModel, ...]) -> None:
    """Raise a :class:`~negsim.errors.ScenarioError` if a group of coupled issues has more than
    ``MAX_GROUP_SIZE`` assignments (what :func:`group_tables` would enumerate), without
    enumerating anything.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.examples.toy_scenario()
    >>> check_group_sizes(s, build_preferences(s)) is None
    True
    """
    for issues in issue_groups(scenario, models):
        _checked_size(scenario, issues)


def _local_values(f: Factor, rows: np.ndarray, local: dict[int, int]) -> np.ndarray:
    return f.table[tuple(rows[:, local[i]] for i in f.issues)]


def _group(scenario: Scenario, n_actors: int, issues: tuple[int, ...],
           factors: list[list[Factor]], vetoes: list[list[Factor]]) -> IssueGroup:
    """The group's table; ``factors[a]`` and ``vetoes[a]`` are actor a's terms on these issues,
    in the model's order."""
    space = scenario.space
    shape = tuple(space.shape[p] for p in issues)
    size = _checked_size(scenario, issues)
    local = {p: k for k, p in enumerate(issues)}
    members = set(issues)
    rows = np.arange(size, dtype=np.intp)[:, None] if len(issues) == 1 else \
        np.stack(np.unravel_index(np.arange(size), shape), axis=1).astype(np.intp)
    ok = np.ones(size, dtype=bool)
    for c in scenario.constraints:
        if not {space.position[i] for i in c.forbid.issues} <= members:
            continue
        hit = np.ones(size, dtype=bool)
        for issue_id, opts in c.forbid.terms:
            issue = space.issue(issue_id)
            member = np.zeros(len(issue), dtype=bool)
            member[[issue.index(o) for o in opts]] = True
            hit &= member[rows[:, local[space.position[issue_id]]]]
        ok &= ~hit
    if not ok.all():
        rows = rows.compress(ok, axis=0)
    utils = np.zeros((len(rows), n_actors))
    vetoed = np.zeros((len(rows), n_actors), dtype=bool)
    for a in range(n_actors):
        for f in factors[a]:
            utils[:, a] += f.coef * _local_values(f, rows, local)
        for f in vetoes[a]:
            vetoed[:, a] |= _local_values(f, rows, local)
    return IssueGroup(issues, rows, utils, vetoed)


def group_tables(scenario: Scenario, models: tuple[PreferenceModel, ...]) -> list[IssueGroup]:
    """Enumerate every issue group (see :func:`issue_groups`).

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> s = negsim.Scenario("toy", issues=tuple(negsim.Issue(x, ("a", "b"), "a") for x in "pq"),
    ...     actors=(negsim.Actor("A", (negsim.Demand("p", want="b"), negsim.Demand("q", want="b"))),))
    >>> [g.utils[:, 0].tolist() for g in group_tables(s, build_preferences(s))]
    [[0.0, 0.5], [0.0, 0.5]]
    """
    groups = issue_groups(scenario, models)
    where = {p: k for k, g in enumerate(groups) for p in g}
    factors: list[list[list[Factor]]] = [[[] for _ in models] for _ in groups]
    vetoes: list[list[list[Factor]]] = [[[] for _ in models] for _ in groups]
    for a, m in enumerate(models):  # each term to its group, in the model's order
        for f in m.factors:
            if f.issues:
                factors[where[f.issues[0]]][a].append(f)
        for f in m.vetoes:
            if f.issues:
                vetoes[where[f.issues[0]]][a].append(f)
    return [_group(scenario, len(models), g, factors[k], vetoes[k])
            for k, g in enumerate(groups)]
