"""Speed of negsim's answers, in one run (not a test: it prints numbers).

    python benchmarks/bench_speed.py              # ensemble and analyze numbers, peak memory
    python benchmarks/bench_speed.py --negmas     # also negsim vs NegMAS 0.16 pareto_frontier
    python benchmarks/bench_speed.py --quick      # fewer draws (a smoke run)
    python benchmarks/bench_speed.py --negmas-only   # the NegMAS comparison alone

Printed: ensemble draws/s (all five solutions) on the shipped scenarios and the toy; 10^4 draws
of a 78,125-outcome 3-actor space with its 21 demand weights uncertain (goal < 5 s); 10^3 draws of
a 10^12-outcome 2-actor space with uncertain weights (goal < 10 s); ``analyze`` of that 10^12
space (goal < 0.2 s, with the size method it states); the process's peak memory (goal < 1 GB).
With ``--negmas`` the script makes its own virtualenv under ``benchmarks/.venv-negmas`` (never
the project's), installs ``negmas==0.16.0`` there, and times NegMAS's ``pareto_frontier`` against
the whole ``negsim.analyze`` on random categorical scenarios (CPU time of each process, which a
shared machine disturbs far less than wall time), checking that the Nash, utilitarian and
egalitarian optima over the frontier are the same.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import negsim  # noqa: E402
from ensemble import make_uncertain  # noqa: E402
from scale import random_scenario  # noqa: E402

NEGMAS = "negmas==0.16.0"
VENV = ROOT / "benchmarks" / ".venv-negmas"
ROUNDS = 3  # NegMAS / negsim rounds of the comparison
NEGMAS_CASES = [(2, 10, 4, 10_000), (3, 4, 7, 16_384), (2, 5, 8, 390_625)]  # actors, options, issues, size


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _best_both(fn, repeat: int = 3) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best wall time and best CPU time (of this process) over ``repeat`` runs: on a shared
    machine the CPU time is what other jobs disturb least."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return wall, cpu
def _best_cpu(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _shipped(draws: int) -> None:
    sys.path.insert(1, str(ROOT / "tests" / "support"))
    from uncertainty_helpers import TOY_UNCERTAIN, toy
    cases = [(f.name, make_uncertain(negsim.load_scenario(f)))
             for f in sorted((ROOT / "scenarios").glob("*.toml"))]
    cases.append(("toy (default scenario)", toy(TOY_UNCERTAIN)))
    print(f"\nensemble, all five solutions, {draws:,} draws, in-process (best of 3)")
    print(f"{'scenario':42} {'outcomes':>9} {'params':>6} {'draws/s':>10} {'(CPU)':>10}")
    for name, s in cases:
        negsim.ensemble(s, draws=200, seed=0, progress=False)
        t, c = _best_both(lambda: negsim.ensemble(s, draws=draws, seed=0, progress=False))
        print(f"{name:42} {s.space.size:>9,} {len(s.uncertain):>6} {draws / t:>10,.0f} "
              f"{draws / c:>10,.0f}")


def _weights_uncertain(s: negsim.Scenario) -> negsim.Scenario:
    from negsim.model.distributions import Distribution
    from negsim.model.parameters import UncertainParameter
    return s.with_changes(uncertain=tuple(
        UncertainParameter(f"actors.{a.name}.demands[{k}].weight",
                           Distribution.uniform(d.weight * 0.7, d.weight * 1.3))
        for a in s.actors for k, d in enumerate(a.demands)))


def _large(draws_78k: int, draws_big: int) -> None:
    s = _weights_uncertain(random_scenario(3, 7, 5))
    negsim.ensemble(s, draws=100, seed=0, progress=False)
    t, c = _best_both(lambda: negsim.ensemble(s, draws=draws_78k, seed=0, progress=False), 1)
    print(f"\n{s.space.size:,} outcomes, 3 actors, {len(s.uncertain)} uncertain weights: "
          f"{draws_78k:,} draws in {t:.2f} s ({c:.2f} s CPU; goal for 10^4: < 5 s)")
    b = _weights_uncertain(random_scenario(2, 20, 4))
    negsim.ensemble(b, draws=5, seed=0, progress=False)
    t, c = _best_both(lambda: negsim.ensemble(b, draws=draws_big, seed=0, progress=False), 1)
    print(f"{b.space.size:,} outcomes, 2 actors, {len(b.uncertain)} uncertain weights: "
          f"{draws_big:,} draws in {t:.2f} s ({c:.2f} s CPU; goal for 10^3: < 10 s)")
    p = random_scenario(2, 20, 4)
    negsim.analyze(p)
    t = _best(lambda: negsim.analyze(p))
    a = negsim.analyze(p)
    print(f"analyze, {p.space.size:,} outcomes, 2 actors: {t:.3f} s (goal < 0.2 s); size "
          f"{a.acceptable.size:,} [{a.acceptable.size_low:,}, {a.acceptable.size_high:,}], "
          f"{a.acceptable.size_method}")


_CHILD = r"""
import json, sys, time
import numpy as np
from negmas.outcomes import make_issue, make_os
from negmas.preferences import LinearAdditiveUtilityFunction as U, TableFun, pareto_frontier
spec = json.load(open(sys.argv[1]))
out = []
for case in spec:
    n_iss, n_opt = case["issues"], case["options"]
    issues = [make_issue([f"o{j}" for j in range(n_opt)], f"i{k}") for k in range(n_iss)]
    os_ = make_os(issues)
    ufuns = [U(values={f"i{k}": TableFun({f"o{j}": v for j, v in enumerate(row)})
                       for k, row in enumerate(actor["values"])},
               weights={f"i{k}": w for k, w in enumerate(actor["weights"])}, outcome_space=os_)
             for actor in case["actors"]]
    outcomes = list(os_.enumerate())
    dt = float("inf")
    for _ in range(5):  # best of 5, CPU time of this process
        t = time.process_time()
        front, _ = pareto_frontier(ufuns, outcomes=outcomes, sort_by_welfare=True)
        dt = min(dt, time.process_time() - t)
    f = np.array(front, dtype=float)
    d = np.array(case["reservations"])
    ok = f[np.all(f >= d - 1e-9, axis=1)]
    res = {"time": dt, "frontier": len(f)}
    if len(ok):
        g = ok - d
        res["nash"] = float(np.max(np.where(np.all(g > 0, axis=1),
                                            np.prod(np.maximum(g, 0), axis=1), 0)))
        res["utilitarian"] = float(ok.sum(axis=1).max())
        res["egalitarian"] = float(g.min(axis=1).max())
    out.append(res)
