"""GENIUS export: round trips through the XML give the same utilities on every outcome."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

import negsim
from negsim.bridges.genius_export import genius_refusal, to_genius
from negsim.cli import main
from negsim.errors import ScenarioError
from negsim.loading import load_scenario
from negsim.loading.genius import load_genius
from negsim.loading.write import scenario_to_toml
from negsim.preferences import build_preferences
from negsim.tolerances import ROUND_TOL
from tests.support.strategies import simple_scenarios

TEMPLATES = Path(__file__).parents[1] / "loading" / "genius"


def _all_utilities(s: negsim.Scenario) -> np.ndarray:
    rows = np.array(list(itertools.product(*[range(len(i)) for i in s.issues])), dtype=np.intp)
    return np.column_stack([m.utility(rows) for m in build_preferences(s)])


def _write(export, where: Path) -> tuple[Path, list[Path]]:
    where.mkdir(exist_ok=True)
    paths = []
    for name, text in export.files:
        (where / name).write_text(text)
        paths.append(where / name)
    return paths[0], paths[1:]


@pytest.mark.parametrize("dom, parties", [("party", ("host", "guest")), ("itex", ("buyer", "seller"))])
def test_genius_to_negsim_to_genius_keeps_every_utility(tmp_path, dom, parties):
    first = load_genius(TEMPLATES / f"{dom}_domain.xml",
                        *[TEMPLATES / f"{dom}_{p}.xml" for p in parties])
    export = to_genius(first)
    assert [m for _, m in export.scale] == [1.0, 1.0]  # GENIUS profiles: best option scores 1
    domain, profiles = _write(export, tmp_path)
    again = load_genius(domain, *profiles, names=tuple(a.name for a in first.actors))
    np.testing.assert_allclose(_all_utilities(again), _all_utilities(first), atol=ROUND_TOL)
    assert [(a.patience, a.reservation) for a in again.actors] == \
        [(a.patience, a.reservation) for a in first.actors]
    assert [i.options for i in again.issues] == [tuple(map(str, i.options)) for i in first.issues]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.filter_too_much])
@given(simple_scenarios())
def test_negsim_to_genius_and_back_scales_utilities_by_m(tmp_path_factory, s):
    assume(genius_refusal(s) is None)
    models = build_preferences(s)
    try:
        export = to_genius(s)
    except ScenarioError as exc:  # an actor whose demands score 0 everywhere
        assert "score 0 on every outcome" in str(exc)
        return
    domain, profiles = _write(export, tmp_path_factory.mktemp("g"))
    again = load_genius(domain, *profiles, names=tuple(a.name for a in s.actors))
    scale = np.array([m for _, m in export.scale])
    np.testing.assert_allclose(_all_utilities(again) * scale, _all_utilities(s), atol=1e-9)
    np.testing.assert_allclose([a.reservation * m for a, m in zip(again.actors, scale)],
                               [m.reservation for m in models], atol=1e-9)


def test_refuses_red_lines_conditions_and_constraints():
    I, D, A = negsim.Issue, negsim.Demand, negsim.Actor
    issues = (I("w", ("a", "b"), "a"), I("x", ("c", "d"), "c"))
    red = negsim.Scenario("t", issues=issues, actors=(A("P", (D("w", want="b", hard=True),)),))
    cond = negsim.Scenario("t", issues=issues, actors=(A("P", (D("w", want="b", when={"x": "d"}),)),))
    forbid = negsim.Scenario("t", issues=issues, actors=(A("P", (D("w", want="b"),)),),
                             constraints=(negsim.Constraint.of({"w": "b", "x": "d"}),))
    assert "red line" in genius_refusal(red)
    assert "conditional" in genius_refusal(cond)
    assert "constraints" in genius_refusal(forbid)
    with pytest.raises(ScenarioError, match=r"actors.P.demands\[0\]: cannot write GENIUS profiles"):
        to_genius(red)


def test_cli_import_then_export(tmp_path, capsys):
    out = tmp_path / "s.toml"
    args = ["import-genius", str(TEMPLATES / "itex_domain.xml"), str(TEMPLATES / "itex_buyer.xml"),
            str(TEMPLATES / "itex_seller.xml"), "-o", str(out), "--names", "Buyer,Seller"]
    assert main(args) == 0
    s = load_scenario(out)
    direct = load_genius(TEMPLATES / "itex_domain.xml", TEMPLATES / "itex_buyer.xml",
                         TEMPLATES / "itex_seller.xml", names=("Buyer", "Seller"))
    np.testing.assert_allclose(_all_utilities(s), _all_utilities(direct), atol=ROUND_TOL)
    assert main(["export-genius", str(out), "-o", str(tmp_path / "g")]) == 0
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == \
        ["Buyer.xml", "Seller.xml", "domain.xml"]


def test_cli_export_refusal_is_one_line_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "red.toml"
    red = negsim.Scenario("red", issues=(negsim.Issue("w", ("a", "b"), "a"),),
                          actors=(negsim.Actor("P", (negsim.Demand("w", want="b", hard=True),)),))
    src.write_text(scenario_to_toml(red))
    assert main(["export-genius", str(src), "-o", str(tmp_path / "g")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "red line" in err and str(src) in err
    assert not (tmp_path / "g").exists()


def test_cli_bad_xml_is_one_line(tmp_path, capsys):
    bad = tmp_path / "d.xml"
    bad.write_text("<utility_space><objective>")
    assert main(["import-genius", str(bad), str(bad), "-o", str(tmp_path / "s.toml")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {bad}: line 1") and "\n" not in err
    assert not (tmp_path / "s.toml").exists()
