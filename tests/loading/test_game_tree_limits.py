"""Game trees at and past MAX_TREE_DEPTH / MAX_TREE_NODES, and cycles anywhere among the nodes:
a located error at load time (and from `negsim validate`), never a RecursionError."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import negsim
from negsim.errors import ArgumentError, ScenarioError
from negsim.games.backward_induction import backward_induction
from negsim.games.tree import decision, terminal, walk
from negsim.model.specs import MAX_TREE_DEPTH, MAX_TREE_NODES

ROOT = Path(__file__).resolve().parents[2]
HEAD = '''[scenario]
name = "t"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
[actors.A]
[actors.B]
[[games]]
id = "line"
kind = "sequential"
'''


def _line(moves: int) -> str:
    """A line of ``moves`` moves: at move k, A or B stops (payoffs k, -k) or goes on."""
    out = [HEAD]
    for k in range(moves):
        nxt = f"n{k + 1}" if k + 1 < moves else "end"
        out.append(f'[[games.nodes]]\nid = "n{k}"\nplayer = "{"AB"[k % 2]}"\n'
                   f'actions = {{ stop = "s{k}", go = "{nxt}" }}\n')
    for k in range(moves):
        out.append(f'[[games.nodes]]\nid = "s{k}"\npayoffs = {{ A = {k}, B = {-k} }}\n')
    out.append('[[games.nodes]]\nid = "end"\npayoffs = { A = 0, B = 0 }\n')
    return "".join(out)


def _write(tmp_path, text):
    f = tmp_path / "s.toml"
    f.write_text(text)
    return f


def test_a_line_of_500_moves_is_a_located_error_not_a_recursion_error(tmp_path):
    f = _write(tmp_path, _line(500))
    with pytest.raises(ScenarioError) as err:
        negsim.load_scenario(f)
    text = str(err.value)
    assert "too deep" in text and "games[0].nodes" in text and "500 moves" in text
    assert str(MAX_TREE_DEPTH) in text
    run = subprocess.run([sys.executable, "-m", "negsim", "validate", str(f)],
                         capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert run.returncode == 1 and "too deep" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr


def test_a_line_at_the_depth_limit_solves_and_round_trips(tmp_path):
    a = negsim.analyze(negsim.load_scenario(_write(tmp_path, _line(MAX_TREE_DEPTH))))
    g = a.games[0]
    # the same game solved by a plain loop from the last move back (no tree code)
    assert g.spe.path == _brute_force_line(MAX_TREE_DEPTH)
    assert type(a).from_dict(json.loads(json.dumps(a.to_dict()))) == a
    assert "line" in str(a)


def _brute_force_line(moves: int) -> tuple[str, ...]:
    value = (0.0, 0.0)  # (A, B) after the last move
    plan = []
    for k in reversed(range(moves)):
        mover = k % 2
        stop = (float(k), float(-k))
        take = stop[mover] > value[mover]
        plan.append("stop" if take else "go")
        value = stop if take else value
    plan.reverse()
    path = []
    for choice in plan:
        path.append(choice)
        if choice == "stop":
            break
    return tuple(path)


def test_a_cycle_not_reachable_from_the_root_is_a_located_error(tmp_path):
    text = HEAD + '''[[games.nodes]]
id = "root"
player = "A"
actions = { l = "leaf", r = "leaf2" }
[[games.nodes]]
id = "leaf"
payoffs = { A = 1, B = 0 }
[[games.nodes]]
id = "leaf2"
payoffs = { A = 0, B = 1 }
[[games.nodes]]
id = "p"
player = "A"
actions = { go = "q" }
[[games.nodes]]
id = "q"
player = "B"
actions = { back = "p" }
'''
    with pytest.raises(ScenarioError) as err:
        negsim.load_scenario(_write(tmp_path, text))
    assert "cycle" in str(err.value) and "p -> q -> p" in str(err.value)


def test_a_dag_that_copies_out_past_the_node_limit_is_refused(tmp_path):
    # 16 levels, each node's two actions lead to the same next node: 2**17 - 1 tree nodes
    out = [HEAD]
    for k in range(16):
        nxt = f"n{k + 1}" if k < 15 else "end"
        out.append(f'[[games.nodes]]\nid = "n{k}"\nplayer = "A"\n'
                   f'actions = {{ l = "{nxt}", r = "{nxt}" }}\n')
    out.append('[[games.nodes]]\nid = "end"\npayoffs = { A = 0, B = 0 }\n')
    assert 2 ** 17 - 1 > MAX_TREE_NODES
    with pytest.raises(ScenarioError, match="too large"):
        negsim.load_scenario(_write(tmp_path, "".join(out)))


def test_tree_algorithms_are_iterative_and_bounded_in_code():
    t = terminal(A=0.0, B=0.0)
    for _ in range(MAX_TREE_DEPTH + 1):
        t = decision("A", go=t)
    assert len(list(walk(t))) == MAX_TREE_DEPTH + 2  # no recursion in walk
    with pytest.raises(ArgumentError, match="deeper than"):
        backward_induction(t)
