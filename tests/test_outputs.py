"""negsim.outputs.OutputSet: all files or none, temporaries removed on failure, stale ones cleaned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from negsim.outputs import OutputSet, TEMP_PATTERN, remove_stale_temps, write_text_atomic


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_set_commits_every_file_together(tmp_path):
    with OutputSet() as out:
        out.add_text(tmp_path / "a.json", "A")
        out.add_bytes(tmp_path / "sub" / "b.svg", b"B")
        assert len(out.temp_files) == 2
        assert all(TEMP_PATTERN.match(p.name) for p in out.temp_files)
        assert not (tmp_path / "a.json").exists()  # nothing in place before the end
    assert (tmp_path / "a.json").read_text() == "A"
    assert (tmp_path / "sub" / "b.svg").read_bytes() == b"B"
    assert _names(tmp_path) == ["a.json", "sub"]


def test_a_failure_mid_set_leaves_the_old_files_and_no_temporaries(tmp_path):
    write_text_atomic(tmp_path / "a.json", "old")
    with pytest.raises(RuntimeError):
        with OutputSet() as out:
            out.add_text(tmp_path / "a.json", "new")
            out.add_text(tmp_path / "b.json", "new")
            raise RuntimeError("figure failed")
    assert (tmp_path / "a.json").read_text() == "old"
    assert _names(tmp_path) == ["a.json"]


def test_a_failing_writer_removes_its_own_temporary(tmp_path):
    def bad(tmp):
        open(tmp, "w").write("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        with OutputSet() as out:
            out.add(tmp_path / "x.txt", bad)
    assert _names(tmp_path) == []


def test_stale_temporaries_of_dead_processes_are_removed_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".out.json.negsim-{dead}-00ff.tmp"
    mine = tmp_path / f".out.json.negsim-{os.getpid()}-00aa.tmp"
    other = tmp_path / ".unrelated.tmp"
    for p in (stale, mine, other):
        p.write_text("x")
    write_text_atomic(tmp_path / "out.json", "{}")  # staging out.json clears its dead temporaries
    assert _names(tmp_path) == sorted([mine.name, other.name, "out.json"])
    assert remove_stale_temps(tmp_path) == []


def test_signals_are_restored_after_a_set(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    with OutputSet() as out:
        out.add_text(tmp_path / "a", "a")
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_staging_removes_every_temporary(tmp_path, signum):
    script = textwrap.dedent(f"""
        import sys, time
        from negsim.outputs import OutputSet
        with OutputSet() as out:
            out.add_text({str(tmp_path / 'a.json')!r}, "new")
            print("staged", flush=True)
            time.sleep(60)
    """)
    (tmp_path / "a.json").write_text("old")
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env=env, stderr=subprocess.DEVNULL)
    assert proc.stdout.readline().strip() == "staged"
    assert len(_names(tmp_path)) == 2  # the staged temporary is there
    proc.send_signal(signum)
    assert proc.wait(timeout=30) != 0
    assert _names(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_text() == "old"


def test_result_json_and_files_are_one_set_a_failing_file_leaves_the_old_json(tmp_path):
    from negsim.outputs import write_result_files
    old = tmp_path / "r.json"
    old.write_text("old")
    blocker = tmp_path / "figs"
    blocker.write_text("a file where the figure folder should be")
    with pytest.raises(OSError):
        write_result_files(old, "new", blocker, {"a.png": b"x"})
    assert old.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figs", "r.json"]  # no temporaries
