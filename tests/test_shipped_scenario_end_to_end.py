"""The default scenario, end to end: load, analyse, JSON, summary, figure."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

import negsim
import negsim.plot
from negsim.cli import main
from negsim.text.summary import summary_text

DEFAULT = Path(__file__).resolve().parents[1] / "scenarios" / "air_truce_secondary_tariffs.toml"


@pytest.fixture(scope="module")
def analysis():
    return negsim.analyze(negsim.load_scenario(DEFAULT))


def test_result_round_trips_through_json(analysis):
    assert negsim.Analysis.from_json(analysis.to_json()) == analysis


def test_same_scenario_same_result_bit_for_bit(analysis):
    again = negsim.analyze(negsim.load_scenario(DEFAULT))
    assert again.to_json() == analysis.to_json()


def test_air_truce_is_blocked_by_ukraines_red_line(analysis):
    ukraine = analysis.verdict("air_truce").response("Ukraine")
    assert not ukraine.accepts and ukraine.vetoed
    assert any(b.red_line and b.issue == "ground_war" for b in ukraine.blockers)


def test_without_levers_drops_the_lever_and_the_games_that_pull_it():
    scenario = negsim.load_scenario(DEFAULT)
    assert any("secondary_tariffs" in n.levers for g in scenario.games for n in g.nodes)
    with pytest.raises(negsim.ScenarioError, match="without_levers"):
        scenario.with_changes(levers=())
    lighter = scenario.without_levers("secondary_tariffs")
    assert "secondary_tariffs" not in [lv.id for lv in lighter.levers]
    assert not any("secondary_tariffs" in n.levers for g in lighter.games for n in g.nodes)
    assert any("secondary_tariffs" in p.path for p in scenario.uncertain)
    assert not any("secondary_tariffs" in p.path for p in lighter.uncertain)
    assert not any("secondary_tariffs" in (q.parameter or "") for q in lighter.questions)
    with pytest.raises(negsim.ScenarioError, match="did you mean 'secondary_tariffs'"):
        scenario.without_levers("secondary_tarifs")


def test_tariffs_lower_russias_walk_away_by_their_expected_cost(analysis):
    scenario = negsim.load_scenario(DEFAULT)
    tariffs = next(lv for lv in scenario.levers if lv.id == "secondary_tariffs")
    without = negsim.analyze(scenario.without_levers("secondary_tariffs"))
    shift = analysis.actor("Russia").reservation - without.actor("Russia").reservation
    assert shift == pytest.approx(tariffs.credibility * dict(tariffs.effects)["Russia"])


def test_every_solution_lies_in_the_acceptable_set(analysis):
    options = analysis.acceptable.options
    for name in ("nash", "asymmetric_nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        sol = analysis.solution(name)
        assert sol.acceptable
        for issue, opt in sol.outcome.items():
            assert opt in options[issue]
        for actor in analysis.actors:
            assert sol.utilities[actor.name] >= actor.reservation - 1e-9


def test_summary_names_actors_proposals_and_observations(analysis):
    text = summary_text(analysis)
    for word in ("Russia", "Ukraine", "Air truce", "Acceptable deals", "Nash", "Observations"):
        assert word in text


@pytest.mark.slow
def test_outcome_space_figure_shows_what_the_analysis_found(analysis):
    import matplotlib.pyplot as plt

    ax = negsim.plot.outcome_space(analysis, actors=("Russia", "Ukraine"))
    labels = [t.get_text().replace("\n", " ") for t in ax.texts]
    for v in analysis.verdicts:
        assert any(v.label in text for text in labels), v.label
    russia = analysis.actor("Russia")
    shift = f"{russia.no_deal_utility:.2f} → {russia.reservation:.2f}"   # the tariffs' arrow
    assert any("tariffs" in t and shift in t for t in labels)
    assert any(t.startswith("Nash") for t in labels)
    title = ax.figure.get_suptitle() or ax.get_title(loc="left")  # a figure title on a new figure
    assert title.startswith(f"{analysis.acceptable.size:,} of 3,072 deals")
    plt.close(ax.figure)


@pytest.mark.slow
def test_cli_run_writes_figures(tmp_path, capsys):
    assert main(["run", str(DEFAULT), "--plots", str(tmp_path), "--format", "pdf"]) == 0
    for ext in ("png", "svg", "pdf"):
        f = tmp_path / f"outcome_space.{ext}"
        assert f.exists() and f.stat().st_size > 1000


def test_cli_run_method_flag_gives_the_same_answers_by_both_methods(capsys):
    assert main(["run", str(DEFAULT), "--method", "exhaustive"]) == 0
    exhaustive = capsys.readouterr().out
    assert main(["run", str(DEFAULT), "--method", "decomposed"]) == 0
    decomposed = capsys.readouterr().out
    assert "(exhaustive)" in exhaustive and "(decomposed)" in decomposed
    cut = lambda text: text.split("Bargaining solutions", 1)[1].split("Observations", 1)[0]
    assert cut(exhaustive) == cut(decomposed)
