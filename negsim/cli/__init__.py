"""The command line: a thin shell over the library.

Each command lives in its own module with ``register(subparsers)`` that adds its parser and sets
``func``; :data:`COMMANDS` lists them in the order ``negsim --help`` shows them.

Building the parser imports every command module, so ``negsim validate`` pays for all of their
top-level imports.  The rule: a command module imports at its top only light modules (the
standard library, :mod:`negsim.loading`, :mod:`negsim.outputs`, :mod:`negsim.errors`, the text
of results); anything that loads scipy.optimize, nashpy or matplotlib (the engine, the games, the
pipeline, calibration, back-testing, figures, the brief) is imported inside the command's ``run``.
``tests/test_layers.py`` checks that ``negsim validate`` loads none of them.

    negsim run SCENARIO.toml [--json FILE] [--plots DIR] [--format pdf] [--deals F.csv] [--draws N]
    negsim validate SCENARIO.toml
    negsim backtest PATH... [--json FILE]
    negsim calibrate SCENARIO.toml [-o calibrated.toml]
    negsim schema [-o FILE]
    negsim brief SCENARIO.toml -o brief.html
    negsim games SCENARIO.toml [--gambit DIR] [--solver gambit]
    negsim import-genius DOMAIN.xml PROFILE.xml... -o scenario.toml
    negsim export-genius SCENARIO.toml -o DIR
    negsim compare A.toml [B.toml] [--without-lever ID] [--json FILE] [--plots DIR]
    negsim timeline FILE... [--json FILE] [--plots DIR]
    negsim concede SCENARIO.toml PROPOSAL [--for ACTOR] [--max-changes K] [--json FILE]
    negsim ensemble SCENARIO.toml [--draws N] [--seed S] [--workers K] [--json FILE]
    negsim simulate SCENARIO.toml [--draws N] [--seed S] [--workers K] [--json FILE]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from negsim.errors import NegsimError
from negsim.version import VERSION

__all__ = ["main", "COMMANDS"]

COMMANDS = (
    "negsim.cli.run",
    "negsim.cli.validate",
    "negsim.cli.backtest",
    "negsim.cli.calibrate",
    "negsim.cli.schema",
    "negsim.cli.brief",
    "negsim.cli.games",
    "negsim.cli.import_genius",
    "negsim.cli.export_genius",
    "negsim.cli.compare",
    "negsim.cli.timeline",
    "negsim.cli.concede",
    "negsim.cli.ensemble",
    "negsim.cli.simulate",
)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="negsim", description="Game-theoretic analysis of "
                                "negotiations from the parties' stated demands.")
    p.add_argument("--version", action="version", version=f"negsim {VERSION}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input or failed check, 2 usage).

    A :class:`~negsim.NegsimError` (bad scenario, bad argument) is printed as one line on stderr,
    without a traceback.
    """
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NegsimError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {name}{exc.strerror or exc}", file=sys.stderr)
        return 1
