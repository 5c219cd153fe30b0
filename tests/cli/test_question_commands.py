"""The analyst's commands: compare, timeline, concede, ensemble, simulate.

Bad input: one located line on stderr, exit 1, nothing written.  Same inputs and seed: same bytes.
"""

from __future__ import annotations

import json

import pytest

import negsim
from negsim.cli import main

AUG = "scenarios/air_truce_secondary_tariffs.toml"
MAY = "scenarios/victory_day_truce.toml"


def _one_line_error(capsys, *words):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    for w in words:
        assert w in err[0]


@pytest.mark.parametrize("argv, words", [
    (["compare", AUG], ["--without-lever"]),
    (["compare", AUG, MAY, "--without-lever", "secondary_tariffs"], ["not both"]),
    (["compare", AUG, "--without-lever", "tarifs"], ["unknown lever", "levers"]),
    (["compare", AUG, "missing.toml"], ["missing.toml"]),
    (["timeline", AUG, "missing.toml"], ["missing.toml"]),
    (["concede", AUG, "air_truse"], ["unknown proposal", "air_truce"]),
    (["concede", AUG, "air_truce", "--for", "Ukrane"], ["unknown actor", "Ukraine"]),
    (["concede", AUG, "air_truce", "--max-changes", "0"], ["--max-changes"]),
    (["ensemble", AUG, "--draws", "0"], ["--draws"]),
    (["ensemble", AUG, "--workers", "0"], ["--workers"]),
    (["simulate", AUG, "--draws", "-3"], ["--draws"]),
    (["simulate", AUG, "--rounds", "0"], ["--rounds"]),
])
def test_bad_input_is_one_line_exit_1_and_nothing_written(tmp_path, capsys, argv, words):
    out = tmp_path / "out.json"
    assert main([*argv, "--json", str(out)]) == 1
    _one_line_error(capsys, *words)
    assert not out.exists()


def test_timeline_without_a_date_is_located(tmp_path, capsys):
    f = tmp_path / "undated.toml"
    f.write_text('[scenario]\nname = "u"\n[[issues]]\nid = "war"\noptions = ["fight", "truce"]\n'
                 'status_quo = "fight"\n[actors.A]\n[[actors.A.demands]]\nissue = "war"\n'
                 'want = "truce"\n')
    out = tmp_path / "t.json"
    assert main(["timeline", str(f), "--json", str(out)]) == 1
    _one_line_error(capsys, "scenario.date")
    assert not out.exists()


@pytest.mark.parametrize("argv", [
    ["ensemble", AUG, "--draws", "200", "--seed", "3"],
    ["simulate", AUG, "--draws", "30", "--seed", "3"],
    ["concede", AUG, "air_truce", "--for", "Ukraine"],
    ["compare", AUG, "--without-lever", "secondary_tariffs"],
    ["timeline", MAY, AUG],
])
def test_same_inputs_and_seed_same_bytes(tmp_path, capsys, argv):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main([*argv, "--json", str(a)]) == 0
    text_a = capsys.readouterr().out.replace(str(a), "F")
    assert main([*argv, "--json", str(b)]) == 0
    text_b = capsys.readouterr().out.replace(str(b), "F")
    assert a.read_bytes() == b.read_bytes()
    assert text_a == text_b


def test_ensemble_command_prints_the_library_numbers(tmp_path, capsys):
    out = tmp_path / "e.json"
    assert main(["ensemble", AUG, "--draws", "200", "--seed", "5", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    r = negsim.ensemble(negsim.load_scenario(AUG), draws=200, seed=5)
    assert json.loads(out.read_text()) == json.loads(r.to_json())
    p = r.proposal("air_truce")
    assert f"{p.accept['Russia']:8.1%}" in text
    assert f"P(some deal acceptable to all) = {r.acceptable_nonempty:.1%}" in text
    top = r.solution("nash").outcomes[0]
    assert f"{top.probability:6.1%}  #{top.index}" in text


def test_workers_do_not_change_the_numbers(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["ensemble", AUG, "--draws", "100", "--seed", "2", "--json", str(a)]) == 0
    assert main(["ensemble", AUG, "--draws", "100", "--seed", "2", "--workers", "2",
                 "--json", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_simulate_command_matches_simulate_many(tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["simulate", AUG, "--draws", "20", "--seed", "4", "--json", str(out)]) == 0
    r = negsim.simulate_many(negsim.load_scenario(AUG), runs=20, seed=4)
    assert json.loads(out.read_text()) == json.loads(r.to_json())


def test_compare_without_lever_answers_the_tariff_question(capsys):
    assert main(["compare", AUG, "--without-lever", "secondary_tariffs"]) == 0
    text = capsys.readouterr().out
    assert "acceptable deals: 4 -> 0" in text
    assert "Russia accepts (+0.035) -> rejects (-0.070)" in text


def test_run_reports_ensemble_probabilities_for_uncertain_scenarios(capsys):
    assert main(["run", AUG, "--draws", "300", "--seed", "7"]) == 0
    text = capsys.readouterr().out
    r = negsim.ensemble(negsim.load_scenario(AUG), draws=300, seed=7, solutions=("nash",))
    assert "Under uncertainty (300 draws of 6 uncertain parameters, seed 7" in text
    p = r.proposal("air_truce")
    row = next(line for line in text.splitlines() if line.startswith("air_truce "))
    assert f"{p.accept['Russia']:8.1%}" in row and row.endswith(f"{p.all_accept:8.1%}")
    assert f"P(some deal acceptable to all) = {r.acceptable_nonempty:.1%}" in text


def test_run_skips_the_draws_when_asked_or_when_nothing_is_uncertain(capsys):
    assert main(["run", AUG, "--draws", "0"]) == 0
    assert "Under uncertainty" not in capsys.readouterr().out
    assert main(["run", MAY]) == 0
    assert "Under uncertainty" not in capsys.readouterr().out
    assert main(["run", AUG, "--draws", "-1"]) == 1
    _one_line_error(capsys, "--draws")
