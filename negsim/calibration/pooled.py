"""Pooled calibration: one weight per demand across configurations that share their demands.

The dated configurations of one conflict extend the same base files, so most of an actor's
demands occur in several of them.  Pooling fits *one* weight per demand (a demand is identified by
everything but its weight: actor, issue, what it asks, ``hard``, ``when``, label, source, quote)
to the recorded responses of all of them at once.

With raw weights ``w`` (not shares), an observation's margin is
``Σ_{k∈S} w_k a_k / Σ_{k∈S} w_k + c`` over the demands ``S`` of its configuration; its sign is
that of ``Σ_{k∈S} w_k (a_k + c)``, which is linear in ``w`` whatever the configuration's demand
set.  Rejections need a margin at most ``-EPS``: ``Σ_{k∈S} w_k (a_k + c + EPS) <= 0``.  The
weights are scaled to sum to 1 over the actor's pooled demands, and each is at least
``min_share``; the LPs of :mod:`negsim.calibration.lp` do the rest (most robust margin, then the
point nearest the configurations' own weights).

With ``reservations``, each actor also gets one shift ``s`` (pooled: the same in every
configuration) added to its walk-away utility.  The margin becomes ``... + c - s``, whose sign is
that of ``Σ_{k∈S} w_k (a_k + c - s)``: bilinear, so ``s`` is searched on the grid of step
``SHIFT_STEP`` over ``[-SHIFT_BOUND, SHIFT_BOUND]`` (for each grid point the weights' LP is
exact); the shift with the largest margin wins, the smallest ``|s|`` among equal margins.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import numpy as np

from negsim.calibration import lp
from negsim.calibration.forms import _linear_forms
from negsim.errors import ArgumentError
from negsim.model.demand import Demand
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences
from negsim.results.pooled import PooledCalibration, PooledWeight

__all__ = ["calibrate_pooled", "pooled_scenarios", "demand_key", "SHIFT_STEP"]

SHIFT_STEP = 0.01
"""Grid step of the pooled reservation shift (its search range is ``lp.SHIFT_BOUND``)."""


def demand_key(actor: str, demand: Demand) -> tuple:
    """What identifies a demand across configurations: everything but its weight.

    Examples
    --------
    >>> from negsim import Demand
    >>> demand_key("A", Demand("war", want="truce", weight=2)) == demand_key("A", Demand("war", want="truce"))
    True
    """
    return (actor, replace(demand, weight=1.0))


def _describe(s: Scenario, i: int) -> str:
    o = s.observations[i]
    when = f" ({o.date})" if o.date else ""
    return f"{s.name}: observations[{i}]: {o.actor} {o.response}s {o.proposal}{when}"


def calibrate_pooled(scenarios: Sequence[Scenario], *, min_share: float = 0.01,
                     objective: str = "margin",
                     train: Sequence[Collection[int]] | None = None,
                     reservations: bool = False) -> PooledCalibration:
    """Fit one weight per demand to the recorded responses of several configurations at once.

    Parameters
    ----------
    scenarios : sequence of Scenario
        Configurations whose demands are pooled (same actor and same demand apart from its weight
        → one weight).
    min_share : float
        The least share any pooled demand may take of its actor's total.
    objective : ``"margin"`` or ``"closest"``
        As in :func:`negsim.calibrate`.
    train : sequence of collections of int, optional
        Per scenario, the observation indices to fit (default: every ``must_match`` one);
        observations with ``must_match = false`` are never fitted.
    reservations : bool
        Also fit one walk-away shift per actor (the same in every configuration), on a grid of
        step ``SHIFT_STEP`` in ``[-1, 1]``; :func:`pooled_scenarios` then gives the
        reservation explicitly.

    Returns
    -------
    PooledCalibration
        Apply it with :func:`pooled_scenarios`.

    Examples
    --------
    >>> import negsim
    >>> issues = (negsim.Issue("x", ("no", "yes"), "no"), negsim.Issue("y", ("no", "yes"), "no"))
    >>> a = negsim.Actor("A", (negsim.Demand("x", want="yes"), negsim.Demand("y", want="yes", weight=3)),
    ...                  reservation=0.5)
    >>> px, py = negsim.Proposal("px", {"x": "yes"}), negsim.Proposal("py", {"y": "yes"})
    >>> s1 = negsim.Scenario("march", issues=issues, actors=(a,), proposals=(px, py),
    ...                      observations=(negsim.Observation("A", "py", "reject"),))
    >>> s2 = s1.with_changes(name="may", observations=(negsim.Observation("A", "px", "accept"),))
    >>> fit = calibrate_pooled([s1, s2])
    >>> fit.feasible, [round(w.fitted, 2) for w in fit.weights]
    (True, [0.99, 0.01])
    """
    if objective not in ("margin", "closest"):
        raise ArgumentError(f"unknown calibration objective {objective!r}; expected \"margin\" "
                            "or \"closest\"")
    if isinstance(min_share, bool) or not isinstance(min_share, (int, float)) \
            or not 0.0 < min_share < 1.0:
        raise ArgumentError(f"min_share must lie strictly between 0 and 1, not {min_share!r}")
    scenarios = list(scenarios)
    if train is not None and len(train) != len(scenarios):
        raise ArgumentError(f"train gives {len(train)} index sets for {len(scenarios)} scenarios")
    keys: dict[tuple, int] = {}
    places: list[list[list[int]]] = []
    starts: list[list[float]] = []
    for si, s in enumerate(scenarios):
        for a in s.actors:
            total = a.total_weight
            for di, d in enumerate(a.demands):
                k = keys.setdefault(demand_key(a.name, d), len(keys))
                if k == len(places):
                    places.append([])
                    starts.append([])
                places[k].append([si, di])
                starts[k].append(d.weight / total)
    by_actor: dict[str, list[int]] = {}
    for key, k in keys.items():
        by_actor.setdefault(key[0], []).append(k)
    rows_of: dict[str, list[tuple[np.ndarray, bool, str]]] = {a: [] for a in by_actor}
    for si, s in enumerate(scenarios):
        models = build_preferences(s)
        chosen = None if train is None else set(train[si])
        for ai, (a, m) in enumerate(zip(s.actors, models)):
            if not a.demands:
                continue
            cols = [keys[demand_key(a.name, d)] for d in a.demands]
            pos = {k: j for j, k in enumerate(by_actor[a.name])}
            for o in _linear_forms(s, ai, m, reservations):
                if o.decided_by != "weights" or (chosen is not None and o.index not in chosen):
                    continue
                row = np.zeros(len(by_actor[a.name]))
                ind = np.zeros(len(by_actor[a.name]))
                extra = 0.0 if o.accept else lp.EPS
                for j, k in enumerate(cols):
                    row[pos[k]] += o.a[j] + o.c + extra
                    ind[pos[k]] += 1.0
                rows_of[a.name].append((row, o.accept, _describe(s, o.index), ind))
    weights: list[PooledWeight] = []
    conflicts: list[str] = []
    notes: list[str] = []
    trained = 0
    shifts: dict[str, float] = {}
    for actor, ks in by_actor.items():
        start = np.array([float(np.mean(starts[k])) for k in ks])
        start = start / start.sum()
        used = rows_of[actor]
        trained += len(used)
        x, ok = start, False
        n = len(ks)
        if n * min_share > 1.0:
            raise ArgumentError(f"min_share {min_share} is too large for {actor}'s {n} pooled "
                                f"demands (at most {1.0 / n:.4g})")
        if used:
            accept = np.array([r[1] for r in used], dtype=bool)
            # reject rows: a·x <= -EPS - c with c = -EPS, i.e. a·x <= 0 (EPS folded into a)
            c = np.where(accept, 0.0, -lp.EPS)
            grid = _shift_grid() if reservations else [0.0]
            found = None
            for shift in grid:
                a_mat = np.array([r[0] - shift * r[3] for r in used])
                rows = lp.Rows(a_mat, c, accept, tuple([(min_share, 1.0)] * n), n)
                if not lp.feasible(rows):
                    continue
                best = lp.max_margin(rows)
                assert best is not None
                if found is None or best[1] > found[1] + lp.EPS:
                    found = (rows, best[1], best[0], shift)
            if found is not None:
                rows, margin, xbest, shift = found
                near = lp.closest(rows, margin if objective == "margin" else 0.0, start)
                x, ok = (near if near is not None else xbest), True
                if reservations:
                    shifts[actor] = shift
            else:
                a_mat = np.array([r[0] for r in used])
                rows = lp.Rows(a_mat, c, accept, tuple([(min_share, 1.0)] * n), n)
                conflicts.extend(used[j][2] for j in lp.conflicting_subset(rows))
                notes.append(f"no weights{' or reservation shift' if reservations else ''} "
                             f"reproduce {actor}'s training observations together; "
                             f"{actor} keeps its own weights")
        for j, k in enumerate(ks):
            key = next(kk for kk, v in keys.items() if v == k)
            weights.append(PooledWeight(actor, key[1].describe(), places[k], float(start[j]),
                                        float(x[j]), ok))
    return PooledCalibration([s.name for s in scenarios], not conflicts, trained, weights,
                             conflicts, notes, shifts)


def _shift_grid() -> list[float]:
    """The shifts tried, smallest ``|s|`` first (so that ties keep the smallest)."""
    steps = int(round(lp.SHIFT_BOUND / SHIFT_STEP))
    return sorted((round(k * SHIFT_STEP, 12) for k in range(-steps, steps + 1)),
                  key=lambda v: (abs(v), v))


def pooled_scenarios(scenarios: Sequence[Scenario], fit: PooledCalibration) -> list[Scenario]:
    """The configurations with the pooled weights applied.

    Each configuration keeps its actors' total weight; its demands take the fitted shares,
    rescaled over the demands it states.  Actors the fit did not calibrate are unchanged.
    """
    scenarios = list(scenarios)
    if len(scenarios) != len(fit.scenarios):
        raise ArgumentError(f"the fit pooled {len(fit.scenarios)} scenarios, not {len(scenarios)}")
    share: dict[tuple[int, int, str], float] = {}
    for w in fit.weights:
        if w.calibrated:
            for si, di in w.places:
                share[(si, di, w.actor)] = w.fitted
    out = []
    for si, s in enumerate(scenarios):
        actors = []
        for a in s.actors:
            xs = [share.get((si, di, a.name)) for di in range(len(a.demands))]
            if not a.demands or any(v is None for v in xs):
                actors.append(a)
                continue
            scale = a.total_weight / sum(xs)  # type: ignore[arg-type]
            actors.append(replace(a, demands=tuple(
                replace(d, weight=float(v) * scale) for d, v in zip(a.demands, xs))))  # type: ignore[arg-type]
        new = s.with_changes(actors=tuple(actors))
        if fit.shifts:
            models = {m.actor: m for m in build_preferences(new)}
            new = new.with_changes(actors=tuple(
                replace(a, reservation=round(models[a.name].reservation + fit.shifts[a.name], 12))
                if a.name in fit.shifts else a for a in new.actors))
        out.append(new)
    return out
