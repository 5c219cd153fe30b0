"""tables(): DataFrames with pandas, plain records without, from one helper."""

from __future__ import annotations

import sys
import types

import pytest

import negsim
from negsim.tabular import have_pandas, table


@pytest.fixture
def no_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError


class _Frame:
    """Stands in for pandas.DataFrame: keeps what it was built from."""

    def __init__(self, rows, columns):
        self.rows, self.columns = rows, columns

    @classmethod
    def from_records(cls, rows, columns):
        return cls(rows, columns)


@pytest.fixture
def fake_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=_Frame))


def test_records_without_pandas(no_pandas):
    assert not have_pandas()
    assert table([{"a": 1}, {"b": 2}]) == [{"a": 1, "b": None}, {"a": None, "b": 2}]
    assert table([{"a": 1, "b": 2}], ["b", "a"]) == [{"b": 2, "a": 1}]


def test_frame_with_pandas(fake_pandas):
    t = table([{"a": 1}, {"b": 2}])
    assert isinstance(t, _Frame) and t.columns == ["a", "b"]
    assert t.rows == [{"a": 1, "b": None}, {"a": None, "b": 2}]


def test_analysis_tables_records(no_pandas):
    s = negsim.examples.two_party_scenario()
    a = negsim.analyze(s)
    t = a.tables()
    assert set(t) == {"verdicts", "frontier", "solutions", "actors"}
    assert len(t["verdicts"]) == len(a.verdicts) * len(a.actors)
    first = a.verdicts[0].responses[0]
    row = t["verdicts"][0]
    assert (row["proposal"], row["actor"], row["margin"]) == (a.verdicts[0].proposal, first.actor,
                                                             first.margin)
    assert len(t["frontier"]) == len(a.acceptable.frontier)
    for p, r in zip(a.acceptable.frontier, t["frontier"]):
        assert all(r[i.id] == p.outcome[i.id] for i in s.issues)
        assert all(r[f"u_{x}"] == p.utilities[x] for x in p.utilities)
    assert [r["actor"] for r in t["actors"]] == [x.name for x in s.actors]


def test_analysis_tables_frames(fake_pandas):
    a = negsim.analyze(negsim.examples.two_party_scenario())
    t = a.tables()
    assert all(isinstance(v, _Frame) for v in t.values())
    assert t["actors"].columns[0] == "actor"


def test_ensemble_and_backtest_tables(no_pandas, tmp_path):
    s = negsim.examples.two_party_scenario(hard=False)
    path = f"actors.{s.actors[0].name}.demands[0].weight"
    s = s.with_changes(uncertain=(negsim.UncertainParameter(
        path, negsim.Distribution.uniform(0.5, 2.0)),))
    e = negsim.ensemble(s, draws=20, seed=1)
    t = e.tables()
    assert [r["proposal"] for r in t["proposals"]] == [p.proposal for p in e.proposals]
    assert [r["all_accept"] for r in t["proposals"]] == [p.all_accept for p in e.proposals]
    assert [r["path"] for r in t["parameters"]] == [path]
    assert sum(r["count"] for r in t["solutions"] if r["solution"] == "nash") \
        + e.solution("nash").no_solution == 20
    report = negsim.results.backtest.BacktestReport([negsim.results.backtest.ScenarioBacktest(
        "x.toml", "pass", "x", 1, 1, 0, 0)])
    t = report.tables()
    assert t["scenarios"] == [{"path": "x.toml", "name": "x", "status": "pass", "observations": 1,
                               "matches": 1, "misses": 0, "must_match_misses": 0, "message": ""}]
    assert t["checks"] == []


def test_real_pandas():
    pd = pytest.importorskip("pandas", reason="pandas is optional and not installed here")
    t = negsim.analyze(negsim.examples.two_party_scenario()).tables()
    assert isinstance(t["verdicts"], pd.DataFrame)


def test_comparison_tables_and_notebook_view_show_the_flip(no_pandas):
    # the toy's truce: A accepts it (utility 1 > walk-away 0); with an aid lever worth 2 to A when
    # there is no deal, A's walk-away is 2 and it rejects: one verdict flips, margin +1 -> -1
    before = negsim.examples.toy_scenario(proposal=True)
    after = negsim.examples.toy_scenario(lever=2.0, proposal=True)
    c = negsim.compare(before, after)
    t = c.tables()
    flip = {"proposal": "truce", "before": True, "after": False, "margin_before": 1.0,
            "margin_after": -1.0}
    # the actor's verdict flips, and so does the proposal's ("all": every actor accepts)
    assert t["verdicts"] == [{**flip, "actor": "A"},
                             {**flip, "actor": "all", "margin_before": None, "margin_after": None}]
    assert t["walk_away"] == [{"actor": "A", "before": 0.0, "after": 2.0, "change": 2.0}]
    page = c._repr_html_()
    assert "Verdicts that flip (2)" in page and "accepts (+1.00)" in page and "rejects (-1.00)" in page
