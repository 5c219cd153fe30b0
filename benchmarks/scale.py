"""Benchmarks of the decomposed engine against brute-force enumeration (run by hand).

    python3 benchmarks/scale.py            # all cases
    python3 benchmarks/scale.py 2x20       # one case

Each case runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own.  Timed:
the Pareto frontier of the acceptable set with the Nash solution on it ("frontier+nash"), the
whole decomposed scan (frontier, size, options, red lines, nearest deal), the full
``negsim.analyze`` (method "auto"), and, where it can finish, the exhaustive scan.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import negsim  # noqa: E402
from negsim.engine.decomposed import _acceptable_frontier, _Ctx, decomposed_scan  # noqa: E402
from negsim.engine.exhaustive import scan  # noqa: E402
from negsim.engine.groups import group_tables  # noqa: E402
from negsim.preferences import build_preferences  # noqa: E402
from negsim.solutions import compromise_forecast, nash_solution  # noqa: E402

CASES = {
    "2x20": dict(actors=2, issues=20, options=4, brute=False),
    "2x20-open": dict(actors=2, issues=20, options=4, brute=False, open=True),
    "3x14": dict(actors=3, issues=14, options=4, brute=False),
    "5x10": dict(actors=5, issues=10, options=4, brute=True),
    "3x8": dict(actors=3, issues=8, options=4, brute=True),
    "toy-x6": dict(toy=6, brute=True),
    "toy-x2": dict(toy=2, brute=True),
}


def random_scenario(actors: int, issues: int, options: int, seed: int = 0,
                    open: bool = False) -> negsim.Scenario:
    """Categorical issues, every actor scores every option at random (so actors trade off).

    No deal is option o0 everywhere; ``open`` sets every reservation to 0 instead, so that every
    outcome is acceptable and the whole Pareto frontier must be found."""
    rng = np.random.default_rng(seed)
    iss = tuple(negsim.Issue(f"i{k}", tuple(f"o{j}" for j in range(options)), "o0")
                for k in range(issues))
    acts = tuple(negsim.Actor(f"A{a}", tuple(
        negsim.Demand(i.id, scores={o: float(round(x, 3)) for o, x in
                                    zip(i.options, rng.random(options))},
                      weight=float(rng.integers(1, 4)))
        for i in iss), reservation=0.0 if open else None) for a in range(actors))
    return negsim.Scenario(f"random {actors}x{issues}x{options}", iss, acts, seed=seed)


def toy_scaled(copies: int) -> negsim.Scenario:
    """/tmp/t/toy.toml's issues, demands (a red line tied to a condition) and lever, ``copies``
    times over: copy k of every issue is ``<id>_k``; the no-deal lever applies once."""
    I, D = negsim.Issue, negsim.Demand
    issues, ru, ua, us = [], [], [], []
    for k in range(copies):
        air, ground, arms = f"air_strikes_{k}", f"ground_war_{k}", f"arms_deliveries_{k}"
        issues += [I(air, ("continue", "halt_energy", "halt_all"), "continue", ordered=True),
                   I(ground, ("continue", "ceasefire"), "continue"),
                   I(arms, ("continue", "halted"), "continue")]
        ru += [D(ground, want="continue", weight=3), D(air, want="continue"),
               D(arms, want="halted", hard=True, when={ground: "ceasefire"})]
        ua += [D(ground, want="ceasefire", weight=2), D(air, want="halt_all"),
               D(arms, want="continue")]
        us += [D(ground, want="ceasefire")]
    actors = (negsim.Actor("Russia", tuple(ru)), negsim.Actor("Ukraine", tuple(ua)),
              negsim.Actor("USA", tuple(us)))
    lever = negsim.Lever("secondary_tariffs", by="USA", effects={"Russia": -0.5, "USA": -0.03},
                         credibility=0.6)
    return negsim.Scenario(f"toy x{copies}", tuple(issues), actors, levers=(lever,))


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def run_case(name: str) -> dict:
    spec = CASES[name]
    s = toy_scaled(spec["toy"]) if "toy" in spec else random_scenario(
        spec["actors"], spec["issues"], spec["options"], open=spec.get("open", False))
    models = build_preferences(s)
    out: dict = {"case": name, "actors": len(s.actors), "issues": len(s.issues),
                 "outcomes": s.space.size}

    def frontier_and_nash():  # type: ignore[no-untyped-def]
        ctx = _Ctx(s, models, group_tables(s, models))
        front = _acceptable_frontier(ctx, ctx.points, ctx.need)
        i = nash_solution(front.vals, ctx.need)[0] if len(front) else None
        return front, i

    (front, _), out["frontier_nash_s"] = timed(frontier_and_nash)
    out["frontier_points"] = len(front)
    target = compromise_forecast(s)
    d, out["decomposed_scan_s"] = timed(lambda: decomposed_scan(s, models, target=target))
    out["size"], out["size_exact"] = d.size, d.exact
    out["size_interval"] = [d.size_low, d.size_high]
    a, out["analyze_s"] = timed(lambda: negsim.analyze(s))
    out["analyze_method"] = a.acceptable.method
    if spec["brute"]:
        e, out["brute_force_s"] = timed(lambda: scan(s, models, target=target))
        out["brute_matches"] = bool(
            e.size == d.size and {tuple(np.round(u, 9)) for u in e.frontier_u}
            == {tuple(np.round(u, 9)) for u in d.frontier_u}
            and all((x == y).all() for x, y in zip(e.option_in_acceptable, d.option_in_acceptable))
            and abs(e.nearest_distance - d.nearest_distance) < 1e-9)
        out["speedup"] = out["brute_force_s"] / out["decomposed_scan_s"]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--child":
        print(json.dumps(run_case(argv[1])))
        return
    names = argv or list(CASES)
    for name in names:
        proc = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True,
                              text=True, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        line = (f"{r['case']:7} {r['actors']} actors {r['issues']:2} issues {r['outcomes']:.3g} "
                f"outcomes | frontier+nash {r['frontier_nash_s']:.3f}s "
                f"({r['frontier_points']} pts) | decomposed scan {r['decomposed_scan_s']:.3f}s | "
                f"analyze {r['analyze_s']:.3f}s ({r['analyze_method']}) | size {r['size']:.4g} "
                f"{'exact' if r['size_exact'] else 'est. ' + str(r['size_interval'])}")
        if "brute_force_s" in r:
            line += (f" | brute force {r['brute_force_s']:.2f}s ({r['speedup']:.0f}x, "
                     f"{'same answers' if r['brute_matches'] else 'ANSWERS DIFFER'})")
        print(line + f" | peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
