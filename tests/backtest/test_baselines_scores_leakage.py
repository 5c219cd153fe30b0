"""Baselines on hand-built cases, the proper scores against their closed forms, the leakage check
on a planted circular observation and on a clean one, validate --strict."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import negsim
from negsim import Actor, Demand, Issue, Observation, Proposal, Scenario
from negsim.backtesting import scenario_backtest
from negsim.backtesting.baselines import baseline_predictions
from negsim.backtesting.leakage import circular_observations, quotes_overlap
from negsim.backtesting.scores import pool, score
from negsim.cli import main
from negsim.model.distributions import Distribution
from negsim.model.parameters import UncertainParameter
from negsim.tolerances import LOG_SCORE_FLOOR

ISSUES = (Issue("war", ("fight", "truce"), "fight"), Issue("aid", ("no", "yes"), "no"))


def _toy(observations, demands_b=None, by=("A", "B")) -> Scenario:
    a = Actor("A", (Demand("war", want="truce"), Demand("aid", want="yes", hard=True)))
    b = Actor("B", demands_b or (Demand("war", want="fight", weight=3), Demand("aid", want="no")))
    props = (Proposal("truce", {"war": "truce", "aid": "yes"}, by=by[0]),
             Proposal("aid_only", {"aid": "yes"}, by=by[1]),
             Proposal("plain", {"war": "truce"}))
    return Scenario("toy", issues=ISSUES, actors=(a, b), proposals=props,
                    observations=tuple(observations))


def test_each_baseline_on_a_hand_built_case():
    obs = [Observation("A", "truce", "accept"), Observation("A", "plain", "reject"),
           Observation("B", "truce", "reject"), Observation("B", "aid_only", "accept")]
    base = baseline_predictions(_toy(obs))
    # A's red line wants aid = yes: "plain" (aid no) crosses it; B has no red line
    assert base["red_lines_only"] == [True, False, True, True]
    # truce is A's, aid_only is B's, plain is nobody's
    assert base["own_side"] == [True, False, False, True]
    assert base["all_reject"] == [False] * 4 and base["all_accept"] == [True] * 4
    # with A and B on one side, each accepts the other's proposal; nobody's stays rejected
    sided = baseline_predictions(_toy(obs), {"A": "west", "B": "west"})["own_side"]
    assert sided == [True, False, True, True]


def test_scores_match_their_closed_forms():
    p, y = [0.9, 0.2, 0.5, 1.0], [True, False, True, False]
    s = score("m", p, y)
    assert s.hits == 2  # 0.9 for accept, 0.8 for reject; 0.5 is no hit; 1.0 on a reject misses
    brier = sum((Fraction(str(pi)) - yi) ** 2 for pi, yi in zip(p, y)) / 4
    assert s.brier == pytest.approx(float(brier), abs=1e-15)
    expected = (math.log(0.9) + math.log(0.8) + math.log(0.5) + math.log(LOG_SCORE_FLOOR)) / 4
    assert s.log_score == pytest.approx(expected, abs=1e-12)
    both = pool([[score("m", p[:2], y[:2])], [score("m", p[2:], y[2:])]])
    assert both[0].hits == s.hits and both[0].brier == pytest.approx(s.brier)
    assert both[0].log_score == pytest.approx(s.log_score)


def test_model_probabilities_come_from_the_ensemble_when_uncertain():
    # B accepts "plain" iff its weight on war (uniform on [0, 2]) is below its aid weight, 1
    obs = [Observation("B", "plain", "accept")]
    b = (Demand("war", want="fight"), Demand("aid", want="no"))
    s = _toy(obs, b)
    s = s.with_changes(actors=(s.actors[0], Actor("B", b, reservation=0.5)), uncertain=(
        UncertainParameter("actors.B.demands[0].weight", Distribution.uniform(0.01, 2.01)),))
    row = scenario_backtest(s, draws=4000)
    assert row.probability_source == "declared"
    assert row.probability_kind.startswith("declared uncertainty")
    # margin = 1/(1+w) - 0.5 >= 0 iff w <= 1: probability (1 - 0.01) / 2 = 0.495
    assert row.probabilities[0] == pytest.approx(0.495, abs=0.03)
    point = scenario_backtest(_toy(obs, b), default_spread=None)
    assert point.probability_kind.startswith("point") and point.probabilities in ([0.0], [1.0])
    assert point.probability_source == "point"


def test_default_spread_gives_the_closed_form_probability():
    # no declared uncertainty; B's war weight (1, # judgement) is drawn on [1 - x, 1 + x]:
    # B accepts "plain" iff 1/(1 + w) >= 0.5, i.e. w <= 1: probability 1/2 for every spread x;
    # its aid weight is judged too at 3 with a different closed form below
    obs = [Observation("B", "plain", "accept")]
    b = (Demand("war", want="fight"), Demand("aid", want="no"))
    s = _toy(obs, b)
    s = s.with_changes(actors=(s.actors[0], Actor("B", b, reservation=0.5)),
                       judged=("actors.B.demands[0].weight",))
    for spread in (0.1, 0.3, 0.6):
        row = scenario_backtest(s, draws=4000, default_spread=spread)
        assert row.probability_source == "default_spread"
        assert f"±{spread:.0%}" in row.probability_kind
        assert row.probabilities[0] == pytest.approx(0.5, abs=0.03)
    # reservation 0.4 judged too: accept iff 1/(1+w) >= r, w ~ U(0.7, 1.3), r ~ U(0.28, 0.52);
    # P = E_r[clip(((1 - r)/r - 0.7) / 0.6, 0, 1)], integrated numerically on a fine grid
    s2 = s.with_changes(actors=(s.actors[0], Actor("B", b, reservation=0.4)),
                        judged=("actors.B.demands[0].weight", "actors.B.reservation"))
    r = np.linspace(0.28, 0.52, 200_001)
    exact = float(np.mean(np.clip(((1 - r) / r - 0.7) / 0.6, 0, 1)))
    row = scenario_backtest(s2, draws=8000, default_spread=0.3)
    assert row.probabilities[0] == pytest.approx(exact, abs=0.025)
    # off: the point verdict
    assert scenario_backtest(s, default_spread=None).probabilities == [1.0]


def test_quote_overlap_rules():
    assert quotes_overlap("“Kiev has rejected the terms”", "Kiev has rejected the terms as unacceptable.")
    eight = "one two three four five six seven eight"
    assert quotes_overlap(f"alpha {eight} beta", f"gamma {eight} delta")
    assert not quotes_overlap("one two three four five six seven", "one two three four five six x")


QUOTE = "Kiev will only agree to a complete halt in hostilities"


def _leaky(obs_source: str, obs_quote: str, obs_date: str = "") -> Scenario:
    issues = (Issue("war", ("fight", "truce", "air"), "fight"),)
    u = Actor("U", (Demand("war", want="truce", hard=True, source="a.txt", quote=QUOTE),))
    return Scenario("leak", issues=issues, actors=(u,),
                    proposals=(Proposal("air", {"war": "air"}), Proposal("full", {"war": "truce"})),
                    observations=(Observation("U", "air", "reject", date=obs_date,
                                              source=obs_source, quote=obs_quote),
                                  Observation("U", "full", "accept", source="b.txt",
                                              quote="something else entirely")))


def test_the_leakage_check_finds_a_planted_circular_observation():
    found, _ = circular_observations(_leaky("a.txt", "Kiev will only agree to a complete halt"))
    assert [(c.index, c.demand, c.role, c.rule) for c in found] == [
        (0, "actors.U.demands[0]", "red line", "same source and quote")]


def test_same_source_and_date_is_circular_other_dates_are_not():
    s = _leaky("a.txt", "an unrelated sentence of the same report", "2025-08")
    assert circular_observations(s)[0] == []  # no date known for a.txt
    found, _ = circular_observations(s, {"a.txt": "2025-08-05"})
    assert [c.rule for c in found] == ["same source and date"]
    assert circular_observations(s, {"a.txt": "2025-03-01"})[0] == []


def test_a_clean_scenario_has_no_circular_observation():
    assert circular_observations(_leaky("c.txt", QUOTE))[0] == []
    assert circular_observations(_toy([Observation("A", "truce", "accept")]))[0] == []


# one red line that quotes the very sentence reporting the rejection it decides
_LEAK_TOML = f'''[scenario]
name = "leak"
[[issues]]
id = "war"
options = ["fight", "truce", "air"]
status_quo = "fight"
[[actors.U.demands]]
issue = "war"
want = "truce"
hard = true
source = "a.txt"
quote = "{QUOTE}"
[[proposals]]
id = "air"
terms = {{ war = "air" }}
[[observations]]
actor = "U"
proposal = "air"
response = "reject"
source = "a.txt"
quote = "{QUOTE}"
'''


def test_scores_without_circular_observations_and_validate_strict(tmp_path, capsys):
    row = scenario_backtest(_leaky("a.txt", QUOTE))
    assert [c.index for c in row.circular] == [0]
    model = {s.predictor: s for s in row.clean_scores}["model"]
    assert model.observations == 1
    path = tmp_path / "leak.toml"
    path.write_text(_LEAK_TOML, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["validate", "--strict", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("warning: ") and "actors.U.demands[0]" in err[0]
    report = negsim.backtest(path)
    assert "circular observations: 1 of 1" in str(report)
    assert "does no better than the red_lines_only baseline" in str(report)
    assert type(report).from_json(report.to_json()) == report


def test_a_circular_observation_is_cited_by_outlet_and_date_when_the_sources_are_known(
        tmp_path, monkeypatch):
    from negsim.loading.sources import SOURCES_ENV

    monkeypatch.delenv(SOURCES_ENV, raising=False)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.toml").write_text(
        '[[sources]]\nid = "wire_2025_03_01"\nfile = "a.txt"\noutlet = "Wire Service"\n'
        'date = "2025-03-01"\nheadline = "Talks stall"\n', encoding="utf-8")
    path = tmp_path / "leak.toml"
    path.write_text(_LEAK_TOML, encoding="utf-8")
    cited = negsim.backtest(path, sources=tmp_path / "src")
    (case,) = cited.scenarios[0].circular
    assert case.source == "a.txt" and "Wire Service" in case.citation
    line = next(x for x in str(cited).splitlines() if x.startswith("circular: "))
    assert line.endswith("(Wire Service, 2025-03-01)") and "a.txt" not in line
    raw = negsim.backtest(path)  # no index anywhere near: the raw source, said as it is
    assert next(x for x in str(raw).splitlines() if x.startswith("circular: ")).endswith("(a.txt)")
