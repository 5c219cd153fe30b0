"""Red lines hold in scenario games: the action is removed or the leaf carries the veto."""

from __future__ import annotations

from pathlib import Path

import negsim
from negsim.model.specs import GameSpec, NodeSpec
from negsim.preferences import build_preferences
from negsim.scenario_games.from_scenario import solve_game
from negsim.scenario_games.red_lines import enforce_red_lines

ROOT = Path(__file__).resolve().parents[2]

# A owns a red line on x (x must stay "a"); B wants x = "b".  B proposes, A answers.
S = negsim.Scenario(
    "t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    actors=(negsim.Actor("A", (negsim.Demand("x", want="a", hard=True),)),
            negsim.Actor("B", (negsim.Demand("x", want="b"),))),
    proposals=(negsim.Proposal("deal", (("x", "b"),)),))


def _game(*nodes: NodeSpec) -> GameSpec:
    return GameSpec("g", "sequential", nodes=nodes, root=nodes[0].id)


def test_the_actor_whose_red_line_is_crossed_cannot_accept():
    g = _game(NodeSpec("offer", "B", (("propose", "answer"), ("wait", "q"))),
              NodeSpec("answer", "A", (("accept", "d"), ("reject", "q"))),
              NodeSpec("d", outcome="deal"), NodeSpec("q", outcome="no_deal"))
    res = solve_game(S, g)
    assert [n.optimal_actions for n in res.spe.nodes if n.player == "A"] == [("reject",)]
    assert all("d" != res.node_ids["/".join(o.path)] for o in res.spe.outcomes)
    assert res.red_lines == ["A cannot play accept at answer: deal crosses its red line "
                             "(action removed)"]
    assert res.reconciliation == []


def test_a_deal_reached_by_someone_else_carries_the_veto():
    # B alone moves into the deal: the leaf is played as no deal (A's consent is missing)
    g = _game(NodeSpec("offer", "B", (("impose", "d"), ("wait", "q"))),
              NodeSpec("d", outcome="deal"), NodeSpec("q", outcome="no_deal"))
    new, notes = enforce_red_lines(S, g, build_preferences(S))
    assert new.node("d").outcome == "no_deal"
    assert notes == ["leaf d: deal crosses the red line of A, so it is played as no deal "
                     "(the leaf carries the veto)"]
    res = solve_game(S, g)
    assert res.spe.payoffs == {"B": 0.0, "A": 1.0}  # no deal either way: a tie for B


def test_a_node_whose_every_action_crosses_keeps_them_and_leaves_veto():
    g = _game(NodeSpec("answer", "A", (("yes", "d"), ("also_yes", "d2"))),
              NodeSpec("d", outcome="deal"), NodeSpec("d2", outcome="deal"))
    new, notes = enforce_red_lines(S, g, build_preferences(S))
    assert new.node("answer").actions == g.node("answer").actions
    assert {new.node("d").outcome, new.node("d2").outcome} == {"no_deal"}
    assert len(notes) == 2


def test_a_deal_rejected_on_margin_is_flagged_not_removed():
    # C has no red line; its walk-away value is 1 - 0.5 * 1.5 = 0.25 > 0 = the deal, so the
    # verdicts have it reject.  In the game the lever is pulled in full (1 - 1.5 = -0.5 < 0),
    # so it accepts: a contradiction the red-line rule cannot remove, flagged
    s = negsim.Scenario(
        "t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
        actors=(negsim.Actor("C", (negsim.Demand("x", want="a"),)),
                negsim.Actor("B", (negsim.Demand("x", want="b"),))),
        proposals=(negsim.Proposal("deal", (("x", "b"),)),),
        levers=(negsim.Lever("punish", "B", (("C", -1.5),), credibility=0.5),))
    g = _game(NodeSpec("answer", "C", (("accept", "d"), ("reject", "p"))),
              NodeSpec("d", outcome="deal"), NodeSpec("p", outcome="no_deal", levers=("punish",)))
    res = solve_game(s, g)
    assert res.spe.path == ("accept",)
    assert len(res.reconciliation) == 1 and "C rejects in the verdicts" in res.reconciliation[0]


def test_shipped_tariff_tree_no_longer_has_ukraine_accepting_the_air_truce():
    a = negsim.analyze(negsim.load_scenario(ROOT / "scenarios/air_truce_secondary_tariffs.toml"))
    g = next(g for g in a.games if g.id == "tariff_deadline")
    ukr = [n for n in g.spe.nodes if n.player == "Ukraine"]
    assert [n.optimal_actions for n in ukr] == [("reject",)]
    assert all(g.node_ids["/".join(o.path)] != "air_truce_agreed" for o in g.spe.outcomes)
    # without Ukraine's acceptance, binding the USA to the tariffs gains it nothing
    assert {t.assessment.value_of_commitment for t in g.threats} == {(0.0, 0.0)}
    assert g.reconciliation == []
    assert "red line" in str(a)
