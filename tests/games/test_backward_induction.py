"""Backward induction: textbook trees, ties, threats, and agreement with brute force."""

import itertools

import pytest
from hypothesis import given, settings, strategies as st

from negsim.errors import ScenarioError
from negsim.games.backward_induction import (SubgamePerfectResult, ThreatAssessment,
                                             backward_induction, threat_credibility)
from negsim.games.tree import (Chance, Decision, Terminal, chance, decision, decision_nodes,
                               players_of, terminal)

ENTRY = decision(
    "Entrant",
    Out=terminal(Entrant=0, Incumbent=2),
    In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=-1),
                Accommodate=terminal(Entrant=1, Incumbent=1)),
)


def test_entry_deterrence_spe_is_enter_and_accommodate():
    spe = backward_induction(ENTRY)
    assert spe.path == ("In", "Accommodate")
    assert spe.payoffs == {"Entrant": 1.0, "Incumbent": 1.0}
    assert spe.unique and spe.ties == ()
    assert [(n.path, n.optimal_actions) for n in spe.nodes] == [
        ((), ("In",)), (("In",), ("Accommodate",))]
    assert SubgamePerfectResult.from_dict(spe.to_dict()) == spe


def test_fight_threat_is_not_credible_but_commitment_to_it_is_worth_one():
    t = threat_credibility(ENTRY, ["In"], "Fight")
    assert not t.credible
    assert t.threat_payoff == (-1.0, -1.0) and t.best_actions == ("Accommodate",)
    assert t.spe_payoffs == (1.0,) and t.commitment_payoffs == (2.0,)
    assert t.value_of_commitment == (1.0, 1.0)
    assert ThreatAssessment.from_dict(t.to_dict()) == t


def test_threat_that_is_a_best_reply_is_credible():
    tough = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
                     In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=1.5),
                                 Accommodate=terminal(Entrant=1, Incumbent=1)))
    t = threat_credibility(tough, ["In"], "Fight")
    assert t.credible and t.value_of_commitment == (0.0, 0.0)
    assert backward_induction(tough).path == ("Out",)


def test_ties_are_reported_not_broken():
    # the Incumbent is indifferent; the Entrant's best move depends on how the tie is broken
    tied = decision("Entrant", Out=terminal(Entrant=0, Incumbent=2),
                    In=decision("Incumbent", Fight=terminal(Entrant=-1, Incumbent=1),
                                Accommodate=terminal(Entrant=1, Incumbent=1)))
    spe = backward_induction(tied)
    assert not spe.unique
    # the root is not itself a tie, but which action is optimal there depends on the tie below
    assert spe.ties == ((), ("In",))
    assert spe.nodes[1].optimal_actions == ("Fight", "Accommodate")
    assert spe.nodes[0].optimal_actions == ("Out", "In")
    assert spe.path is None and spe.payoffs is None
    assert sorted(o.path for o in spe.outcomes) == [("In", "Accommodate"), ("Out",)]


def test_chance_node_takes_expected_payoffs():
    game = decision("A", safe=terminal(A=1, B=0),
                    gamble=chance({"win": (0.5, terminal(A=4, B=0)),
                                   "lose": (0.5, terminal(A=0, B=1))}))
    spe = backward_induction(game)
    assert spe.path == ("gamble",) and spe.payoffs == {"A": 2.0, "B": 0.5}
    assert spe.nodes[0].action_values == {"safe": (1.0, 1.0), "gamble": (2.0, 2.0)}
    assert spe.unique


def test_tree_round_trips_and_rejects_bad_input():
    assert Decision.from_dict(ENTRY.to_dict()) == ENTRY
    with pytest.raises(ScenarioError, match="sum to 1"):
        chance({"a": (0.5, terminal(A=1)), "b": (0.4, terminal(A=0))})
    with pytest.raises(ScenarioError, match="same players"):
        backward_induction(decision("A", x=terminal(A=1, B=1), y=terminal(A=1)))
    with pytest.raises(ScenarioError, match="no such branch") as err:
        threat_credibility(ENTRY, ["Inn"], "Fight")
    assert "did you mean 'In'" in str(err.value)
    with pytest.raises(ScenarioError, match="no such action"):
        threat_credibility(ENTRY, ["In"], "Fite")


# ---- brute force over pure strategy profiles -------------------------------------------------

def _value(node, profile, players, path=()):
    if isinstance(node, Terminal):
        return tuple(node.payoffs[p] for p in players)
    if isinstance(node, Chance):
        vals = [_value(b.child, profile, players, path + (b.label,)) for b in node.branches]
        return tuple(sum(b.probability * v[k] for b, v in zip(node.branches, vals))
                     for k in range(len(players)))
    label = profile[path]
    child = next(b.child for b in node.branches if b.label == label)
    return _value(child, profile, players, path + (label,))


def _brute_force(root):
    players = players_of(root)
    nodes = decision_nodes(root)
    spe = []
    for choice in itertools.product(*(n.actions for _, n in nodes)):
        profile = dict(zip((p for p, _ in nodes), choice))
        ok = True
        for path, node in nodes:  # one-shot deviation principle
            k = players.index(node.player)
            here = _value(node, profile, players, path)[k]
            for a in node.actions:
                dev = dict(profile)
                dev[path] = a
                if _value(node, dev, players, path)[k] > here + 1e-9:
                    ok = False
        if ok:
            spe.append(profile)
    return spe, players


@st.composite
def trees(draw, depth=0):
    kind = draw(st.sampled_from(["t", "d", "d", "c"]) if depth < 3 else st.just("t"))
    if kind == "t":
        return terminal(A=draw(st.integers(0, 3)), B=draw(st.integers(0, 3)))
    k = draw(st.integers(1, 2))
    kids = [draw(trees(depth=depth + 1)) for _ in range(k)]
    if kind == "d":
        return decision(draw(st.sampled_from(["A", "B"])),
                        {f"a{i}": c for i, c in enumerate(kids)})
    return chance({f"e{i}": (1.0 / k, c) for i, c in enumerate(kids)})


@settings(max_examples=50, deadline=None)
@given(trees())
def test_backward_induction_agrees_with_brute_force_over_strategy_profiles(root):
    spe = backward_induction(root)
    profiles, players = _brute_force(root)
    brute = {tuple(round(x, 9) for x in _value(root, p, players)) for p in profiles}
    ours = {tuple(round(o.payoffs[q], 9) for q in players) for o in spe.outcomes}
    assert ours == brute
    assert spe.unique == (len(profiles) == 1)
    for node in spe.nodes:
        assert set(node.optimal_actions) == {p[node.path] for p in profiles}
