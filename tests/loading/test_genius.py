"""GENIUS import: the hand-made templates against a brute-force reading of GENIUS's rules."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import negsim
from negsim.errors import ArgumentError, ScenarioError
from negsim.loading.genius import load_genius
from negsim.preferences import build_preferences
from negsim.tolerances import ROUND_TOL

HERE = Path(__file__).parent / "genius"
TEMPLATES = {"party": ("host", "guest"), "itex": ("buyer", "seller")}


def _files(dom: str) -> tuple[Path, list[Path]]:
    return HERE / f"{dom}_domain.xml", [HERE / f"{dom}_{p}.xml" for p in TEMPLATES[dom]]


def _genius_reading(domain: Path, profile: Path):
    """GENIUS's additive utility, read straight from the XML with exact fractions."""
    issues = []
    for el in ET.parse(domain).getroot().iter("issue"):
        if el.get("type") == "integer":
            opts = list(range(int(el.get("lowerbound")), int(el.get("upperbound")) + 1))
        else:
            opts = [it.get("value") for it in el.findall("item")]
        issues.append((el.get("name"), opts))
    root = ET.parse(profile).getroot()
    weights = {w.get("index"): Fraction(w.get("value")) for w in root.iter("weight")}
    evals = {}
    for el in root.iter("issue"):
        w = weights[el.get("index")]
        if el.get("type") == "integer":
            ev = el.find("evaluator")
            off, slope = Fraction(ev.get("offset")), Fraction(ev.get("slope"))
            table = {x: off + slope * x for x in range(int(el.get("lowerbound")),
                                                        int(el.get("upperbound")) + 1)}
        else:
            raw = {it.get("value"): Fraction(it.get("evaluation")) for it in el.findall("item")}
            top = max(raw.values())
            table = {k: v / top for k, v in raw.items()}
        evals[el.get("name")] = (w, table)
    res = root.find("reservation")
    r = Fraction(res.get("value")) if res is not None else Fraction(0)
    total = sum(w for w, _ in evals.values())

    def u(outcome):
        return sum(w * t[outcome[name]] for name, (w, t) in evals.items()) / total
    return issues, u, r


def _brute(dom: str):
    domain, profiles = _files(dom)
    readings = [_genius_reading(domain, p) for p in profiles]
    issues = readings[0][0]
    outcomes = [dict(zip([n for n, _ in issues], combo))
                for combo in itertools.product(*[o for _, o in issues])]
    util = [[u(o) for _, u, _ in readings] for o in outcomes]
    res = [r for _, _, r in readings]
    # negsim's no-deal outcome (each issue's first option, see negsim.loading.genius) is not a deal
    acc = [k for k, us in enumerate(util) if k != 0 and all(x >= r for x, r in zip(us, res))]
    front = [k for k in acc if not any(
        all(a >= b for a, b in zip(util[j], util[k])) and util[j] != util[k] for j in acc)]
    product = {k: (util[k][0] - res[0]) * (util[k][1] - res[1]) for k in acc}
    best = max(product.values())
    nash = [k for k, v in product.items() if v == best]
    return outcomes, util, acc, front, nash


@pytest.mark.parametrize("dom", sorted(TEMPLATES))
def test_utilities_equal_genius_on_every_outcome(dom):
    domain, profiles = _files(dom)
    s = load_genius(domain, *profiles)
    outcomes, util, _, _, _ = _brute(dom)
    models = build_preferences(s)
    assert len(outcomes) == s.space.size
    for o, us in zip(outcomes, util):
        row = np.array([[issue.index(o[issue.id]) for issue in s.issues]])
        got = [float(m.utility(row)[0]) for m in models]
        assert got == pytest.approx([float(x) for x in us], abs=ROUND_TOL)


@pytest.mark.parametrize("dom", sorted(TEMPLATES))
def test_templates_give_brute_force_frontier_and_nash(dom):
    domain, profiles = _files(dom)
    a = negsim.analyze(load_genius(domain, *profiles))
    outcomes, _, acc, front, nash = _brute(dom)
    assert a.acceptable.size == len(acc)
    got_front = sorted(sorted(p.outcome.items()) for p in a.acceptable.frontier)
    assert got_front == sorted(sorted(outcomes[k].items()) for k in front)
    assert len(nash) == 1
    assert a.solution("nash").outcome == outcomes[nash[0]]


