"""``negsim brief``: analyse a scenario and write the brief (HTML, Markdown or PDF)."""

from __future__ import annotations

import argparse

from negsim.loading import load_scenario

BRIEF_DRAWS = 150
"""Robustness draws behind the brief's probabilities: each redoes the analysis (3–8 s for 150
on the shipped scenarios), enough to tell 50 % from 90 % (standard error at most 4 points)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="write the brief (bottom line, key numbers, caveats, "
                                     "figures, details)")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="FILE.html (self-contained page), FILE.md, or FILE.pdf (headless Chromium)")
    p.add_argument("--draws", type=int, default=BRIEF_DRAWS,
                   help=f"robustness draws behind the probabilities, each redoing the analysis "
                        f"(default {BRIEF_DRAWS:,})")
    p.add_argument("--compare", metavar="B.toml", default=None,
                   help="a comparison brief: the brief of B.toml, led by what changes from "
                        "SCENARIO to it")
    p.add_argument("--without-lever", action="append", default=[], metavar="ID",
                   help="a comparison brief: the brief of SCENARIO without this lever, led by "
                        "what changes (repeatable)")
    p.add_argument("--sources", metavar="DIR", default=None,
                   help="the sources folder holding index.toml (default: $NEGSIM_SOURCES, else "
                        "shared/sources or sources next to the scenario)")
    p.set_defaults(func=run)


def brief_robustness(scenario, draws: int):
    """The probabilities behind the brief: :func:`negsim.robustness` over the scenario's
    uncertainty (its default spread on the ``# judgement`` numbers when it declares none)."""
    from negsim.uncertainty.robustness import robustness

    return robustness(scenario, draws=draws)


def run(args: argparse.Namespace) -> int:
    # heavy: the engine loads the games (scipy.optimize, nashpy), the brief its figures
    from negsim.engine import analyze
    from negsim.errors import ArgumentError
    from negsim.loading.sources import load_source_index
    from negsim.text.brief import check_brief_path, write_brief
    from negsim.uncertainty import add_answers

    path = check_brief_path(args.output)  # before any work: a bad suffix writes nothing
    if args.draws < 1:
        raise ArgumentError(f"--draws: expected a positive number of draws, found {args.draws}; "
                            f"fix: give --draws {BRIEF_DRAWS} or more")
    if args.compare and args.without_lever:
        raise ArgumentError("brief: give --compare B.toml or --without-lever ID, not both; fix: "
                            "drop one (compare B.toml without a lever by editing B.toml)")
    sources = load_source_index(args.sources) if args.sources else None
    scenario = load_scenario(args.scenario, sources=sources)
    part = None
    if args.compare or args.without_lever:
        from negsim.questions.compare import compare
        from negsim.text.brief_compare import comparison_part

        if args.compare:
            after = load_scenario(args.compare, sources=sources)
            labels = (scenario.name, after.name)
        else:
            after = scenario.without_levers(*args.without_lever)
            names = {lv.id: lv.label or lv.id for lv in scenario.levers}
            gone = " and ".join(names.get(i, i) for i in args.without_lever)
            labels = (scenario.name, f"{scenario.name}, without {gone}")
        before_analysis = analyze(scenario)
        scenario = after
        analysis = add_answers(analyze(scenario), scenario)
        part = comparison_part(before_analysis, analysis,
                               compare(before_analysis, analysis, labels=labels))
    else:
        analysis = add_answers(analyze(scenario), scenario)
    write_brief(analysis, path, sources=sources, comparison=part,
                robust=brief_robustness(scenario, args.draws), judged=tuple(scenario.judged))
    print(f"wrote {path}")
    return 0
