"""Calibration: the weights (and optionally reservation shifts) that reproduce the record.

An actor's utility is ``u(o) = Σ_k w_k s_k(o) / Σ_k w_k + L(o)`` (``L``: its conditional levers)
and it accepts a proposal ``p`` when no red line vetoes it and ``u(p) - r >= 0``, with ``r``
either explicit or ``u(no deal) + shift``.  With the demands fixed and the weights scaled to sum
to 1, the margin ``u(p) - r`` is linear in the weight shares, so "these weights reproduce the
record" is a set of linear inequalities, one per recorded response.  :func:`calibrate` solves them
per actor (actors' weights never affect each other's responses) for the most robust margin,
then picks, among the weights with that margin, those closest to the scenario's own, and reports
the range each weight can take while the record is still reproduced.  When no weights reproduce
the record, it names an irreducible set of observations that conflict.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import replace

import numpy as np

from negsim.calibration import lp
from negsim.calibration.forms import _linear_forms, record_checks
from negsim.results.calibration import Calibration, Conflict, ObservationFit, ParameterFit
from negsim.calibration.lp import SHIFT_BOUND
from negsim.errors import NegsimError, ScenarioError
from negsim.loading.build import scenario_from_dict
from negsim.loading.write import scenario_to_toml
from negsim.preferences import build_preferences
from negsim.model.scenario import Scenario

__all__ = ["calibrate", "calibrated_scenario"]

def _conflict_reason(actor: str, n: int, min_share: float, reservations: bool) -> str:
    within = (f"each demand at least {min_share * 100:g}% of {actor}'s total weight"
              + (", any reservation shift in [-1, 1]" if reservations else ""))
    if n == 1:
        return f"no weights ({within}) reproduce this observation"
    return (f"no weights ({within}) reproduce these {n} observations together; drop any one "
            "and the rest can be reproduced")


def _describe(scenario: Scenario, i: int) -> str:
    o = scenario.observations[i]
    when = f" ({o.date})" if o.date else ""
    return f"observations[{i}]: {o.actor} {o.response}s {o.proposal}{when}"


def _nice(values: np.ndarray, scale: float) -> list[list[float]]:
    """Candidate weights: 5 and 9 significant digits, then full precision."""
    w = [float(v) for v in values * scale]
    return [[float(f"{v:.5g}") for v in w], [float(f"{v:.9g}") for v in w], w]


def calibrate(scenario: Scenario, *, min_share: float = 0.01,
              reservations: bool = False, objective: str = "margin") -> Calibration:
    """Fit the demands' weights to the recorded responses.

    Given a list or tuple of scenarios instead, fits one weight per demand across all of them
    (the pooled form, :func:`negsim.calibration.calibrate_pooled`) and
    returns its :class:`~negsim.calibration.PooledCalibration`.

    Parameters
    ----------
    scenario : Scenario
        Its must-match observations are the record to reproduce; observations with
        ``must_match = false`` are reported but not fitted.
    min_share : float
        The least share of an actor's total weight any demand may take (weights stay > 0).
    reservations : bool
        Also fit, per actor, a shift added to its walk-away utility (in [-1, 1]); the
        calibrated scenario then gives the reservation explicitly.
    objective : ``"margin"`` or ``"closest"``
        ``"margin"`` (default): the weights that reproduce the record by the widest margin (ties
        broken by closeness to the scenario's own weights); such weights often sit at the edge of
        their range.  ``"closest"``: the weights nearest (L1 distance of shares) to the
        scenario's own that reproduce the record, which leaves weights the record does not
        contradict unchanged.

    Returns
    -------
    Calibration
        ``feasible`` false with ``conflicts`` naming the observations that clash when no
        parameters reproduce the record; else the fitted parameters with their ranges, the
        margin, and the calibrated scenario as TOML text.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),
    ...                                     negsim.Issue("aid", ("no", "yes"), "no")),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),
    ...                                negsim.Demand("aid", want="no"))),),
    ...     proposals=(negsim.Proposal("deal", {"war": "truce", "aid": "yes"}),),
    ...     observations=(negsim.Observation("A", "deal", "reject"),))
    >>> fit = negsim.calibrate(s)
    >>> fit.feasible, fit.reproduces, [p.fitted for p in fit.parameters]
    (True, True, [0.02, 1.98])
    >>> [(round(p.low, 3), round(p.high, 3)) for p in fit.parameters]
    [(0.02, 1.0), (1.0, 1.98)]
    >>> [round(p.fitted, 3) for p in negsim.calibrate(s, objective="closest").parameters]
    [1.0, 1.0]
    """
    if isinstance(scenario, (list, tuple)):
        from negsim.calibration.pooled import calibrate_pooled

        return calibrate_pooled(scenario, min_share=min_share,  # type: ignore[return-value]
                                objective=objective, reservations=reservations)
    if isinstance(min_share, bool) or not isinstance(min_share, (int, float)) \
            or not 0.0 < min_share < 1.0:
        raise ScenarioError("min_share must lie strictly between 0 and 1", key="min_share",
                            expected="a number in (0, 1)", found=repr(min_share))
    if objective not in ("margin", "closest"):
        raise ScenarioError("unknown calibration objective", key="objective",
                            expected='"margin" or "closest"', found=repr(objective))
    models = build_preferences(scenario)
    before = record_checks(scenario)
    params: list[ParameterFit] = []
    conflicts: list[Conflict] = []
    notes: list[str] = []
    decided: dict[int, str] = {}
    new_actors = list(scenario.actors)
    shifts: dict[str, float] = {}
    for k, (actor, model) in enumerate(zip(scenario.actors, models)):
        n_w = len(actor.demands)
        obs = _linear_forms(scenario, k, model, reservations and n_w > 0)
        for o in obs:
            decided[o.index] = o.decided_by
        for o in obs:
            if o.decided_by in ("red line", "fixed") and scenario.observations[o.index].must_match \
                    and not before[o.index].match:
                why = ("a red line vetoes the proposal whatever the weights" if o.decided_by ==
                       "red line" else "its margin does not depend on the weights")
                conflicts.append(Conflict(actor.name, [o.index], [_describe(scenario, o.index)],
                                          f"the model cannot reproduce it: {why}"))
        if n_w == 0:
            if obs:
                notes.append(f"{actor.name} has no demands, so there are no weights to fit")
            continue
        total = actor.total_weight
        n = n_w + (1 if reservations else 0)
        bounds = tuple([(min_share, 1.0)] * n_w + ([(-SHIFT_BOUND, SHIFT_BOUND)] if reservations
                                                    else []))
        used = [o for o in obs if o.decided_by == "weights"]
        rows = lp.Rows(np.array([o.a for o in used]).reshape(len(used), n),
                       np.array([o.c for o in used]), np.array([o.accept for o in used], bool),
                       bounds, n_w)
        if n_w * min_share > 1.0 + 1e-12:
            raise ScenarioError(f"min_share {min_share} is too large for {actor.name}'s "
                                f"{n_w} demands", key="min_share",
                                expected=f"at most {1.0 / n_w:.4g}", found=repr(min_share))
        if used and not lp.feasible(rows):
            iis = lp.conflicting_subset(rows)
            idx = [used[j].index for j in iis]
            conflicts.append(Conflict(actor.name, idx, [_describe(scenario, i) for i in idx],
                                      _conflict_reason(actor.name, len(idx), min_share,
                                                       reservations)))
            continue
        start = np.array([d.weight / total for d in actor.demands] + ([0.0] if reservations else []))
        if used:
            x, margin = lp.max_margin(rows)  # type: ignore[misc]
            near = lp.closest(rows, margin if objective == "margin" else 0.0, start)
            x = near if near is not None else x
        else:
            x = start
        spans = lp.ranges(rows)
        for j, d in enumerate(actor.demands):
            lo, hi = spans[j]
            params.append(ParameterFit(actor.name, f"demands[{j}].weight", d.describe(), d.weight,
                                       float(x[j] * total), lo * total, hi * total,
                                       hi - lo < 1e-6, bool(used)))
        if reservations:
            lo, hi = spans[-1]
            params.append(ParameterFit(actor.name, "reservation shift", "added to the walk-away "
                                       "utility", 0.0, float(x[-1]), lo, hi, hi - lo < 1e-6,
                                       bool(used)))
            if used:
                shifts[actor.name] = float(x[-1])
        if used:
            new_actors[k] = x
    return _finish(scenario, before, params, conflicts, notes, decided, new_actors, shifts,
                   min_share)


def _apply(scenario: Scenario, fitted: list, digits: int) -> Scenario:
    actors = []
    for a, x in zip(scenario.actors, fitted):
        if not isinstance(x, np.ndarray):
            actors.append(a)
            continue
        total = a.total_weight
        ws = _nice(x[:len(a.demands)], total)[digits]
        demands = tuple(replace(d, weight=w) for d, w in zip(a.demands, ws))
        actors.append(replace(a, demands=demands))
    return scenario.with_changes(actors=tuple(actors))


def _with_reservations(s: Scenario, shifts: dict[str, float]) -> Scenario:
    if not shifts:
        return s
    models = {m.actor: m for m in build_preferences(s)}
    actors = tuple(replace(a, reservation=round(models[a.name].reservation + shifts[a.name], 12))
                   if a.name in shifts else a for a in s.actors)
    return s.with_changes(actors=actors)


def _weight_of(s: Scenario, p: ParameterFit) -> float:
    k = int(p.parameter[len("demands["):].split("]")[0])
    return s.actor(p.actor).demands[k].weight


def _finish(scenario, before, params, conflicts, notes, decided, fitted, shifts,
            min_share) -> Calibration:  # type: ignore[no-untyped-def]
    n_red = sum(v == "red line" for v in decided.values())
    if n_red:
        notes.append(f"{n_red} observation(s) are rejections decided by a red line; the weights "
                     "cannot change them")
    if conflicts:
        obs = [ObservationFit(i, o.actor, o.proposal, o.response, o.must_match,
                              decided.get(i, "not used"), b.match, b.margin, b.match, b.margin)
               for i, (o, b) in enumerate(zip(scenario.observations, before))]
        return Calibration(scenario.name, False, math.nan, min_share, params, obs, conflicts, notes)
    for digits in range(3):
        calibrated = _with_reservations(_apply(scenario, fitted, digits), shifts)
        after = record_checks(calibrated)
        if all(c.match for c in after if c.must_match):
            break
    else:
        notes.append("warning: the fitted weights miss the record after all (numerical trouble)")
    params = [replace(p, fitted=_weight_of(calibrated, p)) if p.parameter.endswith(".weight")
              else p for p in params]
    obs = [ObservationFit(i, o.actor, o.proposal, o.response, o.must_match,
                          decided.get(i, "not used"), b.match, b.margin, a.match, a.margin)
           for i, (o, b, a) in enumerate(zip(scenario.observations, before, after))]
    margins = [(o.margin_after if o.response == "accept" else -o.margin_after)
               for o in obs if o.decided_by == "weights"]
    margin = max(0.0, min(margins)) if margins else math.nan
    comments = {}
    for p in params:
        if not p.calibrated:
            continue
        span = ("pinned by the record" if p.pinned else
                f"the record allows {p.low:.4g} to {p.high:.4g}")
        if p.parameter.endswith(".weight"):
            comments[f"actors.{p.actor}.{p.parameter}"] = f"calibrated (was {p.before:g}); {span}"
        else:
            comments[f"actors.{p.actor}.reservation"] = (
                f"calibrated: derived walk-away utility {p.fitted:+.4g} ({span}); now explicit, so "
                "it no longer follows the levers")
    where = f" from {scenario.path}" if scenario.path else ""
    preamble = (f"Calibrated by negsim calibrate{where}: weights fitted to the recorded responses\n"
                f"(most robust margin {margin:.4g}; each demand at least {min_share * 100:g}% of its "
                "actor's total weight).")
    toml = scenario_to_toml(calibrated, comments, preamble)
    return Calibration(scenario.name, True, margin, min_share, params, obs, [], notes, toml)


def calibrated_scenario(fit: Calibration) -> Scenario:
    """The calibrated :class:`~negsim.Scenario` of a fit, parsed from ``fit.toml``.

    Raises :class:`~negsim.NegsimError` when no weights reproduce the record (no TOML).
    """
    if not fit.toml:
        raise NegsimError("no weights reproduce the record, so there is no calibrated scenario")
    return scenario_from_dict(tomllib.loads(fit.toml))
