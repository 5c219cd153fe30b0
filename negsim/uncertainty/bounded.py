"""Enumerated spaces without every outcome in every draw: bounds count, a pool chooses.

An actor's utility on an enumerated space is a sum of issue-group contributions
(:mod:`negsim.uncertainty.separable`), and the ensemble needs, per draw, how many candidates are
acceptable and which one each bargaining solution picks.  Two exact shortcuts, on spaces whose
groups are runs of consecutive issues:

* **Counting by bounds.**  The groups are fixed one at a time from the last (innermost) one, so
  that a partial sum is exactly the float the outer sums of :meth:`SpaceSums.utilities` form
  (``p_0 + (p_1 + (… + p_{G-1}))``).  A partial assignment none of whose completions can meet
  some actor's reservation (its sum plus the largest contributions of the open groups is below
  it by more than ``PRUNE_TOL``) is dropped; one all of whose completions meet every actor's
  reservation (by more than ``PRUNE_TOL`` with the smallest contributions) counts its
  candidates at once.  Only the rest is expanded, and the last level decides on the same floats
  and by the same rule as the dense scan (:func:`negsim.engine.verdicts.meets_reservation` of
  the rounded utility).
* **A pool per group.**  Within one group, an assignment ``x`` whose signed features are at most
  those of another allowed assignment ``y`` for every actor (as in
  :mod:`negsim.uncertainty.pool`, but per group, so the check is small) gives way to ``y`` in
  every outcome and every draw: replacing ``x`` by ``y`` leaves every other group's contribution
  and gives every actor at least as much.  It is pruned when ``y`` has the lower number (ties go
  to the lowest outcome number) or gains some actor more than ``PRUNE_TOL`` in every draw the
  parameter box allows (then ``x``'s outcomes are off every draw's frontier).  The pool is the
  product of the kept assignments plus the outcomes whose replacement would be the no-deal
  outcome (which is never a candidate), so every pruned candidate is beaten, through a chain
  of replacements, by a pool member in every draw; the solutions are chosen among the pool
  only, exactly as among all candidates (see :mod:`negsim.uncertainty.pool` for why).  A group
  of more than ``POOL_LIMIT`` assignments keeps them all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from negsim.engine.verdicts import meets_reservation
from negsim.model.scenario import Scenario
from negsim.preferences import UTILITY_DECIMALS
from negsim.tolerances import ACCEPT_TOL, PRUNE_TOL
from negsim.uncertainty.linear import LinearForm, linear_form, per_scenario
from negsim.uncertainty.pool import POOL_LIMIT, coefficient_signs, slot_bounds
from negsim.uncertainty.separable import ROUND_SLACK, SpaceSums, space_sums

__all__ = ["GroupPlan", "group_plan", "acceptable_counts", "meets_rounded"]


def meets_rounded(u: np.ndarray, r: np.ndarray) -> np.ndarray:
    """:func:`meets_reservation` of the rounded utilities, given unrounded ones (any shapes that
    broadcast): decided on the unrounded values except within ``ROUND_SLACK`` of the threshold,
    where they are rounded.

    Examples
    --------
    >>> meets_rounded(np.array([0.5, 0.5 - 1e-9 - 4e-13, 0.4]), np.array(0.5)).tolist()
    [True, True, False]
    """
    t = r - ACCEPT_TOL
    ok = u >= t + ROUND_SLACK
    unsure = ~ok & (u >= t - ROUND_SLACK)
    if unsure.any():
        rb = np.broadcast_to(r, np.broadcast_shapes(u.shape, np.shape(r)))
        ub = np.broadcast_to(u, rb.shape)
        ok = np.broadcast_to(ok, rb.shape).copy()
        unsure = np.broadcast_to(unsure, rb.shape)
        ok[unsure] = meets_reservation(np.round(ub[unsure], UTILITY_DECIMALS), rb[unsure])
    return ok


@dataclass(frozen=True, eq=False)
class GroupPlan:
    """What the bounded count and the pool need, built once per scenario.

    Attributes
    ----------
    sizes : tuple of int
        Assignments per group (groups in issue order).
    order : tuple of int
        The order the count fixes the groups in: widest contributions first, so that the open
        groups' bounds are tight early.
    below : tuple of ndarray
        ``below[l]``: candidates among the outcomes that share each assignment of the groups
        ``order[:l + 1]`` (numbered row-major over them, in that order).
    sparse : tuple of bool
        Per level, whether some assignment has no candidate below it.
    candidates_in_order : ndarray of bool, shape (N,)
        :attr:`SpaceSums.candidates` with the groups' axes in ``order``.
    kept : tuple of ndarray
        Per group, the local numbers of the assignments kept in the pool, increasing.
    ids : ndarray
        The pool's outcome numbers, increasing (candidates only).
    slots, product_pos : ndarray
        Pool positions filled from the kept product, and their positions in it (row-major).
    extra_slots, extra_rows : ndarray
        Pool positions of the outcomes outside the product, and their local numbers per group.
    """

    sizes: tuple[int, ...]
    order: tuple[int, ...]
    below: tuple[np.ndarray, ...]
    sparse: tuple[bool, ...]
    candidates_in_order: np.ndarray
    kept: tuple[np.ndarray, ...]
    ids: np.ndarray
    slots: np.ndarray
    product_pos: np.ndarray
    extra_slots: np.ndarray
    extra_rows: np.ndarray

    def pool_utilities(self, parts: list[list[np.ndarray]]) -> np.ndarray:
        """Unrounded utilities of the pool, shape (A, n_draws, len(ids)), from per-actor,
        per-group contributions (n_draws, k_g): the same floats as the outer sums over the whole
        space."""
        n = len(parts[0][0])
        out = np.empty((len(parts), n, len(self.ids)))
        for a, per_group in enumerate(parts):
            acc = per_group[-1][:, self.kept[-1]]
            for part, keep in zip(reversed(per_group[:-1]), reversed(self.kept[:-1])):
                acc = (part[:, keep][:, :, None] + acc[:, None, :]).reshape(n, -1)
            out[a][:, self.slots] = acc[:, self.product_pos]
            if len(self.extra_slots):
                rows = self.extra_rows
                e = per_group[-1][:, rows[:, -1]]
                for g in range(len(per_group) - 2, -1, -1):
                    e = per_group[g][:, rows[:, g]] + e
                out[a][:, self.extra_slots] = e
        return out


def _min_coefficients(scenario: Scenario, form: LinearForm, a: int, signs: np.ndarray
                      ) -> np.ndarray:
    """Per feature of actor ``a``: a lower bound on |coefficient| over every draw (0 where the
    sign is unknown or the bound is 0)."""
    lo, hi = slot_bounds(scenario, form)
    ws = form.weight_slots[a]
    out = []
    for k, j in enumerate(ws):
        den = lo[j] + sum(float(hi[i]) for m, i in enumerate(ws) if m != k)
        out.append(lo[j] / den if signs[k] > 0 and 0 < den < math.inf else 0.0)
    for _, c, e in form.conditional[a]:
        k = len(out)
        prods = [abs(x * y) for x in (lo[c], hi[c]) for y in (lo[e], hi[e])]
        ok = signs[k] != 0 and all(math.isfinite(p) for p in prods)
        out.append(min(prods) - ROUND_SLACK if ok else 0.0)
    return np.maximum(np.array(out, dtype=float), 0.0)


def _kept(z: np.ndarray, margin: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Local numbers kept in one group: z (k, c) signed features (unknown signs twice, negated),
    margin (A, c) the least gain per unit of each column for each actor."""
    keep = []
    opts = np.flatnonzero(allowed)
    for x in opts:
        ys = opts[(opts != x) & np.all(z[opts] >= z[x], axis=1)]
        beaten = bool(np.any(ys < x))
        if not beaten and len(ys):
            gain = (z[ys] - z[x]) @ margin.T  # (n_y, A): least gain of each actor
            beaten = bool(np.any(gain.max(axis=1) > PRUNE_TOL))
        if not beaten:
            keep.append(x)
    return np.array(keep, dtype=np.intp)


