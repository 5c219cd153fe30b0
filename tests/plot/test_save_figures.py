"""Figures written to disk (every applicable one, every format, byte-stable SVG) and
``negsim run --plots``."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.plot.save import applicable_figures, save_figures  # noqa: E402
from tests.support.scenarios import three_party, two_party, write_tariff_scenario  # noqa: E402

pytestmark = pytest.mark.slow

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def three():
    return negsim.analyze(three_party())


def test_every_applicable_figure_is_written_in_every_format_and_is_non_empty(three, tmp_path):
    paths = save_figures(three, tmp_path, ("png", "svg", "pdf"), dpi=60)
    names = set(applicable_figures(three))
    assert names == {"demands", "proposal_verdicts", "outcome_space", "outcome_space_matrix",
                     "issue_map"}
    assert {p.name for p in paths} == {f"{n}.{f}" for n in names for f in ("png", "svg", "pdf")}
    for p in paths:
        data = p.read_bytes()
        assert len(data) > 1000
    assert (tmp_path / "issue_map.png").read_bytes().startswith(PNG_MAGIC)
    assert (tmp_path / "issue_map.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (tmp_path / "issue_map.svg").read_bytes()[:2000]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporaries left


def test_svg_output_is_the_same_bit_for_bit_on_a_second_run(three, tmp_path):
    names = ("outcome_space", "proposal_verdicts")
    a = save_figures(three, tmp_path / "a", ("svg",), names=names)
    b = save_figures(three, tmp_path / "b", ("svg",), names=names)
    assert len(a) == 2
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_unknown_figure_format_is_an_error_and_writes_nothing(three, tmp_path):
    with pytest.raises(NegsimError, match="jpg"):
        save_figures(three, tmp_path / "out", ("png", "jpg"))
    assert not (tmp_path / "out").exists()
    with pytest.raises(NegsimError, match="no_such_figure"):
        save_figures(three, tmp_path / "out", ("png",), names=("no_such_figure",))
    assert not (tmp_path / "out").exists()


def test_two_party_scenario_gets_no_matrix_and_no_proposals_no_verdicts():
    a = negsim.analyze(two_party(proposals=()))
    assert list(applicable_figures(a)) == ["demands", "outcome_space", "issue_map"]


def test_cli_run_plots_writes_png_svg_and_pdf_on_request(tmp_path, capsys):
    scenario = write_tariff_scenario(tmp_path)
    out = tmp_path / "figs"
    assert main(["run", str(scenario), "--plots", str(out), "--format", "pdf"]) == 0
    names = {p.name for p in out.iterdir()}
    for fig in ("demands", "proposal_verdicts", "outcome_space", "outcome_space_matrix",
                "issue_map"):
        assert {f"{fig}.png", f"{fig}.svg", f"{fig}.pdf"} <= names
