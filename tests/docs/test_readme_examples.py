"""Every Python example in the README runs as pasted, from a folder that holds the scenarios."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("code", BLOCKS, ids=[b.strip().splitlines()[-1][:40] for b in BLOCKS])
def test_readme_python_example_runs(code, tmp_path):
    (tmp_path / "scenarios").symlink_to(REPO / "scenarios")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_tipping_point_the_readme_quotes_is_what_negsim_finds():
    import negsim

    scenario = negsim.load_scenario(REPO / "scenarios" / "air_truce_secondary_tariffs.toml")
    t = negsim.tipping_point(scenario, "levers.secondary_tariffs.effects.Russia",
                             "margin:air_truce:Russia", low=-3, high=0)
    assert t.message in (REPO / "README.md").read_text(encoding="utf-8").replace("\n#     ", " ")
