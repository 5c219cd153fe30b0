"""``# judgement`` marks found in the raw lines, recorded as Scenario.judged."""

from __future__ import annotations

from pathlib import Path

import pytest

import negsim
from negsim.loading.judged import judged_keys

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.toml"))


def test_inline_and_following_comments(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text('[scenario]\nname = "b"\n[[issues]]\nid = "war"\noptions = ["a", "b"]\n'
                    'status_quo = "a"\n[actors.A]\npower = 2   # judgement: a guess\n'
                    'patience = 0.9\nsummary_like = """x\n# judgement: not a comment\n"""\n'
                    '[[actors.A.demands]]\nissue = "war"\nwant = "b"\nweight = 3\n'
                    '# judgement: the weight is a guess\n'
                    '[[actors.A.demands]]\nissue = "war"\nwant = "a"\nweight = 1\n'
                    '[[levers]]\nid = "x"\nby = "A"\neffects = { A = -0.1 }\n'
                    '# judgement: effects. Not reported.\n')
    keys = judged_keys(base)
    assert keys["actors.A"] == {"power"}
    assert "weight" in keys["actors.A.demands[0]"] and "actors.A.demands[1]" not in keys
    assert "effects" in keys["levers[0]"]
    top = tmp_path / "top.toml"
    top.write_text('[scenario]\nname = "t"\nextends = ["base.toml"]\n[[actors.A.demands]]\n'
                   'issue = "war"\nwant = "b"\nweight = 2   # judgement\n')
    base.write_text(base.read_text().replace('summary_like = """x\n# judgement: not a comment\n"""\n', ""))
    s = negsim.load_scenario(top)
    assert set(s.judged) == {"actors.A.power", "actors.A.demands[0].weight",
                             "actors.A.demands[2].weight", "levers.x.effects.A"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_number_is_judged_or_uncertain(path: Path) -> None:
    """The sources give no weights, powers, patiences, credibilities or effects: each one is
    marked # judgement or given as a distribution."""
    s = negsim.load_scenario(path)
    paths = [f"actors.{a.name}.demands[{k}].weight" for a in s.actors for k in range(len(a.demands))]
    paths += [f"actors.{a.name}.{x}" for a in s.actors for x in ("power", "patience")]
    paths += [f"levers.{lv.id}.credibility" for lv in s.levers]
    paths += [f"levers.{lv.id}.effects.{a}" for lv in s.levers for a, _ in lv.effects]
    marked = set(s.judged) | {p.path for p in s.uncertain}
    assert [p for p in paths if p not in marked] == []
