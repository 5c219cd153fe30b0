"""One-at-a-time sensitivity (tornado data) and tipping points found by root finding."""

from __future__ import annotations

import math
from concurrent.futures import Executor

import numpy as np
from scipy.optimize import brentq

from negsim.errors import ScenarioError
from negsim.limits import MAX_TIPPING_GRID, check_count
from negsim.model.parameters import Target, parse_target
from negsim.results.analysis import Sensitivity, SensitivityBar, TippingPoint
from negsim.model.scenario import Scenario
from negsim.model.structure import apply_structure
from negsim.parallel import run_chunks
from negsim.uncertainty.structure import structural_bar
from negsim.uncertainty.targets import linear_target_values, target_value, target_vetoed

__all__ = ["sensitivity", "tipping_point"]


def _swing(scenario: Scenario, target: str, path: str, low: float, high: float
           ) -> tuple[float, float]:
    fast = linear_target_values(scenario, target, path, np.array([low, high]))
    if fast is not None:  # margins and reservations: the linear form, no model rebuilt
        for x in (low, high):
            scenario.with_parameters({path: x})  # the same checks of the values
        return float(fast[0]), float(fast[1])
    return (target_value(scenario.with_parameters({path: low}), target),
            target_value(scenario.with_parameters({path: high}), target))


def sensitivity(scenario: Scenario, target: str | Target, *, parameters: list[str] | None = None,
                span: tuple[float, float] = (0.05, 0.95), threshold: float = 0.0,
                executor: Executor | None = None, progress: bool | None = None) -> Sensitivity:
    """Swing each uncertain parameter over its range, the others at their point values.

    Parameters
    ----------
    scenario : Scenario
    target : str or Target
        E.g. ``"margin:air_truce:Russia"`` (see :class:`negsim.model.parameters.Target`).
    parameters : list of str, optional
        Paths of uncertain parameters and structural choices to swing (default: all of them).
        A structural choice's bar sets the target under each of its alternatives (see
        :func:`negsim.uncertainty.structure.structural_bar`).
    span : (float, float)
        The quantiles of each distribution used as the low and high end (default 5th–95th
        percentile; ``(0, 1)`` for the whole range of bounded distributions).
    threshold : float
        A bar ``flips`` when the target lies on different sides of this at its two ends.
    executor, progress
        As for :func:`negsim.ensemble` (one task per parameter).

    Returns
    -------
    Sensitivity
        Bars sorted by swing, largest first: the data of a tornado chart.

    Examples
    --------
    >>> import negsim
    >>> from negsim.model.distributions import Distribution
    >>> from negsim.model.parameters import UncertainParameter
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     uncertain=(UncertainParameter("levers.aid.effects.A", Distribution.uniform(0, 2)),))
    >>> bar = sensitivity(s, "margin:truce:A", span=(0, 1)).bars[0]
    >>> bar.target_low, bar.target_high, bar.flips
    (1.0, -1.0, True)
    """
    t = str(parse_target(target))
    parse_target(t).check(scenario, key="target")
    structural = {c.path: c for c in scenario.structural}
    chosen = scenario.uncertain if parameters is None else tuple(
        scenario.uncertain_parameter(p) for p in parameters if p not in structural)
    choices = scenario.structural if parameters is None else tuple(
        structural[p] for p in parameters if p in structural)
    ends = []
    for p in chosen:
        lo, hi = (float(x) for x in p.distribution.ppf(np.array(span, dtype=float)))
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise ScenarioError("the swing range is unbounded", key=p.path,
                                expected="a bounded distribution or a span inside (0, 1)",
                                found=p.distribution.describe())
        ends.append((lo, hi))
    tasks = [(scenario, t, p.path, lo, hi) for p, (lo, hi) in zip(chosen, ends)]
    values = run_chunks(_swing, tasks, executor=executor, progress=progress, desc="sensitivity")
    base = target_value(scenario, t)
    bars = []
    for p, (lo, hi), (t_lo, t_hi) in zip(chosen, ends, values):
        flips = (t_lo >= threshold) != (t_hi >= threshold)
        bars.append(SensitivityBar(p.path, p.distribution.describe(), lo, hi, t_lo, t_hi,
                                   round(abs(t_hi - t_lo), 12), flips))
    bars.extend(structural_bar(scenario, t, c, threshold) for c in choices)
    bars.sort(key=lambda b: (-b.swing if math.isfinite(b.swing) else 0.0, b.parameter))
    return Sensitivity(t, base, threshold, [float(x) for x in span], bars)


