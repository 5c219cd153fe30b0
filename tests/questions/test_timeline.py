"""The timeline of two scenarios equals two separate analyses."""

from __future__ import annotations

import pytest

import negsim
from negsim.questions.timeline import timeline_entry

AUG = "scenarios/air_truce_secondary_tariffs.toml"
MAY = "scenarios/victory_day_truce.toml"
MAR = "scenarios/thirty_day_ceasefire_jeddah.toml"


def test_timeline_of_two_is_two_analyses_in_date_order():
    aug, may = negsim.load_scenario(AUG), negsim.load_scenario(MAY)
    t = negsim.timeline([aug, may])  # given out of order
    a_may = negsim.analyze(may, questions=False)
    a_aug = negsim.analyze(aug, questions=False)
    assert [e.date for e in t.entries] == sorted([aug.date, may.date])
    assert t.entries == [timeline_entry(a_may), timeline_entry(a_aug)]
    assert t.entries[0].acceptable == a_may.acceptable.size
    assert t.entries[1].walk_away == {x.name: x.reservation for x in a_aug.actors}
    assert t.steps == [negsim.compare(a_may, a_aug)]


def test_the_shipped_story_march_may_august():
    t = negsim.timeline([negsim.load_scenario(p) for p in (AUG, MAR, MAY)])
    assert [e.date[:7] for e in t.entries] == ["2025-03", "2025-05", "2025-08"]
    sizes = [e.acceptable for e in t.entries]
    assert sizes == sorted(sizes, reverse=True)  # the zone narrows as the year goes on
    assert "2025-03" in str(t)


def test_a_scenario_without_a_date_is_a_located_error():
    with pytest.raises(negsim.ScenarioError, match="scenario.date"):
        negsim.timeline([negsim.examples.toy_scenario()])
