"""The loader's edge: odd files, deep nesting, long and diamond extends chains, huge numbers.

Every case must end in one located :class:`negsim.ScenarioError` (file, key, one line), never in
a traceback, a hang or unbounded work.
"""

import os
from pathlib import Path

import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.limits import MAX_EXTENDS_DEPTH, MAX_MAGNITUDE, MAX_NESTING, MAX_OPTIONS
from negsim.loading import extends as extends_module
from negsim.loading import reader
from negsim.model.scenario import set_parameters

TOY = ('[scenario]\nname = "toy"\n[[issues]]\nid = "war"\noptions = ["fight", "truce"]\n'
       'status_quo = "fight"\n[actors.A]\n[[actors.A.demands]]\nissue = "war"\nwant = "truce"\n')


def error_of(path: Path | str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        negsim.load_scenario(path)
    text = str(info.value)
    assert "\n" not in text and "\r" not in text
    return info.value


def write(tmp: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_directory_fifo_device_and_symlink_loop_are_named_for_what_they_are(tmp_path):
    assert "directory" in error_of(tmp_path).found
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    err = error_of(fifo)  # opened without blocking: no hang
    assert "FIFO" in err.found and err.file == str(fifo)
    assert "character device" in error_of("/dev/zero").found
    loop = tmp_path / "loop.toml"
    loop.symlink_to(tmp_path / "loop2.toml")
    (tmp_path / "loop2.toml").symlink_to(loop)
    err = error_of(loop)
    assert "symbolic" in err.message and err.file == str(loop)
    assert error_of(tmp_path / "missing.toml").message == "no such file"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_unreadable_regular_file_names_the_file():
    err = error_of("/proc/self/mem")
    assert err.file == "/proc/self/mem" and err.message == "the file cannot be read"


def test_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    err = error_of(write(tmp_path, TOY + "# " + "x" * 200 + "\n"))
    assert "too large" in err.message and "100" in err.expected
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", len(TOY.encode()))
    assert negsim.load_scenario(write(tmp_path, TOY, "ok.toml")).name == "toy"


def test_deep_nesting_is_a_located_error(tmp_path):
    for depth in (MAX_NESTING + 5, 500, 5000):
        text = TOY + "deep = " + "[" * depth + "]" * depth + "\n"
        err = error_of(write(tmp_path, text))
        assert "nest too deep" in err.message, err


def test_extends_chain_too_deep_and_extending_a_fifo(tmp_path):
    write(tmp_path, TOY, "f0.toml")
    for k in range(1, MAX_EXTENDS_DEPTH + 10):
        write(tmp_path, f'[scenario]\nextends = ["f{k - 1}.toml"]\n', f"f{k}.toml")
    err = error_of(tmp_path / f"f{MAX_EXTENDS_DEPTH + 9}.toml")
    assert "too deep" in err.message and err.key == "scenario.extends[0]"
    ok = negsim.load_scenario(tmp_path / f"f{MAX_EXTENDS_DEPTH - 2}.toml")
    assert ok.name == "toy"
    os.mkfifo(tmp_path / "pipe.toml")
    err = error_of(write(tmp_path, '[scenario]\nextends = ["pipe.toml"]\n' + TOY[11:], "p.toml"))
    assert err.key == "scenario.extends[0]" and "FIFO" in err.found


def test_extends_diamond_reads_every_file_once(tmp_path, monkeypatch):
    levels = 26
    write(tmp_path, TOY, f"d{levels}.toml")
    for k in range(levels - 1, -1, -1):
        for side in "ab":
            write(tmp_path, f'[scenario]\nextends = ["d{k + 1}.toml"]\n'
                  f'[[constraints]]\nforbid = {{war = "fight"}}\nreason = "{k}{side}"\n',
                  f"d{k}{side}.toml")
        write(tmp_path, f'[scenario]\nextends = ["d{k}a.toml", "d{k}b.toml"]\n', f"d{k}.toml")
    reads: list[str] = []
    real = extends_module.read_toml
    monkeypatch.setattr(extends_module, "read_toml", lambda p: reads.append(str(p)) or real(p))
    merged = extends_module.read_merged(tmp_path / "d0.toml")
    assert len(reads) == len(set(reads)) == 3 * levels + 1
    assert [c["reason"] for c in merged["constraints"]] == \
        [f"{k}{side}" for k in range(levels - 1, -1, -1) for side in "ab"]


def test_huge_integers_are_located_errors(tmp_path):
    big = TOY.replace('want = "truce"', 'want = "truce"\nweight = 1' + "0" * 400)
    err = error_of(write(tmp_path, big))
    assert err.key == "actors.A.demands[0].weight" and "too large" in err.message
    err = error_of(write(tmp_path, TOY + "x = 1" + "0" * 5000 + "\n"))
    assert err.file is not None
    with pytest.raises(ScenarioError) as info:
        negsim.Demand("war", want="truce", weight=10 ** 400)
    assert "MAX_MAGNITUDE" in info.value.expected
    s = negsim.load_scenario(write(tmp_path, TOY, "t.toml"))
    with pytest.raises(ScenarioError):
        set_parameters(s, {"actors.A.demands[0].weight": 10 ** 400})
    with pytest.raises(ScenarioError) as info:
        set_parameters(s, {"actors.A.demands[" + "9" * 5000 + "].weight": 1.0})
    assert "\n" not in str(info.value)
    with pytest.raises(ScenarioError):
        negsim.Lever("l", by="A", effects={"A": -MAX_MAGNITUDE * 10})


@pytest.mark.parametrize("dist", ["{}", '["uniform"]', "{dist = 1}", '{dist = ["uniform"]}',
                                  "{dist = {x = 1}}"])
def test_unhashable_or_odd_dist_values_are_located_errors(tmp_path, dist):
    text = TOY.replace('want = "truce"', f'want = "truce"\nweight = {dist}')
    err = error_of(write(tmp_path, text))
    assert err.key.startswith("actors.A.demands[0].weight")


def test_keys_with_control_characters_stay_on_one_line(tmp_path):
    err = error_of(write(tmp_path, TOY + '[actors."B\\nC\\u001b"]\nunknown = 1\n'))
    assert "B\\nC\\x1b" in str(err)


def test_option_limits_are_checked_before_building_and_linear(tmp_path):
    text = TOY.replace('options = ["fight", "truce"]\nstatus_quo = "fight"',
                       f"low = 0\nhigh = 1\nsteps = {10 ** 9}")
    err = error_of(write(tmp_path, text))
    assert err.key == "issues[0].steps" and "MAX_OPTIONS" in err.expected
    many = tuple(range(MAX_OPTIONS - 1)) + (0,)  # quadratic checking would take hours
    with pytest.raises(ScenarioError, match="distinct"):
        negsim.Issue("x", many, 0)
    with pytest.raises(ScenarioError, match="too many options"):
        negsim.Issue("x", tuple(range(MAX_OPTIONS + 1)), 0)
    assert len(negsim.Issue("x", (30, 30.5, "30"), 30)) == 3
    with pytest.raises(ScenarioError, match="distinct"):
        negsim.Issue("x", (30, 30.0), 30)
