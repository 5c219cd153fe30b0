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
ones.  Predictions are point verdicts (0/1), scored like the baselines.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from negsim.backtesting.baselines import BASELINES, baseline_predictions
from negsim.backtesting.scores import score
from negsim.calibration.forms import record_checks
from negsim.calibration.pooled import calibrate_pooled, pooled_scenarios
from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.model.scenario import Scenario
from negsim.results.backtest import HoldoutPrediction, HoldoutReport

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


def _predict(group: Sequence[Scenario], train: list[set[int]]) -> tuple[list[list[str]], set[str]]:
    fit = calibrate_pooled(group, train=train)
    fitted = {w.actor for w in fit.weights if w.calibrated}
    new = pooled_scenarios(group, fit)
    return [[c.predicted for c in record_checks(s)] for s in new], fitted


def holdout_group(group: Sequence[Scenario], names: Sequence[str], mode: str,
                  sides: Mapping[str, str] | None = None) -> tuple[list[HoldoutPrediction], dict]:
    """The held-out predictions of one group of configurations, and the baselines' predictions
    on them (``{baseline: [bool, ...]}``, in the same order)."""
    kind, cut = parse_mode(mode)
    eligible = [{i for i, o in enumerate(s.observations) if o.must_match} for s in group]
    written = [[c.predicted for c in record_checks(s)] for s in group]
    inside, fitted_all = _predict(group, eligible)
    out: list[HoldoutPrediction] = []
    base_out: dict[str, list[bool]] = {b: [] for b in BASELINES}
    bases = [baseline_predictions(s, sides) for s in group]
    if kind == "before":
        dated = [[o.date or s.date for o in s.observations] for s in group]
        train = [{i for i in eligible[si] if dated[si][i] and _before(dated[si][i], cut)}
                 for si, s in enumerate(group)]
        preds, fitted = _predict(group, train)
        held = [(si, i) for si, s in enumerate(group) for i in range(len(s.observations))
                if dated[si][i] and not _before(dated[si][i], cut)]
        outside = {(si, i): (preds[si][i], s_fit) for (si, i) in held
                   for s_fit in [group[si].observations[i].actor in fitted]}
    else:
        outside = {}
        for si, s in enumerate(group):
            for i in range(len(s.observations)):
                train = [set(e) for e in eligible]
                train[si].discard(i)
                preds, fitted = _predict(group, train)
                outside[(si, i)] = (preds[si][i], s.observations[i].actor in fitted)
    for (si, i), (pred, ok) in sorted(outside.items()):
        o = group[si].observations[i]
        out.append(HoldoutPrediction(names[si], i, o.actor, o.proposal, o.response,
                                     o.date or group[si].date, written[si][i], inside[si][i],
                                     pred, ok))
        for b in BASELINES:
            base_out[b].append(bases[si][b][i])
    return out, base_out


def holdout(paths: Sequence[str | Path], mode: str,
            sides: Mapping[str, str] | None = None) -> HoldoutReport:
    """Out-of-sample back-test of the configurations at ``paths`` (see the module docstring).

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
        rows, b = holdout_group(scenarios, [str(p) for p in g], mode, sides)
        preds += rows
        for k in BASELINES:
            base[k] += b[k]
    y = [p.response == "accept" for p in preds]
    scores = [score(name, [float(getattr(p, attr) == "accept") for p in preds], y)
              for name, attr in (("as_written", "as_written"), ("in_sample", "in_sample"),
                                 ("out_of_sample", "out_of_sample"))]
    scores += [score(k, [float(v) for v in base[k]], y) for k in BASELINES]
    notes = []
    unfitted = sum(not p.fitted for p in preds)
    if unfitted:
        notes.append(f"{unfitted} held-out observation(s) were predicted with the actor's own "
                     "weights: no training observation constrained them, or none reproduce all")
    return HoldoutReport(mode, [[str(p) for p in g] for g in groups], preds, scores, notes)
