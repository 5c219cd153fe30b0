"""Small scenarios built in code (and one written as TOML) for the figure and brief tests."""

from __future__ import annotations

from pathlib import Path

import negsim
from negsim import Actor, Demand, Issue, Lever, Observation, Proposal, Scenario

TARIFF_TOML = """
[scenario]
name = "Stand-in air truce"
date = "2025-08-05"
summary = "A small stand-in for the shipped air-truce scenario."

[analysis]
seed = 7

[[issues]]
id = "air_strikes"
options = ["continue", "halt_energy", "halt_all"]
ordered = true
status_quo = "continue"

[[issues]]
id = "ground_war"
options = ["continue", "ceasefire"]
status_quo = "continue"

[actors.Russia]
[[actors.Russia.demands]]
issue = "ground_war"
want = "continue"
weight = 3
[[actors.Russia.demands]]
issue = "air_strikes"
want = "continue"

[actors.Ukraine]
[[actors.Ukraine.demands]]
issue = "ground_war"
want = "ceasefire"
hard = true
quote = "only a complete ceasefire"
source = "telegram"

[actors.USA]
[[actors.USA.demands]]
issue = "ground_war"
want = "ceasefire"

[[levers]]
id = "secondary_tariffs"
label = "secondary tariffs"
by = "USA"
credibility = 0.6
effects = { Russia = -0.5, USA = -0.03 }

[[proposals]]
id = "air_truce"
by = "Russia"
terms = { air_strikes = "halt_all" }

[[observations]]
actor = "Ukraine"
proposal = "air_truce"
response = "reject"
"""


def write_tariff_scenario(folder: Path) -> Path:
    """Write the stand-in tariff scenario into ``folder``; return its path."""
    path = Path(folder) / "tariffs.toml"
    path.write_text(TARIFF_TOML, encoding="utf-8")
    return path


def two_party(**kw) -> Scenario:
    """A two-issue, two-party scenario where several bargaining solutions coincide.

    Outcomes (war, aid) and utilities (A, B), no levers, walk-aways at the status quo
    (fight, none): A wants truce (w 2) and aid (w 1), B wants truce (w 1) and no aid (w 1).
    """
    issues = (Issue("war", ("fight", "truce"), "fight"), Issue("aid", ("none", "some"), "none"))
    actors = (Actor("A", (Demand("war", want="truce", weight=2, label="Truce now"),
                          Demand("aid", want="some", label="Aid flows", quote="We need aid",
                                 source="speech"))),
              Actor("B", (Demand("war", want="truce"),
                          Demand("aid", want="none", hard=True, label="No aid, ever"))))
    proposals = (Proposal("p_truce", (("war", "truce"),), label="Plain truce"),
                 Proposal("p_aid", (("war", "truce"), ("aid", "some")), label="Truce with aid"))
    base = dict(issues=issues, actors=actors, proposals=proposals, date="2025-03-11", seed=3)
    base.update(kw)
    return Scenario("Two-party test", **base)


def three_party() -> Scenario:
    """Three parties, a lever that shifts C's walk-away, colours set for A and C."""
    issues = (Issue("war", ("fight", "truce"), "fight"),
              Issue("strikes", ("on", "energy_off", "off"), "on", ordered=True))
    actors = (Actor("A", (Demand("war", want="truce"), Demand("strikes", want="off")),
                    color="#111111"),
              Actor("B", (Demand("war", want="truce", weight=2), Demand("strikes", want="off"))),
              Actor("C", (Demand("war", want="fight", weight=3), Demand("strikes", want="on")),
                    color="#ff7f00"))
    levers = (Lever("tariffs", by="A", effects=(("C", -0.8),), credibility=0.5,
                    label="tariffs"),)
    proposals = (Proposal("air", (("strikes", "off"),), label="Air truce"),)
    observations = (Observation("C", "air", "accept"),)
    return Scenario("Three-party test", issues=issues, actors=actors, levers=levers,
                    proposals=proposals, observations=observations, date="2025-08-05", seed=11)


def analysed(scenario: Scenario):
    return negsim.analyze(scenario)
