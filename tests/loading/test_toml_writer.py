"""The scenario writer: everything it writes reads back the same through tomllib and the loader."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim import Actor, Constraint, Demand, Issue, Lever, Observation, Proposal, Scenario
from negsim.loading.write import scenario_to_toml, toml_key, toml_value

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_number = st.one_of(st.integers(-10**15, 10**15),
                    st.floats(allow_nan=False, allow_infinity=False))
_scalar = st.one_of(_text, _number, st.booleans())


@settings(max_examples=200, deadline=None)
@given(_text, st.one_of(_scalar, st.lists(_scalar, max_size=4)))
def test_any_key_and_value_read_back_unchanged(key, value):
    doc = tomllib.loads(f"{toml_key(key)} = {toml_value(value)}\n")
    assert doc == {key: value}


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_text, _scalar, max_size=4))
def test_inline_tables_read_back_unchanged(table):
    assert tomllib.loads(f"t = {toml_value(table)}\n") == {"t": table}


def _rich_scenario() -> Scenario:
    issues = (Issue("air", ("continue", "halt_energy", "halt_all"), "continue", ordered=True,
                    label="Air strikes", description='The "sky" truce\nsecond line'),
              Issue.numeric_range("days", 0, 90, 4, status_quo=0),
              Issue("share", (0.25, 0.5, 0.75), 0.5, ordered=True))
    actors = (
        Actor("European mediators", (
            Demand("air", want=("halt_energy", "halt_all"), weight=2.5, label="Stop strikes",
                   source="001_e3ab6bf0f2059d12.txt",
                   quote="President Vladimir Putin won’t agree to a general ceasefire"),
            Demand("days", scores={30: 0.5, 90: 1.0}, when={"air": ["halt_all"]}, hard=True),
        ), power=2.0, patience=0.8, reservation=0.1, color="#b2182b", label="Europe"),
        Actor("Russia", (Demand("share", avoid=0.25), Demand("air", want="continue", weight=3))),
    )
    return Scenario(
        "Rich \\ scenario", issues, actors,
        levers=(Lever("tariffs", by="Russia", effects={"Russia": -0.2, "European mediators": 0.05},
                      credibility=0.6, quote="a \"quote\""),
                Lever("aid", by="European mediators", effects={"Russia": -0.1},
                      trigger={"air": "continue", "days": [0, 30]})),
        proposals=(Proposal("truce", {"air": "halt_all", "days": 30}, by="Russia", date="2025-08-05"),
                   Proposal("nothing", {})),
        observations=(Observation("Russia", "truce", "accept", must_match=False, note="reported"),
                      Observation("European mediators", "nothing", "reject", date="2025-08-06")),
        constraints=(Constraint.of({"air": "continue", "days": 90}, "no truce, no term"),),
        date="2025-08-05", summary="Line one.\nLine two with \t tab.", seed=7, cloud_size=100)


def test_a_rich_scenario_round_trips_through_the_file_format(tmp_path):
    s = _rich_scenario()
    path = tmp_path / "rich.toml"
    path.write_text(scenario_to_toml(s), encoding="utf-8")
    assert negsim.load_scenario(path) == s


def test_comments_and_preamble_do_not_change_the_content(tmp_path):
    s = _rich_scenario()
    plain = tomllib.loads(scenario_to_toml(s))
    text = scenario_to_toml(s, {'actors.European mediators.demands[0].weight': "fitted\nhere"},
                            preamble="line one\nline two")
    assert tomllib.loads(text) == plain
    assert text.startswith("# line one\n# line two\n")
    assert "weight = 2.5  # fitted here" in text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.01, 100, allow_nan=False), min_size=1, max_size=4),
       st.text(min_size=1, max_size=12).filter(lambda t: t.strip() == t and t))
def test_generated_scenarios_round_trip(weights, name):
    issues = (Issue("x", ("a", "b", "c"), "a", ordered=True),)
    actor = Actor(name, tuple(Demand("x", want="c", weight=w) for w in weights))
    s = Scenario(name, issues, (actor,))
    assert negsim.scenario_from_dict(tomllib.loads(scenario_to_toml(s))) == s
