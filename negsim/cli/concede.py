"""``negsim concede``: the smallest changes to a proposal that would make it acceptable."""

from __future__ import annotations

import argparse

from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("concede", help="what would make a proposal acceptable: the smallest sets "
                       "of changes to its terms")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("proposal", help="proposal id")
    p.add_argument("--for", dest="actor", metavar="ACTOR",
                   help="win this actor's acceptance (default: every actor's)")
    p.add_argument("--max-changes", type=int, default=2, metavar="K",
                   help="change at most K issues at once (default 2)")
    p.add_argument("--json", metavar="FILE", help="write the result as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.questions.concessions import concessions  # heavy: loads the engine

    if args.max_changes < 1:
        raise ArgumentError(f"--max-changes must be at least 1, not {args.max_changes}")
    scenario = load_scenario(args.scenario)
    result = concessions(scenario, args.proposal, args.actor, max_changes=args.max_changes)
    print(str(result), end="")
    if args.json:
        write_text_atomic(args.json, result.to_json() + "\n")
        print(f"wrote {args.json}")
    return 0
