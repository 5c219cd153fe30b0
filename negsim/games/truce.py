"""Truce stability under grim trigger, with perfect or imperfect monitoring.

Every period each party can comply with the truce or violate it.  For one party, ``T`` is the
payoff of violating while the other complies (the temptation), ``R`` of mutual compliance and
``P`` of breakdown (war resumes, forever, after a punishment), with ``T >= R > P``.  Payoffs are
normalised by ``(1 - delta)`` so that a constant stream ``x`` is worth ``x``.

Perfect monitoring.  Complying forever is worth ``R``; violating once is worth
``(1 - delta) T + delta P``.  Grim trigger is an equilibrium iff ``R >= (1 - delta) T + delta P``:

    delta >= delta* = (T - R) / (T - P).

Imperfect monitoring.  A violation is detected with probability ``q``; compliance is wrongly
"detected" (a false alarm) with probability ``alpha``; either detection ends the truce forever.
The value of compliance solves ``V = (1 - delta) R + delta [(1 - alpha) V + alpha P]``:

    V = [(1 - delta) R + delta alpha P] / (1 - delta + delta alpha),
    V - P = (1 - delta)(R - P) / (1 - delta + delta alpha).

Violating once (then complying) is worth ``D = (1 - delta) T + delta [(1 - q) V + q P]``, so

    V - D = -(1 - delta)(T - R) + delta (q - alpha)(V - P).

Dividing ``V - D >= 0`` by ``(1 - delta) > 0`` and multiplying by ``(1 - delta + delta alpha) > 0``
gives ``delta (q - alpha)(R - P) >= (T - R)(1 - delta + delta alpha)``, that is
``delta K >= T - R`` with ``K = (q - alpha)(R - P) + (1 - alpha)(T - R)``.  Hence (one-shot
deviation principle) grim trigger is an equilibrium iff

    delta >= delta*(q, alpha) = (T - R) / [(q - alpha)(R - P) + (1 - alpha)(T - R)],

when ``K > 0`` and that ratio is below 1; otherwise no discount factor sustains the truce.  At
``q = 1, alpha = 0`` the threshold is ``(T - R) / (T - P)``, the perfect-monitoring one.  Solving
the same inequality for ``q`` gives the least verification a truce needs at a given ``delta``:

    q_min = alpha + (T - R)(1 - delta + delta alpha) / (delta (R - P)),

and no verification suffices when ``q_min > 1``.
"""

from __future__ import annotations

from collections.abc import Mapping

from negsim.results.game_theory import PartyTruce, TruceStability
from negsim.errors import ScenarioError
from negsim.games._checks import number
from negsim.tolerances import ROUND_TOL

__all__ = ["grim_trigger_threshold", "imperfect_monitoring_threshold", "minimum_detection",
           "PartyTruce", "TruceStability", "truce_stability"]


def _payoffs(temptation: float, compliance: float, breakdown: float,
             who: str = "") -> tuple[float, float, float]:
    t = number(temptation, f"{who}temptation")
    r = number(compliance, f"{who}compliance")
    p = number(breakdown, f"{who}breakdown")
    if not t >= r > p:
        raise ScenarioError("truce payoffs must satisfy temptation >= compliance > breakdown",
                            key=f"{who}temptation, compliance, breakdown",
                            expected="T >= R > P", found=f"T={t:g}, R={r:g}, P={p:g}",
                            hint="if breakdown is no worse than compliance, no threat of "
                                 "breakdown can hold a truce")
    return t, r, p


def grim_trigger_threshold(temptation: float, compliance: float, breakdown: float) -> float:
    """Least discount factor at which grim trigger sustains a truce under perfect monitoring.

    Parameters
    ----------
    temptation, compliance, breakdown : float
        ``T``, ``R``, ``P`` with ``T >= R > P``.

    Returns
    -------
    float
        ``delta* = (T - R) / (T - P)``.

    Examples
    --------
    >>> grim_trigger_threshold(5, 3, 1)
    0.5
    """
    t, r, p = _payoffs(temptation, compliance, breakdown)
    return (t - r) / (t - p)


