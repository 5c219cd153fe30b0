"""``negsim.tipping_points``: every numeric parameter whose plausible range holds a flip.

Where :func:`negsim.tipping_point` looks along one named parameter, this scans them all: every
demand weight, actor power and patience, stated reservation, lever credibility and declared lever
effect.  A parameter's plausible range is its distribution's range when the scenario declares it
uncertain, and otherwise the default range of :data:`DEFAULT_RANGES` around its point value.
"""

from __future__ import annotations

from collections.abc import Callable

from negsim.errors import ArgumentError
from negsim.model.parameters import parse_target
from negsim.model.scenario import Scenario
from negsim.results.comparison import ParameterTip, TippingPoints
from negsim.uncertainty import tipping_point
from negsim.uncertainty.targets import target_value

__all__ = ["tipping_points", "numeric_parameters", "DEFAULT_RANGES", "RESERVATION_SPAN"]

RESERVATION_SPAN = 0.25
"""How far a stated reservation is moved either way when it is not declared uncertain."""


def _halved_to_doubled(x: float) -> tuple[float, float]:
    return (x / 2, x * 2) if x > 0 else (x * 2, x / 2) if x < 0 else (0.0, 0.0)


def _effect(x: float) -> tuple[float, float]:
    return (min(0.0, 2 * x), max(0.0, 2 * x))


DEFAULT_RANGES: dict[str, tuple[str, Callable[[float], tuple[float, float]]]] = {
    "weight": ("halved to doubled", _halved_to_doubled),
    "power": ("halved to doubled", _halved_to_doubled),
    "patience": ("halfway to 0 and to 1", lambda x: (x / 2, (1 + x) / 2)),
    "reservation": (f"±{RESERVATION_SPAN:g}",
                    lambda x: (x - RESERVATION_SPAN, x + RESERVATION_SPAN)),
    "credibility": ("0 to 1", lambda x: (0.0, 1.0)),
    "effect": ("none to doubled", _effect),
}
"""Per kind of parameter: how its default range is described, and how it is found from the
point value."""


def numeric_parameters(scenario: Scenario) -> list[tuple[str, str]]:
    """Every numeric parameter path of the scenario with its kind, in scenario order.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(lever=0.5)
    >>> numeric_parameters(s)  # doctest: +NORMALIZE_WHITESPACE
    [('actors.A.demands[0].weight', 'weight'), ('actors.A.power', 'power'),
     ('actors.A.patience', 'patience'), ('levers.aid.credibility', 'credibility'),
     ('levers.aid.effects.A', 'effect')]
    """
    out = []
    for a in scenario.actors:
        out += [(f"actors.{a.name}.demands[{k}].weight", "weight") for k in range(len(a.demands))]
        out += [(f"actors.{a.name}.power", "power"), (f"actors.{a.name}.patience", "patience")]
        if a.reservation is not None:
            out.append((f"actors.{a.name}.reservation", "reservation"))
    for lv in scenario.levers:
        out.append((f"levers.{lv.id}.credibility", "credibility"))
        out += [(f"levers.{lv.id}.effects.{name}", "effect") for name, _ in lv.effects]
    known = {p for p, _ in out}
    out += [(p.path, p.path.rsplit(".", 1)[-1]) for p in scenario.uncertain if p.path not in known]
    return out


def tipping_points(scenario: Scenario, target: str, *, threshold: float = 0.0,
                   grid: int = 21) -> TippingPoints:
    """Every numeric parameter whose plausible range contains a flip of ``target``.

    Parameters
    ----------
    scenario : Scenario
    target : str
        As for :func:`negsim.tipping_point`: ``"margin:PROPOSAL:ACTOR"``, ``"margin:PROPOSAL"``,
        ``"reservation:ACTOR"`` or ``"solution:NAME:ACTOR"``.
    threshold : float
        Where the target flips (0: a margin changes sign, the verdict flips).
    grid : int
        Points scanned per parameter before the crossing is pinned down by root finding.

    Returns
    -------
    TippingPoints
        One tip per parameter that flips the target, nearest flip (relative to its range) first.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(lever=0.75, proposal=True)
    >>> r = tipping_points(s, "margin:truce:A")
    >>> [(t.parameter, round(t.value, 6)) for t in r.tips]
    [('levers.aid.effects.A', 1.0)]
    """
    if isinstance(grid, bool) or not isinstance(grid, int) or grid < 2:
        raise ArgumentError(f"grid must be an integer of at least 2, not {grid!r}")
    t = parse_target(target, key="target")
    t.check(scenario, key="target")
    base = target_value(scenario, t)
    uncertain = {p.path: p for p in scenario.uncertain}
    tips = []
    params = numeric_parameters(scenario)
    for path, kind in params:
        point = scenario.parameter(path)
        point = 0.0 if point is None else float(point)
        if path in uncertain:
            low = high = None
            source = f"uncertain: {uncertain[path].distribution.describe()}"
        else:
            words, rule = DEFAULT_RANGES[kind]
            low, high = rule(point)
            source = f"default: {words}"
            if not low < high:
                continue
        tp = tipping_point(scenario, path, t, low=low, high=high, threshold=threshold, grid=grid)
        if tp.found and tp.value is not None:
            tips.append(ParameterTip(path, point, tp.low, tp.high, source, tp.value,
                                     list(tp.crossings), tp.target_low, tp.target_high))
    tips.sort(key=lambda x: (abs(x.value - x.point) / (x.high - x.low), x.parameter))
    return TippingPoints(scenario.name, str(t), base, threshold, len(params), tips)
