"""Actor colours never read as the accept/reject colours; options and ids keep their meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from matplotlib.colors import to_rgb

import negsim
from negsim.plot.style import (ACCEPT_COLOR, COLOR_CLASH, REJECT_COLOR, actor_colors,
                               option_text, words)

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "scenarios").glob("*.toml"))


def _dist(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(to_rgb(a), to_rgb(b))) ** 0.5


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_actor_colours_are_far_from_accept_and_reject_and_distinct(path):
    colors = actor_colors(negsim.analyze(negsim.load_scenario(path)))
    assert len(set(colors.values())) == len(colors)
    for c in colors.values():
        assert min(_dist(c, ACCEPT_COLOR), _dist(c, REJECT_COLOR)) >= COLOR_CLASH, c


@given(st.lists(st.sampled_from([REJECT_COLOR, ACCEPT_COLOR, "#b2182b", "#1b7837", "#2166ac",
                                 None]), min_size=1, max_size=6))
def test_scenario_colours_that_clash_are_replaced(given_colors):
    actors = tuple(negsim.Actor(f"A{k}", (negsim.Demand("war", want="truce"),), color=c)
                   for k, c in enumerate(given_colors))
    s = negsim.Scenario("t", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
                        actors=actors)
    for c in actor_colors(negsim.analyze(s)).values():
        assert min(_dist(c, ACCEPT_COLOR), _dist(c, REJECT_COLOR)) >= COLOR_CLASH


def test_option_words_keep_ranges_and_numbers_get_four_significant_figures():
    assert words("10_15y") == "10–15y" and words("halt_energy") == "halt energy"
    assert option_text(3533.333333333333) == "3533" and option_text(0.125) == "0.125"
    assert option_text(2) == "2"
