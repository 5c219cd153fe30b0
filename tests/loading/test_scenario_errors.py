"""Bad scenario files get one clear error naming the file, the key, what was expected and found."""

import textwrap
from pathlib import Path

import pytest

import negsim
from negsim.cli import main

GOOD = """
[scenario]
name = "toy"

[[issues]]
id = "ground_war"
options = ["continue", "ceasefire"]
status_quo = "continue"

[[issues]]
id = "air_strikes"
options = ["continue", "halt_energy", "halt_all"]
ordered = true
status_quo = "continue"

[actors.Russia]
[[actors.Russia.demands]]
issue = "ground_war"
want = "continue"
hard = true

[[actors.Russia.demands]]
issue = "air_strikes"
want = "continue"
weight = 2

[actors.Ukraine]
[[actors.Ukraine.demands]]
issue = "ground_war"
want = "ceasefire"

[[levers]]
id = "tariffs"
by = "Russia"
credibility = 0.5
effects = { Russia = -0.1 }

[[proposals]]
id = "air_truce"
terms = { air_strikes = "halt_all" }
"""


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path) -> negsim.ScenarioError:
    with pytest.raises(negsim.ScenarioError) as info:
        negsim.load_scenario(path)
    return info.value


def test_the_good_file_loads(tmp_path):
    s = negsim.load_scenario(write(tmp_path, GOOD))
    assert s.actor("Russia").demands[1].weight == 2


def test_unknown_key_is_named_with_a_suggestion(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("weight = 2", "wieght = 2")))
    assert err.key == "actors.Russia.demands[1].wieght"
    assert "did you mean 'weight'" in str(err)
    assert str(tmp_path / "s.toml") in str(err)


def test_unknown_issue_in_a_demand(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace('issue = "air_strikes"', 'issue = "air_strike"')))
    assert err.key == "actors.Russia.demands[1].issue"
    assert "did you mean 'air_strikes'" in str(err)


def test_unknown_option(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace('want = "ceasefire"', 'want = "cease_fire"')))
    assert err.key == "actors.Ukraine.demands[0].want"
    assert "'ceasefire'" in str(err) and "cease_fire" in str(err)


def test_unknown_actor_in_lever_effects(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("effects = { Russia", "effects = { Rusia")))
    assert err.key == "levers[0].effects.Rusia"
    assert "did you mean 'Russia'" in str(err)


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf"])
def test_weight_must_be_a_positive_finite_number(tmp_path, value):
    err = error_of(write(tmp_path, GOOD.replace("weight = 2", f"weight = {value}")))
    assert err.key == "actors.Russia.demands[1].weight"
    assert "expected" in str(err) and value in str(err)


def test_credibility_outside_unit_interval(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("credibility = 0.5", "credibility = 1.5")))
    assert err.key == "levers[0].credibility"
    assert err.expected == "a number in [0, 1]" and err.found == "1.5"


def test_status_quo_not_among_options(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace('status_quo = "continue"\n\n[[issues]]',
                                                'status_quo = "war"\n\n[[issues]]')))
    assert err.key == "issues[0].status_quo"
    assert "war" in str(err)


def test_toml_syntax_error_gives_the_line(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace('id = "tariffs"', 'id = "tariffs')))
    assert "TOML syntax error" in str(err) and "line" in str(err)


def test_wrong_type_is_reported(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("hard = true", 'hard = "yes"')))
    assert err.key == "actors.Russia.demands[0].hard"
    assert err.expected == "true or false"


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path, '[scenario]\nextends = ["b.toml"]\n', "a.toml")
    write(tmp_path, '[scenario]\nextends = ["a.toml"]\n', "b.toml")
    err = error_of(tmp_path / "a.toml")
    assert "cycle" in str(err) and err.key == "scenario.extends[0]"


def test_missing_extended_file(tmp_path):
    err = error_of(write(tmp_path, '[scenario]\nname = "x"\nextends = ["nope.toml"]\n'))
    assert err.key == "scenario.extends[0]" and "nope.toml" in str(err)


def test_an_error_in_an_extended_file_names_that_file(tmp_path):
    (tmp_path / "base").mkdir()
    write(tmp_path, GOOD.replace('want = "ceasefire"', 'want = "peace"'), "base/conflict.toml")
    top = write(tmp_path, """
        [scenario]
        name = "top"
        extends = ["base/conflict.toml"]

        [[actors.Ukraine.demands]]
        issue = "air_strikes"
        want = "halt_all"
        """)
    err = error_of(top)
    assert err.file == str(tmp_path / "base" / "conflict.toml")
    assert err.key == "actors.Ukraine.demands[0].want"


def test_extends_merges_by_id_and_appends_demands(tmp_path):
    (tmp_path / "base").mkdir()
    write(tmp_path, GOOD, "base/conflict.toml")
    top = write(tmp_path, """
        [scenario]
        name = "top"
        extends = ["base/conflict.toml"]

        [actors.Ukraine]
        power = 2

        [[actors.Ukraine.demands]]
        issue = "air_strikes"
        want = "halt_all"

        [[levers]]
        id = "tariffs"
        credibility = 0.9
        """)
    s = negsim.load_scenario(top)
    assert s.name == "top"
    assert [d.issue for d in s.actor("Ukraine").demands] == ["ground_war", "air_strikes"]
    assert s.actor("Ukraine").power == 2.0
    assert s.levers[0].credibility == 0.9 and dict(s.levers[0].effects) == {"Russia": -0.1}


def test_proposal_forbidden_by_a_constraint_is_an_error(tmp_path):
    text = GOOD + '\n[[constraints]]\nforbid = { air_strikes = "halt_all", ground_war = "continue" }\n'
    err = error_of(write(tmp_path, text))
    assert err.key == "proposals[0].terms"


def test_cli_validate_prints_ok_or_the_error_without_traceback(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.toml")
    assert main(["validate", str(good)]) == 0
    assert "ok" in capsys.readouterr().out
    bad = write(tmp_path, GOOD.replace("weight = 2", "weight = -2"), "bad.toml")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "actors.Russia.demands[1].weight" in err
    assert "Traceback" not in err


def test_cli_run_on_bad_input_writes_no_output_files(tmp_path, capsys):
    bad = write(tmp_path, GOOD.replace("credibility = 0.5", "credibility = -1"), "bad.toml")
    out_json = tmp_path / "out" / "a.json"
    plots = tmp_path / "plots"
    assert main(["run", str(bad), "--json", str(out_json), "--plots", str(plots)]) == 1
    assert not out_json.exists() and not plots.exists()


def test_cli_run_writes_json_that_loads_back(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.toml")
    out_json = tmp_path / "a.json"
    assert main(["run", str(good), "--json", str(out_json)]) == 0
    a = negsim.Analysis.from_json(out_json.read_text())
    assert a.scenario == "toy"
    assert "Proposals" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*.tmp"))


def test_nothing_in_a_scenario_file_is_evaluated_as_code(tmp_path):
    s = negsim.load_scenario(write(tmp_path, GOOD.replace('name = "toy"',
                                                          'name = "__import__(\'os\').system(\'x\')"')))
    assert s.name.startswith("__import__")


def test_a_lever_without_by_in_any_file_is_reported(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace('by = "Russia"\n', '')))
    assert err.key == "levers[0].by" and "missing" in str(err)
