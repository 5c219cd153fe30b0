"""``negsim run``: analyse a scenario, print the summary, write JSON and figures."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic


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
    p.add_argument("--robustness", action="store_true",
                   help="also say how often each headline claim holds under the scenario's "
                        "uncertainty, and what it hinges on (redoes the analysis per draw)")
    p.add_argument("--draws", type=int, default=None, metavar="N",
                   help="draws for --robustness (default 200)")
    p.add_argument("--spread", type=float, default=None, metavar="X",
                   help="relative spread on every # judgement number when the scenario "
                        "declares no uncertainty (default 0.3)")
    p.add_argument("--no-default-spread", action="store_true",
                   help="with --robustness: no default spread on # judgement numbers")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy (games load scipy.optimize and nashpy; figures matplotlib): loaded on use only
    from negsim.pipeline import analyze
    from negsim.plot.save import DEFAULT_FORMATS, save_figures

    scenario = load_scenario(args.scenario)
    analysis = analyze(scenario, method=args.method)
    robust = None
    if args.robustness:
        from negsim.uncertainty.robustness import DEFAULT_SPREAD, ROBUSTNESS_DRAWS, robustness

        spread = None if args.no_default_spread else (
            DEFAULT_SPREAD if args.spread is None else args.spread)
        robust = robustness(scenario, args.draws or ROBUSTNESS_DRAWS, default_spread=spread)
    print(str(analysis), end="")
    if robust is not None:
        print("\n" + str(robust), end="")
    if args.json:
        text = analysis.to_json() if robust is None else \
            analysis.to_json()[:-2] + ',\n  "robustness": ' + \
            robust.to_json().replace("\n", "\n  ") + "\n}"
        write_text_atomic(args.json, text + "\n")
        print(f"\nwrote {args.json}")
    if args.plots:
        formats = list(DEFAULT_FORMATS) + [f for f in args.format if f not in DEFAULT_FORMATS]
        for path in save_figures(analysis, args.plots, formats):
            print(f"wrote {path}")
    return 0
