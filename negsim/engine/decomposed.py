"""The acceptable set of spaces too large to enumerate, by merging issue groups.

The same answers as :func:`negsim.engine.exhaustive.scan`, computed group by group (see
:mod:`negsim.engine.groups`):

- the acceptable Pareto frontier: group frontiers merged from the last group to the first, with
  sums that cannot reach a reservation even with the most the unmerged groups can add dropped as
  they appear (vetoes and constraints are applied inside each group first).  The no-deal outcome
  is never a deal; when it would lie on the frontier, the frontier of the space without it is
  merged from the disjoint pieces "groups before k at the status quo, group k not".  One outcome
  stands for each distinct utility vector (the lowest-numbered), with the count of outcomes that
  share it;
- for each issue option, whether some acceptable deal has it: an option of group g qualifies iff
  an unvetoed assignment of g with that option plus some point of the frontier of the other groups
  clears every reservation (bounds and known deals decide most options; the rest are merged);
- the options each actor's red lines exclude, counted group by group;
- the size of the acceptable set (see :mod:`negsim.engine.counting`);
- the acceptable deal nearest to the compromise forecast: the rank distance is additive over
  issues too, so it is merged as one more objective.  The distance is exact; among deals equally
  near, the one found may differ from the exhaustive scan's (the lowest-numbered).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from negsim.engine.batched import reduce_each
from negsim.engine.counting import count_acceptable
from negsim.engine.exhaustive import ExhaustiveScan, acceptable_mask
from negsim.engine.groups import IssueGroup, group_tables
from negsim.engine.merge import PRUNE_TOL, TOL, PointSet, combine, reduce_points, suffix_frontiers
from negsim.preferences import PreferenceModel, evaluate
from negsim.model.scenario import Scenario
from negsim.solutions.compromise import rank_distance
from negsim.tolerances import ROUND_TOL

__all__ = ["DecomposedScan", "decomposed_scan", "acceptable_frontier", "acceptable_frontiers"]


_PAIRS = 1 << 18  # (assignment, known deal) pairs compared at once in _options


@dataclass
class DecomposedScan(ExhaustiveScan):
    """An :class:`ExhaustiveScan` plus how exact the size is and the frontier's multiplicities."""

    frontier_counts: np.ndarray | None = None
    exact: bool = True
    size_low: int = 0
    size_high: int = 0
    size_method: str = ""
    n_groups: int = 0


class _Ctx:
    """The groups as point sets over full-width rows, with their bounds."""

    def __init__(self, scenario: Scenario, models: tuple[PreferenceModel, ...],
                 tables: list[IssueGroup], need: np.ndarray | None = None) -> None:
        self.scenario, self.models, self.tables = scenario, models, tables
        space = scenario.space
        self.n_issues = len(space.issues)
        self.need = np.array([m.reservation for m in models]) if need is None else need
        self.sq = np.array(space.status_quo, dtype=np.intp)
        self.big = space.size >= 1 << 62
        self.points = [self.point_set(t, t.feasible, t.utils) for t in tables]
        self.ideal = [p.vals.max(axis=0) if len(p) else np.full(len(models), -np.inf)
                      for p in self.points]
        # index of each group's status-quo assignment among its feasible ones (-1: not feasible)
        self.sq_at = []
        for t in tables:
            i = t.find(tuple(self.sq[list(t.issues)].tolist()))
            self.sq_at.append(int(np.count_nonzero(t.feasible[:i])) if i >= 0 and t.feasible[i]
                              else -1)

    def point_set(self, t: IssueGroup, keep: np.ndarray, vals: np.ndarray) -> PointSet:
        at = keep.nonzero()[0]
        rows = np.zeros((len(at), self.n_issues), dtype=np.int16)
        picked = t.rows.take(at, axis=0)
        for j, pos in enumerate(t.issues):
            rows[:, pos] = picked[:, j]
        count = np.ones(len(rows), dtype=object if self.big else np.int64)
        return PointSet(vals.take(at, axis=0), rows, count)

    def headrooms(self, ideals: list[np.ndarray], extra: np.ndarray) -> list[np.ndarray]:
        """headroom[k] = extra + what groups 0..k-1 can add at most."""
        out, acc = [], extra.copy()
        for ideal in ideals:
            out.append(acc.copy())
            acc = acc + ideal
        return out


