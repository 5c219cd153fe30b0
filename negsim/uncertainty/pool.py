"""Candidates no draw can make a bargaining solution, found once per ensemble.

An actor's utility is ``features(outcome) · coefficients(draw)`` (:mod:`negsim.uncertainty.linear`)
and the features do not depend on the draw.  Where every draw's coefficient of a feature has a
known sign (demand weights drawn from non-negative supports; a conditional lever whose
credibility and effect keep their signs), a candidate ``y`` whose signed features are at least
those of a candidate ``x`` for every actor gives every actor at least ``x``'s utility in every
draw.  If ``y`` also has the lower outcome number, ``x`` is never chosen: ``y`` is acceptable
whenever ``x`` is, every solution's score and tiebreak are non-decreasing in the utilities (so
``y`` ties with or beats ``x``), and among tied deals the frontier, then the lowest number, wins.
Dropping ``x`` changes no other choice (the top score, the top tiebreak, the ideal point of
Kalai–Smorodinsky and the tied frontier are the same with or without it), so the ensemble scores
only the pool left, while acceptance and the acceptable set still count every candidate.
"""

from __future__ import annotations

import math

import numpy as np

from negsim.model.scenario import Scenario
from negsim.uncertainty.linear import LinearForm, linear_form, per_scenario
from negsim.uncertainty.separable import space_sums

__all__ = ["candidate_features", "solution_pool", "coefficient_signs", "slot_bounds", "POOL_LIMIT"]

POOL_LIMIT = 4_096
"""Most distinct feature vectors compared pairwise to prune the pool (above it, no pruning)."""


def slot_bounds(scenario: Scenario, form: LinearForm) -> tuple[np.ndarray, np.ndarray]:
    """Smallest and largest value each slot takes in any draw."""
    lo, hi = form.point.astype(float).copy(), form.point.astype(float).copy()
    index = {s: k for k, s in enumerate(form.slots)}
    for p in scenario.uncertain:
        lo[index[p.path]], hi[index[p.path]] = p.distribution.support
    return lo, hi


def coefficient_signs(scenario: Scenario, form: LinearForm, a: int) -> np.ndarray:
    """Per feature of actor ``a``: +1 if its coefficient is ≥ 0 in every draw, -1 if ≤ 0, 0 if
    either can happen.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> coefficient_signs(s, linear_form(s), 0).tolist()
    [1]
    """
    lo, hi = slot_bounds(scenario, form)
    ws = form.weight_slots[a]
    signs = [1 if len(ws) and bool(np.all(lo[ws] >= 0)) else 0] * len(ws)
    for _, c, e in form.conditional[a]:
        prods = [x * y for x in (lo[c], hi[c]) for y in (lo[e], hi[e])
                 if not (math.isinf(x) and y == 0) and not (math.isinf(y) and x == 0)]
        signs.append(1 if min(prods) >= 0 else -1 if max(prods) <= 0 else 0)
    return np.array(signs, dtype=np.int64)


@per_scenario
def candidate_features(scenario: Scenario) -> tuple[np.ndarray, list[np.ndarray] | None]:
    """Outcome numbers of the candidates (allowed, unvetoed, not no-deal) and, when evaluating
    just them costs less than summing every outcome by groups, each actor's features on them."""
    form = linear_form(scenario)
    sums = space_sums(scenario)
    ids = np.flatnonzero(sums.candidates)
    n_feats = sum(len(form.weight_slots[a]) + len(form.conditional[a])
                  for a in range(form.n_actors))
    if len(ids) * max(1, n_feats) > sums.size * form.n_actors:
        return ids, None
    rows = np.stack(np.unravel_index(ids, scenario.space.shape), axis=1).astype(np.intp) \
        if len(ids) else np.zeros((0, len(scenario.space.issues)), dtype=np.intp)
    return ids, [form.features(a, rows) for a in range(form.n_actors)]


@per_scenario
def solution_pool(scenario: Scenario) -> np.ndarray | None:
    """Positions (into the ensemble's candidate list) of the candidates that some draw could
    choose as a bargaining solution, or None when nothing is pruned or the check is too large.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> solution_pool(s) is None or len(solution_pool(s)) >= 1
    True
    """
    _, feats = candidate_features(scenario)
    if feats is None or len(feats[0]) < 2:
        return None
    form = linear_form(scenario)
    cols = []
    for a, f in enumerate(feats):
        s = coefficient_signs(scenario, form, a)
        cols += [f[:, s > 0], -f[:, s < 0], f[:, s == 0], -f[:, s == 0]]  # unknown sign: equal
    z = np.concatenate(cols, axis=1)
    distinct, first = np.unique(z, axis=0, return_index=True)  # first: lowest candidate
    if len(distinct) > POOL_LIMIT:
        return None
    keep = []
    for k in range(len(distinct)):  # a distinct vector's first candidate, unless beaten earlier
        at_least = np.all(distinct >= distinct[k], axis=1)
        at_least[k] = False
        if not np.any(first[at_least] < first[k]):
            keep.append(first[k])
    if len(keep) == len(feats[0]):
        return None
    return np.sort(np.array(keep, dtype=np.intp))
