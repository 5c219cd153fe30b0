"""``negsim validate``: check a scenario file; exit 1 with a precise message if it is bad.

``--strict`` also runs the back-test's leakage check and prints one ``warning:`` line on stderr
per circular observation (an observation whose deciding demand cites the same source and quote,
or the same source and date); warnings never change the exit status.  A lever credibility
that a declared game contradicts is always warned about the same way.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

import numpy as np

from negsim.errors import ScenarioError, relocated
from negsim.loading import load_scenario
from negsim.model.scenario import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a scenario file")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("--strict", action="store_true",
                   help="also warn (on stderr; exit status unchanged) about circular "
                   "observations, which a red line or main blocker/enabler quoting the same "
                   "report decides")
    p.add_argument("--sources", metavar="DIR", help="with --strict: sources folder with an "
                   "index.toml of the sources' dates (default: $NEGSIM_SOURCES)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.scenario_games.levers import credibility_warnings

    scenario = load_scenario(args.scenario)
    check_analysable(scenario, args.scenario)
    # a typed lever credibility that a declared game contradicts (always checked)
    warnings: list[str] = [f"warning: {args.scenario}: {w}" for w in credibility_warnings(scenario)]
    if args.strict:
        from negsim.backtesting.leakage import circular_observations, source_dates

        folder = args.sources or os.environ.get("NEGSIM_SOURCES") or None
        dates = source_dates(folder) if folder else None
        circular, notes = circular_observations(scenario, dates)
        for c in circular:
            warnings.append(f"warning: {args.scenario}: observations[{c.index}]: {c.actor} "
                            f"{c.response}s {c.proposal} is circular: the {c.role} {c.demand} "
                            f"({c.description}) has the {c.rule} as the observation ({c.source})")
        warnings += [f"warning: {args.scenario}: {n}" for n in notes]
    print(f"ok: {args.scenario}: {scenario.name} ({len(scenario.issues)} issues, "
          f"{len(scenario.actors)} actors, {scenario.space.size:,} outcomes)")
    for w in warnings:
        print(w, file=sys.stderr)
    return 0


def check_analysable(scenario: Scenario, file: str | None = None) -> None:
    """Run every check of ``run`` that needs no analysis; raise a located ScenarioError.

    Loading already checks every value (finite numbers, war costs, terminal payoffs, ...); this
    adds what needs the whole scenario: the size of each group of coupled issues (what the
    decomposed engine enumerates; the count is exact, :func:`math.prod` of the option counts) and
    that every tipping question has a range to scan (``low``/``high``, or an uncertain parameter
    whose distribution gives one).

    Examples
    --------
    >>> import negsim
    >>> check_analysable(negsim.examples.toy_scenario()) is None
    True
    """
    from negsim.engine.groups import check_group_sizes
    from negsim.preferences import build_preferences

    try:
        check_group_sizes(scenario, build_preferences(scenario))
    except ScenarioError as exc:
        raise relocated(exc, file=file) from None
    uncertain = {p.path: p for p in scenario.uncertain}
    for i, q in enumerate(scenario.questions):
        if q.kind != "tipping_point" or (q.low is not None and q.high is not None):
            continue
        keys = [k for k in ("low", "high") if getattr(q, k) is None]
        missing, fix = " and ".join(keys), "add " + " and ".join(f"{k} = NUMBER" for k in keys)
        if q.parameter not in uncertain:
            raise ScenarioError("a tipping point scans a range: the parameter is not uncertain, "
                                "so it has no range of its own", file=file,
                                key=f"questions[{i}].{keys[0]}",
                                expected=f"{missing} (or a distribution on {q.parameter})",
                                found="nothing",
                                hint=f"{fix} to the question")
        d = uncertain[q.parameter].distribution
        lo, hi = d.support
        if q.low is None and not math.isfinite(lo):
            lo = float(d.ppf(np.array([0.001]))[0])
        if q.high is None and not math.isfinite(hi):
            hi = float(d.ppf(np.array([0.999]))[0])
        lo = lo if q.low is None else q.low
        hi = hi if q.high is None else q.high
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ScenarioError("a tipping point scans a finite range", file=file,
                                key=f"questions[{i}].{keys[0]}",
                                expected="low < high, both finite",
                                found=f"the range [{lo:g}, {hi:g}] from the distribution of "
                                f"{q.parameter}", hint=f"{fix} to the question")