def frontier_without(points: list[PointSet], sufs: list[PointSet], skip: list[int],
                     need: np.ndarray | None, extra: np.ndarray | None = None) -> PointSet:
    """The frontier of the product of ``points`` less the one outcome picking ``skip[k]`` in
    every group k, from the pieces 'groups before k at skip, group k elsewhere, the rest free'.

    ``sufs`` are the suffix frontiers of ``points``; ``extra`` the most that groups outside
    ``points`` can add (for pruning against ``need``)."""
    if any(s < 0 for s in skip):
        return sufs[0]
    pieces = []
    prefix_vals = np.zeros(points[0].vals.shape[1])
    prefix_rows = np.zeros(points[0].rows.shape[1], dtype=np.int16)
    for k, (p, s) in enumerate(zip(points, skip)):
        rest = np.ones(len(p), dtype=bool)
        rest[s] = False
        mine = p.take(rest)
        if len(mine):
            shifted = PointSet(mine.vals + prefix_vals, mine.rows + prefix_rows, mine.count)
            head = np.zeros_like(prefix_vals) if extra is None else extra
            pieces.append(combine(reduce_points(shifted), sufs[k + 1], head, need))
        prefix_vals = prefix_vals + p.vals[s]
        prefix_rows = prefix_rows + p.rows[s]
    if not pieces:
        return PointSet(np.zeros((0, len(prefix_vals))), sufs[0].rows[:0], sufs[0].count[:0])
    return reduce_points(PointSet.concat(pieces))


def _acceptable_frontier(ctx: _Ctx, points: list[PointSet], need: np.ndarray,
                         extra_ideal: np.ndarray | None = None) -> PointSet:
    """Frontier of the product of ``points`` without the no-deal outcome, pruned by ``need``."""
    ideals = ctx.ideal if points is ctx.points else [p.vals.max(axis=0) for p in points]
    heads = ctx.headrooms(ideals, np.zeros(len(need)) if extra_ideal is None else extra_ideal)
    sufs = suffix_frontiers(points, heads, need, reduce_each(points))
    front = sufs[0]
    skip = [s for s in ctx.sq_at]
    if len(front) and all(s >= 0 for s in skip):
        sq_vals = sum(p.vals[s] for p, s in zip(points, skip))
        if np.any(np.all(np.abs(front.vals - sq_vals) <= TOL, axis=1)):
            front = frontier_without(points, sufs, skip, need, extra_ideal)
    return front


def acceptable_frontier(scenario: Scenario, models: tuple[PreferenceModel, ...],
                        tables: list[IssueGroup], need: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Rows (int16, one per distinct utility vector: the lowest-numbered) and multiplicities of the
    Pareto frontier of the deals clearing ``need`` (no-deal excluded), for group tables whose
    utilities may differ from the models' (an ensemble's draw: red lines and constraints do not
    depend on parameters).  Rows whose rounded utilities miss ``need`` are still to be dropped,
    as :func:`decomposed_scan` does."""
    ctx = _Ctx(scenario, models, tables, need)
    if any(len(p) == 0 for p in ctx.points):
        return np.zeros((0, ctx.n_issues), dtype=np.int16), np.zeros(0, dtype=np.int64)
    front = _acceptable_frontier(ctx, ctx.points, need)
    return front.rows, front.count


def acceptable_frontiers(scenario: Scenario, models: tuple[PreferenceModel, ...],
                         tables: list[IssueGroup], group_utils: list[np.ndarray],
                         needs: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`acceptable_frontier` for many draws at once: ``group_utils[g]`` (n_draws, k_g, A)
    replaces group ``g``'s utilities and ``needs`` (A, n_draws) the reservations, draw by draw.
    What does not depend on the draw (rows, counts, the no-deal assignment) is built once, and a
    draw whose group utilities and reservations equal those of the draw merged last (its
    uncertain parameters touch nothing the merge reads: war, truce or game inputs) shares that
    frontier instead of merging again."""
    ctx = _Ctx(scenario, models, tables)
    empty = (np.zeros((0, ctx.n_issues), dtype=np.int16), np.zeros(0, dtype=np.int64))
    if any(len(p) == 0 for p in ctx.points):
        return [empty] * needs.shape[1]
    feasible = [t.feasible for t in tables]
    base = ctx.points
    out: list[tuple[np.ndarray, np.ndarray]] = []
    last: tuple[np.ndarray, list[np.ndarray]] | None = None  # the inputs of the last merge
    for d in range(needs.shape[1]):
        need = needs[:, d]
        vals = [u[d][f] for u, f in zip(group_utils, feasible)]
        if last is not None and np.array_equal(need, last[0]) and \
                all(np.array_equal(v, w) for v, w in zip(vals, last[1])):
            out.append(out[-1])
            continue
        ctx.need = need
        ctx.points = [PointSet(v, p.rows, p.count) for v, p in zip(vals, base)]
        ctx.ideal = [p.vals.max(axis=0) for p in ctx.points]
        front = _acceptable_frontier(ctx, ctx.points, ctx.need)
        out.append((front.rows, front.count))
        last = (need, vals)
    return out