@per_scenario
def group_plan(scenario: Scenario) -> GroupPlan | None:
    """The plan of a scenario's enumerated space, or None when its groups are not runs of
    consecutive issues (cached per scenario).

    Examples
    --------
    >>> import negsim
    >>> I, D = negsim.Issue, negsim.Demand
    >>> s = negsim.Scenario("two issues", issues=(I("war", ("fight", "truce", "pause"), "fight"),
    ...     I("aid", ("none", "some"), "none")), actors=(
    ...     negsim.Actor("A", (D("war", scores={"truce": 1.0, "pause": 0.5}),
    ...                        D("aid", want="some"))),
    ...     negsim.Actor("B", (D("war", scores={"truce": 1.0, "pause": 1.0}),
    ...                        D("aid", want="none")))))
    >>> plan = group_plan(s)
    >>> plan.sizes, [k.tolist() for k in plan.kept]  # fight and pause give way to truce
    ((3, 2), [[1], [0, 1]])
    >>> [tuple(s.space.outcome(int(i)).values()) for i in plan.ids]  # and no deal's neighbour
    [('truce', 'none'), ('truce', 'some'), ('pause', 'none')]
    """
    sums: SpaceSums = space_sums(scenario)
    if not sums.contiguous:
        return None
    form = linear_form(scenario)
    sizes = tuple(int(np.prod([sums.shape[i] for i in g])) for g in sums.groups)
    cand = sums.candidates
    coefs = [form.coefficients(a, form.point[None, :]) for a in range(form.n_actors)]
    width = np.zeros(len(sizes))
    for per_group in sums.parts(coefs):
        spans = np.array([float(np.ptp(p)) if p.size else 0.0 for p in per_group])
        if spans.sum() > 0:  # each actor's share of its own range
            width += spans / spans.sum()
    order = tuple(int(g) for g in np.argsort(-width, kind="stable"))
    in_order = cand.reshape(sizes).transpose(order)
    below = tuple(in_order.reshape(int(np.prod([sizes[g] for g in order[:lvl + 1]])), -1)
                  .sum(axis=1) for lvl in range(len(sizes) - 1))
    sq = np.unravel_index(scenario.space.index(scenario.no_deal), sizes)
    sq_local = np.array([int(x) for x in sq], dtype=np.intp)
    cube = cand.reshape(sizes).copy()
    cube[tuple(sq_local)] = True
    allowed = [cube.any(axis=tuple(h for h in range(len(sizes)) if h != g))
               for g in range(len(sizes))]
    product = allowed[0]
    for m in allowed[1:]:
        product = np.logical_and.outer(product, m)
    if np.array_equal(product.reshape(sizes), cube):  # candidates are a product (but no deal)
        signs = [coefficient_signs(scenario, form, a) for a in range(form.n_actors)]
        mins = [_min_coefficients(scenario, form, a, signs[a]) for a in range(form.n_actors)]
        kept = []
        for g in range(len(sizes)):
            zs, margin = [], []
            for a in range(form.n_actors):
                cols, table = sums.tables[a][g]
                s, least = signs[a][cols], mins[a][cols]
                for sign, mult, gains in ((s > 0, 1.0, True), (s < 0, -1.0, True),
                                          (s == 0, 1.0, False), (s == 0, -1.0, False)):
                    zs.append(mult * table[:, sign])
                    row = np.zeros((form.n_actors, int(np.count_nonzero(sign))))
                    if gains:
                        row[a] = least[sign]
                    margin.append(row)
            z = np.concatenate(zs, axis=1) if zs else np.zeros((sizes[g], 0))
            mg = np.concatenate(margin, axis=1) if margin else np.zeros((form.n_actors, 0))
            kept.append(_kept(z, mg, allowed[g]) if sizes[g] <= POOL_LIMIT
                        else np.flatnonzero(allowed[g]))  # too many to compare pairwise
    else:  # no pruning: the pool is every candidate
        kept = [np.arange(k, dtype=np.intp) for k in sizes]
    grid = np.ravel_multi_index(np.meshgrid(*kept, indexing="ij"), sizes).reshape(-1) \
        if all(len(k) for k in kept) else np.zeros(0, dtype=np.intp)
    extra = []
    for g, k in enumerate(sizes):
        for o in np.setdiff1d(np.flatnonzero(allowed[g]), kept[g]):
            row = sq_local.copy()
            row[g] = o
            extra.append(row)
    extra_rows = np.array(extra, dtype=np.intp).reshape(-1, len(sizes))
    extra_ids = np.ravel_multi_index(extra_rows.T, sizes) if len(extra) else \
        np.zeros(0, dtype=np.intp)
    in_grid = cand[grid]
    take_e = cand[extra_ids] & ~np.isin(extra_ids, grid)
    extra_ids, extra_rows = extra_ids[take_e], extra_rows[take_e]
    extra_ids, first = np.unique(extra_ids, return_index=True)
    extra_rows = extra_rows[first]
    ids = np.concatenate([grid[in_grid], extra_ids])
    rank = np.argsort(ids, kind="stable")
    slot_of = np.empty(len(ids), dtype=np.intp)
    slot_of[rank] = np.arange(len(ids))
    n_grid = int(np.count_nonzero(in_grid))
    return GroupPlan(sizes, order, below, tuple(bool(np.any(b == 0)) for b in below),
                     in_order.reshape(-1), tuple(kept), ids[rank],
                     slot_of[:n_grid], np.flatnonzero(in_grid), slot_of[n_grid:], extra_rows)


