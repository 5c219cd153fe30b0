"""Utilities of every outcome under many draws, summed group by group instead of one matrix product.

An actor's utility is a sum of features, each a table over the issues of one issue group
(:func:`negsim.engine.groups.issue_groups`), times a coefficient that depends on the draw.  So the
utility of every outcome is the sum, broadcast over the space's axes, of each group's
contribution (one small matrix product per actor and group: assignments × features @ features ×
draws).  For ``N`` outcomes with ``f`` features that is about ``N`` additions per draw instead of
``2 f N`` operations of the product over all outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negsim.engine.groups import issue_groups
from negsim.model.scenario import Scenario
from negsim.preferences import UTILITY_DECIMALS, evaluate
from negsim.uncertainty.linear import LinearForm, linear_form, per_scenario

__all__ = ["SpaceSums", "space_sums", "ROUND_SLACK"]


@dataclass(frozen=True, eq=False)
class SpaceSums:
    """Per actor and issue group: the feature table of the group's assignments.

    Attributes
    ----------
    shape : tuple of int
        The space's shape (outcome numbers are row-major over it).
    groups : tuple of tuple of int
        Issue positions of each group.
    tables : tuple of tuple of (ndarray, ndarray)
        ``tables[a][g]``: (feature columns of actor ``a`` in group ``g``, their values on the
        group's assignments, shape (k_g, n_columns)).
    candidates : ndarray of bool, shape (N,)
        Outcomes that can ever be acceptable: allowed, vetoed by no one, not no-deal.
    """

    shape: tuple[int, ...]
    groups: tuple[tuple[int, ...], ...]
    tables: tuple[tuple[tuple[np.ndarray, np.ndarray], ...], ...]
    candidates: np.ndarray

    @property
    def contiguous(self) -> bool:
        """Whether every group is a run of consecutive issues (then sums are outer sums)."""
        flat = [i for g in self.groups for i in g]
        return flat == list(range(len(self.shape)))

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def parts(self, coefs: list[np.ndarray]) -> list[list[np.ndarray]]:
        """Per actor and group, the contribution of each of the group's assignments under every
        draw: ``parts(coefs)[a][g]`` has shape (n_draws, k_g)."""
        n = len(coefs[0])
        return [[coefs[a][:, cols] @ table.T if len(cols) else np.zeros((n, len(table)))
                 for cols, table in per_group] for a, per_group in enumerate(self.tables)]

    def utilities(self, coefs: list[np.ndarray], rounded: bool = True) -> np.ndarray:
        """Utilities, shape (n_actors, n_draws, N), from per-actor coefficients (n_draws,
        n_features) as :meth:`LinearForm.coefficients` gives them; rounded to
        ``UTILITY_DECIMALS`` like every utility unless ``rounded`` is False (then they are off
        by at most ``ROUND_SLACK``)."""
        n = len(coefs[0])
        out = np.empty((len(coefs), n, self.size))
        for a, parts in enumerate(self.parts(coefs)):
            if self.contiguous:  # outer sums, last group first: the long axis stays innermost
                acc = parts[-1]
                for part in reversed(parts[:-1]):
                    acc = (part[:, :, None] + acc[:, None, :]).reshape(n, -1)
                out[a] = acc
                continue
            full = np.zeros((n,) + self.shape)
            for g, part in zip(self.groups, parts):
                view = [n] + [self.shape[i] if i in g else 1 for i in range(len(self.shape))]
                full += part.reshape(view)
            out[a] = full.reshape(n, -1)
        return np.round(out, UTILITY_DECIMALS, out=out) if rounded else out


ROUND_SLACK = 10.0 ** -UTILITY_DECIMALS
"""How far an unrounded utility may lie from its rounded value (a unit of the last decimal kept:
rounding moves it by half of that, float sums by far less)."""


def _axes(form: LinearForm, a: int) -> list[tuple[int, ...]]:
    """Issue positions each feature of actor ``a`` reads (as :meth:`LinearForm.features`)."""
    out = [f.issues for f in form.models[a].factors if f.demand]
    out += [form.lever_masks[lever][0] for lever, _, _ in form.conditional[a]]
    return out


@per_scenario
def space_sums(scenario: Scenario) -> SpaceSums:
    """The group tables of a scenario's space (cached per scenario).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> form = linear_form(s)
    >>> coefs = [form.coefficients(a, form.point[None, :]) for a in range(form.n_actors)]
    >>> rows = np.stack(np.unravel_index(np.arange(s.space.size), s.space.shape), axis=1)
    >>> direct = form.utilities([form.features(a, rows) for a in range(form.n_actors)], coefs)
    >>> bool(np.array_equal(space_sums(s).utilities(coefs)[:, 0, :], direct[:, :, 0]))
    True
    """
    form = linear_form(scenario)
    space = scenario.space
    shape = tuple(int(k) for k in space.shape)
    groups = tuple(tuple(g) for g in issue_groups(scenario, form.models))
    where = {i: k for k, g in enumerate(groups) for i in g}
    tables = []
    for a in range(form.n_actors):
        axes = _axes(form, a)
        per_group = []
        for g in groups:
            cols = np.array([j for j, ax in enumerate(axes) if ax and where[ax[0]] == where[g[0]]]
                            + [j for j, ax in enumerate(axes) if not ax and g == groups[0]],
                            dtype=np.intp)
            sub = np.stack(np.unravel_index(np.arange(int(np.prod([shape[i] for i in g]))),
                                            [shape[i] for i in g]), axis=1)
            rows = np.zeros((len(sub), len(shape)), dtype=np.intp)
            rows[:, list(g)] = sub
            table = form.features(a, rows)[:, cols] if len(cols) else np.zeros((len(sub), 0))
            per_group.append((cols, table))
        tables.append(tuple(per_group))
    cand = np.zeros(space.size, dtype=bool)
    sq_id = space.index(scenario.no_deal)
    for start, rows in space.chunks():
        _, vetoed = evaluate(form.models, rows)
        cand[start:start + len(rows)] = space.allowed(rows) & ~vetoed.any(axis=1)
    cand[sq_id] = False
    return SpaceSums(shape, groups, tuple(tables), cand)
