"""Start-up time of negsim (run by hand; not a test).

    python3 benchmarks/startup.py          # best of 5 (default)
    python3 benchmarks/startup.py 9        # best of 9

Prints the best whole-process wall time of ``python -c "import numpy"`` (the floor: negsim needs
numpy), ``python -c "import negsim"`` (goal: under 0.3 s) and ``python -m negsim validate`` on
the shipped air-truce scenario (goal: within 3x of importing numpy), and that ratio.  Each run
is a fresh interpreter with this checkout first on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "scenarios", "air_truce_secondary_tariffs.toml")
CASES = {
    "import numpy": [sys.executable, "-c", "import numpy"],
    "import negsim": [sys.executable, "-c", "import negsim"],
    "negsim validate": [sys.executable, "-m", "negsim", "validate", SCENARIO],
}


def best_of(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    best = {name: best_of(cmd, runs) for name, cmd in CASES.items()}
    print(f"best of {runs} whole-process wall times ({sys.executable})")
    for name, t in best.items():
        print(f"  {name:<16} {t:6.3f} s")
    ratio = best["negsim validate"] / best["import numpy"]
    print(f"  validate / numpy {ratio:6.2f}x   (goal: within 3x)")
    print(f"  import negsim    {'ok' if best['import negsim'] < 0.3 else 'over'} "
          f"(goal: under 0.3 s)")


if __name__ == "__main__":
    main()
