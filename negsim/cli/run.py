"""``negsim run``: analyse a scenario, print the summary, write JSON and figures."""

from __future__ import annotations

import argparse
import csv
import io

from negsim.loading import load_scenario
from negsim.errors import ArgumentError
from negsim.outputs import write_text_atomic
from negsim.results.analysis import AcceptableSet


RUN_DRAWS = 1000
"""Draws ``negsim run`` takes over a scenario's uncertain parameters (``--draws``)."""


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
    p.add_argument("--deals", metavar="FILE.csv",
                   help="write the acceptable deals, best first, as CSV (for a decomposed space: "
                        "the Pareto frontier with counts)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="with --deals, write only the best N deals")
    p.add_argument("--draws", type=int, default=RUN_DRAWS, metavar="N",
                   help="when the scenario has uncertain parameters, also report acceptance "
                        f"probabilities over N draws (default {RUN_DRAWS:,}; 0: skip)")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="seed of those draws (default: the scenario's)")
    p.set_defaults(func=run)


def deals_csv(acceptable: AcceptableSet, limit: int | None = None) -> str:
    """The acceptable deals as CSV text (header row first; the same bytes for the same result)."""
    rows = acceptable.to_records(limit)
    if acceptable.table is None:
        return ""
    t = acceptable.table
    header = ["rank", "index", "count", *t.issues, *(f"utility:{a}" for a in t.actors),
              *(f"gain:{a}" for a in t.actors)]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def run(args: argparse.Namespace) -> int:
    # heavy (games load scipy.optimize and nashpy; figures matplotlib): loaded on use only
    from negsim.pipeline import analyze
    from negsim.plot.save import DEFAULT_FORMATS, save_figures

    if args.draws < 0:
        raise ArgumentError(f"--draws must be 0 (skip) or a positive integer, not {args.draws}")
    if args.limit is not None and args.limit < 1:
        raise ArgumentError(f"--limit must be a positive number of deals, not {args.limit}")
    scenario = load_scenario(args.scenario)
    analysis = analyze(scenario, method=args.method)
    print(str(analysis), end="")
    if scenario.uncertain and args.draws:
        from negsim.text.ensemble import uncertainty_text
        from negsim.uncertainty import ensemble
        print(uncertainty_text(ensemble(scenario, draws=args.draws, seed=args.seed,
                                        solutions=("nash",), progress=False)), end="")
    if args.json:
        write_text_atomic(args.json, analysis.to_json() + "\n")
        print(f"\nwrote {args.json}")
    if args.deals:
        path = write_text_atomic(args.deals, deals_csv(analysis.acceptable, args.limit))
        table = analysis.acceptable.table
        what = "frontier deals (with counts)" if table and table.kind == "frontier" else "deals"
        print(f"wrote {len(analysis.acceptable.deals(args.limit))} {what} to {path}")
    if args.plots:
        formats = list(DEFAULT_FORMATS) + [f for f in args.format if f not in DEFAULT_FORMATS]
        for path in save_figures(analysis, args.plots, formats):
            print(f"wrote {path}")
    return 0
