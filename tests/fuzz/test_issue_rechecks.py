"""Classes of issue 16 re-checked and pinned: a normal-form game with list payoffs (the README's
form) through ensemble and simulate_many(vary_parameters=True); a lever effect of -1e308 refused
with a located line (it used to reach solution selection as an IndexError)."""

from __future__ import annotations

import numpy as np

import negsim
from negsim.cli import main
from negsim.model.specs import GameSpec

GAME = '''[scenario]
name = "toy"
[[issues]]
id = "x"
options = ["a", "b", "c"]
status_quo = "a"
[actors.A]
demands = [{ issue = "x", want = "b" }]
[actors.B]
demands = [{ issue = "x", want = "c" }]
[[proposals]]
id = "d1"
terms = { x = "b" }
[[levers]]
id = "l"
by = "A"
effects = { B = EFFECT }
[[games]]
id = "g"
kind = "normal_form"
players = ["A", "B"]
strategies = { A = ["u", "d"], B = ["l", "r"] }
payoffs = { A = [[1, 0], [0, 1]], B = [[1, 0], [0, 1]] }
'''

UNCERTAIN = '{ dist = "normal", mean = -0.1, sd = 0.1, value = -0.1 }'


def test_list_payoffs_keep_the_scenario_hashable_through_ensemble_and_simulate_many(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(GAME.replace("EFFECT", UNCERTAIN))
    s = negsim.load_scenario(path)
    hash(s)
    assert s.games[0].payoffs[0][1] == ((1, 0), (0, 1))
    assert negsim.ensemble(s, draws=8).draws == 8
    assert negsim.simulate_many(s, runs=3, rounds=5, vary_parameters=True).runs == 3
    assert main(["ensemble", str(path), "--draws", "8"]) == 0


def test_game_specs_from_code_freeze_lists_and_arrays():
    a = GameSpec("g", "normal_form", players=("A", "B"), strategies=(("A", ("u", "d")),
                 ("B", ("l", "r"))), payoffs=(("A", [[1, 0], [0, 1]]),
                                              ("B", np.array([[1.0, 0.0], [0.0, 1.0]]))))
    b = GameSpec("g", "normal_form", players=("A", "B"), strategies=a.strategies,
                 payoffs=(("A", ((1, 0), (0, 1))), ("B", ((1.0, 0.0), (0.0, 1.0)))))
    assert a == b and hash(a) == hash(b)


def test_a_huge_lever_effect_is_one_located_line(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    path.write_text(GAME.replace("EFFECT", "-1e308"))
    for command in (["validate", str(path)], ["run", str(path)]):
        assert main(command) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"error: {path}: levers[0].effects.B: not a finite number (expected a "
                       "finite number within ±1e+15 (MAX_MAGNITUDE), found -1e+308)"]
