"""``negsim backtest``: every scenario against its recorded responses, beside baselines, with the
leakage check and, optionally, an out-of-sample back-test."""

from __future__ import annotations

import argparse
import os

from negsim.errors import ArgumentError
from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backtest", help="check every scenario under a folder against its "
                       "recorded responses, beside baselines (exit 1 on a must-match miss or a "
                       "bad file)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--json", metavar="FILE", help="write the whole report as JSON")
    p.add_argument("--holdout", metavar="MODE", help='"loo" (leave one out) or "before:DATE": '
                   "fit the weights pooled on the other observations, predict the held-out ones")
    p.add_argument("--sources", metavar="DIR", help="sources folder with an index.toml of the "
                   "sources' dates, for the leakage check (default: $NEGSIM_SOURCES)")
    p.add_argument("--side", action="append", default=[], metavar="ACTOR=SIDE",
                   help="put ACTOR on SIDE for the own_side baseline (repeatable; default: "
                   "every actor is its own side)")
    p.add_argument("--draws", type=int, default=None, metavar="N",
                   help="ensemble draws behind the model's probabilities (default 2000)")
    p.add_argument("--spread", type=float, default=None, metavar="X",
                   help="relative spread on every # judgement number of a scenario that "
                   "declares no uncertainty, for the model's probabilities (default 0.3)")
    p.add_argument("--no-default-spread", action="store_true",
                   help="point 0/1 probabilities for a scenario that declares no uncertainty")
    p.add_argument("--reservations", action="store_true",
                   help="with --holdout: also fit one reservation shift per actor (pooled)")
    p.set_defaults(func=run)


def _sides(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        actor, sep, side = item.partition("=")
        if not sep or not actor or not side:
            raise ArgumentError(f"--side: expected ACTOR=SIDE, found {item!r}")
        out[actor] = side
    return out


def run(args: argparse.Namespace) -> int:
    from negsim.backtesting import BACKTEST_DRAWS, backtest  # heavy: loads the engine
    from negsim.backtesting.holdout import parse_mode

    if args.holdout is not None:
        parse_mode(args.holdout)
    draws = BACKTEST_DRAWS if args.draws is None else args.draws
    if draws < 1:
        raise ArgumentError(f"--draws must be a positive integer, not {draws}")
    from negsim.uncertainty.robustness import DEFAULT_SPREAD

    spread = None if args.no_default_spread else (
        DEFAULT_SPREAD if args.spread is None else args.spread)
    if spread is not None and not 0.0 < spread < 1.0:
        raise ArgumentError(f"--spread must lie in (0, 1), not {spread}")
    if args.reservations and args.holdout is None:
        raise ArgumentError("--reservations needs --holdout (it fits the held-out back-test)")
    sources = args.sources or os.environ.get("NEGSIM_SOURCES") or None
    report = backtest(args.paths, holdout=args.holdout, sides=_sides(args.side), sources=sources,
                      draws=draws, default_spread=spread, reservations=args.reservations)
    print(str(report), end="")
    if args.json:
        write_text_atomic(args.json, report.to_json() + "\n")
        print(f"wrote {args.json}")
    return 0 if report.ok else 1
