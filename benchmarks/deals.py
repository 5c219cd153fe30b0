"""What the deal table costs on an enumerated space near the limit (run by hand).

    python3 benchmarks/deals.py

Prints the time of the engine's exhaustive scan, of the second pass that keeps the acceptable
deals (negsim.engine.deals.deal_table), the number of deals, and the size of the table in JSON.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import negsim  # noqa: E402
from negsim.engine.deals import deal_table  # noqa: E402
from negsim.engine.exhaustive import scan  # noqa: E402
from negsim.preferences import build_preferences  # noqa: E402


def scenario(n_issues: int = 11, n_options: int = 3, seed: int = 1) -> negsim.Scenario:
    """Three actors with random wants and weights over ``n_options ** n_issues`` outcomes."""
    rng = np.random.default_rng(seed)
    opts = tuple(f"o{k}" for k in range(n_options))
    issues = tuple(negsim.Issue(f"i{j}", opts, "o0", ordered=True) for j in range(n_issues))
    actors = tuple(negsim.Actor(f"A{a}", tuple(
        negsim.Demand(f"i{j}", want=str(rng.choice(opts)), weight=float(rng.uniform(0.5, 2)))
        for j in range(n_issues)), reservation=0.45) for a in range(3))
    return negsim.Scenario("bench", issues=issues, actors=actors)


def main() -> None:
    s = scenario()
    models = build_preferences(s)
    t0 = time.perf_counter()
    found = scan(s, models)
    t1 = time.perf_counter()
    table = deal_table(s, models, "exhaustive", found.frontier_ids, found.frontier_u)
    t2 = time.perf_counter()
    size = len(table.to_json())
    print(f"space {s.space.size:,} outcomes, {len(table.ids):,} acceptable deals")
    print(f"exhaustive scan {t1 - t0:.2f} s, deal table {t2 - t1:.2f} s, "
          f"table JSON {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
