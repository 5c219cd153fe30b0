"""``negsim import-genius``: a GENIUS domain and its profiles as a negsim scenario file."""

from __future__ import annotations

import argparse

from negsim.loading.genius import load_genius
from negsim.loading.write import scenario_to_toml
from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-genius", help="turn a GENIUS domain and additive profiles into a "
                       "scenario TOML file")
    p.add_argument("domain", help="GENIUS domain XML")
    p.add_argument("profiles", nargs="+", help="one GENIUS utility profile XML per actor")
    p.add_argument("-o", "--output", required=True, help="scenario TOML file to write")
    p.add_argument("--names", help="comma-separated actor names (default: the profiles' file names)")
    p.add_argument("--real-steps", type=int, default=11,
                   help="points each real-valued issue is discretised into (default 11)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    names = tuple(n.strip() for n in args.names.split(",")) if args.names else ()
    scenario = load_genius(args.domain, *args.profiles, names=names, real_steps=args.real_steps)
    text = scenario_to_toml(scenario, preamble=(
        f"Imported from GENIUS: {args.domain} with {', '.join(args.profiles)}.\n"
        "Evaluations are divided by each issue's largest (GENIUS's rule); weights by their sum.\n"
        "GENIUS has no status quo: each issue's first option is negsim's no-deal outcome."))
    path = write_text_atomic(args.output, text)
    print(f"wrote {path}: {scenario.name} ({len(scenario.issues)} issues, "
          f"{len(scenario.actors)} actors, {scenario.space.size:,} outcomes)")
    return 0
