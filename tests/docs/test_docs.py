"""The examples in the README's "Writing a scenario" guide load, back-test and calibrate as the text says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import negsim
from negsim.cli import main

DOC = Path(__file__).resolve().parents[2] / "README.md"
SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"


def _blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_every_toml_block_in_the_guide_is_valid_toml():
    for block in _blocks():
        tomllib.loads(block)


def test_the_complete_example_loads_backtests_and_calibrates(tmp_path, capsys):
    (full,) = [b for b in _blocks() if b.startswith("[scenario]") and "[[observations]]" in b]
    path = tmp_path / "air_truce.toml"
    path.write_text(full, encoding="utf-8")
    s = negsim.load_scenario(path)
    assert s.actor("Russia").demands[0].hard
    assert main(["backtest", str(path)]) == 0
    out = tmp_path / "calibrated.toml"
    assert main(["calibrate", str(path), "-o", str(out)]) == 0
    assert negsim.backtest(out).ok
    assert "weight = 2.97  # calibrated (was 1); the record allows 0.03 to 2.97" in out.read_text()


def test_the_quote_in_the_guide_is_verbatim_in_its_source():
    quote = "President Vladimir Putin won’t agree to a general ceasefire in Ukraine"
    assert quote in DOC.read_text(encoding="utf-8")
    source = SOURCES / "001_e3ab6bf0f2059d12.txt"
    if source.exists():
        assert quote in source.read_text(encoding="utf-8")
