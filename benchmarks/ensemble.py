"""Draws per second of ``negsim.ensemble`` (a benchmark, not a test).

    python3 benchmarks/ensemble.py [--draws 20000] [--workers 2] [--spread 0.3]
                                   [--baseline REF] [SCENARIO.toml ...]

Without files it uses the shipped scenarios (scenarios/*.toml) and two scenarios built in code: the
toy air truce (3 issues, 12 outcomes) and a synthetic 6-issue, 4-actor one (15,625 outcomes, all
enumerated in every draw; it runs ``--synthetic-draws`` draws, default 2,000).

Uncertain parameters: a scenario's own ``{dist = ...}`` entries are used as they are (the shipped
air-truce scenario has them on the secondary-tariff lever).  Every other demand weight, lever effect
and lever credibility is made uniform on ±``--spread`` (default 30%) around its value (credibility
clipped to [0, 1]), so the benchmark exercises the draws on every scenario.

Columns: draws/s in-process with all five solutions, with ``solutions=()`` (acceptances and the
acceptable set only), and on a process pool of ``--workers``; with ``--baseline REF`` also the
draws/s of negsim as of git revision REF (in-process, all five solutions), run in a subprocess on
the same scenarios in the same run.  Every rate is the best of ``--repeat`` timings (default 2),
since other work on the machine only ever slows a run down.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "NEGSIM_BENCH_CHILD" not in os.environ:  # a baseline child imports the archived negsim
    sys.path.insert(0, str(ROOT))

import negsim  # noqa: E402
from negsim.model.distributions import Distribution  # noqa: E402
from negsim.model.parameters import UncertainParameter  # noqa: E402


def _toy() -> negsim.Scenario:
    sys.path.insert(1, str(ROOT / "tests" / "support"))
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


def make_uncertain(s: negsim.Scenario, spread: float = 0.3) -> negsim.Scenario:
    """The scenario with every judgement number not already uncertain made uniform on ±spread."""
    have = {p.path for p in s.uncertain}
    params = list(s.uncertain)

    def add(path: str, value: float, lo: float = -float("inf"), hi: float = float("inf")) -> None:
        if path in have:
            return
        a, b = sorted((value * (1 - spread), value * (1 + spread)))
        params.append(UncertainParameter(path, Distribution.uniform(max(lo, a), min(hi, b))))

    for actor in s.actors:
        for k, d in enumerate(actor.demands):
            add(f"actors.{actor.name}.demands[{k}].weight", d.weight)
    for lv in s.levers:
        add(f"levers.{lv.id}.credibility", lv.credibility, 0.0, 1.0)
        for name, v in lv.effects:
            add(f"levers.{lv.id}.effects.{name}", v)
    return s.with_changes(uncertain=tuple(params))


def _scenarios(files: list[str], spread: float) -> list[tuple[str, negsim.Scenario, int | None]]:
    """(name, scenario, draws or None for the default); built the same way in a baseline child."""
    if files:
        return [(f, make_uncertain(negsim.load_scenario(f), spread), None) for f in files]
    shipped = sorted((ROOT / "scenarios").glob("*.toml"))
    out = [(str(f.relative_to(ROOT)), make_uncertain(negsim.load_scenario(f), spread), None)
           for f in shipped]
    out += [("toy (in code)", _toy(), None),
            ("synthetic 5^6 (in code)", make_uncertain(_synthetic(), spread), -1)]
    return out


def _rate(repeat: int, draws: int, **kw) -> float:
    best = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        negsim.ensemble(draws=draws, seed=0, progress=False, **kw)
        best = max(best, draws / (time.perf_counter() - t))
    return best


def _baseline(ref: str, argv: list[str]) -> dict[str, float]:
    """Rates of negsim at git revision ``ref``, measured by this script in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "negsim.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "negsim"],
                       check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp)
        env = dict(os.environ, NEGSIM_BENCH_CHILD="1", PYTHONPATH=tmp)
        out = subprocess.run([sys.executable, __file__, "--child", *argv], env=env, check=True,
                             capture_output=True, text=True, cwd=tmp)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*")
    p.add_argument("--draws", type=int, default=20_000)
    p.add_argument("--synthetic-draws", type=int, default=2_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--spread", type=float, default=0.3)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--baseline", metavar="REF", help="git revision to compare with")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    scenarios = _scenarios(args.files, args.spread)
    if args.child:  # baseline: all five solutions, in-process, the old API only
        rates = {}
        for name, s, n in scenarios:
            draws = args.synthetic_draws if n == -1 else args.draws
            negsim.ensemble(s, draws=200, seed=0)
            rates[name] = _rate(args.repeat, draws, scenario=s)
        print(json.dumps(rates))
        return
    base = {}
    if args.baseline:
        argv = [*args.files, "--draws", str(args.draws), "--synthetic-draws",
                str(args.synthetic_draws), "--spread", str(args.spread), "--repeat",
                str(args.repeat)]
        base = _baseline(args.baseline, argv)
    print(f"machine: {os.cpu_count()} cores; draws/s, best of {args.repeat}")
    head = f"{'scenario':<50} {'outcomes':>9} {'cand.':>6} {'params':>6}"
    if args.baseline:
        head += f" {'baseline':>9}"
    head += f" {'all 5':>9} {'none':>9} {f'{args.workers} proc':>9}"
    print(head)
    for name, s, n in scenarios:
        draws = args.synthetic_draws if n == -1 else args.draws
        negsim.ensemble(s, draws=200, seed=0)  # warm caches and imports
        here = negsim.ensemble(s, draws=draws, seed=0, progress=False)
        rate = _rate(args.repeat, draws, scenario=s)
        rate_none = _rate(args.repeat, draws, scenario=s, solutions=())
        with ProcessPoolExecutor(args.workers) as pool:
            t = time.perf_counter()
            there = negsim.ensemble(s, draws=draws, seed=0, executor=pool, progress=False)
            rate_pool = draws / (time.perf_counter() - t)
        assert there == here, "the executor changed the numbers"
        line = f"{name:<50} {s.space.size:>9,} {here.candidates:>6,} {len(s.uncertain):>6}"
        if args.baseline:
            line += f" {base.get(name, float('nan')):>9,.0f}"
        line += f" {rate:>9,.0f} {rate_none:>9,.0f} {rate_pool:>9,.0f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
