"""Every notebook under notebooks/ runs top to bottom without an error."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from tests.support.scenarios import write_tariff_scenario  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHIPPED = ROOT / "scenarios" / "air_truce_secondary_tariffs.toml"


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory) -> Path:
    """A kernelspec that runs ipykernel in *this* interpreter, whatever else is installed."""
    folder = tmp_path_factory.mktemp("kernels") / "negsim-test"
    folder.mkdir()
    (folder / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "negsim test", "language": "python"}))
    return folder.parent


def _run(path: Path, kernel_dir: Path) -> None:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(path, as_version=4)
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)], ensure_native_kernel=False)
    km = KernelManager(kernel_name="negsim-test", kernel_spec_manager=ksm)
    client = nbclient.NotebookClient(nb, km=km, timeout=180,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"01_quickstart.ipynb",
                                           "02_air_truce_and_tariffs.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, kernel_dir, tmp_path, monkeypatch):
    # the kernel imports the negsim of this checkout, installed or not
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    if not SHIPPED.exists():
        # the shipped scenario lands from another branch; until then run against a stand-in
        monkeypatch.setenv("NEGSIM_SCENARIO", str(write_tariff_scenario(tmp_path)))
    _run(path, kernel_dir)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None

