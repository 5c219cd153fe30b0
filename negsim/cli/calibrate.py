"""``negsim calibrate``: fit a scenario's weights to the responses it records."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario
from negsim.outputs import OutputSet


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calibrate", help="fit the demands' weights to the recorded responses "
                       "(exit 1, naming the conflicting observations, if none fit)")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("-o", "--output", metavar="FILE", help="write the calibrated scenario (TOML)")
    p.add_argument("--json", metavar="FILE", help="write the whole calibration report as JSON")
    p.add_argument("--min-share", type=float, default=0.01, metavar="X",
                   help="least share of an actor's total weight a demand may take (default 0.01)")
    p.add_argument("--reservations", action="store_true",
                   help="also fit a shift of each actor's walk-away utility")
    p.add_argument("--objective", choices=["margin", "closest"], default="margin",
                   help="widest margin (default) or least change to the scenario's weights")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.calibration import calibrate  # heavy: scipy.optimize (the linear programs)

    fit = calibrate(load_scenario(args.scenario), min_share=args.min_share,
                    reservations=args.reservations, objective=args.objective)
    print(str(fit), end="")
    with OutputSet() as out:  # the JSON and the TOML as one set: both or neither
        if args.json:
            out.add_text(args.json, fit.to_json() + "\n")
        if args.output and fit.feasible:
            out.add_text(args.output, fit.toml)
    for path in out.written:
        print(f"wrote {path}")
    if not fit.feasible:
        if args.output:
            print(f"not written: {args.output} (no weights reproduce the record)")
        return 1
    return 0
