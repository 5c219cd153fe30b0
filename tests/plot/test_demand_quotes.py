"""Demand quotes are wrapped onto at most three lines, not cut to a few words."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import negsim  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.plot import demands  # noqa: E402
from negsim.plot.demands import _quote  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _q(quote: str, citation: str) -> SimpleNamespace:
    return SimpleNamespace(quote=quote, cited=lambda: citation)


def test_a_quote_that_fits_in_three_lines_is_shown_whole_with_its_source():
    q = _q("one two three four five six seven eight nine ten", "AP")
    text = _quote(q, 20)
    assert text.split("\n") == ["“one two three four", "five six seven eight", "nine ten” (AP)"]


def test_a_longer_quote_ends_in_an_ellipsis_on_its_third_line_and_keeps_its_source():
    q = _q(" ".join(["word"] * 40), "AP")
    lines = _quote(q, 20).split("\n")
    assert len(lines) == 4 and all(len(x) <= 20 for x in lines)
    assert lines[2].endswith("…”") and lines[3] == "(AP)"


def test_a_citation_shows_its_headline_where_there_is_room_else_outlet_and_date():
    cited = "Bloomberg, “Russia weighs an air truce” (2025-08-05)"
    wide = _quote(_q("no", cited), 80).split("\n")
    assert wide == [f"“no” ({cited})"]
    narrow = _quote(_q("no", cited), 30).split("\n")
    assert narrow == ["“no” (Bloomberg, 2025-08-05)"]


def test_shipped_quotes_keep_most_of_their_words_on_three_lines_at_most():
    s = load_scenario(REPO / "scenarios" / "air_truce_secondary_tariffs.toml")
    ax = demands(negsim.analyze(s))
    try:
        quotes = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("quote:")]
        assert quotes
        for q in quotes:  # three lines of quote, and one for its source
            assert q.count("\n") <= 3
        shown = [len(q.split()) for q in quotes]
        assert min(shown) >= 4 and sum(shown) / len(shown) > 12  # the old cut kept ~6 words
    finally:
        plt.close(ax.figure)


def test_the_demands_figure_prints_citations_never_hash_file_names():
    import re

    from negsim.loading.sources import find_sources_dir

    path = REPO / "scenarios" / "air_truce_secondary_tariffs.toml"
    folder = find_sources_dir(path)
    if folder is None or not (folder / "index.toml").is_file():
        import pytest

        pytest.skip("no shared/sources/index.toml beside the checkout")
    ax = demands(negsim.analyze(load_scenario(path)))
    try:
        texts = [t.get_text() for t in ax.texts]
        assert not any(re.search(r"\d{3}_[0-9a-f]{16}\.txt", t) for t in texts)
        assert any("(Bloomberg, 2025-08-05)" in t or "Bloomberg, “" in t for t in texts)
    finally:
        plt.close(ax.figure)
