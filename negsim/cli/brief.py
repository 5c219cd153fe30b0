"""``negsim brief``: analyse a scenario and write the one-page brief (HTML or Markdown)."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="write a one-page brief (summary, key numbers, figures)")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the brief to write: FILE.html (self-contained page) or FILE.md")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # heavy: the engine loads the games (scipy.optimize, nashpy), the brief its figures
    from negsim.engine import analyze
    from negsim.text.brief import check_brief_path, write_brief
    from negsim.uncertainty import add_answers

    path = check_brief_path(args.output)  # before any work: a bad suffix writes nothing
    scenario = load_scenario(args.scenario)
    analysis = add_answers(analyze(scenario), scenario)
    write_brief(analysis, path)
    print(f"wrote {path}")
    return 0
