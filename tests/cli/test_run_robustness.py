"""``negsim run --robustness``: the section in the text and the JSON, same bytes twice."""

from __future__ import annotations

import json
from pathlib import Path

from negsim.cli import main

TOY = """
[scenario]
name = "toy"
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"
[actors.A]
[[actors.A.demands]]
issue = "war"
want = "truce"
weight = 1
[[levers]]
id = "aid"
by = "A"
effects = { A = 1.2 }   # judgement: a guess
[[proposals]]
id = "truce"
terms = { war = "truce" }
"""


def test_run_robustness_text_and_json(tmp_path: Path, capsys) -> None:
    f = tmp_path / "toy.toml"
    f.write_text(TOY)
    out = tmp_path / "a.json"
    assert main(["run", str(f), "--robustness", "--draws", "60", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Robustness (60 draws" in text and "# judgement numbers drawn uniformly within ±30%" in text
    data = json.loads(out.read_text())
    claim = next(c for c in data["robustness"]["claims"] if c["key"] == "verdict:truce:A")
    # e ~ U(0.84, 1.56); the point e = 1.2 > 1: A rejects, which holds when e > 1: 56/72 of the range
    assert claim["text"] == "A rejects truce" and 0.55 < claim["holds"] < 0.95
    first = out.read_bytes()
    assert main(["run", str(f), "--robustness", "--draws", "60", "--json", str(out)]) == 0
    assert out.read_bytes() == first


def test_run_without_default_spread(tmp_path: Path, capsys) -> None:
    f = tmp_path / "toy.toml"
    f.write_text(TOY)
    assert main(["run", str(f), "--robustness", "--draws", "5", "--no-default-spread"]) == 0
    text = capsys.readouterr().out
    assert "default spread is off" in text and "nothing is drawn" in text
