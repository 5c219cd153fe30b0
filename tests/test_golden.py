"""Golden test: the JSON and the text summary of every shipped scenario, byte for byte.

The files in tests/golden/ were written by ``negsim run SCENARIO --json FILE`` before the
redesign moved the modules; an intended change of output regenerates them with
``python tests/golden/regenerate.py`` and says so in its commit.

The scenarios load with an empty sources index (``EMPTY_INDEX``): each ``citation`` is then the
raw ``source``, so the bytes are the same whether or not a ``shared/sources`` folder sits beside
the checkout.  Resolving citations through a real index is tested in tests/loading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import negsim
from negsim.loading.sources import EMPTY_INDEX

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_output_is_unchanged(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the JSON records the scenario path as given
    analysis = negsim.analyze(negsim.load_scenario(path.relative_to(ROOT), sources=EMPTY_INDEX))
    assert analysis.to_json() + "\n" == (GOLDEN / f"{path.stem}.json").read_text()
    assert str(analysis) == (GOLDEN / f"{path.stem}.txt").read_text()
