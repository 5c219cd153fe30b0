"""Draws per second of ``negsim.ensemble`` (a benchmark, not a test).

    python3 benchmarks/ensemble.py [--draws 20000] [--workers 2] [SCENARIO.toml ...]

Without files it uses the shipped scenarios (scenarios/*.toml) when they exist, plus two scenarios
built in code: the toy air truce (3 issues, 12 outcomes) and a synthetic 6-issue, 4-actor one
(15,625 outcomes, enumerated in every draw).  Scenarios without uncertain parameters get every
demand weight and lever effect made uncertain (uniform ±50% around its value) so the benchmark
exercises the draws.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import negsim  # noqa: E402
from negsim.distributions import Distribution  # noqa: E402
from negsim.parameters import UncertainParameter  # noqa: E402


def _toy() -> negsim.Scenario:
    sys.path.insert(0, str(ROOT / "tests"))
    from uncertainty_helpers import TOY_UNCERTAIN, toy
    return toy(TOY_UNCERTAIN)


def _synthetic() -> negsim.Scenario:
    I, D, A = negsim.Issue, negsim.Demand, negsim.Actor
    issues = tuple(I(f"i{k}", tuple(f"o{j}" for j in range(5)), "o0", ordered=True)
                   for k in range(6))
    actors = tuple(A(f"A{a}", tuple(D(f"i{k}", want=f"o{(a + k) % 5}", weight=1 + (a * k) % 3)
                                    for k in range(6))) for a in range(4))
    levers = (negsim.Lever("sanctions", by="A0", effects={"A1": -0.2, "A2": -0.1}),)
    proposals = tuple(negsim.Proposal(f"p{j}", {f"i{k}": f"o{(j + k) % 5}" for k in range(6)})
                      for j in range(5))
    return negsim.Scenario("synthetic 5^6", issues=issues, actors=actors, levers=levers,
                           proposals=proposals)


def _make_uncertain(s: negsim.Scenario) -> negsim.Scenario:
    if s.uncertain:
        return s
    params = []
    for a in s.actors:
        for k, d in enumerate(a.demands):
            params.append(UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                                             Distribution.uniform(d.weight * 0.5, d.weight * 1.5)))
    for lv in s.levers:
        for actor, v in lv.effects:
            lo, hi = sorted((v * 0.5, v * 1.5))
            params.append(UncertainParameter(f"levers.{lv.id}.effects.{actor}",
                                             Distribution.uniform(lo, hi)))
    return s.with_changes(uncertain=tuple(params))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*")
    p.add_argument("--draws", type=int, default=20_000)
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args()
    scenarios = [(f, _make_uncertain(negsim.load_scenario(f))) for f in args.files]
    if not args.files:
        shipped = sorted((ROOT / "scenarios").glob("*.toml"))
        scenarios = [(str(f.relative_to(ROOT)), _make_uncertain(negsim.load_scenario(f)))
                     for f in shipped]
        scenarios += [("toy (in code)", _toy()), ("synthetic 5^6 (in code)",
                                                  _make_uncertain(_synthetic()))]
        if not shipped:
            print("note: no scenarios/*.toml in this checkout; using scenarios built in code")
    print(f"{'scenario':<32} {'outcomes':>9} {'params':>6} {'draws/s':>10} "
          f"{'draws/s ({} proc)'.format(args.workers):>16}")
    for name, s in scenarios:
        negsim.ensemble(s, draws=200, seed=0)  # warm caches and imports
        t = time.perf_counter()
        here = negsim.ensemble(s, draws=args.draws, seed=0, progress=False)
        rate = args.draws / (time.perf_counter() - t)
        with ProcessPoolExecutor(args.workers) as pool:
            t = time.perf_counter()
            there = negsim.ensemble(s, draws=args.draws, seed=0, executor=pool, progress=False)
            rate_pool = args.draws / (time.perf_counter() - t)
        assert there == here, "executor changed the numbers"
        print(f"{name:<32} {s.space.size:>9,} {len(s.uncertain):>6} {rate:>10,.0f} "
              f"{rate_pool:>16,.0f}")


if __name__ == "__main__":
    main()