def test_patience_reservation_and_names():
    domain, profiles = _files("itex")
    s = load_genius(domain, *profiles, names=("Buyer", "Seller"))
    buyer, seller = s.actors
    assert (buyer.name, buyer.patience, buyer.reservation) == ("Buyer", 0.9, 0.2)
    # discount_factor 1 (no discounting) keeps the default patience; no reservation means 0
    assert (seller.patience, seller.reservation) == (negsim.Actor("x").patience, 0.0)
    price = s.issues[0]
    assert price.options == (0, 1, 2, 3, 4) and price.ordered


def test_real_issue_is_discretised_with_the_stated_step(tmp_path):
    (tmp_path / "d.xml").write_text(
        '<utility_space><objective name="r"><issue index="1" name="t" type="real" '
        'lowerbound="0" upperbound="2"/></objective></utility_space>')
    (tmp_path / "p.xml").write_text(
        '<utility_space><objective name="r"><issue index="1" name="t" type="real" lowerbound="0" '
        'upperbound="2"><evaluator ftype="linear" parameter0="0" parameter1="0.5"/></issue>'
        '<weight index="1" value="1"/></objective></utility_space>')
    s = load_genius(tmp_path / "d.xml", tmp_path / "p.xml", real_steps=5)
    assert s.issues[0].options == (0, 0.5, 1, 1.5, 2)
    assert "step 0.5" in s.issues[0].description
    assert s.actors[0].demands[0].scores == ((0, 0.0), (0.5, 0.25), (1, 0.5), (1.5, 0.75), (2, 1.0))


def _write(tmp_path, domain: str, profile: str):
    (tmp_path / "d.xml").write_text(domain)
    (tmp_path / "p.xml").write_text(profile)
    return tmp_path / "d.xml", tmp_path / "p.xml"


GOOD_DOMAIN = ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
               '<item value="a"/><item value="b"/></issue></objective></utility_space>')


@pytest.mark.parametrize("profile, key, words", [
    ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
     '<item value="a" evaluation="1"/><item value="c" evaluation="2"/></issue>'
     '<weight index="1" value="1"/></objective></utility_space>',
     "utility_space/objective/issue[1]/item[2]@value", "one of ['a', 'b']"),
    ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
     '<item value="a" evaluation="one"/></issue><weight index="1" value="1"/></objective>'
     '</utility_space>', "utility_space/objective/issue[1]/item[1]@evaluation", "a number"),
    ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
     '<item value="a" evaluation="1"/></issue></objective></utility_space>',
     "utility_space/objective/weight", '<weight index="1"'),
    ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
     '<item value="a" evaluation="1"/></issue><weight index="1" value="1"/></objective>'
     '<discount_factor value="1.5"/></utility_space>',
     "utility_space/discount_factor@value", "(0, 1]"),
    ('<utility_space><objective name="r"><issue index="1" name="x" type="discrete">'
     '<item value="a" evaluation="1"/></issue><weight index="1" value="1"/></objective>',
     "line 1, column", "well-formed XML"),
])
def test_bad_profile_gets_one_located_line(tmp_path, profile, key, words):
    d, p = _write(tmp_path, GOOD_DOMAIN, profile)
    with pytest.raises(ScenarioError) as err:
        load_genius(d, p)
    text = str(err.value)
    assert text.startswith(f"{p}: {key}") and words in text and "\n" not in text


def test_doctype_and_entities_are_refused(tmp_path):
    evil = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<utility_space><objective name="&x;"/></utility_space>')
    d, p = _write(tmp_path, evil, "<utility_space/>")
    with pytest.raises(ScenarioError, match="DOCTYPE and ENTITY declarations are refused") as err:
        load_genius(d, p)
    assert str(err.value).startswith(str(d))


def test_domain_errors_and_arguments(tmp_path):
    d, p = _write(tmp_path, '<utility_space><objective name="r"><issue name="x" type="set"/>'
                  '</objective></utility_space>', "<utility_space/>")
    with pytest.raises(ScenarioError, match=r"issue\[1\]@type: unknown issue type"):
        load_genius(d, p)
    with pytest.raises(ArgumentError):
        load_genius(d)
    with pytest.raises(ArgumentError):
        load_genius(d, p, real_steps=1)
