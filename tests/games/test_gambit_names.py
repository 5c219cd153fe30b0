"""Gambit export with hostile labels: every label follows Gambit 16.7's rules (printable ASCII,
single inner spaces, no trailing backslash, unique node/outcome/action/player labels, no player
"Chance"), the files parse back with the test reader, and pygambit (when installed) loads them
with exactly the labels written."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from negsim.games.gambit import to_efg, to_nfg
from negsim.games.gambit_names import gambit_label, player_labels, unique_labels
from negsim.games.tree import chance, decision, terminal
from tests.support.gambit_reader import read_efg, read_nfg, tokens

ROOT = Path(__file__).resolve().parents[2]
VALID = re.compile(r"(?:[!-~](?:[ -~]*[!-~])?)?")  # printable ASCII, no edge spaces


def _valid(label: str) -> bool:
    return bool(VALID.fullmatch(label)) and "  " not in label and "\\" not in label


HOSTILE = ["", " lead", "trail ", "double  space", "back\\", "mid\\dle", 'say "no"', "Kyïv",
           "中国", "tab\there", "cr\rhere", "nl\nhere", "\u00a0nbsp\u2028", "emoji 🕊", "Chance",
           "a" * 3, "é", "e"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_every_label_is_valid_and_idempotent(text):
    label = gambit_label(text)
    assert _valid(label)
    assert gambit_label(label) == label


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=4), max_size=8))
def test_unique_labels_are_unique_and_deterministic(labels):
    out = unique_labels(labels, allow_empty=False, fallback="outcome {}")
    assert len(set(out)) == len(out) and all(o and _valid(o) for o in out)
    assert out == unique_labels(labels, allow_empty=False, fallback="outcome {}")
    # the first of each cleaned label keeps it
    first = {}
    for raw, o in zip(labels, out):
        first.setdefault(gambit_label(raw) or None, o)
    assert all(k is None or v == k for k, v in first.items())


def test_the_rules_spelled_out():
    assert gambit_label("Kyïv  «truce»\r\n") == "Kyiv U+00ABtruceU+00BB"
    assert gambit_label("back\\") == "back/" and gambit_label(' "q" ') == '"q"'
    assert unique_labels(["tariffs", "quiet", "tariffs", "tariffs (2)", ""]) == \
        ["tariffs", "quiet", "tariffs (3)", "tariffs (2)", ""]
    assert player_labels(["Chance", "A", "A", ""]) == ["Chance (player)", "A", "A (2)", "Player 4"]


def _hostile_tree():
    def leaf(i):
        return terminal({"Chance": i, "A": -i}, name=HOSTILE[i % len(HOSTILE)])
    inner = decision("A", {HOSTILE[k]: leaf(k) for k in range(0, 6)}, name="tariffs")
    other = decision("A", {"": leaf(7), "x": leaf(8)}, name="tariffs")  # repeated, empty action
    nature = chance({"cr\rhere": (0.5, other), "中国": (0.5, leaf(9))}, name="quiet")
    return decision("Chance", {"l": inner, "r": nature, "c": leaf(10)}, name="quiet")


def _labels_of_efg(text):
    t = tokens(text)
    return [x[1] for x in t if isinstance(x, tuple)]


def test_hostile_efg_labels_follow_the_rules_and_parse_back():
    text = to_efg(_hostile_tree(), "título \\", comment="first  line\nsecond é")
    for label in _labels_of_efg(text):
        assert all(_valid(part) for part in label.split("\n")), label
    lines = text.splitlines()
    nodes = [ln for ln in lines[3:] if ln]
    names = [tokens(ln)[1][1] for ln in nodes]
    assert len(set(n for n in names if n)) == len([n for n in names if n])  # node labels unique
    outcomes = [tokens(ln)[3][1] for ln in nodes if ln.startswith("t ")]
    assert len(set(outcomes)) == len(outcomes) and all(outcomes)
    players, back = read_efg(text)
    assert players == ["Chance (player)", "A"]
    assert text.isascii()


def test_hostile_nfg_parses_back_with_clean_players():
    u = np.arange(8, dtype=float).reshape(2, 2, 2)
    title, players, back = read_nfg(to_nfg(u, "t\\", ["Chance", "Chance"], comment="é\nx"))
    assert players == ["Chance (player)", "Chance (player) (2)"] and title == "t/"
    assert np.array_equal(back, u)


def _pygambit():
    return pytest.importorskip("pygambit")


def test_pygambit_loads_hostile_files_with_the_labels_written(tmp_path):
    gbt = _pygambit()
    text = to_efg(_hostile_tree(), "título \\", comment="first  line\nsecond é")
    path = tmp_path / "hostile.efg"
    path.write_text(text, encoding="ascii")
    g = gbt.read_efg(str(path))
    nodes = [ln for ln in text.splitlines()[3:] if ln]
    assert [n.label for n in g.nodes] == [tokens(ln)[1][1] for ln in nodes]
    assert [p.label for p in g.players] == read_efg(text)[0]
    nfg = tmp_path / "hostile.nfg"
    nfg.write_text(to_nfg(np.zeros((2, 2, 2)), "t\\", ["Chance", "Chance"]), encoding="ascii")
    assert [p.label for p in gbt.read_nfg(str(nfg)).players] == \
        ["Chance (player)", "Chance (player) (2)"]


def test_pygambit_loads_the_shipped_tariff_tree(tmp_path):
    # its shared "tariffs"/"quiet" nodes gave repeated node labels, which Gambit refuses
    gbt = _pygambit()
    import negsim
    from negsim.scenario_games.export import game_ids, gambit_text

    s = negsim.load_scenario(ROOT / "scenarios" / "air_truce_secondary_tariffs.toml")
    for gid in game_ids(s):
        f = gambit_text(s, gid)
        path = tmp_path / Path(f.filename).name
        path.write_text(f.text, encoding="ascii")
        (gbt.read_efg if path.suffix == ".efg" else gbt.read_nfg)(str(path))
