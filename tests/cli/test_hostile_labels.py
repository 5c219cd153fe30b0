"""User text with mathtext (``$x^$``), backslashes and HTML goes through ``run --plots`` and both
briefs: no crash, no raw ``<script>`` in either page, text shown as typed."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

from negsim.cli import main  # noqa: E402
from negsim.loading.write import scenario_to_toml  # noqa: E402
from negsim.text.brief import md_text  # noqa: E402
from negsim.plot.style import literal  # noqa: E402
from tests.support.scenarios import three_party  # noqa: E402

pytestmark = pytest.mark.slow

NAME = r"Cost $x^$ \ <script>alert(1)</script>"
LABEL = r"Air $x^$ truce \ *b* <script>x</script> $\frac{"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    text = scenario_to_toml(three_party())
    text = text.replace('name = "Three-party test"', f"name = {NAME!r}".replace("\\", "\\\\"))
    text = text.replace('label = "Air truce"', 'label = "' + LABEL.replace("\\", "\\\\") + '"')
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_run_plots_draws_mathtext_labels_as_text(scenario, tmp_path, capsys):
    assert main(["run", str(scenario), "--plots", str(tmp_path)]) == 0
    svg = (tmp_path / "proposal_verdicts.svg").read_text()
    assert "negsim-footer" in svg  # drawn to the end
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_the_brief_survives_mathtext_and_escapes_html(scenario, tmp_path, suffix, capsys):
    out = tmp_path / f"brief{suffix}"
    assert main(["brief", str(scenario), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page


def test_md_text_round_trips_through_a_commonmark_reading():
    # every ASCII punctuation negsim escapes is a CommonMark backslash escape; undo them and the
    # three entities and the original (one-line) text comes back exactly
    import html
    import re

    for text in (LABEL, NAME, "a | b", "**bold** _it_ [l](u) `c` ![i](x) # h ~s~"):
        md = md_text(text)
        assert "<" not in md and "|" not in md.replace("\\|", "")
        assert html.unescape(re.sub(r"\\(.)", r"\1", md)) == text


def test_literal_escapes_every_dollar_so_no_text_is_mathtext():
    from matplotlib import cbook

    for text in (LABEL, "5$", r"\$", "$$", "$a$b$"):
        assert not cbook.is_math_text(literal(text))
