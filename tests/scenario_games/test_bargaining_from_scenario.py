"""Rubinstein and Fearon through scenario files, ``extends`` of games and truces, bad input."""

from __future__ import annotations

import numpy as np
import pytest

import negsim
from negsim.errors import ScenarioError
from negsim.games.rubinstein import alternating_offers
from negsim.text.summary import summary_text

N = 20  # the pie in twentieths


def _pie(patience_a, patience_b, extra=""):
    """Two actors split a pie: option s<k> gives A k/N and B 1 - k/N; no deal ("none") 0 each."""
    opts = ", ".join(f'"s{k}"' for k in range(N + 1))
    a = ", ".join(f"s{k} = {k / N!r}" for k in range(N + 1))
    b = ", ".join(f"s{k} = {1 - k / N!r}" for k in range(N + 1))
    return f'''[scenario]
name = "pie"
[[issues]]
id = "split"
options = ["none", {opts}]
status_quo = "none"
ordered = false
[actors.A]
patience = {patience_a}
demands = [{{ issue = "split", scores = {{ {a} }} }}]
[actors.B]
patience = {patience_b}
demands = [{{ issue = "split", scores = {{ {b} }} }}]
{extra}'''


def _load(tmp_path, text, name="s.toml"):
    f = tmp_path / name
    f.write_text(text)
    return negsim.load_scenario(f)


@pytest.mark.parametrize("da, db, first, x1", [
    (0.9, 0.9, "A", 0.5263),   # (1 - 0.9) / (1 - 0.81)
    (0.9, 0.8, "A", 0.7143),   # (1 - 0.8) / (1 - 0.72)
    (0.9, 0.8, "B", 0.3571),   # B proposes first: (1 - 0.9) / (1 - 0.72)
])
def test_rubinstein_split_from_the_actors_patience(tmp_path, da, db, first, x1):
    order = '["A", "B"]' if first == "A" else '["B", "A"]'
    b = negsim.analyze(_load(tmp_path, _pie(da, db, f"[bargaining]\nactors = {order}\n"))
                       ).bargaining_over_time
    d_resp = db if first == "A" else da
    assert b.proposer == first
    assert b.split == pytest.approx((1 - d_resp) / (1 - da * db), abs=1e-12)
    assert round(b.split, 4) == x1


def _stationary_pairs(U, d1, d2):
    """Brute force: every pair of frontier indices (x, y) satisfying the stationarity equations."""
    out = set()
    w1, w2 = U[:, 0], U[:, 1]
    for x in range(len(U)):
        for y in range(len(U)):
            v1, v2 = w1[x], w2[y]
            ok_x = w2 >= d2 * v2 - 1e-12
            ok_y = w1 >= d1 * v1 - 1e-12
            if ok_x[x] and ok_y[y] and w1[x] >= w1[ok_x].max() - 1e-12 \
                    and w2[y] >= w2[ok_y].max() - 1e-12:
                out.add((round(float(w1[x]), 9), round(float(w2[y]), 9)))
    return out


@pytest.mark.parametrize("da, db", [(0.9, 0.9), (0.9, 0.8), (0.6, 0.95)])
def test_first_offer_on_the_frontier_is_a_stationary_equilibrium_found_by_brute_force(
        tmp_path, da, db):
    a = negsim.analyze(_load(tmp_path, _pie(da, db)))
    b = a.bargaining_over_time
    frontier = [(p.outcome, p.utilities) for p in a.acceptable.frontier]
    U = np.array([[u["A"], u["B"]] for _, u in frontier])
    assert len(U) == N + 1  # every split is Pareto optimal; "none" is not
    assert b.offer_utilities is not None and b.offer["split"].startswith("s")
    k = int(b.offer["split"][1:])
    assert b.offer_utilities == pytest.approx({"A": k / N, "B": 1 - k / N})
    r = alternating_offers(U, (0.0, 0.0), da, db)
    assert b.offer_utilities["A"] == pytest.approx(r.equilibria[0].first_offer_utilities[0])
    brute = _stationary_pairs(U, da, db)
    assert any(abs(x - k / N) < 1e-9 for x, _ in brute)
    # the grid answer is near Rubinstein's: a twentieth moves the threshold by at most 1/N
    # and the discount factors amplify it by at most 1 / (1 - da db)
    assert abs(k / N - b.split) <= (1 / N) / (1 - da * db) + 1e-9


WAR = '''
[war]
actors = ["A", "B"]
p = 0.6
costs = { A = 0.1, B = 0.2 }
[[proposals]]
id = "low"
terms = { split = "s8" }
[[proposals]]
id = "edge"
terms = { split = "s10" }
[[proposals]]
id = "mid"
terms = { split = "s14" }
[[proposals]]
id = "top"
terms = { split = "s16" }
[[proposals]]
id = "greedy"
terms = { split = "s18" }
'''


