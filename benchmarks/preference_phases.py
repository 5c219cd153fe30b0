"""CPU times of the preference phases of ``negsim.analyze``, several builds interleaved (run by hand).

    python3 benchmarks/preference_phases.py OLD_TREE NEW_TREE [--rounds 5]

Each TREE is a checkout of negsim (e.g. ``git worktree add --detach /tmp/base main``).  Every
round runs each tree in its own subprocess, one after another, and times (``time.process_time``,
best of many calls, microseconds) on the two cases of issue 18 — 16,384 outcomes x 3 actors
(``random_scenario(3, 7, 4, seed=7)``) and 390,625 x 2 (``random_scenario(2, 8, 5, seed=7)``):
``build_preferences``, ``compromise_forecast``, ``evaluate_block`` of the 16k case's one block,
``evaluate_columns`` of the 390k case's 20,000-point sampled cloud, ``evaluate`` of one row and
``rank_distance`` of 190 rows.  The table shows the best over the rounds and the old/new ratio.
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
tree, scale_dir = sys.argv[1], sys.argv[2]
sys.path[:0] = [tree, scale_dir]
import numpy as np
import negsim  # this tree's, before scale.py puts its own checkout first on the path
from scale import random_scenario
from negsim.preferences import build_preferences, evaluate, evaluate_block, evaluate_columns
from negsim.solutions.compromise import compromise_forecast, rank_distance

def best(f, n):
    b = float("inf")
    for _ in range(n):
        t = time.process_time()
        f()
        b = min(b, time.process_time() - t)
    return b * 1e6

out = {}
s16, s390 = random_scenario(3, 7, 4, seed=7), random_scenario(2, 8, 5, seed=7)
for tag, s in (("16k x 3", s16), ("390k x 2", s390)):
    m = build_preferences(s)
    out[f"{tag}: build_preferences"] = best(lambda: build_preferences(s), 400)
    out[f"{tag}: compromise_forecast"] = best(lambda: compromise_forecast(s, m), 400)
    row = np.array([s.space.status_quo], dtype=np.intp)
    out[f"{tag}: evaluate (1 row)"] = best(lambda: evaluate(m, row), 400)
m16 = build_preferences(s16)
(_, lead, split), = list(s16.space.blocks(1 << 14))[:1]
out["16k x 3: evaluate_block"] = best(lambda: evaluate_block(m16, s16.space, lead, split), 300)
rows = s16.space.rows_of(np.arange(190) * 86)
target = s16.space.status_quo
out["16k x 3: rank_distance (190 rows)"] = best(lambda: rank_distance(rows, target, s16), 400)
m390 = build_preferences(s390)
cols = s390.space.sample_columns(20000, np.random.default_rng(7))
out["390k x 2: evaluate_columns (20,000)"] = best(lambda: evaluate_columns(m390, cols), 200)
assert negsim.__file__.startswith(tree), negsim.__file__
print(json.dumps(out))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("trees", nargs="+", help="negsim checkouts, oldest first")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    best: dict[str, dict[str, float]] = {t: {} for t in args.trees}
    for _ in range(args.rounds):
        for tree in args.trees:
            done = subprocess.run([sys.executable, "-c", _CHILD, str(Path(tree).resolve()),
                                   str(ROOT / "benchmarks")],
                                  capture_output=True, text=True, env=env, check=True)
            for k, v in json.loads(done.stdout).items():
                best[tree][k] = min(best[tree].get(k, float("inf")), v)
    names = [Path(t).resolve().name for t in args.trees]
    keys = list(best[args.trees[0]])
    print(f"CPU microseconds, best of {args.rounds} rounds")
    print(f"{'phase':40s}" + "".join(f"{n:>14s}" for n in names) +
          ("    old/new" if len(names) > 1 else ""))
    for k in keys:
        vals = [best[t][k] for t in args.trees]
        ratio = f"{vals[0] / vals[-1]:11.2f}" if len(vals) > 1 else ""
        print(f"{k:40s}" + "".join(f"{v:14.1f}" for v in vals) + ratio)


if __name__ == "__main__":
    main()
