"""``negsim run``: analyse a scenario, print the summary, write JSON and figures."""

from __future__ import annotations

import argparse
import csv
import io
import json

from negsim.loading import load_scenario
from negsim.errors import ArgumentError
from negsim.outputs import OutputSet
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
    p.add_argument("--draws", type=int, default=None, metavar="N",
                   help="draws over the scenario's uncertainty: for the acceptance probabilities "
                        f"printed when it has uncertain parameters (default {RUN_DRAWS:,}; 0: skip) "
                        "and for --robustness (default 200)")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="seed of those draws (default: the scenario's)")
    p.add_argument("--robustness", action="store_true",
                   help="also say how often each headline claim holds under the scenario's "
                        "uncertainty, and what it hinges on (redoes the analysis per draw)")
    p.add_argument("--spread", type=float, default=None, metavar="X",
                   help="relative spread on every # judgement number when the scenario "
                        "declares no uncertainty (default 0.3)")
    p.add_argument("--no-default-spread", action="store_true",
                   help="with --robustness: no default spread on # judgement numbers")
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
    from negsim.plot.save import DEFAULT_FORMATS, stage_figures

    if args.draws is not None and args.draws < 0:
        raise ArgumentError(f"--draws must be 0 (skip) or a positive integer, not {args.draws}")
    if args.limit is not None and args.limit < 1:
        raise ArgumentError(f"--limit must be a positive number of deals, not {args.limit}")
    scenario = load_scenario(args.scenario)
    from negsim.cli.validate import check_analysable
    check_analysable(scenario, args.scenario)  # validate's checks, located in the file
    analysis = analyze(scenario, method=args.method)
    robust = None
    if args.robustness:
        from negsim.uncertainty.robustness import DEFAULT_SPREAD, ROBUSTNESS_DRAWS, robustness

        spread = None if args.no_default_spread else (
            DEFAULT_SPREAD if args.spread is None else args.spread)
        robust = robustness(scenario, args.draws or ROBUSTNESS_DRAWS, seed=args.seed,
                            default_spread=spread)
    print(str(analysis), end="")
    draws = RUN_DRAWS if args.draws is None else args.draws
    if scenario.uncertain and draws:
        from negsim.text.ensemble import uncertainty_text
        from negsim.uncertainty import ensemble
        print(uncertainty_text(ensemble(scenario, draws=draws, seed=args.seed,
                                        solutions=("nash",), progress=False)), end="")
    if robust is not None:
        print("\n" + str(robust), end="")
    # every file staged first, renamed into place together: a failed figure (or SIGINT/SIGTERM)
    # leaves the old JSON, deals and figures as they were
    with OutputSet() as out:
        if args.json:
            text = analysis.to_json() if robust is None else json.dumps(
                {**analysis.to_dict(), "robustness": robust.to_dict()}, indent=2,
                ensure_ascii=False, allow_nan=False)
            out.add_text(args.json, text + "\n")
        if args.deals:
            out.add_text(args.deals, deals_csv(analysis.acceptable, args.limit))
        if args.plots:
            formats = list(DEFAULT_FORMATS) + [f for f in args.format if f not in DEFAULT_FORMATS]
            stage_figures(analysis, args.plots, out, formats)
    written = list(out.written)
    if args.json:
        print(f"\nwrote {written.pop(0)}")
    if args.deals:
        table = analysis.acceptable.table
        what = "frontier deals (with counts)" if table and table.kind == "frontier" else "deals"
        print(f"wrote {len(analysis.acceptable.deals(args.limit))} {what} to {written.pop(0)}")
    for path in written:
        print(f"wrote {path}")
    return 0
