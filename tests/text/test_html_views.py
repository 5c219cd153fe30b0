"""The notebook views: the key table and a small inline figure."""

from __future__ import annotations

import base64
import re
import sys

import pytest

import negsim
from negsim.text.html import FIGURE_DPI, FIGURE_INCHES, analysis_html, ensemble_html


def _png(html_text: str) -> bytes:
    m = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html_text)
    assert m, "no inline PNG"
    return base64.b64decode(m.group(1))


def _uncertain():
    s = negsim.examples.two_party_scenario(hard=False)
    return s.with_changes(uncertain=(negsim.UncertainParameter(
        f"actors.{s.actors[0].name}.demands[0].weight", negsim.Distribution.uniform(0.5, 2.0)),))


def test_analysis_view_has_table_and_small_png():
    a = negsim.analyze(negsim.examples.two_party_scenario())
    text = a._repr_html_()
    png = _png(text)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (round(FIGURE_INCHES[0] * FIGURE_DPI), round(FIGURE_INCHES[1] * FIGURE_DPI))
    assert len(text) < 150_000
    assert text == a._repr_html_()  # same result, same bytes
    assert "<img" not in analysis_html(a, figure=False)


def test_view_without_matplotlib_is_the_table_alone(monkeypatch):
    a = negsim.analyze(negsim.examples.two_party_scenario())
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    text = analysis_html(a)
    assert "<table" in text and "<img" not in text


def test_ensemble_view():
    r = negsim.ensemble(_uncertain(), draws=30, seed=2)
    text = r._repr_html_()
    assert "30 draws" in text and _png(text)
    for p in r.proposals:
        assert f"<td>{p.all_accept:.0%}</td>" in text
    assert "<img" not in ensemble_html(r, figure=False)
