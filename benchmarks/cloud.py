"""The plot cloud's phases of negsim.analyze, timed in one or more builds (a benchmark, not a test).

    python3 benchmarks/cloud.py [TREE ...] [--rounds 5] [--repeat 200]

For each TREE (a negsim checkout; default this one), in its own subprocess, one after another
for every round, on the two cases of issue 18 (``random_scenario(3, 7, 4, seed=7)``: 16,384
outcomes, the scan's kept cloud of 49,152 utilities; ``random_scenario(2, 8, 5, seed=7)``:
390,625 outcomes, a sampled cloud of 20,000): the rounding of the cloud (``rounded_array``
with ``overwrite=True`` on a fresh copy), ``OutcomeSpace.sample_columns``, ``outcome_cloud``
and ``cloud_lists``.  Times are CPU microseconds (``time.process_time``), the best of the rounds
and repeats, with ``OPENBLAS_NUM_THREADS=1``; minor page faults per call of ``rounded_array`` and
``sample_columns`` (the machine's fresh pages cost more than the arithmetic) are shown too.
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
import json, resource, sys, time
tree, bench, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path[:0] = [tree, bench]
import numpy as np
import negsim.engine.exhaustive as ex
from negsim.engine.rounding import rounded_array
from negsim.preferences import build_preferences
from scale import random_scenario

def best(f, prep=None):
    b, faults = float("inf"), 0
    for _ in range(repeat):
        arg = prep() if prep else None
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t = time.process_time()
        f(arg) if prep else f()
        b = min(b, time.process_time() - t)
        faults += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0
    return [b * 1e6, faults / repeat]

out = {}
for name, args in (("16,384 x 3 (kept)", (3, 7, 4)), ("390,625 x 2 (sampled)", (2, 8, 5))):
    s = random_scenario(*args, seed=7)
    m = build_preferences(s)
    if s.space.size <= s.cloud_size:
        found = ex.scan(s, m, keep_cloud=True)
        u = found.cloud[0]
    else:
        found = None
        u = ex.outcome_cloud(s, m)[0]
        out[f"{name}: sample_columns"] = best(lambda: s.space.sample_columns(
            s.cloud_size, np.random.default_rng(s.seed)))
        out[f"{name}: outcome_cloud"] = best(lambda: ex.outcome_cloud(s, m))
        out[f"{name}: cloud_lists"] = best(lambda: ex.cloud_lists(s, m))
    out[f"{name}: rounding {u.size:,}"] = best(lambda v: rounded_array(v, overwrite=True),
                                              lambda: u.copy(order="K"))
print(json.dumps(out))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("trees", nargs="*", default=[str(ROOT)], help="negsim checkouts")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--repeat", type=int, default=200)
    args = p.parse_args()
    trees = [str(Path(t).resolve()) for t in args.trees]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    best: dict[str, dict[str, list[float]]] = {t: {} for t in trees}
    for _ in range(args.rounds):
        for t in trees:
            r = subprocess.run([sys.executable, "-c", _CHILD, t, str(ROOT / "benchmarks"),
                                str(args.repeat)], capture_output=True, text=True,
                               env={**env, "PYTHONPATH": t})
            if r.returncode:
                sys.exit(f"{t}: {r.stderr.strip().splitlines()[-1]}")
            for k, (us, faults) in json.loads(r.stdout.splitlines()[-1]).items():
                old = best[t].get(k, [float("inf"), 0.0])
                best[t][k] = [min(old[0], us), faults if us < old[0] else old[1]]
    print(f"load average {os.getloadavg()[0]:.1f}; CPU microseconds, best of "
          f"{args.rounds}x{args.repeat} (page faults per call of that round)")
    print(f"{'phase':44}" + "".join(f"{Path(t).name[:16]:>24}" for t in trees))
    for k in best[trees[0]]:
        print(f"{k:44}" + "".join(f"{best[t][k][0]:>14.0f} ({best[t][k][1]:>5.1f})"
                                   for t in trees))


if __name__ == "__main__":
    main()
