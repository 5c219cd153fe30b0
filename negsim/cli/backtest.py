"""``negsim backtest``: check that every scenario reproduces the responses it records."""

from __future__ import annotations

import argparse

from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backtest", help="check every scenario under a folder against its "
                       "recorded responses (exit 1 on a must-match miss or a bad file)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--json", metavar="FILE", help="write the whole report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.backtesting import backtest  # heavy: the engine loads the games (scipy.optimize)

    report = backtest(args.paths)
    print(str(report), end="")
    if args.json:
        write_text_atomic(args.json, report.to_json() + "\n")
        print(f"wrote {args.json}")
    return 0 if report.ok else 1
