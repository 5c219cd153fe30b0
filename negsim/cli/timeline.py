"""``negsim timeline``: dated configurations in date order, and what changes between them."""

from __future__ import annotations

import argparse
from pathlib import Path

from negsim.loading import load_scenario
from negsim.outputs import write_result_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timeline", help="order dated scenarios by [scenario].date and show how "
                       "the acceptable set, walk-away values, verdicts and solutions evolve")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario TOML files")
    p.add_argument("--json", metavar="FILE", help="write the timeline as JSON")
    p.add_argument("--plots", metavar="DIR", help="write the timeline figure (PNG and SVG)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.questions.timeline import timeline  # heavy: loads the engine

    scenarios = [load_scenario(f) for f in args.files]  # every file checked before any work
    result = timeline(scenarios)
    files: dict[str, bytes] = {}
    if args.plots:  # render before writing anything
        from negsim.plot.timeline import timeline_files
        files = timeline_files(result)
    print(str(result), end="")
    # the JSON and the figures as one set: a failure leaves the old ones as they were
    for path in write_result_files(args.json, result.to_json() + "\n", args.plots, files):
        print(f"wrote {path}")
    return 0
