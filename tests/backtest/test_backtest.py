"""Back-testing scenario folders: tallies, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import negsim
from negsim.cli import main

REPO = Path(__file__).resolve().parents[2]

BASE = '''
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"

[actors.A]
[[actors.A.demands]]
issue = "war"
want = "truce"

[[proposals]]
id = "truce"
terms = { war = "truce" }
'''


def _scenario(folder: Path, name: str, response: str, must_match: bool = True,
              extends: str | None = None) -> Path:
    path = folder / f"{name}.toml"
    head = f'[scenario]\nname = "{name}"\n'
    if extends:
        head += f'extends = ["{extends}"]\n'
    body = "" if extends else BASE
    path.write_text(head + body + f'\n[[observations]]\nactor = "A"\nproposal = "truce"\n'
                    f'response = "{response}"\nmust_match = {str(must_match).lower()}\n',
                    encoding="utf-8")
    return path


def test_a_scenario_that_reproduces_its_record_passes(tmp_path):
    _scenario(tmp_path, "good", "accept")
    report = negsim.backtest(tmp_path)
    (row,) = report.scenarios
    assert report.ok and row.status == "pass"
    assert (row.observations, row.matches, row.misses) == (1, 1, 0)
    assert main(["backtest", str(tmp_path)]) == 0


def test_a_must_match_miss_fails_with_exit_status_one(tmp_path, capsys):
    _scenario(tmp_path, "good", "accept")
    _scenario(tmp_path, "bad", "reject")
    report = negsim.backtest(tmp_path)
    assert not report.ok
    assert [s.status for s in report.scenarios] == ["fail", "pass"]  # sorted by path
    assert main(["backtest", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "miss:" in out and "A rejects truce; model predicts accept (margin +1.000)" in out
    assert "1 of 2 scenario(s) reproduce every must-match observation" in out


def test_a_tolerated_miss_is_listed_but_passes(tmp_path, capsys):
    _scenario(tmp_path, "soft", "reject", must_match=False)
    report = negsim.backtest(tmp_path)
    (row,) = report.scenarios
    assert row.status == "pass" and row.misses == 1 and row.must_match_misses == 0
    assert main(["backtest", str(tmp_path)]) == 0
    assert "tolerated" in capsys.readouterr().out


def test_fragments_without_observations_are_skipped_and_listed(tmp_path, capsys):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "conflict.toml").write_text(BASE, encoding="utf-8")
    _scenario(tmp_path, "child", "accept", extends="base/conflict.toml")
    report = negsim.backtest(tmp_path)
    assert {Path(s.path).name: s.status for s in report.scenarios} == \
        {"conflict.toml": "skipped", "child.toml": "pass"}
    assert main(["backtest", str(tmp_path)]) == 0
    assert "skipped 1 file(s) that record no observations" in capsys.readouterr().out


def test_a_file_that_does_not_load_is_an_error_not_a_traceback(tmp_path, capsys):
    _scenario(tmp_path, "good", "accept")
    (tmp_path / "broken.toml").write_text(BASE.replace('want = "truce"', 'want = "peace"')
                                          + '\n[scenario]\nname = "x"\n[[observations]]\n'
                                          'actor = "A"\nproposal = "truce"\nresponse = "accept"\n')
    (tmp_path / "syntax.toml").write_text("[scenario\n")
    report = negsim.backtest(tmp_path)
    statuses = {Path(s.path).name: s for s in report.scenarios}
    assert statuses["broken.toml"].status == "error"
    assert "'peace' is not an option" in statuses["broken.toml"].message
    assert statuses["syntax.toml"].status == "error" and "TOML syntax" in statuses["syntax.toml"].message
    assert main(["backtest", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "error: " in captured.out


def test_a_missing_path_is_a_clean_error(tmp_path, capsys):
    assert main(["backtest", str(tmp_path / "nowhere")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_the_json_report_round_trips(tmp_path):
    _scenario(tmp_path, "bad", "reject")
    out = tmp_path / "out" / "report.json"
    assert main(["backtest", str(tmp_path / "bad.toml"), "--json", str(out)]) == 1
    report = negsim.BacktestReport.from_dict(json.loads(out.read_text()))
    assert report == negsim.backtest(tmp_path / "bad.toml")
    assert report.scenarios[0].checks[0].predicted == "accept"


def test_run_reads_as_a_back_test(tmp_path, capsys):
    path = _scenario(tmp_path, "bad", "reject")
    assert main(["run", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Observations: the model reproduces 0 of 1" in out
    assert "MISS  A rejects truce; model: accept (margin +1.00)" in out


def test_every_shipped_scenario_reproduces_its_must_match_observations():
    folder = REPO / "scenarios"
    if not folder.is_dir():
        pytest.skip("no scenarios/ folder in this checkout (the scenario library lands separately)")
    files = sorted(folder.glob("*.toml"))
    if not files:
        pytest.skip("scenarios/ holds no top-level scenario files")
    report = negsim.backtest(files)
    tested = report.tested
    assert tested, "no shipped scenario records observations"
    problems = [s.message or [f"{c.actor} {c.response}s {c.proposal} (model: {c.predicted}, "
                              f"margin {c.margin:+.3f})" for c in s.checks
                              if c.must_match and not c.match]
                for s in tested if s.status != "pass"]
    assert report.ok, problems
