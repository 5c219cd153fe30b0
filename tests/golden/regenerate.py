"""Rewrite the golden files from the current code (run from the repository root).

Loads with an empty sources index, as tests/test_golden.py does (citations = raw sources).
"""

from pathlib import Path

import negsim
from negsim.loading.sources import EMPTY_INDEX

ROOT = Path(__file__).resolve().parents[2]
for path in sorted((ROOT / "scenarios").glob("*.toml")):
    analysis = negsim.analyze(negsim.load_scenario(path.relative_to(ROOT), sources=EMPTY_INDEX))
    (ROOT / "tests/golden" / f"{path.stem}.json").write_text(analysis.to_json() + "\n")
    (ROOT / "tests/golden" / f"{path.stem}.txt").write_text(str(analysis))
    print("wrote", path.stem)
