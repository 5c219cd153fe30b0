"""The one-page brief (Markdown and HTML) and the ``negsim brief`` command."""

from __future__ import annotations

import base64
import re

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.text.brief import SECTIONS, brief_html, brief_markdown, key_findings, write_brief  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.plot.save import applicable_figures  # noqa: E402
from tests.support.scenarios import three_party, two_party, write_tariff_scenario  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def three():
    return negsim.analyze(three_party())


@pytest.fixture(scope="module")
def tiny_figures():
    return {"demands": PNG_MAGIC + b"demands", "issue_map": PNG_MAGIC + b"issue"}

def test_key_findings_name_the_blocked_proposal_its_red_line_and_the_lever(three):
    two = negsim.analyze(two_party())
    text = " ".join(key_findings(two))
    assert "1 of 4 possible deals" in text
    assert "'Truce with aid' is blocked by B (red line: No aid, ever)" in text
    lever = " ".join(key_findings(three))
    assert "tariffs move C's walk-away from 1.00 to 0.60" in lever
    assert "reproduces 1 of 1 recorded responses" in lever


def test_html_brief_has_every_section_and_embeds_every_figure(three, tiny_figures):
    page = brief_html(three, tiny_figures)
    for key, title in SECTIONS:
        assert f'<section id="{key}"><h2>{title}</h2>' in page
    imgs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert [base64.b64decode(i) for i in imgs] == list(tiny_figures.values())
    assert "src=\"http" not in page and "<link" not in page and "<script" not in page
    assert "Three-party test" in page and "seed 11" in page


def test_html_brief_escapes_text_from_the_scenario(tiny_figures):
    a = negsim.analyze(two_party(summary="<b>bold</b> & more"))
    page = brief_html(a, tiny_figures)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page and "<b>bold</b>" not in page


def test_markdown_brief_has_every_section_and_embeds_every_figure(three, tiny_figures):
    md = brief_markdown(three, tiny_figures)
    for _, title in SECTIONS:
        assert f"\n## {title}\n" in md
    assert md.count("](data:image/png;base64,") == len(tiny_figures)


@pytest.mark.slow
def test_written_brief_embeds_real_figures(three, tmp_path):
    path = write_brief(three, tmp_path / "brief.html")
    page = path.read_text(encoding="utf-8")
    imgs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(imgs) == len(applicable_figures(three))
    assert all(base64.b64decode(i).startswith(PNG_MAGIC) for i in imgs)


def test_brief_with_a_bad_suffix_is_an_error_and_writes_nothing(three, tmp_path):
    with pytest.raises(NegsimError, match=r"\.html, \.htm, \.md"):
        write_brief(three, tmp_path / "brief.docx")
    assert list(tmp_path.iterdir()) == []


# ---- CLI -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_cli_brief_writes_a_markdown_brief(tmp_path, capsys):
    scenario = write_tariff_scenario(tmp_path)
    assert main(["brief", str(scenario), "-o", str(tmp_path / "b.md")]) == 0
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# Stand-in air truce")
    assert f"wrote {tmp_path / 'b.md'}" in capsys.readouterr().out


def test_cli_brief_bad_suffix_exits_1_with_a_clear_message_and_no_file(tmp_path, capsys):
    scenario = write_tariff_scenario(tmp_path)
    assert main(["brief", str(scenario), "-o", str(tmp_path / "b.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write a brief") and "Traceback" not in err
    assert not (tmp_path / "b.pdf").exists()
