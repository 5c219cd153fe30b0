"""``negsim validate``: check a scenario file; exit 1 with a precise message if it is bad."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a scenario file")
    p.add_argument("scenario", help="scenario TOML file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from negsim.scenario_games.levers import credibility_warnings
    scenario = load_scenario(args.scenario)
    for warning in credibility_warnings(scenario):
        print(f"warning: {args.scenario}: {warning}", file=sys.stderr)
    print(f"ok: {args.scenario}: {scenario.name} ({len(scenario.issues)} issues, "
          f"{len(scenario.actors)} actors, {scenario.space.size:,} outcomes)")
    return 0
