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


def test_a_quote_that_fits_in_three_lines_is_shown_whole_with_its_source():
    q = SimpleNamespace(quote="one two three four five six seven eight nine ten", source="AP")
    text = _quote(q, 20)
    assert text.split("\n") == ["“one two three four", "five six seven eight", "nine ten” (AP)"]


def test_a_longer_quote_ends_in_an_ellipsis_on_its_third_line():
    q = SimpleNamespace(quote=" ".join(["word"] * 40), source="AP")
    lines = _quote(q, 20).split("\n")
    assert len(lines) == 3 and all(len(x) <= 20 for x in lines)
    assert lines[-1].endswith("…”")


def test_shipped_quotes_keep_most_of_their_words_on_three_lines_at_most():
    s = load_scenario(REPO / "scenarios" / "air_truce_secondary_tariffs.toml")
    ax = demands(negsim.analyze(s))
    try:
        quotes = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("quote:")]
        assert quotes
        for q in quotes:
            assert q.count("\n") <= 2
        shown = [len(q.split()) for q in quotes]
        assert min(shown) >= 4 and sum(shown) / len(shown) > 12  # the old cut kept ~6 words
    finally:
        plt.close(ax.figure)
