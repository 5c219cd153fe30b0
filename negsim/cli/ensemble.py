"""``negsim ensemble``: Monte Carlo over a scenario's uncertain parameters."""

from __future__ import annotations

import argparse

from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic


def add_monte_carlo_arguments(p: argparse.ArgumentParser, what: str, default: int) -> None:
    """The arguments ``ensemble`` and ``simulate`` share."""
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("--draws", type=int, default=default, metavar="N",
                   help=f"number of {what} (default {default:,})")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="random seed (default: the scenario's seed); same seed, same numbers")
    p.add_argument("--workers", type=int, default=1, metavar="K",
                   help="run the chunks in K processes (default 1: in this process); the "
                        "numbers do not depend on it")
    p.add_argument("--json", metavar="FILE", help="write the result as JSON")


def check_monte_carlo_arguments(args: argparse.Namespace) -> None:
    """One located line for a bad count, before anything runs."""
    if args.draws < 1:
        raise ArgumentError(f"--draws must be a positive integer, not {args.draws}")
    if args.workers < 1:
        raise ArgumentError(f"--workers must be a positive integer, not {args.workers}")


def run_with_workers(workers: int, call):  # type: ignore[no-untyped-def]
    """Call ``call(executor)`` with a process pool of ``workers`` (``None`` for one)."""
    if workers == 1:
        return call(None)
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return call(pool)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ensemble", help="Monte Carlo over the uncertain parameters: acceptance "
                       "probabilities, P(some deal acceptable), how often each deal is each "
                       "solution")
    add_monte_carlo_arguments(p, "draws", 2000)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.text.ensemble import ensemble_text
    from negsim.uncertainty import ensemble  # heavy: loads the engine

    check_monte_carlo_arguments(args)
    scenario = load_scenario(args.scenario)
    result = run_with_workers(args.workers, lambda ex: ensemble(
        scenario, draws=args.draws, seed=args.seed, executor=ex, progress=False))
    print(ensemble_text(result), end="")
    if args.json:
        write_text_atomic(args.json, result.to_json() + "\n")
        print(f"wrote {args.json}")
    return 0
