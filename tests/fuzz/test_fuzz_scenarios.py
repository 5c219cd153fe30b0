"""Seeded mutation of the shipped scenarios (and random small games) through the CLI.

Each mutant goes through ``negsim validate``; a valid one also through ``negsim run``. The test
fails on any exception that is not negsim's own (the CLI prints those as one line, exit 1), on
an exit code other than 0/1, on a multi-line error, and on a case that exceeds its time limit.
The whole test is bounded in wall time (``BUDGET`` seconds per test); the seed fixes the
mutants, so a failure names a reproducible case.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import shutil
import signal
import time
from pathlib import Path

import pytest

from negsim.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BUDGET = 20.0  # seconds of mutants per test (two tests: about 45 s in all with set-up)
CASE_LIMIT = 30  # seconds one case may take before it counts as a hang
SEED = 16

ODD_VALUES = [
    "1e308", "-1e308", "1" + "0" * 400, "-0.0", "nan", "inf", "-inf", "0", "-1", "1e-320",
    '""', '"\\u0000\\u0007\\n\\r\\t"', '"$x^$ \\\\ <script>"', '"\\u202e\\ud7ff\\uffff"',
    "[]", "{}", "[[]]", '["uniform"]', "{ a = 1 }", "true", "1979-05-27", "[1, \"a\", {}]",
    "[" * 300 + "]" * 300, "{ x = " * 80 + "1" + " }" * 80, '"' + "é" * 2000 + '"',
    "99999999999999999999999999999999", "0x7fffffffffffffff", "[1e308, -1e308]",
]


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout


def _cli(argv: list[str]) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(argv)
    return code, err.getvalue()


def _check(argv: list[str], case: str, failures: list[str]) -> int:
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(CASE_LIMIT)
    try:
        code, err = _cli(argv)
    except _Timeout:
        failures.append(f"{case}: {argv[0]} took over {CASE_LIMIT} s")
        return -1
    except SystemExit as exc:  # argparse
        code, err = int(exc.code or 0), ""
    except Exception as exc:  # noqa: BLE001 - anything not negsim's own is the bug we look for
        failures.append(f"{case}: {argv[0]} raised {type(exc).__name__}: {str(exc)[:200]}")
        return -1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    if code not in (0, 1):
        failures.append(f"{case}: {argv[0]} exit {code}")
    if code == 1 and err.strip().count("\n") != 0:
        failures.append(f"{case}: {argv[0]} error is not one line: {err[:300]!r}")
    return code


_ASSIGN = re.compile(r"^(\s*[A-Za-z0-9_\"\.-]+\s*=\s*)(.+)$")


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        assigns = [k for k, line in enumerate(lines) if _ASSIGN.match(line)]
        if not assigns:
            break
        k = rng.choice(assigns)
        kind = rng.random()
        if kind < 0.6:  # replace a value with an odd one
            lines[k] = _ASSIGN.match(lines[k]).group(1) + rng.choice(ODD_VALUES)
        elif kind < 0.75:  # drop a key
            del lines[k]
        elif kind < 0.85:  # duplicate a key
            lines.insert(k, lines[k])
        elif kind < 0.95:  # an odd key
            lines[k] = rng.choice(['"a\\nb"', '"\\u0000"', '"é"', "x" * 500]) + " = 1"
        else:  # an empty table where a line was
            lines[k] = rng.choice(["[[issues]]", "[actors.X]", "[[games]]", "[[proposals]]"])
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(SCENARIOS, root / "scenarios")
    return root / "scenarios"


def test_mutated_shipped_scenarios_fail_only_with_one_located_line(tree):
    rng = random.Random(SEED)
    files = sorted(p for p in tree.rglob("*.toml"))
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    tops = sorted(tree.glob("*.toml"))
    failures: list[str] = []
    cases = runs = 0
    start = time.monotonic()
    while time.monotonic() - start < BUDGET:
        victim = rng.choice(files)  # a top file or one of the files it extends
        top = victim if victim in tops else rng.choice(tops)
        victim.write_text(_mutate(originals[victim], rng), encoding="utf-8")
        case = f"seed {SEED} case {cases}: {victim.relative_to(tree)} (via {top.name})"
        try:
            if _check(["validate", str(top)], case, failures) == 0 and runs < 3:
                runs += 1  # run is slow (seconds): a few valid mutants only
                _check(["run", str(top)], case, failures)
        finally:
            victim.write_text(originals[victim], encoding="utf-8")
        cases += 1
    assert cases >= 10, f"only {cases} mutants in {BUDGET} s"
    assert not failures, "\n".join(failures[:20])


_GAME = """[scenario]
name = "random game"

[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"

[actors.Row]
[[actors.Row.demands]]
issue = "war"
want = "truce"

[actors.Column]
[[actors.Column.demands]]
issue = "war"
want = "fight"

[[games]]
id = "g"
kind = "normal_form"
players = ["Row", "Column"]
strategies = {{ Row = {rs}, Column = {cs} }}
payoffs = {{ Row = {a}, Column = {b} }}
"""


def _matrix(rng: random.Random, m: int, n: int, style: str) -> list[list]:
    if style == "degenerate":
        return [[rng.choice([0, 1]) for _ in range(n)] for _ in range(m)]
    if style == "near":
        return [[rng.randint(-3, 3) + rng.choice([0, 1e-4, -1e-4]) for _ in range(n)]
                for _ in range(m)]
    if style == "huge":
        return [[rng.randint(-9, 9) * 1e6 for _ in range(n)] for _ in range(m)]
    return [[rng.randint(-9, 9) for _ in range(n)] for _ in range(m)]


def test_random_small_games_through_games_tables(tmp_path):
    rng = random.Random(SEED + 1)
    failures: list[str] = []
    cases = 0
    start = time.monotonic()
    while time.monotonic() - start < BUDGET:
        m, n = rng.randint(1, 5), rng.randint(1, 5)
        style = rng.choice(["int", "degenerate", "near", "huge"])
        a, b = _matrix(rng, m, n, style), _matrix(rng, m, n, style)
        if rng.random() < 0.15:  # a ragged or short table: must be refused, located
            a = a[:-1] or [[]]
        rs = [f"r{i}" for i in range(m)]
        cs = [f"c{j}" for j in range(n)]
        path = tmp_path / f"game{cases}.toml"
        path.write_text(_GAME.format(rs=rs, cs=cs, a=a, b=b).replace("'", '"'), encoding="utf-8")
        case = f"seed {SEED + 1} game {cases} ({style} {m}x{n})"
        if _check(["validate", str(path)], case, failures) == 0:
            _check(["games", str(path)], case, failures)
        cases += 1
    assert cases >= 10, f"only {cases} games in {BUDGET} s"
    assert not failures, "\n".join(failures[:20])
