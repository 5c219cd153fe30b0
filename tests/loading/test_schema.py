"""The JSON Schema: shipped, printed by ``negsim schema``, and agreeing with the loader."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import negsim
from negsim.cli import main
from negsim.loading.json_schema import json_schema

jsonschema = pytest.importorskip("jsonschema")

SHIPPED = Path(negsim.__file__).parent / "scenario.schema.json"

VALID = '''
[scenario]
name = "toy"
date = "2025-08-05"

[analysis]
seed = 3

[[issues]]
id = "air"
options = ["continue", "halt_energy", "halt_all"]
ordered = true
status_quo = "continue"

[[issues]]
id = "days"
low = 0
high = 90
steps = 4

[actors.Russia]
power = 2
[[actors.Russia.demands]]
issue = "air"
want = "continue"
weight = 3
[[actors.Russia.demands]]
issue = "days"
scores = { 0 = 1.0, 30 = 0.5 }
when = { air = ["halt_all", "halt_energy"] }
hard = true

[actors.Ukraine]
[[actors.Ukraine.demands]]
issue = "air"
avoid = "continue"

[[levers]]
id = "tariffs"
by = "Ukraine"
effects = { Russia = -0.2 }
credibility = 0.5

[[proposals]]
id = "truce"
terms = { air = "halt_all", days = 30 }

[[observations]]
actor = "Ukraine"
proposal = "truce"
response = "accept"
'''

BROKEN = {
    "unknown key": ('weight = 3\n', 'wieght = 3\n'),
    "wrong type": ('power = 2\n', 'power = "high"\n'),
    "want and avoid": ('avoid = "continue"\n', 'avoid = "continue"\nwant = "halt_all"\n'),
    "no want, avoid or scores": ('avoid = "continue"\n', ''),
    "weight zero": ('weight = 3\n', 'weight = 0\n'),
    "patience one": ('power = 2\n', 'power = 2\npatience = 1.0\n'),
    "credibility above one": ('credibility = 0.5\n', 'credibility = 1.5\n'),
    "score above one": ('30 = 0.5', '30 = 1.5'),
    "options and a range": ('steps = 4\n', 'steps = 4\noptions = [0, 90]\n'),
    "options without status quo": ('ordered = true\nstatus_quo = "continue"\n', 'ordered = true\n'),
    "unknown response": ('response = "accept"', 'response = "maybe"'),
    "negative seed": ('seed = 3', 'seed = -1'),
    "trigger not no_deal": ('credibility = 0.5\n', 'credibility = 0.5\ntrigger = "deal"\n'),
    "single-bracket array": ('[[proposals]]\nid = "truce"\nterms = { air = "halt_all", days = 30 }\n',
                             '[proposals]\nid = "truce"\n'),
}


def _validator():
    return jsonschema.Draft202012Validator(json_schema())


def test_the_shipped_schema_file_is_the_generated_schema():
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == json_schema(), \
        "regenerate it: python -m negsim schema -o negsim/scenario.schema.json"


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_a_valid_scenario_passes_the_schema_and_the_loader(tmp_path):
    assert list(_validator().iter_errors(tomllib.loads(VALID))) == []
    path = tmp_path / "ok.toml"
    path.write_text(VALID, encoding="utf-8")
    assert negsim.load_scenario(path).name == "toy"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_scenario_fails_the_schema_and_the_loader(case, tmp_path):
    old, new = BROKEN[case]
    assert old in VALID
    text = VALID.replace(old, new, 1)
    assert list(_validator().iter_errors(tomllib.loads(text))), f"schema accepts: {case}"
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(negsim.ScenarioError):
        negsim.load_scenario(path)


def test_a_numeric_range_may_name_its_status_quo():
    text = VALID.replace("steps = 4\n", "steps = 4\nstatus_quo = 30\n")
    assert list(_validator().iter_errors(tomllib.loads(text))) == []


def test_negsim_schema_prints_the_schema(capsys, tmp_path):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == json_schema()
