"""``negsim games``: solve a scenario's games, print them, optionally write them as Gambit files."""

from __future__ import annotations

import argparse
from pathlib import Path

from negsim.errors import NegsimError
from negsim.loading import load_scenario
from negsim.outputs import write_text_atomic
from negsim.preferences import build_preferences
from negsim.text.games import game_lines


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("games", help="solve the scenario's games; --gambit DIR writes them for "
                       "Gambit (.nfg normal form, .efg sequential)")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("--gambit", metavar="DIR",
                   help="write every game to DIR as <id>.nfg or <id>.efg")
    p.add_argument("--solver", choices=("negsim", "gambit"), default="negsim",
                   help="gambit: also solve the exported games with pygambit (negsim[gambit]) "
                        "and print its equilibria beside negsim's")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy: the games' solvers load scipy.optimize and nashpy
    from negsim.scenario_games.export import game_ids, gambit_text
    from negsim.scenario_games.from_scenario import scenario_games

    if args.solver == "gambit":  # before any work: a missing pygambit is one clear line
        from negsim.bridges.gambit_solver import require_pygambit

        require_pygambit()
    scenario = load_scenario(args.scenario)
    models = build_preferences(scenario)
    games = scenario_games(scenario, models)
    if not games:
        print(f"{scenario.name}: no games (declare [[games]], or give proposals and two actors)")
        return 0
    print(f"Games of {scenario.name}")
    for g in games:
        print("\n".join(game_lines(g)))
    if args.gambit or args.solver == "gambit":
        files, skipped = [], []
        for gid in game_ids(scenario):  # every text first: a failure writes nothing
            try:
                files.append(gambit_text(scenario, gid, models))
            except NegsimError as exc:
                if gid != "proposals":
                    raise
                skipped.append(f"skipped {gid}: {exc}")
        print()
        if args.solver == "gambit":
            from negsim.bridges.gambit_solver import gambit_lines, solve_gambit_text

            for f in files:
                print("\n".join(gambit_lines(solve_gambit_text(
                    f.filename.rsplit(".", 1)[0], f.filename, f.text))))
        for f in files if args.gambit else ():
            print(f"wrote {write_text_atomic(Path(args.gambit) / f.filename, f.text)}")
        for line in skipped:
            print(line)
    return 0