def imperfect_monitoring_threshold(temptation: float, compliance: float, breakdown: float,
                                   detection: float, false_alarm: float = 0.0) -> float | None:
    """Least discount factor sustaining grim trigger when violations are detected imperfectly.

    Parameters
    ----------
    temptation, compliance, breakdown : float
        ``T``, ``R``, ``P`` with ``T >= R > P``.
    detection : float
        ``q``, the probability that a violation is detected.
    false_alarm : float
        ``alpha``, the probability that compliance is taken for a violation.

    Returns
    -------
    float or None
        ``(T - R) / [(q - alpha)(R - P) + (1 - alpha)(T - R)]`` (derivation in the module
        docstring), or ``None`` if no ``delta < 1`` sustains the truce.

    Examples
    --------
    >>> imperfect_monitoring_threshold(5, 3, 1, detection=1.0)
    0.5
    >>> round(imperfect_monitoring_threshold(5, 3, 1, detection=0.8, false_alarm=0.05), 4)
    0.5882
    >>> imperfect_monitoring_threshold(5, 3, 1, detection=0.5, false_alarm=0.3) is None
    True
    """
    t, r, p = _payoffs(temptation, compliance, breakdown)
    q = number(detection, "detection", low=0.0, high=1.0)
    a = number(false_alarm, "false_alarm", low=0.0, high=1.0)
    k = (q - a) * (r - p) + (1.0 - a) * (t - r)
    if t == r:
        return 0.0 if k >= 0 else None
    if k <= 0:
        return None
    threshold = (t - r) / k
    return threshold if threshold < 1.0 else None


def minimum_detection(temptation: float, compliance: float, breakdown: float, delta: float,
                      false_alarm: float = 0.0) -> float | None:
    """Least detection probability for which grim trigger sustains the truce at ``delta``.

    Parameters
    ----------
    temptation, compliance, breakdown : float
        ``T``, ``R``, ``P`` with ``T >= R > P``.
    delta : float
        Discount factor in ``(0, 1)``.
    false_alarm : float
        ``alpha``, probability that compliance is taken for a violation.

    Returns
    -------
    float or None
        ``alpha + (T - R)(1 - delta + delta alpha) / (delta (R - P))``, or ``None`` if even
        perfect detection (``q = 1``) does not suffice.

    Examples
    --------
    >>> round(minimum_detection(5, 3, 1, delta=0.8), 10)
    0.25
    >>> minimum_detection(5, 3, 1, delta=0.4) is None
    True
    """
    t, r, p = _payoffs(temptation, compliance, breakdown)
    d = number(delta, "delta", low=0.0, high=1.0, low_open=True, high_open=True)
    a = number(false_alarm, "false_alarm", low=0.0, high=1.0)
    q = a + (t - r) * (1.0 - d + d * a) / (d * (r - p))
    return q if q <= 1.0 + ROUND_TOL else None


def truce_stability(payoffs: Mapping[str, tuple[float, float, float]],
                    delta: float | Mapping[str, float], detection: float = 1.0,
                    false_alarm: float = 0.0) -> TruceStability:
    """Check grim-trigger stability of a truce for every party.

    Parameters
    ----------
    payoffs : mapping of str to (T, R, P)
        Each party's temptation, compliance and breakdown payoffs.
    delta : float or mapping of str to float
        Discount factor(s) in ``(0, 1)``, one for all or one per party.
    detection, false_alarm : float
        Monitoring: ``q`` and ``alpha`` (``1`` and ``0`` for perfect monitoring).

    Returns
    -------
    TruceStability
        Per-party thresholds, whether the truce holds, and the binding party.

    Examples
    --------
    >>> s = truce_stability({"Russia": (5, 3, 1), "Ukraine": (4, 3, 0)}, delta=0.45)
    >>> [(p.name, p.threshold, p.holds) for p in s.parties], s.holds, s.binding
    ([('Russia', 0.5, False), ('Ukraine', 0.25, True)], False, 'Russia')
    """
    q = number(detection, "detection", low=0.0, high=1.0)
    a = number(false_alarm, "false_alarm", low=0.0, high=1.0)
    if not isinstance(delta, Mapping):
        delta = {name: delta for name in payoffs}
    parties = []
    for name, triple in payoffs.items():
        if name not in delta:
            raise ScenarioError("no discount factor for a party", key=f"delta[{name!r}]",
                                expected="a number in (0, 1)", found="nothing")
        if len(tuple(triple)) != 3:
            raise ScenarioError("each party needs (temptation, compliance, breakdown)",
                                key=f"payoffs[{name!r}]", expected="3 numbers",
                                found=repr(triple))
        t, r, p = _payoffs(*triple, who=f"payoffs[{name!r}].")
        d = number(delta[name], f"delta[{name!r}]", low=0.0, high=1.0, low_open=True,
                   high_open=True)
        th = imperfect_monitoring_threshold(t, r, p, q, a)
        parties.append(PartyTruce(
            name=str(name), temptation=t, compliance=r, breakdown=p, delta=d, threshold=th,
            holds=th is not None and d >= th - ROUND_TOL,
            minimum_detection=minimum_detection(t, r, p, d, a),
        ))

    def strain(pt: PartyTruce) -> float:
        return float("inf") if pt.threshold is None else pt.threshold - pt.delta

    binding = max(parties, key=strain).name if parties else None
    return TruceStability(parties=tuple(parties), holds=all(pt.holds for pt in parties),
                          binding=binding, detection=q, false_alarm=a)
