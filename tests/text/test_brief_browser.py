"""The brief in a real browser: printed to PDF by headless Chromium, page one on at most two A4
pages, the bottom line and the caveats in the printed text.  Skips only where Chromium is missing
(``.ci/run`` installs it from the distribution's packages)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.text.brief import write_brief  # noqa: E402
from negsim.text.brief_parts import brief_content  # noqa: E402
from negsim.text.pdf import find_chromium  # noqa: E402
from negsim.uncertainty import add_answers  # noqa: E402
from tests.text.pdf_text import page_count, pdf_text, squash  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = find_chromium()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not found (install the Debian package "
                             "'chromium' or set NEGSIM_CHROMIUM); .ci/run installs it")]


@pytest.mark.parametrize("name", ["air_truce_secondary_tariffs", "victory_day_truce"])
def test_printed_brief_page_one_fits_two_a4_pages_and_holds_bottom_line_and_caveats(name,
                                                                                     tmp_path):
    scenario = load_scenario(REPO / "scenarios" / f"{name}.toml")
    a = add_answers(negsim.analyze(scenario), scenario)
    robust = negsim.robustness(scenario, draws=40)
    judged = tuple(scenario.judged)
    pdf = write_brief(a, tmp_path / "brief.pdf", robust=robust, judged=judged)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = pdf_text(data)
    assert len(pages) == page_count(data) >= 3
    figures_at = next(k for k, p in enumerate(pages) if squash(p).startswith("Figures"))
    assert 1 <= figures_at <= 2, f"page one takes {figures_at} pages"
    c = brief_content(a, {}, robust=robust, judged=judged)
    page_one = squash("".join(pages[:figures_at]))
    for sentence in c.bottom_line + c.caveats:
        assert squash(sentence) in page_one, sentence
    assert "Caveats" in page_one and "Judgement" in page_one
    assert squash("How sure: over 40 draws") in page_one
    print(f"{name}: {len(pages)} PDF pages, page one on {figures_at}")


def test_printed_comparison_brief_leads_with_what_changes_on_page_one(tmp_path):
    from negsim.text.brief_compare import comparison_part

    scenario = load_scenario(REPO / "scenarios" / "air_truce_secondary_tariffs.toml")
    after = scenario.without_levers("secondary_tariffs")
    a = negsim.analyze(scenario)
    b = add_answers(negsim.analyze(after), after)
    part = comparison_part(a, b, negsim.compare(a, b, labels=(scenario.name, f"{scenario.name}, "
                                                              "without the tariffs")))
    pdf = write_brief(b, tmp_path / "compare.pdf", comparison=part)
    data = pdf.read_bytes()
    pages = pdf_text(data)
    figures_at = next(k for k, p in enumerate(pages) if squash(p).startswith("Figures"))
    assert 1 <= figures_at <= 2, f"page one takes {figures_at} pages"
    page_one = squash("".join(pages[:figures_at]))
    assert page_one.index(squash("What changes")) < page_one.index(squash("Bottom line"))
    for sentence in part.sentences:
        assert squash(sentence) in page_one, sentence
    print(f"comparison brief: {len(pages)} PDF pages, page one on {figures_at}")
