"""scenario_to_toml keeps everything: write, load, compare the scenario objects field by field
(shipped scenarios, every test scenario file, and what ``calibrate -o`` writes)."""

from __future__ import annotations

import dataclasses
import glob
from pathlib import Path

import pytest

import negsim
from negsim.cli import main
from negsim.errors import NegsimError, ScenarioError
from negsim.loading.write import scenario_to_toml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(glob.glob(str(ROOT / "scenarios" / "*.toml"))
               + glob.glob(str(ROOT / "tests" / "**" / "*.toml"), recursive=True))


def _loadable(path):
    try:
        return negsim.load_scenario(path)
    except NegsimError:
        return None  # deliberately broken fixtures


def _fields_differ(a, b):
    return [f.name for f in dataclasses.fields(a)
            if f.name != "path" and getattr(a, f.name) != getattr(b, f.name)]


@pytest.mark.parametrize("path", FILES, ids=[Path(f).name for f in FILES])
def test_written_file_loads_to_the_same_scenario(tmp_path, path):
    s = _loadable(path)
    if s is None:
        pytest.skip("not a valid scenario (a fixture of an error test)")
    out = tmp_path / "written.toml"
    out.write_text(scenario_to_toml(s), encoding="utf-8")
    assert _fields_differ(s, negsim.load_scenario(out)) == []


def test_the_shipped_scenarios_exercise_every_part():
    parts = {"uncertain", "structural", "judged", "questions", "games", "truces"}
    seen = {k for f in glob.glob(str(ROOT / "scenarios" / "*.toml"))
            for k in parts if getattr(negsim.load_scenario(f), k)}
    assert seen == parts


CAL_EXTRA = '''
[[levers]]
id = "aid"
by = "A side"
credibility = { dist = "beta", a = 7, b = 3, value = 0.7 }
effects = { "A side" = { dist = "uniform", low = -0.2, high = 0, value = -0.1 } }
trigger_alternatives = [{ trigger = { i0 = "far" }, p = 0.7, label = "far" },
                        { trigger = "no_deal", p = 0.3, label = "none" }]
[[questions]]
kind = "tipping_point"
parameter = "levers.aid.effects.A side"
target = "margin:p:A side"
[[games]]
id = "pd"
players = ["A side", "B"]
payoffs = { "A side" = [[2, 0], [3, 1]], B = [[2, 3], [0, 1]] }
[[truces]]
proposal = "q"
detection = 0.8
[war]
actors = ["A side", "B"]
p = 0.4
costs = { "A side" = 0.1, B = 0.3 }
[actors.B]
demands = [{ issue = "i1", want = "far", hard = 0.6 }]
'''


def test_calibrate_output_keeps_games_truces_questions_distributions_and_alternatives(tmp_path):
    from tests.cli.test_calibrate_command import CAL

    # a control character in the input path goes into the header comment, escaped
    src = tmp_path / "in\x01put\x1b.toml"
    src.write_text(CAL.replace("RESPONSE_P", "reject") + CAL_EXTRA, encoding="utf-8")
    before = negsim.load_scenario(src)
    assert before.games and before.truces and before.questions and before.uncertain \
        and before.structural and before.war is not None
    out = tmp_path / "calibrated.toml"
    assert main(["calibrate", str(src), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "in\\x01put\\x1b.toml" in text.splitlines()[0]
    after = negsim.load_scenario(out)
    changed = _fields_differ(before, after)
    assert changed == ["actors"]  # the fitted weights, nothing else
    assert [a.name for a in after.actors] == [a.name for a in before.actors]


def test_a_partly_judged_effects_line_is_refused_not_blurred():
    # one "# judgement" comment on an effects line marks every plain effect in it
    s = negsim.Scenario("j", issues=(negsim.Issue("x", ("a", "b"), "a"),),
                        actors=(negsim.Actor("A", (negsim.Demand("x", want="b"),)),
                                negsim.Actor("B", (negsim.Demand("x", want="a"),))),
                        levers=(negsim.Lever("l", "A", (("A", -0.1), ("B", -0.2))),))
    whole = dataclasses.replace(s, judged=("levers.l.effects.A", "levers.l.effects.B"))
    assert "effects = { A = -0.1, B = -0.2 }  # judgement" in scenario_to_toml(whole)
    half = dataclasses.replace(s, judged=("levers.l.effects.A",))
    with pytest.raises(ScenarioError, match=r"^levers\.l\.effects: a judgement mark on some"):
        scenario_to_toml(half)
