"""``negsim run`` writes its JSON and figures as one set: a failed figure, or SIGTERM while the
figures are drawn, leaves the old files byte-identical and no temporary file; SVGs are stable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim.plot.save  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.loading.write import scenario_to_toml  # noqa: E402
from tests.support.scenarios import three_party  # noqa: E402

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def scenario(tmp_path):
    path = tmp_path / "three.toml"
    path.write_text(scenario_to_toml(three_party()), encoding="utf-8")
    return path


def _every_file(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_failing_figure_leaves_the_old_json_and_figures_and_no_temporaries(
        scenario, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    argv = ["run", str(scenario), "--json", str(out / "a.json"), "--plots", str(out / "figs")]
    assert main(argv) == 0
    before = _every_file(out)
    assert "a.json" in before and "figs/issue_map.svg" in before

    def broken(analysis):
        raise NegsimError("the issue map cannot be drawn")

    monkeypatch.setattr(negsim.plot.save, "issue_map", broken)  # the last figure drawn
    (scenario).write_text(scenario.read_text().replace("Three-party test", "Changed"))
    assert main(argv) == 1
    assert "issue map" in capsys.readouterr().err
    assert _every_file(out) == before  # byte-identical, and nothing else (no .tmp files)


def test_sigterm_while_the_figures_are_drawn_leaves_no_temporaries(scenario, tmp_path):
    out = tmp_path / "out"
    (out).mkdir()
    (out / "a.json").write_text("old\n")
    script = textwrap.dedent(f"""
        import sys, time
        import negsim.plot.save as save
        def slow(analysis):
            print("drawing", flush=True)
            time.sleep(60)
        save.issue_map = slow
        from negsim.cli import main
        sys.exit(main(["run", {str(scenario)!r}, "--json", {str(out / 'a.json')!r},
                       "--plots", {str(out / 'figs')!r}]))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    for line in proc.stdout:
        if line.strip() == "drawing":
            break
    staged = [p.name for p in out.rglob(".*.tmp")]
    assert any(n.startswith(".a.json.negsim-") for n in staged)  # the JSON was staged, not written
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert (out / "a.json").read_text() == "old\n"
    assert list(out.rglob(".*.tmp")) == []


def test_two_identical_runs_give_byte_identical_svgs_matrix_included(scenario, tmp_path, capsys):
    for d in ("a", "b"):
        assert main(["run", str(scenario), "--plots", str(tmp_path / d)]) == 0
    a, b = _every_file(tmp_path / "a"), _every_file(tmp_path / "b")
    svgs = [n for n in a if n.endswith(".svg")]
    assert "outcome_space_matrix.svg" in svgs
    assert all(a[n] == b[n] for n in svgs)
