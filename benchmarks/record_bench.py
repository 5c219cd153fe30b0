"""Time the back-test of scenarios/ and the calibration of each top-level scenario.

    PYTHONPATH=. python3 benchmarks/record_bench.py [FOLDER]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import negsim


def main(folder: str = "scenarios") -> None:
    t = time.perf_counter()
    report = negsim.backtest(folder)
    print(f"backtest {folder}/: {len(report.scenarios)} files, "
          f"{(time.perf_counter() - t) * 1000:.0f} ms, ok={report.ok}")
    for path in sorted(Path(folder).glob("*.toml")):
        s = negsim.load_scenario(path)
        t = time.perf_counter()
        fit = negsim.calibrate(s)
        n = sum(p.calibrated for p in fit.parameters)
        print(f"calibrate {path.name}: {(time.perf_counter() - t) * 1000:.0f} ms, "
              f"{n} weights fitted, margin {fit.margin:.3f}, reproduces={fit.reproduces}")


if __name__ == "__main__":
    main(*sys.argv[1:])