def test_fearon_range_from_a_war_table_and_which_proposals_fall_in_it(tmp_path):
    b = negsim.analyze(_load(tmp_path, _pie(0.9, 0.9, WAR))).bargaining_over_time
    # Fearon: A wins with p = 0.6; war is worth p - cA = 0.5 to A and 1 - p - cB = 0.2 to B,
    # so A's share x beats war for both exactly when 0.5 <= x <= 0.8
    assert (b.war.low, b.war.high) == pytest.approx((0.5, 0.8))
    assert b.war_actors == ["A", "B"]
    assert b.shares == pytest.approx({"low": 0.4, "edge": 0.5, "mid": 0.7, "top": 0.8,
                                      "greedy": 0.9})
    assert b.in_range == {"low": False, "edge": True, "mid": True, "top": True, "greedy": False}
    text = summary_text(negsim.analyze(_load(tmp_path, _pie(0.9, 0.9, WAR))))
    assert "greedy: share 0.900 outside" in text and "mid: share 0.700 in range" in text


BASE = '''[scenario]
name = "base"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
[actors.Row]
demands = [{ issue = "x", want = "b" }]
[actors.Column]
demands = [{ issue = "x", want = "b" }]
[[proposals]]
id = "deal"
terms = { x = "b" }
[[games]]
id = "pd"
label = "from the base"
players = ["Row", "Column"]
payoffs = { Row = [[3, 0], [5, 1]], Column = [[3, 5], [0, 1]] }
[[truces]]
proposal = "deal"
detection = 0.5
'''

CHILD = '''[scenario]
name = "child"
extends = ["base.toml"]
[[games]]
id = "pd"
payoffs = { Row = [[2, 0], [3, 1]], Column = [[2, 3], [0, 1]] }
[[games]]
id = "bos"
players = ["Row", "Column"]
payoffs = { Row = [[3, 0], [0, 2]], Column = [[2, 0], [0, 3]] }
[[truces]]
proposal = "deal"
detection = 0.9
'''


def test_extends_merges_games_by_id_and_appends_truces(tmp_path):
    (tmp_path / "base.toml").write_text(BASE)
    s = _load(tmp_path, CHILD, "child.toml")
    assert [g.id for g in s.games] == ["pd", "bos"]
    pd = s.games[0]
    assert pd.label == "from the base"  # keys the child does not give are kept
    assert [list(map(list, t)) for _, t in pd.payoffs][0] == [[2, 0], [3, 1]]  # the child's
    assert [t.detection for t in s.truces] == [0.5, 0.9]  # base first, then the child's


@pytest.mark.parametrize("where, old, new, key", [
    ("child", "detection = 0.9", "detection = 1.5", "truces[0].detection"),
    ("base", 'proposal = "deal"\ndetection = 0.5', 'proposal = "dael"\ndetection = 0.5',
     "truces[0].proposal"),
    ("child", "Column = [[2, 0], [0, 3]] }", "Column = [[2, 0], [0]] }", "games[1].payoffs.Column"),
])
def test_errors_in_extended_games_and_truces_point_at_their_own_file(tmp_path, where, old, new,
                                                                    key):
    base, child = BASE, CHILD
    if where == "base":
        base = base.replace(old, new)
    else:
        child = child.replace(old, new)
    assert old in (BASE if where == "base" else CHILD)
    (tmp_path / "base.toml").write_text(base)
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, child, "child.toml")
    assert err.value.file.endswith(f"{where}.toml")
    assert err.value.key == key


WAR_AND_TRUCE = '''
[war]
actors = ["A", "B"]
p = 0.6
costs = { A = 0.1, B = 0.2 }
[[proposals]]
id = "half"
terms = { split = "s10" }
[[truces]]
proposal = "half"
'''


@pytest.mark.parametrize("old, new, key", [
    ("p = 0.6", "p = 1.5", "war.p"),
    ('actors = ["A", "B"]', 'actors = ["A"]', "war.actors"),
    ('actors = ["A", "B"]\np = 0.6\ncosts = { A = 0.1, B = 0.2 }',
     'actors = ["A", "C"]\np = 0.6\ncosts = { A = 0.1, C = 0.2 }', "war.actors[1]"),
    ("costs = { A = 0.1, B = 0.2 }", "costs = { A = 0.1 }", "war.costs"),
    ("costs = { A = 0.1, B = 0.2 }", "costs = { A = 0.1, B = -0.2 }", "war.costs.B"),
    ('proposal = "half"', 'proposal = "halve"', "truces[0].proposal"),
    ('proposal = "half"', 'proposal = "half"\ndetection = 2', "truces[0].detection"),
    ('proposal = "half"', 'proposal = "half"\nfalse_alarm = -0.1', "truces[0].false_alarm"),
    ('proposal = "half"', 'proposal = "half"\nparties = ["A", "Z"]', "truces[0].parties[1]"),
    ('proposal = "half"', 'proposal = "half"\nissues = ["splt"]', "truces[0].issues[0]"),
    ('proposal = "half"', 'proposal = "half"\nverification = { issue = "nope", q = { a = 1 } }',
     "truces[0].verification.issue"),
    ('proposal = "half"', 'proposal = "half"\nverification = { issue = "split", q = { s99 = 1 } }',
     "truces[0].verification.q.s99"),
    ('proposal = "half"', 'proposal = "half"\nverification = { issue = "split" }',
     "truces[0].verification.q"),
    ('proposal = "half"', 'proposal = "half"\nlabel = 3', "truces[0].label"),
])
def test_bad_war_and_truce_tables_give_located_errors(tmp_path, old, new, key):
    text = _pie(0.9, 0.9, WAR_AND_TRUCE)
    assert old in text
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, text.replace(old, new, 1))
    assert err.value.file.endswith("s.toml")
    assert err.value.key == key
