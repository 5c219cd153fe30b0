"""The ensemble's draws on spaces too large to enumerate: group frontiers merged per draw.

Red lines and constraints do not depend on parameters, so the issue groups, their allowed
assignments and their vetoes are built once (:func:`negsim.engine.groups.group_tables`); a draw
only changes each group's utilities, which are its feature table times the draw's coefficients
(one small matrix product per actor and group for all the draws of a chunk).  Each draw then
merges the group frontiers exactly as :func:`negsim.engine.decomposed.decomposed_scan` does and
picks the solutions on that frontier with the functions :func:`negsim.analyze` uses, so every
draw gives what ``analyze`` gives for the scenario at that draw's parameters.

The size of the acceptable set is not counted per draw (that alone costs more than the frontier);
its mean over the draws is estimated from seeded uniform samples of the space, evaluated for every
draw at once, and the result says so in its notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negsim.engine.decomposed import acceptable_frontiers
from negsim.engine.groups import IssueGroup, group_tables
from negsim.engine.verdicts import meets_reservation
from negsim.model.scenario import Scenario
from negsim.preferences import UTILITY_DECIMALS, evaluate
from negsim.solutions import (egalitarian_solution, kalai_smorodinsky_solution, nash_solution,
                              utilitarian_solution)
from negsim.uncertainty.linear import linear_form, per_scenario

__all__ = ["GroupDraws", "group_draws", "frontier_solutions", "sampled_size", "SIZE_SAMPLES"]

SIZE_SAMPLES = 4_096
"""Uniform outcomes per chunk of draws behind the estimated mean size of a decomposed space."""


@dataclass(frozen=True, eq=False)
class GroupDraws:
    """The groups of a scenario with each actor's feature table on their allowed assignments.

    ``tables[g]`` is the group at the point values; ``features[a][g]`` = (columns of actor ``a``'s
    coefficients, their features on the group's rows)."""

    tables: tuple[IssueGroup, ...]
    features: tuple[tuple[tuple[np.ndarray, np.ndarray], ...], ...]

    def utilities(self, coefs: list[np.ndarray]) -> list[np.ndarray]:
        """Per group, utilities of its assignments under every draw: shape (n_draws, k_g, A)."""
        n = len(coefs[0])
        out = []
        for g, t in enumerate(self.tables):
            u = np.zeros((n, len(t.rows), len(coefs)))
            for a, per_group in enumerate(self.features):
                cols, table = per_group[g]
                if len(cols):
                    u[:, :, a] = coefs[a][:, cols] @ table.T
            out.append(u)
        return out


@per_scenario
def group_draws(scenario: Scenario) -> GroupDraws:
    """The group tables and feature tables of a scenario (cached per scenario)."""
    form = linear_form(scenario)
    tables = tuple(group_tables(scenario, form.models))
    n_issues = len(scenario.space.issues)
    where = {i: k for k, t in enumerate(tables) for i in t.issues}
    feats = []
    for a in range(form.n_actors):
        axes = [f.issues for f in form.models[a].factors if f.demand]
        axes += [form.lever_masks[lever][0] for lever, _, _ in form.conditional[a]]
        per_group = []
        for g, t in enumerate(tables):
            cols = np.array([j for j, ax in enumerate(axes)
                             if (where[ax[0]] == g if ax else g == 0)], dtype=np.intp)
            rows = np.zeros((len(t.rows), n_issues), dtype=np.intp)
            rows[:, list(t.issues)] = t.rows
            per_group.append((cols, form.features(a, rows)[:, cols]))
        feats.append(tuple(per_group))
    return GroupDraws(tables, tuple(feats))


def frontier_solutions(scenario: Scenario, coefs: list[np.ndarray], r: np.ndarray,
                       power: np.ndarray, names: tuple[str, ...]
                       ) -> tuple[int, dict[str, list[int]]]:
    """For each draw (coefficients ``coefs[a]`` (n, f), reservations and powers (A, n)): whether
    some deal is acceptable, and the outcome number each named solution picks (-1: none).

    Returns (number of draws with an acceptable deal, name -> outcome number per draw)."""
    form = linear_form(scenario)
    gd = group_draws(scenario)
    n = len(coefs[0])
    per_group = gd.utilities(coefs)
    chosen: dict[str, list[int]] = {k: [-1] * n for k in names}
    nonempty = 0
    fronts = acceptable_frontiers(scenario, form.models, list(gd.tables), per_group, r)
    for t, (rows, counts) in enumerate(fronts):
        if len(rows) == 0:
            continue
        rows = rows.astype(np.intp)
        u = np.stack([np.round(form.features(a, rows) @ coefs[a][t], UTILITY_DECIMALS)
                      for a in range(form.n_actors)], axis=1)
        ok = np.all(meets_reservation(u, r[:, t]), axis=1)
        if not ok.any():
            continue
        nonempty += 1
        order = np.lexsort(rows[ok].T[::-1])
        rows, u, counts = rows[ok][order], u[ok][order], counts[ok][order]
        d, w = r[:, t], power[:, t]
        pick = {"nash": lambda: nash_solution(u, d, counts=counts),
                "asymmetric_nash": lambda: nash_solution(u, d, w, counts=counts),
                "kalai_smorodinsky": lambda: kalai_smorodinsky_solution(u, d, counts=counts),
                "egalitarian": lambda: egalitarian_solution(u, d, counts=counts),
                "utilitarian": lambda: utilitarian_solution(u, counts=counts)}
        ids = None
        for name in names:
            i = pick[name]()[0]
            if ids is None:
                ids = scenario.space.numbers(rows).tolist()
            chosen[name][t] = ids[i]
    return nonempty, chosen


def sampled_size(scenario: Scenario, coefs: list[np.ndarray], r: np.ndarray,
                 rng: np.random.Generator, samples: int = SIZE_SAMPLES) -> float:
    """The acceptable set's size summed over the draws, estimated from ``samples`` outcomes drawn
    uniformly (with ``rng``) and evaluated under every draw."""
    form = linear_form(scenario)
    space = scenario.space
    rows = space.sample(samples, rng)
    _, vetoed = evaluate(form.models, rows)
    live = space.allowed(rows) & ~vetoed.any(axis=1) & ~np.all(
        rows == np.array(space.status_quo), axis=1)
    rows = rows[live]
    if len(rows) == 0:
        return 0.0
    acc = np.ones((len(coefs[0]), len(rows)), dtype=bool)
    for a in range(form.n_actors):
        u = np.round(coefs[a] @ form.features(a, rows).T, UTILITY_DECIMALS)
        acc &= meets_reservation(u, r[a][:, None])
    return float(np.count_nonzero(acc)) / samples * float(space.size)
