"""``negsim compare``: what changes from one scenario to another, or without some levers."""

from __future__ import annotations

import argparse
from pathlib import Path

from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.outputs import write_result_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="what changes from scenario A to scenario B (or to A "
                       "without some levers)")
    p.add_argument("before", help="scenario TOML file (the 'before' side)")
    p.add_argument("after", nargs="?", help="scenario TOML file (the 'after' side); omit with "
                   "--without-lever")
    p.add_argument("--without-lever", action="append", default=[], metavar="ID",
                   help="compare BEFORE with BEFORE minus this lever (repeatable)")
    p.add_argument("--json", metavar="FILE", help="write the comparison as JSON")
    p.add_argument("--plots", metavar="DIR", help="write the comparison figures (PNG and SVG)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy (the engine, games and figures): loaded on use only
    from negsim.pipeline import analyze
    from negsim.questions.compare import compare

    if (args.after is None) == (not args.without_lever):
        raise ArgumentError("compare: give a second scenario or --without-lever ID, not both "
                            "and not neither")
    before = load_scenario(args.before)
    if args.after is not None:
        after = load_scenario(args.after)
        labels = (Path(args.before).stem, Path(args.after).stem)
    else:
        after = before.without_levers(*args.without_lever)
        stem = Path(args.before).stem
        labels = (stem, f"{stem} without {', '.join(args.without_lever)}")
    a, b = analyze(before, questions=False), analyze(after, questions=False)
    result = compare(a, b, labels=labels)
    files: dict[str, bytes] = {}
    if args.plots:  # render before writing anything, so a failure leaves nothing behind
        from negsim.plot.compare import comparison_files
        files = comparison_files(a, b, result)
    print(str(result), end="")
    # the JSON and the figures as one set: a failure leaves the old ones as they were
    for path in write_result_files(args.json, result.to_json() + "\n", args.plots, files):
        print(f"wrote {path}")
    return 0
