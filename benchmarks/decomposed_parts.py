"""CPU time of the decomposed scan and of its phases (a benchmark, not a test; run by hand).

    python3 benchmarks/decomposed_parts.py                 # random_scenario(2, 8, 5, seed=7)
    python3 benchmarks/decomposed_parts.py 3 14 4 0 6      # actors issues options seed rounds

Each phase is timed on its own (``time.process_time``, best of the rounds, five calls each):
the group tables, the point sets and bounds (``_Ctx``), the red lines, the acceptable frontier,
the size count, the options and the nearest deal, then the whole ``decomposed_scan``.  Compare
builds by running it from each checkout (``PYTHONPATH=TREE``), one after the other.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.append(os.path.join(os.path.dirname(__file__), ".."))  # after PYTHONPATH: TREE wins
sys.path.append(os.path.dirname(__file__))

import negsim.engine.decomposed as dec  # noqa: E402  (before scale, which puts this tree first)
from negsim.engine.counting import count_acceptable  # noqa: E402
from negsim.engine.groups import group_tables  # noqa: E402
from negsim.preferences import build_preferences  # noqa: E402
from negsim.solutions import compromise_forecast  # noqa: E402
from scale import random_scenario  # noqa: E402


def main(argv: list[str]) -> None:
    actors, issues, options, seed, rounds = ([int(x) for x in argv[1:6]] + [2, 8, 5, 7, 60][
        len(argv) - 1:])[:5]
    s = random_scenario(actors, issues, options, seed=seed)
    models = build_preferences(s)
    target = compromise_forecast(s, models)
    tables = group_tables(s, models)
    ctx = dec._Ctx(s, models, tables)
    full = dec.decomposed_scan(s, models, target)

    def fresh() -> dec.DecomposedScan:
        r = dec.DecomposedScan(size=0)
        r.option_in_acceptable = [np.zeros(k, dtype=bool) for k in s.space.shape]
        r.option_allowed = [np.zeros(k, dtype=bool) for k in s.space.shape]
        r.option_free_of_veto = [[np.zeros(k, dtype=bool) for k in s.space.shape]
                                 for _ in models]
        r.frontier_rows, r.frontier_u = full.frontier_rows, full.frontier_u
        return r

    res = fresh()
    parts = {
        "group_tables": lambda: group_tables(s, models),
        "point sets": lambda: dec._Ctx(s, models, tables),
        "red lines": lambda: dec._red_lines(ctx, res),
        "frontier": lambda: dec._acceptable_frontier(ctx, ctx.points, ctx.need),
        "size count": lambda: count_acceptable([p.vals for p in ctx.points], ctx.need,
                                               seed=s.seed),
        "options": lambda: dec._options(ctx, res, full.frontier_rows, full.frontier_u),
        "nearest": lambda: dec._nearest(ctx, res, target),
        "decomposed_scan": lambda: dec.decomposed_scan(s, models, target),
    }
    best = {k: float("inf") for k in parts}
    for _ in range(rounds):
        for k, f in parts.items():
            t = time.process_time()
            for _ in range(5):
                f()
            best[k] = min(best[k], (time.process_time() - t) / 5)
    print(f"{s.name}, {s.space.size:,} outcomes; CPU ms, best of {rounds} rounds x 5 "
          f"({os.path.dirname(os.path.dirname(os.path.dirname(dec.__file__)))})")
    for k, v in best.items():
        print(f"  {k:16} {v * 1e3:9.3f}")


if __name__ == "__main__":
    main(sys.argv)
