"""``negsim simulate``: many simulated alternating-offers negotiations."""

from __future__ import annotations

import argparse

from negsim.cli.ensemble import (add_monte_carlo_arguments, check_monte_carlo_arguments,
                                 run_with_workers)
from negsim.errors import ArgumentError
from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="simulate many negotiations with random concession "
                       "strategies: how often each deal is agreed")
    add_monte_carlo_arguments(p, "negotiations", 200)
    p.add_argument("--rounds", type=int, default=40, metavar="R",
                   help="deadline in rounds (default 40)")
    p.add_argument("--vary-parameters", action="store_true",
                   help="also draw the scenario's uncertain parameters in every run")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from negsim.simulation import simulate_many  # heavy: loads the engine
    from negsim.text.ensemble import simulation_text

    check_monte_carlo_arguments(args)
    if args.rounds < 1:
        raise ArgumentError(f"--rounds must be a positive integer, not {args.rounds}")
    scenario = load_scenario(args.scenario)
    result = run_with_workers(args.workers, lambda ex: simulate_many(
        scenario, runs=args.draws, seed=args.seed, rounds=args.rounds, executor=ex,
        progress=False, vary_parameters=args.vary_parameters))
    print(simulation_text(result), end="")
    if args.json:
        write_text_atomic(args.json, result.to_json() + "\n")
        print(f"wrote {args.json}")
    return 0
