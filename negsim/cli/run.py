"""``negsim run``: analyse a scenario, print the summary, write JSON and figures."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario
from negsim.outputs import OutputSet


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="analyse a scenario and print the summary")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("--json", metavar="FILE", help="write the whole result as JSON")
    p.add_argument("--plots", metavar="DIR", help="write the briefing figures (PNG and SVG)")
    p.add_argument("--format", action="append", default=[], choices=["pdf", "png", "svg"],
                   help="also write figures in this format (repeatable)")
    p.add_argument("--method", default="auto", choices=["auto", "exhaustive", "decomposed"],
                   help="how to find the acceptable set: enumerate every outcome, merge issue "
                        "groups (for spaces too large to enumerate), or choose by size (default)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy (games load scipy.optimize and nashpy; figures matplotlib): loaded on use only
    from negsim.pipeline import analyze
    from negsim.plot.save import DEFAULT_FORMATS, stage_figures

    scenario = load_scenario(args.scenario)
    analysis = analyze(scenario, method=args.method)
    print(str(analysis), end="")
    # every file staged first, renamed into place together: a failed figure (or SIGINT/SIGTERM)
    # leaves the old JSON and figures as they were
    with OutputSet() as out:
        if args.json:
            out.add_text(args.json, analysis.to_json() + "\n")
        if args.plots:
            formats = list(DEFAULT_FORMATS) + [f for f in args.format if f not in DEFAULT_FORMATS]
            stage_figures(analysis, args.plots, out, formats)
    if args.json:
        print(f"\nwrote {args.json}")
    for path in out.written[1 if args.json else 0:]:
        print(f"wrote {path}")
    return 0
