"""``validate`` runs every check that needs no analysis: each bad value that used to pass
validate and fail in run (with no file named) is one located line and exit 1."""

from __future__ import annotations

import math

import pytest

from negsim.cli import main
from negsim.limits import MAX_COUPLED_GROUP

BASE = '''[scenario]
name = "toy"
[[issues]]
id = "x"
options = ["a", "b", "c"]
status_quo = "a"
[[issues]]
id = "y"
options = ["a", "b"]
status_quo = "a"
[actors.A]
demands = [{ issue = "x", want = "b" }]
[actors.B]
demands = [{ issue = "x", want = "c" }, { issue = "y", want = "b" }]
[[proposals]]
id = "d1"
terms = { x = "b", y = "b" }
[[levers]]
id = "l"
by = "A"
effects = { B = { dist = "normal", mean = -0.1, sd = 0.1, value = -0.1 } }
'''

WAR = '[war]\nactors = ["A", "B"]\np = 0.6\ncosts = { A = COST, B = 0.2 }\n'
TREE = '''[[games]]
id = "g"
kind = "sequential"
[[games.nodes]]
id = "r"
player = "A"
actions = { go = "t1", stop = "t2" }
[[games.nodes]]
id = "t1"
payoffs = { A = PAY, B = 0 }
[[games.nodes]]
id = "t2"
payoffs = { A = 0, B = 0 }
'''
TIP = '[[questions]]\nkind = "tipping_point"\nparameter = "PARAM"\ntarget = "margin:d1:B"\nEXTRA\n'


def _wide() -> str:
    # one constraint over all sixteen issues couples them into one group of 16**16 = 2**64
    return "\n".join(
        ['[scenario]', 'name = "wide"']
        + [f'[[issues]]\nid = "i{k}"\noptions = {[f"o{j}" for j in range(16)]}\nstatus_quo = "o0"'
           for k in range(16)]
        + ['[actors.A]', '[[actors.A.demands]]', 'issue = "i0"', 'want = "o1"',
           '[[constraints]]', 'forbid = { ' + ", ".join(f'i{k} = "o1"' for k in range(16)) + ' }'])


CASES = [
    ("war_inf", BASE + WAR.replace("COST", "inf"), "war.costs.A", "found inf"),
    ("war_nan", BASE + WAR.replace("COST", "nan"), "war.costs.A", "found nan"),
    ("war_huge", BASE + WAR.replace("COST", "1e300"), "war.costs.A", "found 1e+300"),
    ("terminal_inf", BASE + TREE.replace("PAY", "-inf"), "games[0].nodes[1].payoffs.A",
     "found -inf"),
    ("terminal_nan", BASE + TREE.replace("PAY", "nan"), "games[0].nodes[1].payoffs.A", "found nan"),
    ("tipping_no_range", BASE + TIP.replace("PARAM", "actors.B.demands[1].weight")
     .replace("EXTRA", ""), "questions[0].low", "found nothing"),
    ("tipping_half_range", BASE + TIP.replace("PARAM", "actors.B.demands[1].weight")
     .replace("EXTRA", "low = 0"), "questions[0].high", "found nothing"),
    ("coupled", _wide(), "issues", f"found {math.prod([16] * 16):,} combinations"),
]


@pytest.mark.parametrize("name, text, key, found", CASES, ids=[c[0] for c in CASES])
def test_validate_refuses_what_run_would_fail_on(tmp_path, capsys, name, text, key, found):
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {path}: {key}: ") and found in lines[0], lines[0]
    assert main(["run", str(path)]) == 1  # and run says the same, located
    assert capsys.readouterr().err.strip().splitlines() == lines


def test_the_coupled_count_names_the_limit(tmp_path, capsys):
    path = tmp_path / "wide.toml"
    path.write_text(_wide())
    main(["validate", str(path)])
    assert f"at most {MAX_COUPLED_GROUP:,} combinations" in capsys.readouterr().err


@pytest.mark.parametrize("extra", ["", "low = -1", "low = -1\nhigh = 1"])
def test_a_tipping_question_with_a_range_passes(tmp_path, capsys, extra):
    # an unbounded (normal) distribution gives its 0.1-99.9th percentiles as the range
    path = tmp_path / "ok.toml"
    path.write_text(BASE + TIP.replace("PARAM", "levers.l.effects.B").replace("EXTRA", extra))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {path}")