print(json.dumps(out))
"""


def _negmas_python() -> Path:
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(py), "-c", "import negmas; print(negmas.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or not probe.stdout.startswith("0.16"):
        subprocess.run([str(py), "-m", "pip", "install", "-q", NEGMAS], check=True)
    return py


def _negmas() -> None:
    py = _negmas_python()
    spec, scenarios = [], []
    for actors, options, issues, size in NEGMAS_CASES:
        s = random_scenario(actors, issues, options, seed=7)
        assert s.space.size == size
        models = negsim.preferences.build_preferences(s)
        spec.append({"issues": issues, "options": options,
                     "reservations": [m.reservation for m in models],
                     "actors": [{"weights": [d.weight / a.total_weight for d in a.demands],
                                 "values": [[dict(d.scores).get(o, 0.0) for o in i.options]
                                            for d, i in zip(a.demands, s.issues)]}
                                for a in s.actors]})
        scenarios.append(s)
    tmp = ROOT / "benchmarks" / ".negmas_spec.json"
    tmp.write_text(json.dumps(spec))
    child = ROOT / "benchmarks" / ".negmas_child.py"
    child.write_text(_CHILD)
    # rounds alternate the NegMAS child and negsim, so that a slow spell of the (shared)
    # machine falls on both; each side's best over the rounds is kept
    res: list[dict] = []
    mine_t = [float("inf")] * len(scenarios)
    try:
        for _ in range(ROUNDS):
            got = json.loads(subprocess.run([str(py), str(child), str(tmp)], check=True,
                                            capture_output=True, text=True).stdout.splitlines()[-1])
            res = got if not res else [dict(r, time=min(r["time"], g["time"]))
                                       for r, g in zip(res, got)]
            for k, s in enumerate(scenarios):
                negsim.analyze(s)
                mine_t[k] = min(mine_t[k], _best_cpu(lambda: negsim.analyze(s), 20))
    finally:
        tmp.unlink(missing_ok=True)
        child.unlink(missing_ok=True)
    print(f"\nnegsim analyze vs NegMAS 0.16 pareto_frontier (random categorical scenarios; "
          f"CPU time; {ROUNDS} rounds alternating the two, best of 5 per round for NegMAS, of "
          f"20 for negsim)")
    print(f"{'outcomes':>9} {'actors':>6} {'negmas s':>9} {'negsim s':>9} {'speed-up':>9}  optima")
    for s, r, t in zip(scenarios, res, mine_t):
        a = negsim.analyze(s)
        d = np.array([x.reservation for x in a.actors])
        same = []
        for name, mine in (("nash", "nash"), ("utilitarian", "utilitarian"),
                           ("egalitarian", "egalitarian")):
            sol = a.solution(mine)
            if sol.utilities is None:
                same.append(name not in r)
                continue
            u = np.array([sol.utilities[n] for n in s.actor_names])
            mine_v = {"nash": float(np.prod(u - d)), "utilitarian": float(u.sum()),
                      "egalitarian": float((u - d).min())}[name]
            same.append(name in r and abs(mine_v - r[name]) <= 1e-6 * max(1.0, abs(r[name])))
        print(f"{s.space.size:>9,} {len(s.actors):>6} {r['time']:>9.3f} {t:>9.4f} "
              f"{r['time'] / t:>8.0f}x  {'equal' if all(same) else 'DIFFERENT ' + str(same)}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--negmas", action="store_true", help="also compare with NegMAS 0.16")
    p.add_argument("--quick", action="store_true", help="fewer draws")
    p.add_argument("--negmas-only", action="store_true",
                   help="only the NegMAS comparison (and the 10^12 analyze)")
    args = p.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}, load {load:.1f}")
    if args.negmas_only:
        p2 = random_scenario(2, 20, 4)
        negsim.analyze(p2)
        print(f"\nanalyze, {p2.space.size:,} outcomes, 2 actors: "
              f"{_best_cpu(lambda: negsim.analyze(p2)):.3f} s CPU (goal < 0.2 s)")
        _negmas()
        return
    _shipped(2_000 if args.quick else 20_000)
    _large(1_000 if args.quick else 10_000, 100 if args.quick else 1_000)
    if args.negmas:
        _negmas()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (this process): {peak:,.0f} MB (goal < 1 GB)")


if __name__ == "__main__":
    main()