def _exact(parts: list[list[np.ndarray]], d: np.ndarray, rows: np.ndarray, r: np.ndarray
           ) -> np.ndarray:
    """Whether outcomes (local numbers ``rows`` (m, G), in draws ``d``) meet every reservation,
    on the floats of the outer sums (``p_0 + (p_1 + (… + p_{G-1}))``)."""
    ok = np.ones(len(d), dtype=bool)
    for a, per_group in enumerate(parts):
        u = per_group[-1][d, rows[:, -1]]
        for g in range(len(per_group) - 2, -1, -1):
            u = per_group[g][d, rows[:, g]] + u
        ok &= meets_rounded(u, r[a][d])
    return ok


def acceptable_counts(plan: GroupPlan, parts: list[list[np.ndarray]], r: np.ndarray
                      ) -> np.ndarray:
    """Acceptable candidates per draw, counted by bounds, group by group in ``plan.order``.

    ``parts[a][g]`` (n_draws, k_g): actor ``a``'s contribution of each assignment of group
    ``g`` (:meth:`SpaceSums.parts`); ``r`` (A, n_draws) the reservations.  Equal, draw by draw,
    to counting every candidate whose outer-sum utilities meet every reservation: a node's
    slack (its fixed groups' sum, plus the most the open groups can add, less the threshold) is
    summed in any order, which moves it by far less than ``PRUNE_TOL``; only outcomes within
    ``PRUNE_TOL`` of a threshold are decided on the outer sums' own floats.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> form = linear_form(s)
    >>> coefs = [form.coefficients(a, form.point[None, :]) for a in range(form.n_actors)]
    >>> counts = acceptable_counts(group_plan(s), space_sums(s).parts(coefs),
    ...                            form.reservations(form.point[None, :], coefs))
    >>> counts.tolist() == [negsim.analyze(s).acceptable.size]
    True
    """
    order, sizes = plan.order, plan.sizes
    n_actors, n = len(parts), len(r[0])
    counts = np.zeros(n, dtype=np.int64)
    top = np.array([[p.max(axis=1) for p in per_group] for per_group in parts])  # (A, G, n)
    gaps = [np.stack([(parts[a][g] - top[a, g][:, None]).reshape(-1) for a in range(n_actors)])
            for g in order]  # per level: (A, n * k) ≤ 0, draw-major
    spread = np.zeros((n_actors, len(order), n))  # [a, level]: most the open groups can lose
    total = np.zeros((n_actors, n))
    for lvl in range(len(order) - 1, 0, -1):
        g = order[lvl]
        total = total + (top[:, g] - np.array([p[g].min(axis=1) for p in parts]))
        spread[:, lvl - 1] = total
    least = spread.min(axis=(0, 2))
    # nodes of a level are the parents' (d, key) times the level's assignments, kept implicit:
    # node j is parent j // k with assignment j % k
    d, key = np.arange(n), np.zeros(n, dtype=np.int64)
    w = (top.sum(axis=1) - (r - ACCEPT_TOL))  # (A, parents): every group open at its best
    for lvl in range(len(order)):
        k = sizes[order[lvl]]
        grow = np.take(gaps[lvl].reshape(n_actors, n, k), d, axis=1)  # (A, parents, k)
        grow += w[:, :, None]
        low = grow.min(axis=0)  # (parents, k): the tightest actor's slack
        if lvl == len(order) - 1:
            break
        keep = low >= -PRUNE_TOL
        below = plan.below[lvl]
        may_fill = bool(low.max(initial=-np.inf) >= least[lvl] + PRUNE_TOL)
        if plan.sparse[lvl] or may_fill:
            nodes = (key[:, None] * k + np.arange(k)).reshape(-1)
            keep &= (below[nodes] > 0).reshape(keep.shape)
            if may_fill:  # some node's every completion may be acceptable
                fill = keep & np.all(grow >= spread[:, lvl][:, d][:, :, None] + PRUNE_TOL,
                                     axis=0)
                if fill.any():
                    par = np.flatnonzero(fill) // k
                    counts += np.bincount(d[par], weights=below[nodes[fill.reshape(-1)]],
                                          minlength=n).astype(np.int64)
                    keep &= ~fill
        live = np.flatnonzero(keep)
        par = live // k
        d, key = d[par], key[par] * k + (live - par * k)
        w = np.take(grow.reshape(n_actors, -1), live, axis=1)
    cand = plan.candidates_in_order.reshape(-1, k)[key]  # (parents, k)
    sure = cand & (low >= PRUNE_TOL)
    maybe = cand & (low >= -PRUNE_TOL)
    counts += np.bincount(d, weights=np.count_nonzero(sure, axis=1), minlength=n).astype(np.int64)
    if np.count_nonzero(maybe) > np.count_nonzero(sure):  # within PRUNE_TOL of a threshold
        unsure = np.flatnonzero(maybe & ~sure)
        par = unsure // k
        full_key = key[par] * k + (unsure - par * k)
        local = np.stack(np.unravel_index(full_key, [sizes[g] for g in order]), axis=1)
        rows = np.empty_like(local)
        rows[:, list(order)] = local
        hit = _exact(parts, d[par], rows, r)
        counts += np.bincount(d[par][hit], minlength=n)
    return counts
