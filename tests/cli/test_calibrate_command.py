"""The ``negsim calibrate`` command: writes a calibrated file that reproduces the record, or names
the conflict and writes nothing."""

from __future__ import annotations

import negsim
from negsim.cli import main


CAL = '''
[scenario]
name = "cal"
[[issues]]
id = "i0"
options = ["sq", "mid", "far"]
ordered = true
status_quo = "sq"
[[issues]]
id = "i1"
options = ["sq", "mid", "far"]
ordered = true
status_quo = "sq"
[actors."A side"]
[[actors."A side".demands]]
issue = "i0"
want = "far"
[[actors."A side".demands]]
issue = "i1"
want = "sq"
[[proposals]]
id = "p"
terms = { i0 = "mid", i1 = "far" }
[[proposals]]
id = "q"
terms = { i0 = "far", i1 = "far" }
[[observations]]
actor = "A side"
proposal = "p"
response = "RESPONSE_P"
[[observations]]
actor = "A side"
proposal = "q"
response = "reject"
'''


def test_calibrate_writes_a_file_that_loads_and_reproduces_the_record(tmp_path, capsys):
    src = tmp_path / "cal.toml"
    src.write_text(CAL.replace("RESPONSE_P", "reject"), encoding="utf-8")
    out = tmp_path / "out" / "calibrated.toml"
    assert main(["calibrate", str(src), "-o", str(out), "--json", str(tmp_path / "c.json")]) == 0
    printed = capsys.readouterr().out
    assert "every must-match observation reproduced" in printed and f"wrote {out}" in printed
    calibrated = negsim.load_scenario(out)
    report = negsim.backtest(out)
    assert report.ok and report.scenarios[0].matches == 2
    assert negsim.Calibration.from_json((tmp_path / "c.json").read_text()).feasible
    assert "# calibrated (was 1)" in out.read_text()
    assert calibrated.actor("A side").demands[0].weight < 1  # reject both: i0 matters less


def test_calibrate_names_the_conflict_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "cal.toml"
    src.write_text(CAL.replace("RESPONSE_P", "accept"), encoding="utf-8")
    out = tmp_path / "calibrated.toml"
    assert main(["calibrate", str(src), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "No weights reproduce the record" in printed
    assert "observations[0]: A side accepts p" in printed
    assert "observations[1]: A side rejects q" in printed
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_calibrate_bad_input_is_a_clean_error_and_no_file(tmp_path, capsys):
    src = tmp_path / "cal.toml"
    src.write_text(CAL.replace("RESPONSE_P", "perhaps"), encoding="utf-8")
    out = tmp_path / "calibrated.toml"
    assert main(["calibrate", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "observations[0].response" in err
    assert "Traceback" not in err and not out.exists()
    src.write_text(CAL.replace("RESPONSE_P", "reject"), encoding="utf-8")
    assert main(["calibrate", str(src), "-o", str(out), "--min-share", "0.9"]) == 1
    assert "min_share" in capsys.readouterr().err and not out.exists()
