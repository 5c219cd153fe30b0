"""``negsim export-genius``: an additive scenario as a GENIUS domain and one profile per actor."""

from __future__ import annotations

import argparse
from pathlib import Path

from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-genius", help="write an additive scenario as GENIUS XML (domain "
                       "and one profile per actor); refuses red lines and conditional demands")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="directory to write to")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy-ish: the preference models load numpy arrays for every actor
    from negsim.bridges.genius_export import to_genius

    export = to_genius(load_scenario(args.scenario))  # every text first: a refusal writes nothing
    for name, text in export.files:
        print(f"wrote {write_text_atomic(Path(args.output) / name, text)}")
    for actor, m in export.scale:
        if m != 1.0:
            print(f"note: {actor}'s GENIUS utilities are negsim's divided by {m:g} (GENIUS scores "
                  "each issue's best option 1); the frontier and Nash point are unchanged")
    return 0
