"""The command line: a thin shell over the library.

    negsim run SCENARIO.toml [--json FILE] [--plots DIR] [--format pdf]
    negsim validate SCENARIO.toml
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from negsim.errors import NegsimError

__all__ = ["main"]


def _cmd_validate(args: argparse.Namespace) -> int:
    from negsim.loading import load_scenario

    scenario = load_scenario(args.scenario)
    print(f"ok: {args.scenario}: {scenario.name} ({len(scenario.issues)} issues, "
          f"{len(scenario.actors)} actors, {scenario.space.size:,} outcomes)")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from negsim._atomic import write_text_atomic
    from negsim.engine import analyze
    from negsim.loading import load_scenario
    from negsim.report import summary_text

    analysis = analyze(load_scenario(args.scenario))
    print(summary_text(analysis), end="")
    if args.json:
        write_text_atomic(args.json, analysis.to_json() + "\n")
        print(f"\nwrote {args.json}")
    if args.plots:
        from negsim.plot.save import DEFAULT_FORMATS, save_figures

        formats = list(DEFAULT_FORMATS) + [f for f in args.format if f not in DEFAULT_FORMATS]
        for path in save_figures(analysis, args.plots, formats):
            print(f"wrote {path}")
    return 0


def _parser() -> argparse.ArgumentParser:
    from negsim import __version__

    p = argparse.ArgumentParser(prog="negsim", description="Game-theoretic analysis of "
                                "negotiations from the parties' stated demands.")
    p.add_argument("--version", action="version", version=f"negsim {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="analyse a scenario and print the summary")
    run.add_argument("scenario", help="scenario TOML file")
    run.add_argument("--json", metavar="FILE", help="write the whole result as JSON")
    run.add_argument("--plots", metavar="DIR", help="write the briefing figures (PNG and SVG)")
    run.add_argument("--format", action="append", default=[], choices=["pdf", "png", "svg"],
                     help="also write figures in this format (repeatable)")
    run.set_defaults(func=_cmd_run)
    val = sub.add_parser("validate", help="check a scenario file")
    val.add_argument("scenario", help="scenario TOML file")
    val.set_defaults(func=_cmd_validate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NegsimError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