def _range(scenario: Scenario, parameter: str, low: float | None, high: float | None
           ) -> tuple[float, float]:
    if low is not None and high is not None:
        return float(low), float(high)
    paths = [p.path for p in scenario.uncertain]
    if parameter not in paths:
        raise ScenarioError("give low and high: the parameter is not uncertain, so it has no "
                            "range of its own", key=parameter, expected="low and high",
                            found="nothing")
    d = scenario.uncertain_parameter(parameter).distribution
    s_lo, s_hi = d.support
    if not math.isfinite(s_lo):
        s_lo = float(d.ppf(np.array([0.001]))[0])
    if not math.isfinite(s_hi):
        s_hi = float(d.ppf(np.array([0.999]))[0])
    return (s_lo if low is None else float(low)), (s_hi if high is None else float(high))


def tipping_point(scenario: Scenario, parameter: str, target: str | Target, *,
                  low: float | None = None, high: float | None = None, threshold: float = 0.0,
                  grid: int = 41, xtol: float = 1e-12, label: str = "") -> TippingPoint:
    """The value of ``parameter`` at which ``target`` crosses ``threshold`` (a verdict flips).

    The range [low, high] (default: the parameter's distribution range, or its 0.1–99.9th
    percentile when unbounded) is scanned on a grid of ``grid`` points; each sign change is then
    pinned down with :func:`scipy.optimize.brentq` to ``xtol``.

    Returns
    -------
    TippingPoint
        ``found`` is False, with the reason in ``message``, when there is no flip in the range.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),))
    >>> tp = tipping_point(s, "levers.aid.effects.A", "margin:truce:A", low=0, high=3)
    >>> round(tp.value, 9)
    1.0
    """
    grid = check_count(grid, "grid", MAX_TIPPING_GRID)
    t = parse_target(target)
    parse_target(t).check(scenario, key="target")
    scenario.parameter(parameter)
    lo, hi = _range(scenario, parameter, low, high)
    if not lo < hi:
        raise ScenarioError("low must be below high", key=parameter, expected=f"low < {hi:g}",
                            found=f"{lo:g}")

    xs = np.linspace(lo, hi, max(2, grid))
    fast = linear_target_values(scenario, t, parameter, xs)
    if fast is not None:  # margins and reservations: the whole grid in one product per actor
        for x in (lo, hi):  # the same checks of the values (the valid ones form a range)
            scenario.with_parameters({parameter: x})

        def f(x: float) -> float:
            return float(linear_target_values(scenario, t, parameter,  # type: ignore[index]
                                              np.array([x]))[0]) - threshold

        fs = fast - threshold
    else:
        def f(x: float) -> float:
            return target_value(scenario.with_parameters({parameter: x}), t) - threshold

        fs = np.array([f(float(x)) for x in xs])
    crossings = []
    for i in range(len(xs) - 1):
        a, b = fs[i], fs[i + 1]
        if not (math.isfinite(a) and math.isfinite(b)) or (a >= 0) == (b >= 0):
            continue
        crossings.append(float(brentq(f, xs[i], xs[i + 1], xtol=xtol, rtol=4 * np.finfo(float).eps)))
    vetoed = target_vetoed(scenario, t)
    name = str(t)
    words = ("accepted", "rejected") if t.kind == "margin" else (f">= {threshold:g}",
                                                                  f"< {threshold:g}")
    side = (lambda v: words[0] if v >= 0 else words[1])
    if t.kind == "margin":
        subject = f"{t.proposal} for {t.actor}" if t.actor else f"{t.proposal} for all actors"
    else:
        subject = name
    if crossings:
        x = crossings[0]
        message = (f"{subject}: {side(fs[0])} for {parameter} below {x:.6g}, "
                   f"{side(fs[-1])} above")
        if len(crossings) > 1:
            message += f" ({len(crossings)} crossings in [{lo:g}, {hi:g}])"
    else:
        message = f"{subject}: {side(fs[0])} throughout [{lo:g}, {hi:g}] (no flip)"
    if vetoed:
        message += "; but a red line vetoes the proposal whatever the value"
    for c in scenario.structural:  # where the flip lies under the other structural readings
        for i, lab in enumerate(c.labels):
            if i == c.point_index or c.probabilities[i] == 0:
                continue
            other = tipping_point(apply_structure(scenario, {c.path: i}), parameter, t, low=lo,
                                  high=hi, threshold=threshold, grid=grid, xtol=xtol)
            where = f"flips at {other.value:.6g}" if other.found else "no flip"
            if other.vetoed and not vetoed:
                where += ", vetoed"
            message += f"; if {c.path} is {lab} ({c.probabilities[i]:.0%}): {where}"
    return TippingPoint(parameter, name, threshold, lo, hi, bool(crossings),
                        crossings[0] if crossings else None, crossings,
                        float(fs[0] + threshold), float(fs[-1] + threshold), message, vetoed, label,
                        [float(x) for x in xs], [round(float(v + threshold), 12) for v in fs])
