"""negsim games --solver gambit: a clear message without pygambit; Gambit's answers with it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from negsim.bridges.gambit_solver import GambitSolution, gambit_lines
from negsim.cli import main

SCENARIO = Path(__file__).parents[2] / "scenarios" / "air_truce_secondary_tariffs.toml"


def test_without_pygambit_one_clear_line_and_exit_1(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygambit", None)
    assert main(["games", str(SCENARIO), "--solver", "gambit"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.strip() == ('error: --solver gambit needs pygambit: pip install '
                               '"negsim[gambit]" (pygambit builds from source where no wheel '
                               'exists; see https://gambitproject.readthedocs.io)')


def test_lines_name_method_payoffs_and_support():
    s = GambitSolution("matching_pennies", "enummixed", ("A", "B"), ((0.0, 0.0),),
                       ((("A", "h", 0.5), ("A", "t", 0.5), ("B", "h", 0.5), ("B", "t", 0.5)),))
    assert gambit_lines(s) == ["Gambit (enummixed) on matching_pennies: 1 equilibrium",
                               "  1. A=0, B=0; A: h 0.5, t 0.5; B: h 0.5, t 0.5"]


def test_with_pygambit_reports_beside_negsim(capsys):
    pytest.importorskip("pygambit", reason="pygambit is optional (negsim[gambit]) and has no "
                        "wheel for this platform")
    assert main(["games", str(SCENARIO), "--solver", "gambit"]) == 0
    out = capsys.readouterr().out
    assert "Games of" in out and "Gambit (" in out
