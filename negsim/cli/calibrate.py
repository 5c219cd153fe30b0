"""``negsim calibrate``: fit a scenario's weights to the responses it records."""

from __future__ import annotations

import argparse


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


def report_text(fit) -> str:  # type: ignore[no-untyped-def]
    """The calibration as text: parameters with their ranges, observations, conflicts."""
    out = [f"Calibration of {fit.scenario}"]
    if not fit.feasible:
        out.append("No weights reproduce the record. Conflicting observations:")
        for c in fit.conflicts:
            out.append(f"  {c.actor}: {c.reason}")
            out += [f"    - {d}" for d in c.descriptions]
    else:
        out.append(f"  every must-match observation reproduced; smallest margin {fit.margin:.4g}")
        out.append("")
        out.append(f"  {'actor':<12} {'parameter':<22} {'before':>9} {'fitted':>9} "
                   f"{'low':>9} {'high':>9}")
        for p in fit.parameters:
            tag = "" if p.calibrated else "  (no observation decides it; kept)"
            tag = tag or ("  pinned" if p.pinned else "")
            out.append(f"  {p.actor:<12} {p.parameter:<22} {p.before:>9.4g} {p.fitted:>9.4g} "
                       f"{p.low:>9.4g} {p.high:>9.4g}  {p.description}{tag}")
    out += ["", "  observations (margin before -> after)"]
    for o in fit.observations:
        mark = "match" if o.match_after else "MISS "
        out.append(f"  {mark} {o.actor} {o.response}s {o.proposal}: {o.margin_before:+.3f} -> "
                   f"{o.margin_after:+.3f} [{o.decided_by}]")
    out += [f"  note: {n}" for n in fit.notes]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from negsim.outputs import write_text_atomic
    from negsim.calibration import calibrate
    from negsim.loading import load_scenario

    fit = calibrate(load_scenario(args.scenario), min_share=args.min_share,
                    reservations=args.reservations, objective=args.objective)
    print(report_text(fit), end="")
    if args.json:
        write_text_atomic(args.json, fit.to_json() + "\n")
        print(f"wrote {args.json}")
    if not fit.feasible:
        if args.output:
            print(f"not written: {args.output} (no weights reproduce the record)")
        return 1
    if args.output:
        write_text_atomic(args.output, fit.toml)
        print(f"wrote {args.output}")
    return 0