def _known_hits(ctx: _Ctx, acc_rows: np.ndarray, acc_u: np.ndarray
                ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For every group, which feasible assignments pass the bound (``ok``) and which of those
    make an acceptable deal with the rest of some known acceptable deal (``found``): all groups'
    assignments laid end to end and checked against all deals at once, column by column."""
    space = ctx.scenario.space
    n_groups, n_deals = len(ctx.tables), len(acc_rows)
    sizes = [len(p) for p in ctx.points]
    offsets = np.cumsum([0] + sizes[:-1]).tolist()
    vals = np.concatenate([p.vals for p in ctx.points])  # (K, A): every group's assignments
    of_group = np.repeat(np.arange(n_groups), sizes)
    member = np.zeros((len(space.issues), n_groups), dtype=np.int64)
    own = np.empty((n_groups, n_deals), dtype=np.int64)  # each deal's assignment, as a row of vals
    for g, t in enumerate(ctx.tables):
        local = list(t.issues)
        member[local, g] = 1
        shape = tuple(space.shape[i] for i in local)
        lookup = np.full(math.prod(shape), -1, dtype=np.int64)
        lookup[np.ravel_multi_index(tuple(t.rows.compress(t.feasible, axis=0).T), shape)] = \
            np.arange(offsets[g], offsets[g] + sizes[g])
        own[g] = lookup.take(np.ravel_multi_index(tuple(acc_rows[:, local].T), shape))
    # others_sq[g, d]: deal d is at the status quo on every issue outside group g
    off_sq = (acc_rows != ctx.sq).astype(np.int64) @ member  # (deals, groups)
    others_sq = (off_sq.sum(axis=1)[:, None] == off_sq).T
    total_ideal = sum(ctx.ideal)
    rest_ideal = total_ideal - np.array(ctx.ideal)  # (groups, A): what the other groups add at most
    floor, near = (ctx.need - PRUNE_TOL).tolist(), (ctx.need - TOL).tolist()
    ok = np.ones(len(vals), dtype=bool)
    for c in range(vals.shape[1]):
        ok &= vals[:, c] + rest_ideal[:, c].take(of_group) >= floor[c]
    # others[c][g, d]: what deal d gets outside group g
    others = [acc_u[:, c] - vals[:, c].take(own) for c in range(vals.shape[1])]
    sq_rows = [offsets[g] + s for g, s in enumerate(ctx.sq_at) if s >= 0]
    sq_group = [g for g, s in enumerate(ctx.sq_at) if s >= 0]
    found = np.zeros(len(vals), dtype=bool)
    step = max(1, _PAIRS // max(1, n_deals))
    for lo in range(0, len(vals), step):  # [a, deal]: a with the rest of a known deal
        hi = min(len(vals), lo + step)
        grp = of_group[lo:hi]
        hit = others[0].take(grp, axis=0) + vals[lo:hi, 0, None] >= near[0]
        for c in range(1, vals.shape[1]):
            hit &= others[c].take(grp, axis=0) + vals[lo:hi, c, None] >= near[c]
        for a, g in zip(sq_rows, sq_group):  # not the deal that is no deal at all
            if lo <= a < hi:
                hit[a - lo] &= ~others_sq[g]
        found[lo:hi] = hit.any(axis=1)
    found &= ok
    return ([ok[o:o + k] for o, k in zip(offsets, sizes)],
            [found[o:o + k] for o, k in zip(offsets, sizes)])


def _options(ctx: _Ctx, res: DecomposedScan, acc_rows: np.ndarray, acc_u: np.ndarray) -> None:
    """Which options occur in some acceptable deal (exact; see the module docstring)."""
    space = ctx.scenario.space
    oks, founds = _known_hits(ctx, acc_rows, acc_u)
    for g, (t, p) in enumerate(zip(ctx.tables, ctx.points)):
        found = founds[g]
        todo = np.flatnonzero(oks[g] & ~found)
        if len(todo):
            found = found.copy()
            rest = [q for h, q in enumerate(ctx.points) if h != g]
            rest_sq = [s for h, s in enumerate(ctx.sq_at) if h != g]
            if not rest:
                rest, rest_sq = [_zero(ctx)], [0]
            heads = ctx.headrooms([q.vals.max(axis=0) for q in rest], ctx.ideal[g])
            sufs = suffix_frontiers(rest, heads, ctx.need)
            for a, front in ((a, sufs[0]) for a in todo if a != ctx.sq_at[g]):
                found[a] = np.any(np.all(front.vals + p.vals[a] >= ctx.need - TOL, axis=1))
            if ctx.sq_at[g] in todo:
                a = ctx.sq_at[g]
                front = frontier_without(rest, sufs, rest_sq, ctx.need, ctx.ideal[g])
                found[a] = np.any(np.all(front.vals + p.vals[a] >= ctx.need - TOL, axis=1))
        picked = t.rows.compress(t.feasible, axis=0).compress(found, axis=0)
        for j, pos in enumerate(t.issues):
            res.option_in_acceptable[pos] |= np.bincount(picked[:, j],
                                                         minlength=space.shape[pos]) > 0


def _zero(ctx: _Ctx) -> PointSet:
    return PointSet(np.zeros((1, len(ctx.need))), np.zeros((1, ctx.n_issues), dtype=np.int16),
                    np.ones(1, dtype=object if ctx.big else np.int64))


def _red_lines(ctx: _Ctx, res: DecomposedScan) -> None:
    """Options some allowed outcome has (``option_allowed``) and, per actor, some allowed outcome
    the actor does not veto (``option_free_of_veto``): counted group by group.  The no-deal
    outcome counts here, as in the exhaustive scan: an option that holds with no deal is not ruled
    out by anyone's red lines."""
    space = ctx.scenario.space
    n_actors = len(ctx.models)
    kinds = range(n_actors + 1)  # 0: every allowed assignment; 1 + a: those a does not veto
    vetoes = [bool(t.vetoed.any()) for t in ctx.tables]
    kept = [[len(t.rows) > 0] + ([bool((~t.vetoed[:, a]).any()) for a in range(n_actors)] if v
                                 else [len(t.rows) > 0] * n_actors)
            for t, v in zip(ctx.tables, vetoes)]
    n_empty = [sum(not k[kind] for k in kept) for kind in kinds]
    for g, t in enumerate(ctx.tables):
        # some outcome has the option: an assignment here, and every other group has one
        others = [n_empty[kind] - (not kept[g][kind]) == 0 for kind in kinds]
        for j, pos in enumerate(t.issues):
            col, n_opt = t.rows[:, j], space.shape[pos]
            has = np.bincount(col, minlength=n_opt) > 0
            res.option_allowed[pos] = has & others[0]
            for a in range(n_actors):
                if vetoes[g]:
                    has = np.bincount(col.compress(~t.vetoed[:, a]), minlength=n_opt) > 0
                res.option_free_of_veto[a][pos] = has & others[1 + a]


def decomposed_scan(scenario: Scenario, models: tuple[PreferenceModel, ...],
                    target: tuple[int, ...] | None = None) -> DecomposedScan:
    """What :func:`~negsim.engine.exhaustive.scan` finds, without enumerating the space.

    Examples
    --------
    >>> import negsim
    >>> from negsim.preferences import build_preferences
    >>> issues = tuple(negsim.Issue(f"i{k}", ("a", "b", "c", "d"), "a") for k in range(20))
    >>> s = negsim.Scenario("big", issues=issues, actors=(
    ...     negsim.Actor("A", tuple(negsim.Demand(i.id, want="b") for i in issues)),
    ...     negsim.Actor("B", tuple(negsim.Demand(i.id, avoid="a") for i in issues))))
    >>> r = decomposed_scan(s, build_preferences(s))
    >>> r.size == 4 ** 20 - 1, r.exact   # every deal but no-deal itself beats no deal
    (True, True)
    >>> r.frontier_counts.tolist(), r.frontier_u.tolist()   # all "b": best for both
    ([1], [[1.0, 1.0]])
    """
    space = scenario.space
    tables = group_tables(scenario, models)
    ctx = _Ctx(scenario, models, tables)
    n_actors, n_issues = len(models), len(space.issues)
    res = DecomposedScan(size=0, n_groups=len(tables))
    res.option_in_acceptable = [np.zeros(k, dtype=bool) for k in space.shape]
    res.option_allowed = [np.zeros(k, dtype=bool) for k in space.shape]
    res.option_free_of_veto = [[np.zeros(k, dtype=bool) for k in space.shape]
                               for _ in range(n_actors)]
    _red_lines(ctx, res)
    res.frontier_u = np.zeros((0, n_actors))
    res.frontier_rows = np.zeros((0, n_issues), dtype=np.intp)
    res.frontier_ids = np.zeros(0, dtype=np.int64)
    res.frontier_counts = np.zeros(0, dtype=np.int64)
    res.size_method = "counted by groups"
    if any(len(p) == 0 for p in ctx.points):
        return res
    front = _acceptable_frontier(ctx, ctx.points, ctx.need)
    sq_row = ctx.sq[None, :]
    rows = np.concatenate([front.rows.astype(np.intp), sq_row])  # one evaluation, row by row
    utils, vetoed = evaluate(models, rows)
    allowed = np.ones(len(rows), dtype=bool)
    allowed[-1:] = space.allowed(sq_row)
    ok = acceptable_mask(utils, vetoed, allowed, ctx.need)
    sq_ok, ok = bool(ok[-1]), ok[:-1].nonzero()[0]
    kept = rows.take(ok, axis=0)
    order = ok.take(np.lexsort(kept.T[::-1]))
    res.frontier_rows = rows.take(order, axis=0)
    res.frontier_u = utils.take(order, axis=0)
    res.frontier_counts = front.count.take(order)
    res.frontier_ids = space.numbers(res.frontier_rows)
    counted = count_acceptable([p.vals for p in ctx.points], ctx.need, seed=scenario.seed)
    known = int(sum(int(c) for c in res.frontier_counts))
    res.size = max(counted.size - int(sq_ok), known)
    res.exact, res.size_method = counted.exact, counted.method
    res.size_low = max(counted.low - int(sq_ok), known) if not counted.exact else res.size
    res.size_high = max(counted.high - int(sq_ok), res.size_low) if not counted.exact else res.size
    if len(res.frontier_rows) == 0:
        return res
    _options(ctx, res, res.frontier_rows, res.frontier_u)
    if target is not None:
        _nearest(ctx, res, target)
    return res


def _nearest(ctx: _Ctx, res: DecomposedScan, target: tuple[int, ...]) -> None:
    """The acceptable deal nearest to ``target``: distance merged as one more objective."""
    scenario = ctx.scenario
    bound = float(rank_distance(res.frontier_rows, target, scenario).min())
    pts = []
    for t, p in zip(ctx.tables, ctx.points):  # the group's point set with its distance column
        dist = np.zeros(len(p))
        for pos in t.issues:
            issue = scenario.space.issues[pos]
            diff = np.abs(p.rows[:, pos].astype(np.intp) - target[pos])
            dist += diff / (len(issue) - 1) if issue.ordered else (diff > 0)
        vals = np.empty((len(p), p.vals.shape[1] + 1))
        vals[:, :-1] = p.vals
        np.negative(dist, out=vals[:, -1])
        pts.append(PointSet(vals, p.rows, p.count))
    need = np.append(ctx.need, -bound)
    front = _acceptable_frontier(ctx, pts, need)
    rows = front.rows.astype(np.intp)
    utils, vetoed = evaluate(ctx.models, rows)
    ok = acceptable_mask(utils, vetoed, np.ones(len(rows), dtype=bool), ctx.need)
    ok &= ~np.all(rows == ctx.sq, axis=1)
    if not ok.any():
        return
    rows = rows[ok]
    dist = rank_distance(rows, target, scenario)
    near = np.flatnonzero(dist <= dist.min() + ROUND_TOL)
    ids = scenario.space.numbers(rows[near])
    pick = int(np.argmin(ids)) if not ctx.big else min(range(len(ids)), key=lambda i: ids[i])
    res.nearest_id = int(ids[pick])
    res.nearest_distance = float(dist[near][pick])
