"""Out-of-sample back-test: fit the weights without some observations, then predict them.

The dated configurations of one conflict share their base files, so the weights are fitted
*pooled* (:func:`negsim.calibration.calibrate_pooled`: one weight per demand across the
configurations of a group) on the training observations, and the held-out ones are predicted
by the configurations with those weights.

- ``loo`` (leave one out): each observation in turn is held out and the rest of its group trains.
- ``before:DATE``: observations surely dated before ``DATE`` (their latest possible day is
  earlier, so ``2025-03`` is not before ``2025-03-11``) train, the rest are predicted; an
  observation with no date takes its configuration's date.

Only ``must_match`` observations train (as in :func:`negsim.calibrate`); all held-out ones are
predicted.  In-sample is the same fit on every training-eligible observation, predicting the same
ones.  Each prediction is a verdict and a probability: the ensemble over the fitted
configuration's declared uncertainty, or over the default spread on its ``# judgement`` numbers
(as the in-sample back-test's model probabilities); the scores use the probabilities, and the
``*_point`` rows the verdicts.  Optionally (``reservations``) one reservation shift per actor is
fitted too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from negsim.backtesting.baselines import BASELINES, baseline_predictions
from negsim.backtesting.probabilities import BACKTEST_DRAWS, model_probabilities
from negsim.backtesting.scores import score
from negsim.calibration.forms import record_checks
from negsim.calibration.pooled import calibrate_pooled, pooled_scenarios
from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.model.scenario import Scenario
from negsim.results.backtest import HoldoutPrediction, HoldoutReport
from negsim.uncertainty.robustness import DEFAULT_SPREAD

__all__ = ["holdout", "config_groups", "parse_mode"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_mode(mode: str) -> tuple[str, str]:
    """``("loo", "")`` or ``("before", DATE)``; raises ArgumentError otherwise.

    Examples
    --------
    >>> parse_mode("before:2025-05")
    ('before', '2025-05')
    """
    if mode == "loo":
        return "loo", ""
    if mode.startswith("before:") and _DATE.match(mode[7:]):
        return "before", mode[7:]
    raise ArgumentError(f"holdout: expected \"loo\" or \"before:YYYY[-MM[-DD]]\", found {mode!r}")


def _bases(path: Path, seen: set[Path]) -> set[Path]:
    """The files ``path`` extends (recursively) that define actors."""
    out: set[Path] = set()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return out
    for rel in doc.get("scenario", {}).get("extends", []):
        parent = (path.parent / rel).resolve()
        if parent in seen:
            continue
        seen.add(parent)
        try:
            pdoc = tomllib.loads(parent.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if pdoc.get("actors"):
            out.add(parent)
        out |= _bases(parent, seen)
    return out


def config_groups(paths: Sequence[Path]) -> list[list[Path]]:
    """The configurations grouped by shared base files (files they extend that define actors):
    two configurations that extend a common base are in one group (transitively)."""
    bases = [_bases(Path(p), set()) for p in paths]
    parent = list(range(len(paths)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(paths)):
        for j in range(i):
            if bases[i] & bases[j]:
                parent[find(i)] = find(j)
    groups: dict[int, list[Path]] = {}
    for i, p in enumerate(paths):
        groups.setdefault(find(i), []).append(Path(p))
    return list(groups.values())


def _before(date: str, cut: str) -> bool:
    latest = date + "-99" * (2 - date.count("-"))
    return latest < cut


def _predict(group: Sequence[Scenario], train: list[set[int]], reservations: bool
             ) -> tuple[list[list[str]], set[str], list[Scenario]]:
    fit = calibrate_pooled(group, train=train, reservations=reservations)
    fitted = {w.actor for w in fit.weights if w.calibrated}
    new = pooled_scenarios(group, fit)
    return [[c.predicted for c in record_checks(s)] for s in new], fitted, new


def holdout_group(group: Sequence[Scenario], names: Sequence[str], mode: str,
                  sides: Mapping[str, str] | None = None, *, draws: int = BACKTEST_DRAWS,
                  default_spread: float | None = DEFAULT_SPREAD,
                  reservations: bool = False) -> tuple[list[HoldoutPrediction], dict]:
    """The held-out predictions of one group of configurations, and the baselines' predictions
    on them (``{baseline: [bool, ...]}``, in the same order).

    Each prediction carries the model's probability as written, fitted in-sample and fitted
    out-of-sample: :func:`negsim.backtesting.probabilities.model_probabilities` of the
    configuration with those weights (its declared uncertainty, or the default spread on its
    ``# judgement`` numbers around the fitted values)."""
    kind, cut = parse_mode(mode)
    prob = lambda s: model_probabilities(s, draws=draws, default_spread=default_spread)[0]  # noqa: E731
    eligible = [{i for i, o in enumerate(s.observations) if o.must_match} for s in group]
    written = [[c.predicted for c in record_checks(s)] for s in group]
    p_written = [prob(s) for s in group]
    inside, fitted_all, inside_s = _predict(group, eligible, reservations)
    p_inside = [prob(s) for s in inside_s]
    out: list[HoldoutPrediction] = []
    base_out: dict[str, list[bool]] = {b: [] for b in BASELINES}
    bases = [baseline_predictions(s, sides) for s in group]
    outside: dict[tuple[int, int], tuple[str, bool, float]] = {}
    if kind == "before":
        dated = [[o.date or s.date for o in s.observations] for s in group]
        train = [{i for i in eligible[si] if dated[si][i] and _before(dated[si][i], cut)}
                 for si, s in enumerate(group)]
        preds, fitted, new = _predict(group, train, reservations)
        held = [(si, i) for si, s in enumerate(group) for i in range(len(s.observations))
                if dated[si][i] and not _before(dated[si][i], cut)]
        p_new = {si: prob(new[si]) for si in sorted({si for si, _ in held})}
        outside = {(si, i): (preds[si][i], group[si].observations[i].actor in fitted,
                             p_new[si][i]) for (si, i) in held}
    else:
        for si, s in enumerate(group):
            for i in range(len(s.observations)):
                train = [set(e) for e in eligible]
                train[si].discard(i)
                preds, fitted, new = _predict(group, train, reservations)
                outside[(si, i)] = (preds[si][i], s.observations[i].actor in fitted,
                                    prob(new[si])[i])
    for (si, i), (pred, ok, p_out) in sorted(outside.items()):
        o = group[si].observations[i]
        out.append(HoldoutPrediction(names[si], i, o.actor, o.proposal, o.response,
                                     o.date or group[si].date, written[si][i], inside[si][i],
                                     pred, ok, p_written[si][i], p_inside[si][i], p_out))
        for b in BASELINES:
            base_out[b].append(bases[si][b][i])
    return out, base_out


def holdout(paths: Sequence[str | Path], mode: str,
            sides: Mapping[str, str] | None = None, *, draws: int = BACKTEST_DRAWS,
            default_spread: float | None = DEFAULT_SPREAD,
            reservations: bool = False) -> HoldoutReport:
    """Out-of-sample back-test of the configurations at ``paths`` (see the module docstring).

    ``draws`` and ``default_spread`` set the model's probabilities (as in
    :func:`negsim.backtesting.backtest`); ``reservations`` also fits one reservation shift per
    actor, pooled (:func:`negsim.calibration.calibrate_pooled`).

    Examples
    --------
    >>> holdout([], "loo").predictions
    []
    """
    parse_mode(mode)
    paths = [Path(p) for p in paths]
    groups = config_groups(paths)
    preds: list[HoldoutPrediction] = []
    base: dict[str, list[bool]] = {b: [] for b in BASELINES}
    for g in groups:
        scenarios = [load_scenario(p) for p in g]
        rows, b = holdout_group(scenarios, [str(p) for p in g], mode, sides, draws=draws,
                                default_spread=default_spread, reservations=reservations)
        preds += rows
        for k in BASELINES:
            base[k] += b[k]
    y = [p.response == "accept" for p in preds]
    scores = [score(name, [getattr(p, "p_" + name) for p in preds], y)
              for name in ("as_written", "in_sample", "out_of_sample")]
    scores += [score(name + "_point", [float(getattr(p, name) == "accept") for p in preds], y)
               for name in ("as_written", "in_sample", "out_of_sample")]
    scores += [score(k, [float(v) for v in base[k]], y) for k in BASELINES]
    notes = []
    unfitted = sum(not p.fitted for p in preds)
    if unfitted:
        notes.append(f"{unfitted} held-out observation(s) were predicted with the actor's own "
                     "weights: no training observation constrained them, or none reproduce all")
    return HoldoutReport(mode, [[str(p) for p in g] for g in groups], preds, scores, notes)
