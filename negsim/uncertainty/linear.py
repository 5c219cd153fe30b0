"""Utilities as linear functions of the parameters, evaluated for many draws at once.

An actor's utility is ``Σ_d w_d s_d(o) / Σ_d w_d + Σ_l c_l e_l [trigger_l holds at o]``: for fixed
outcomes the scores ``s_d(o)`` and trigger indicators are fixed *features*, and every draw of the
parameters only changes the *coefficients* (normalised weights, credibility × effect).  So the
utilities of ``k`` outcomes under ``n`` draws are one matrix product ``features (k × f) @
coefficients (f × n)`` per actor, and the reservation (no-deal utility plus the expected effect of
the levers pulled on no deal, or an explicit value) is a vector over draws.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TypeVar

import numpy as np

from negsim.model import Condition
from negsim.preferences import UTILITY_DECIMALS, PreferenceModel, build_preferences, condition_mask
from negsim.model.scenario import Scenario

__all__ = ["LinearForm", "linear_form", "per_scenario"]

_T = TypeVar("_T")

PER_SCENARIO_CACHE = 8
"""Scenarios whose prepared tables each :func:`per_scenario` function keeps."""


def per_scenario(fn: Callable[[Scenario], _T]) -> Callable[[Scenario], _T]:
    """Cache ``fn(scenario)``: first by the scenario object itself, then by its value.

    Hashing a ``Scenario`` walks the whole frozen dataclass (about a millisecond on the shipped
    scenarios), which an ``lru_cache`` alone pays on every call, i.e. several times per chunk of
    draws.  The identity lookup (the object is kept alive by the cache, so its ``id`` cannot be
    reused) answers repeated calls with the same object without hashing; an equal but distinct
    scenario (one unpickled in a worker) still hits the value cache after one hash.

    Examples
    --------
    >>> calls = []
    >>> @per_scenario
    ... def size(s):
    ...     calls.append(1)
    ...     return s.space.size
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> size(s) == size(s) == size(s.with_changes()), len(calls)
    (True, 1)
    """
    by_value = lru_cache(maxsize=PER_SCENARIO_CACHE)(fn)
    recent: OrderedDict[int, tuple[Scenario, _T]] = OrderedDict()

    @wraps(fn)
    def cached(scenario: Scenario) -> _T:
        hit = recent.get(id(scenario))
        if hit is not None and hit[0] is scenario:
            return hit[1]
        value = by_value(scenario)
        recent[id(scenario)] = (scenario, value)
        while len(recent) > PER_SCENARIO_CACHE:
            recent.popitem(last=False)
        return value

    return cached


@dataclass(frozen=True, eq=False)
class LinearForm:
    """The parameter-linear structure of a scenario's preferences.

    Attributes
    ----------
    actors : tuple of str
    slots : tuple of str
        Parameter paths; a draw is a vector over these.
    point : ndarray, shape (n_slots,)
        The scenario's point values.
    models : tuple of PreferenceModel
        The preference models at the point values (their red lines do not depend on parameters).
    """

    actors: tuple[str, ...]
    slots: tuple[str, ...]
    point: np.ndarray
    models: tuple[PreferenceModel, ...]
    weight_slots: tuple[np.ndarray, ...]            # per actor: slot of each demand weight
    conditional: tuple[tuple[tuple[int, int, int], ...], ...]  # per actor: (lever, cred, effect slot)
    no_deal: tuple[tuple[tuple[int, int], ...], ...]          # per actor: (cred slot, effect slot)
    reservation_slot: tuple[int, ...]               # per actor: slot, or -1 when derived
    power_slots: np.ndarray
    lever_masks: tuple                              # per lever: (issue positions, bool table) or None
    sq_row: np.ndarray

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    def draw(self, n: int, rng: np.random.Generator, scenario: Scenario) -> np.ndarray:
        """``n`` draws of every slot (uncertain ones sampled in the scenario's order)."""
        theta = np.tile(self.point, (n, 1))
        index = {s: k for k, s in enumerate(self.slots)}
        for p in scenario.uncertain:
            theta[:, index[p.path]] = p.distribution.sample(n, rng)
        return theta

    def features(self, a: int, rows: np.ndarray) -> np.ndarray:
        """Features of actor ``a`` at rows: demand scores, then triggers of conditional levers."""
        m = self.models[a]
        cols = [f.values(rows) for f in m.factors if f.demand]
        for lever, _, _ in self.conditional[a]:
            axes, table = self.lever_masks[lever]
            cols.append(table[tuple(rows[:, i] for i in axes)].astype(float))
        if not cols:
            return np.zeros((len(rows), 0))
        return np.stack(cols, axis=1)

    def coefficients(self, a: int, theta: np.ndarray) -> np.ndarray:
        """Coefficients of actor ``a`` per draw: shape (n_draws, n_features)."""
        ws = theta[:, self.weight_slots[a]]
        total = ws.sum(axis=1, keepdims=True)
        total = np.where(total > 0, total, 1.0)
        parts = [ws / total]
        if self.conditional[a]:
            parts.append(np.stack([np.round(theta[:, c] * theta[:, e], UTILITY_DECIMALS)
                                   for _, c, e in self.conditional[a]], axis=1))
        return np.concatenate(parts, axis=1)

    def utilities(self, features: list[np.ndarray], coefs: list[np.ndarray],
                  draws_first: bool = False) -> np.ndarray:
        """Utilities (n_actors, n_rows, n_draws) from per-actor features and coefficients, or
        (n_actors, n_draws, n_rows) with ``draws_first``."""
        rows = len(features[0]) if features else 0
        draws = len(coefs[0]) if coefs else 0
        out = np.empty((len(features),) + ((draws, rows) if draws_first else (rows, draws)))
        for a, (f, c) in enumerate(zip(features, coefs)):
            if draws_first:
                np.matmul(c, f.T, out=out[a])
            else:
                np.matmul(f, c.T, out=out[a])
        return np.round(out, UTILITY_DECIMALS, out=out)

    def reservations(self, theta: np.ndarray, coefs: list[np.ndarray]) -> np.ndarray:
        """Reservation utilities, shape (n_actors, n_draws)."""
        sq = self.sq_row[None, :]
        out = np.empty((self.n_actors, len(theta)))
        for a in range(self.n_actors):
            if self.reservation_slot[a] >= 0:
                out[a] = theta[:, self.reservation_slot[a]]
                continue
            no_deal = np.round(self.features(a, sq) @ coefs[a].T, UTILITY_DECIMALS)[0]
            shift = np.zeros(len(theta))
            for c, e in self.no_deal[a]:
                shift += np.round(theta[:, c] * theta[:, e], UTILITY_DECIMALS)
            out[a] = np.round(no_deal + np.round(shift, UTILITY_DECIMALS), UTILITY_DECIMALS)
        return out

    def powers(self, theta: np.ndarray) -> np.ndarray:
        """Bargaining powers, shape (n_actors, n_draws)."""
        return theta[:, self.power_slots].T


@per_scenario
def linear_form(scenario: Scenario) -> LinearForm:
    """The linear form of a scenario's preferences (cached per scenario).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(weight=2.0)
    >>> linear_form(s).slots
    ('actors.A.demands[0].weight', 'actors.A.power')
    """
    slots: list[str] = []
    point: list[float] = []

    def slot(path: str, value: float) -> int:
        if path in slots:
            return slots.index(path)
        slots.append(path)
        point.append(float(value))
        return len(slots) - 1

    models = build_preferences(scenario)
    space = scenario.space
    uncertain = {p.path for p in scenario.uncertain}
    weight_slots, power_slots, reservation_slot = [], [], []
    for a in scenario.actors:
        base = f"actors.{a.name}"
        weight_slots.append(np.array([slot(f"{base}.demands[{k}].weight", d.weight)
                                      for k, d in enumerate(a.demands)], dtype=np.intp))
        power_slots.append(slot(f"{base}.power", a.power))
        res_path = f"{base}.reservation"
        given = a.reservation is not None or res_path in uncertain
        reservation_slot.append(slot(res_path, a.reservation) if given else -1)
    lever_masks = []
    conditional: list[list[tuple[int, int, int]]] = [[] for _ in scenario.actors]
    no_deal: list[list[tuple[int, int]]] = [[] for _ in scenario.actors]
    names = scenario.actor_names
    for li, lv in enumerate(scenario.levers):
        c = slot(f"levers.{lv.id}.credibility", lv.credibility)
        if isinstance(lv.trigger, Condition):
            axes = tuple(sorted(space.position[i] for i in lv.trigger.issues))
            lever_masks.append((axes, condition_mask(lv.trigger, space, axes)))
        else:
            lever_masks.append(None)
        effects = dict(lv.effects)
        for p in uncertain:
            prefix = f"levers.{lv.id}.effects."
            if p.startswith(prefix):
                effects.setdefault(p[len(prefix):], 0.0)
        for actor, value in sorted(effects.items()):
            e = slot(f"levers.{lv.id}.effects.{actor}", value)
            a = names.index(actor)
            if isinstance(lv.trigger, Condition):
                conditional[a].append((li, c, e))
            else:
                no_deal[a].append((c, e))
    for p in scenario.uncertain:  # e.g. patience: drawn, recorded, not used by utilities
        slot(p.path, scenario.parameter(p.path))  # type: ignore[arg-type]
    return LinearForm(names, tuple(slots), np.array(point), models, tuple(weight_slots),
                      tuple(tuple(x) for x in conditional), tuple(tuple(x) for x in no_deal),
                      tuple(reservation_slot), np.array(power_slots, dtype=np.intp),
                      tuple(lever_masks), np.array(space.status_quo, dtype=np.intp))
