"""Game figures (payoff matrix, game tree), the files `negsim run --plots` writes for them, and
the brief's games section — checked on textbook games whose answers are known."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import negsim  # noqa: E402
import negsim.plot as P  # noqa: E402
from negsim.text.brief import GAMES_SECTION, brief_html, brief_markdown  # noqa: E402
from negsim.text.brief_games import games_findings  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.errors import NegsimError  # noqa: E402
from negsim.results.games import GameResult  # noqa: E402
from negsim.plot.save import applicable_figures  # noqa: E402
from tests.scenario_games.test_games_from_scenario import ENTRY, PD  # noqa: E402

pytestmark = pytest.mark.slow

THREE = PD.replace('[actors.Row]', '[actors.Row]\n[actors.Third]') + '''[[games]]
id = "trio"
players = ["Row", "Column", "Third"]
payoffs = { Row = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]], Column = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]], Third = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]] }
'''

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "air_truce_secondary_tariffs.toml"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _write(tmp_path, text, name="s.toml"):
    f = tmp_path / name
    f.write_text(text)
    return f


@pytest.fixture
def games(tmp_path):
    return negsim.analyze(negsim.load_scenario(_write(tmp_path, PD)))


@pytest.fixture
def entry(tmp_path):
    return negsim.analyze(negsim.load_scenario(_write(tmp_path, ENTRY)))


def _gids(ax, prefix):
    items = list(ax.patches) + list(ax.texts) + list(ax.lines) + list(ax.collections)
    return sorted(x.get_gid() for x in items if (x.get_gid() or "").startswith(prefix))


def test_prisoners_dilemma_marks_only_the_defect_defect_cell(games):
    ax = P.payoff_matrix(games, game="pd")
    assert _gids(ax, "equilibrium:") == ["equilibrium:1:1"]  # (D, D)
    texts = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert texts["payoff:Row:1:0"] == "5.00" and texts["payoff:Column:1:0"] == "0.00"
    assert "One equilibrium: Row plays D, Column plays D" in ax.figure.texts[0].get_text()


def test_battle_of_sexes_marks_two_pure_cells_and_the_mixed_probabilities_on_the_margins(games):
    ax = P.payoff_matrix(games, game="bos")
    assert _gids(ax, "equilibrium:") == ["equilibrium:0:0", "equilibrium:1:1"]
    texts = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    # textbook mixed equilibrium: Him plays his first strategy 3/5, Her hers 2/5
    assert texts["mixed:0:Him:1"] == "0.60" and texts["mixed:0:Him:2"] == "0.40"
    assert texts["mixed:0:Her:1"] == "0.40" and texts["mixed:0:Her:2"] == "0.60"
    assert "3 equilibria" in ax.figure.texts[0].get_text()


def test_payoff_matrix_refuses_three_player_games_with_a_clear_error(tmp_path):
    a = negsim.analyze(negsim.load_scenario(_write(tmp_path, THREE)))
    with pytest.raises(NegsimError, match="3 players; a payoff matrix draws two-player"):
        P.payoff_matrix(a, game="trio")
    with pytest.raises(NegsimError, match="no game 'nope'"):
        P.payoff_matrix(a, game="nope")


def test_entry_tree_highlights_the_spe_path_and_marks_the_fight_threat_not_credible(entry):
    ax = P.game_tree(entry)
    # backward induction: the incumbent accommodates (1 > -1), so the entrant enters (1 > 0)
    assert _gids(ax, "spe-path:") == ["spe-path:In", "spe-path:In/Accommodate"]
    assert _gids(ax, "edge:") == ["edge:In/Fight", "edge:Out"]
    assert _gids(ax, "threat:") == ["threat:not-credible:In/Fight"]
    texts = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert texts["payoff:Entrant:In/Accommodate"] == "1.00"
    assert "not credible" in ax.figure.texts[0].get_text()


def test_a_tie_is_shown_and_both_optimal_actions_highlighted(tmp_path):
    tied = ENTRY.replace("payoffs = { Entrant = 0, Incumbent = 2 }",
                         "payoffs = { Entrant = 1, Incumbent = 2 }")
    a = negsim.analyze(negsim.load_scenario(_write(tmp_path, tied)))
    ax = P.game_tree(a)
    assert _gids(ax, "tie:") == ["tie:"]  # the entrant at the root is indifferent
    assert _gids(ax, "spe-path:") == ["spe-path:In", "spe-path:In/Accommodate", "spe-path:Out"]


def test_game_results_keep_tree_and_payoff_matrix_through_json(games, entry):
    for g in games.games + entry.games:
        assert GameResult.from_dict(g.to_dict()) == g
    tree = entry.games[0].tree
    assert [n.kind for n in tree] == ["decision", "terminal", "decision", "terminal", "terminal"]
    assert games.games[0].payoff_matrix == {"Row": [[3, 0], [5, 1]], "Column": [[3, 5], [0, 1]]}


def test_shipped_scenario_tree_says_the_tariff_threat_is_not_credible():
    if not SHIPPED.exists():
        pytest.skip("the shipped scenario is not in this checkout")
    a = negsim.analyze(negsim.load_scenario(SHIPPED))
    ax = P.game_tree(a, game="tariff_deadline")
    assert ax.figure.texts[0].get_text().startswith(
        "The secondary tariffs threat is not credible: USA would hold")
    assert len(_gids(ax, "threat:not-credible:")) == 2


def test_run_plots_writes_game_figures_and_brief_has_the_games_section(tmp_path, capsys):
    scenario = _write(tmp_path, ENTRY)
    a = negsim.analyze(negsim.load_scenario(scenario))
    assert {"game_tree_entry"} <= set(applicable_figures(a))
    out = tmp_path / "figs"
    assert main(["run", str(_write(tmp_path, PD, "pd.toml")), "--plots", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"payoff_matrix_pd.png", "payoff_matrix_bos.svg"} <= names
    out2 = tmp_path / "figs2"
    assert main(["run", str(scenario), "--plots", str(out2)]) == 0
    assert "game_tree_entry.png" in {p.name for p in out2.iterdir()}
    md = brief_markdown(a, {})
    assert f"## {GAMES_SECTION[1]}" in md
    assert "Incumbent's threat to Fight is not credible" in md
    assert f'<section id="games"><h2>{GAMES_SECTION[1]}</h2>' in brief_html(a, {})


def test_games_findings_say_whether_a_truce_holds_and_who_binds():
    if not SHIPPED.exists():
        pytest.skip("the shipped scenario is not in this checkout")
    a = negsim.analyze(negsim.load_scenario(SHIPPED))
    text = " ".join(games_findings(a))
    t = a.truces[0]
    assert ("holds" if t.holds else "does not hold") in text
    assert f"{t.binding} binds" in text
