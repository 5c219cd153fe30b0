"""``negsim validate``: check a scenario file; exit 1 with a precise message if it is bad.

``--strict`` also runs the back-test's leakage check and prints one ``warning:`` line on stderr
per circular observation (an observation whose deciding demand cites the same source and quote,
or the same source and date); warnings never change the exit status.  A lever credibility
that a declared game contradicts is always warned about the same way.
"""

from __future__ import annotations

import argparse
import os
import sys

from negsim.loading import load_scenario


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
