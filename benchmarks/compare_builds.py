"""Ensemble draws/s of several negsim builds, interleaved in one run (a benchmark, not a test).

    python3 benchmarks/compare_builds.py OLD_TREE [OTHER_TREE ...] NEW_TREE [--draws 20000]
    python3 benchmarks/compare_builds.py OLD_TREE NEW_TREE --draws 0 --large 10000   # 78k case only

Each TREE is a checkout of negsim (e.g. ``git worktree add /tmp/base 7076704``).  For every
round (``--rounds``, default 3) each tree runs in its own subprocess, one after another, timing
``negsim.ensemble`` (all five solutions) on the shipped scenarios of this checkout (a tree that
cannot read one falls back to its own copy of the file) and the toy, with
``OPENBLAS_NUM_THREADS=1``.  Times are CPU time of the process (``time.process_time``), best over
the rounds and ``--repeat`` timings each, which is what survives a shared, loaded machine; the
last column is the last tree's rate over the one before it.  ``--large DRAWS`` adds the
78,125-outcome 3-actor case of ``bench_speed.py`` (timed once per round); ``--draws 0`` leaves
out the shipped scenarios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, sys, time
from pathlib import Path
tree, draws, scen_dir, repeat = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
large = int(sys.argv[5])
sys.path[:0] = [tree, tree + "/benchmarks", tree + "/tests/support"]
import negsim
from ensemble import make_uncertain
from uncertainty_helpers import TOY_UNCERTAIN, toy
cases = []
for f in sorted(Path(scen_dir).glob("*.toml")):
    try:
        s = negsim.load_scenario(f)
    except Exception:  # an older build: its own copy of the file
        s = negsim.load_scenario(Path(tree) / "scenarios" / f.name)
    cases.append((f.name, make_uncertain(s)))
cases.append(("toy (default scenario)", toy(TOY_UNCERTAIN)))
plan = [(name, s, draws, repeat) for name, s in cases] if draws else []
if large:
    from bench_speed import _weights_uncertain
    from scale import random_scenario
    big = _weights_uncertain(random_scenario(3, 7, 5))
    plan.append(("78,125 outcomes x 3 actors, 21 weights", big, large, 1))
out = {}
for name, s, n, rep in plan:
    negsim.ensemble(s, draws=200, seed=0, progress=False)
    best = float("inf")
    for _ in range(rep):
        t = time.process_time()
        negsim.ensemble(s, draws=n, seed=0, progress=False)
        best = min(best, time.process_time() - t)
    out[name] = n / best
print(json.dumps(out))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("trees", nargs="+", help="negsim checkouts, oldest first")
    p.add_argument("--draws", type=int, default=20_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--large", type=int, default=0, metavar="DRAWS",
                   help="also time DRAWS draws of the 78,125-outcome 3-actor space with 21 "
                        "uncertain weights (bench_speed.py's case; once per round)")
    args = p.parse_args()
    trees = [str(Path(t).resolve()) for t in args.trees]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    best: dict[str, dict[str, float]] = {t: {} for t in trees}
    for _ in range(args.rounds):
        for t in trees:
            r = subprocess.run([sys.executable, "-c", _CHILD, t, str(args.draws),
                                str(ROOT / "scenarios"), str(args.repeat), str(args.large)],
                               capture_output=True, text=True, env={**env, "PYTHONPATH": t})
            if r.returncode:
                sys.exit(f"{t}: {r.stderr.strip().splitlines()[-1]}")
            for k, v in json.loads(r.stdout.splitlines()[-1]).items():
                best[t][k] = max(best[t].get(k, 0.0), v)
    print(f"load average {os.getloadavg()[0]:.1f}; draws/s, CPU time, best of "
          f"{args.rounds}×{args.repeat}, {args.draws:,} draws"
          + (f" ({args.large:,} for the 78,125-outcome case, best of {args.rounds})"
             if args.large else ""))
    print(f"{'scenario':38}" + "".join(f"{Path(t).name[:11]:>12}" for t in trees)
          + ("   last/prev" if len(trees) > 1 else ""))
    for name in best[trees[0]]:
        vals = [best[t][name] for t in trees]
        print(f"{name:38}" + "".join(f"{v:>12,.0f}" for v in vals)
              + (f"   {vals[-1] / vals[-2]:>9.2f}" if len(trees) > 1 else ""))


if __name__ == "__main__":
    main()
