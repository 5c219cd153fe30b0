"""Calibration: recovering weights from responses a known model generated, conflicts, ranges."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
from negsim import Actor, Demand, Issue, Lever, Observation, Proposal, Scenario
from negsim.backtesting import backtest_scenario
from negsim.calibration import calibrated_scenario
from negsim.calibration.fit import _linear_forms
from negsim.preferences import build_preferences


def _issues(n: int, steps: int = 3) -> tuple[Issue, ...]:
    if steps == 3:
        return tuple(Issue(f"i{k}", ("sq", "mid", "far"), "sq", ordered=True) for k in range(n))
    return tuple(Issue.numeric_range(f"i{k}", 0, steps - 1, steps) for k in range(n))


def _synthetic(weights: list[float], n_proposals: int, seed: int, steps: int = 3) -> Scenario:
    """One actor with known weights; random proposals; its responses as the known model gives."""
    rng = np.random.default_rng(seed)
    k = len(weights)
    issues = _issues(k, steps)
    ends = [(i.options[-1], i.options[0]) for i in issues]
    demands = tuple(Demand(f"i{j}", want=ends[j][j % 2], weight=w) for j, w in enumerate(weights))
    proposals = tuple(Proposal(f"p{m}", {i.id: i.options[rng.integers(len(i))] for i in issues})
                      for m in range(n_proposals))
    probe = Scenario("truth", issues, (Actor("A", demands),), proposals=proposals,
                     observations=tuple(Observation("A", p.id, "accept") for p in proposals))
    obs = tuple(Observation("A", c.proposal, c.predicted) for c in backtest_scenario(probe)
                if abs(c.margin) > 1e-6)  # leave out knife-edge responses
    flat = tuple(Demand(d.issue, want=d.want, weight=1.0) for d in demands)
    return Scenario("synthetic", issues, (Actor("A", flat),), proposals=proposals,
                    observations=obs)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.05, 1.0), min_size=2, max_size=4), st.integers(0, 2**31 - 1))
def test_known_weights_lie_within_the_ranges_the_record_leaves(weights, seed):
    s = _synthetic(weights, 30, seed)
    fit = negsim.calibrate(s, min_share=0.01)
    assert fit.feasible and fit.reproduces
    total = sum(weights)
    k = len(weights)
    for p, w in zip(fit.parameters, weights):
        share = w / total * k  # the flattened scenario's total weight is k
        assert p.low - 1e-6 <= share <= p.high + 1e-6
        assert p.low - 1e-9 <= p.fitted <= p.high + 1e-9


def test_many_observations_pin_the_weights_close_to_the_truth():
    weights = [0.5, 0.3, 0.2]
    s = _synthetic(weights, 300, seed=7, steps=21)
    fit = negsim.calibrate(s)
    assert fit.feasible and fit.reproduces
    for p, w in zip(fit.parameters, weights):
        assert p.high - p.low < 0.05 * 3
        assert abs(p.fitted / 3 - w) <= (p.high - p.low) / 3 + 1e-6


def test_two_demand_ranges_match_the_closed_form_interval():
    # A wants i0 = far (score 1 - d/2) and i1 = sq; shares s and 1 - s.
    # Proposal (i0 mid, i1 far): margin = 0.5 s - (1 - s) = 1.5 s - 1 -> accept iff s >= 2/3.
    # Proposal (i0 far, i1 far): margin = s - (1 - s) = 2 s - 1 -> reject iff s < 1/2.
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="far"), Demand("i1", want="sq")))
    props = (Proposal("p", {"i0": "mid", "i1": "far"}), Proposal("q", {"i0": "mid", "i1": "mid"}))
    # q: margin = 0.5 s - 0.5 (1 - s) = s - 0.5 -> reject iff s < 1/2
    s = Scenario("closed", issues, (actor,), proposals=props,
                 observations=(Observation("A", "p", "reject"), Observation("A", "q", "accept")))
    fit = negsim.calibrate(s, min_share=0.01)
    lo, hi = fit.parameters[0].low / 2, fit.parameters[0].high / 2
    assert lo == pytest.approx(0.5, abs=1e-6)
    assert hi == pytest.approx(2 / 3, abs=1e-5)
    # the most robust margin: maximise min(1 - 1.5 s, s - 0.5) -> s = 0.6, margin 0.1
    assert fit.parameters[0].fitted / 2 == pytest.approx(0.6, abs=1e-4)
    assert fit.margin == pytest.approx(0.1, abs=1e-4)


def test_linear_form_reproduces_the_verdict_margin_with_levers_and_conditions():
    issues = _issues(3)
    actor = Actor("A", (Demand("i0", want="far", weight=2),
                        Demand("i1", avoid="far", when={"i0": ["mid", "far"]}),
                        Demand("i2", scores={"sq": 0.2, "mid": 1.0, "far": 0.5}, weight=0.5)))
    levers = (Lever("t", by="A", effects={"A": -0.2}, credibility=0.5),
              Lever("c", by="A", effects={"A": 0.1}, trigger={"i2": "far"}))
    props = tuple(Proposal(f"p{n}", dict(zip(("i0", "i1", "i2"), combo)))
                  for n, combo in enumerate(itertools.product(("sq", "mid", "far"), repeat=3)))
    obs = tuple(Observation("A", p.id, "accept") for p in props)
    for reservation in (None, 0.3):
        a = Actor("A", actor.demands, reservation=reservation)
        s = Scenario("forms", issues, (a,), levers=levers, proposals=props, observations=obs)
        model = build_preferences(s)[0]
        shares = np.array([d.weight for d in a.demands]) / a.total_weight
        for form, check in zip(_linear_forms(s, 0, model, False), backtest_scenario(s)):
            assert float(form.a @ shares + form.c) == pytest.approx(check.margin, abs=1e-9)


def test_contradictory_responses_are_named_and_nothing_else():
    # A accepts p but rejects q although q is better for A on every issue.
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="far"), Demand("i1", want="far")))
    props = (Proposal("p", {"i0": "mid"}), Proposal("q", {"i0": "far", "i1": "mid"}),
             Proposal("r", {"i0": "far", "i1": "far"}))
    obs = (Observation("A", "r", "accept"), Observation("A", "p", "accept"),
           Observation("A", "q", "reject"))
    s = Scenario("bad", issues, (actor,), proposals=props, observations=obs)
    fit = negsim.calibrate(s)
    assert not fit.feasible and not fit.reproduces and fit.toml == ""
    assert [c.observations for c in fit.conflicts] == [[2]]  # rejecting a gain is enough alone
    assert math.isnan(fit.margin)
    with pytest.raises(negsim.NegsimError):
        calibrated_scenario(fit)


def test_a_pair_that_conflicts_only_together_is_the_irreducible_subset():
    # shares s, 1 - s.  p (i0 far, i1 sq->mid? no): use wants far/sq as in _synthetic.
    # p = (i0 mid, i1 far): margin 1.5 s - 1; accept needs s >= 2/3.
    # q = (i0 far, i1 far): margin 2 s - 1; reject needs s < 1/2.  Together: impossible.
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="far"), Demand("i1", want="sq")))
    props = (Proposal("p", {"i0": "mid", "i1": "far"}), Proposal("q", {"i0": "far", "i1": "far"}),
             Proposal("z", {"i0": "far"}))
    obs = (Observation("A", "z", "accept"), Observation("A", "p", "accept"),
           Observation("A", "q", "reject"), Observation("A", "z", "accept", must_match=False))
    s = Scenario("pair", issues, (actor,), proposals=props, observations=obs)
    fit = negsim.calibrate(s)
    assert not fit.feasible
    (conflict,) = fit.conflicts
    assert conflict.observations == [1, 2] and conflict.actor == "A"
    assert "A accepts p" in conflict.descriptions[0]
    assert "these 2 observations together" in conflict.reason
    # dropping either one makes the rest reproducible
    for drop in (1, 2):
        rest = tuple(o for i, o in enumerate(obs) if i != drop)
        assert negsim.calibrate(s.with_changes(observations=rest)).feasible


def _one_d_feasible(forms, min_share):
    """Brute force for two demands: the set of shares s in [m, 1 - m] meeting every form."""
    lo, hi = min_share, 1 - min_share
    for f in forms:
        slope = f.a[0] - f.a[1]
        const = f.a[1] + f.c  # margin = slope * s + const
        need_lo, need_hi = (0.0, math.inf) if f.accept else (-math.inf, -1e-6)
        if abs(slope) < 1e-15:
            if not need_lo - 1e-12 <= const <= need_hi + 1e-12:
                return False
            continue
        a, b = (need_lo - const) / slope, (need_hi - const) / slope
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    return lo <= hi + 1e-9


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["sq", "mid", "far"]), st.sampled_from(["sq", "mid", "far"]),
                          st.booleans()), min_size=1, max_size=6))
def test_conflicts_are_infeasible_and_irreducible_by_brute_force(records):
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="far"), Demand("i1", want="sq")))
    props = tuple(Proposal(f"p{n}", {"i0": a, "i1": b}) for n, (a, b, _) in enumerate(records))
    obs = tuple(Observation("A", f"p{n}", "accept" if acc else "reject")
                for n, (_, _, acc) in enumerate(records))
    s = Scenario("random", issues, (actor,), proposals=props, observations=obs)
    forms = _linear_forms(s, 0, build_preferences(s)[0], False)
    fit = negsim.calibrate(s)
    assert fit.feasible == _one_d_feasible(forms, 0.01)
    for c in fit.conflicts:
        chosen = [forms[i] for i in c.observations]
        assert not _one_d_feasible(chosen, 0.01)
        for drop in range(len(chosen)):
            assert _one_d_feasible(chosen[:drop] + chosen[drop + 1:], 0.01)


def test_an_acceptance_of_a_vetoed_proposal_is_a_conflict_decided_by_a_red_line():
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="sq", hard=True), Demand("i1", want="far")))
    props = (Proposal("p", {"i0": "mid", "i1": "far"}), Proposal("q", {"i1": "mid"}))
    obs = (Observation("A", "p", "accept"), Observation("A", "q", "accept"))
    fit = negsim.calibrate(Scenario("veto", issues, (actor,), proposals=props, observations=obs))
    assert not fit.feasible
    assert [c.observations for c in fit.conflicts] == [[0]]
    assert "red line" in fit.conflicts[0].reason
    assert fit.observations[0].decided_by == "red line"


def test_a_rejection_decided_by_a_red_line_is_reported_and_left_out_of_the_fit():
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="sq", hard=True), Demand("i1", want="far")))
    props = (Proposal("p", {"i0": "mid", "i1": "far"}), Proposal("q", {"i1": "mid"}))
    obs = (Observation("A", "p", "reject"), Observation("A", "q", "accept"))
    fit = negsim.calibrate(Scenario("veto", issues, (actor,), proposals=props, observations=obs))
    assert fit.feasible and fit.reproduces
    assert [o.decided_by for o in fit.observations] == ["red line", "weights"]
    assert any("red line" in n for n in fit.notes)


def test_calibrated_toml_loads_and_reproduces_the_record(tmp_path):
    s = _synthetic([0.6, 0.25, 0.15], 60, seed=3)
    fit = negsim.calibrate(s)
    path = tmp_path / "calibrated.toml"
    path.write_text(fit.toml, encoding="utf-8")
    loaded = negsim.load_scenario(path)
    assert loaded == calibrated_scenario(fit)
    assert all(c.match for c in backtest_scenario(loaded))
    assert "# calibrated (was 1)" in fit.toml
    assert [d.weight for d in loaded.actor("A").demands] == [p.fitted for p in fit.parameters]


def test_a_reservation_shift_explains_a_rejection_no_weights_can():
    # A rejects a deal better than no deal on every demand: only a higher walk-away value fits.
    issues = _issues(2)
    actor = Actor("A", (Demand("i0", want="far"), Demand("i1", want="far")))
    props = (Proposal("p", {"i0": "mid"}), Proposal("q", {"i0": "far", "i1": "far"}))
    obs = (Observation("A", "p", "reject"), Observation("A", "q", "accept"))
    s = Scenario("res", issues, (actor,), proposals=props, observations=obs)
    assert not negsim.calibrate(s).feasible
    fit = negsim.calibrate(s, reservations=True)
    assert fit.feasible and fit.reproduces
    shift = fit.parameters[-1]
    assert shift.parameter == "reservation shift" and shift.low > 0  # p's gain must be outweighed
    assert shift.high <= 1.0 + 1e-9
    assert calibrated_scenario(fit).actor("A").reservation == pytest.approx(shift.fitted, abs=1e-9)


def test_actors_without_observations_keep_their_weights():
    issues = _issues(2)
    a = Actor("A", (Demand("i0", want="far", weight=3), Demand("i1", want="sq")))
    b = Actor("B", (Demand("i0", want="sq", weight=2), Demand("i1", want="far", weight=5)))
    props = (Proposal("p", {"i0": "far", "i1": "far"}),)
    s = Scenario("two", issues, (a, b), proposals=props, observations=(Observation("A", "p", "accept"),))
    fit = negsim.calibrate(s, objective="closest")
    by = {(p.actor, p.parameter): p for p in fit.parameters}
    assert by[("B", "demands[0].weight")].fitted == 2 and not by[("B", "demands[0].weight")].calibrated
    assert by[("A", "demands[0].weight")].fitted == pytest.approx(3, abs=1e-3)  # already fits


@pytest.mark.parametrize("bad", [0, 1, -0.1, 1.5, True, "x"])
def test_min_share_outside_zero_one_is_a_scenario_error(bad):
    s = _synthetic([0.5, 0.5], 3, seed=1)
    with pytest.raises(negsim.ScenarioError, match="min_share"):
        negsim.calibrate(s, min_share=bad)


def test_calibration_round_trips_through_json():
    fit = negsim.calibrate(_synthetic([0.7, 0.3], 20, seed=5))
    assert negsim.Calibration.from_json(fit.to_json()) == fit


def test_calibration_is_deterministic():
    s = _synthetic([0.4, 0.35, 0.25], 40, seed=11)
    assert negsim.calibrate(s).to_json() == negsim.calibrate(s).to_json()


def test_every_shipped_scenario_calibrates_to_its_record():
    from pathlib import Path

    files = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.toml"))
    if not files:
        pytest.skip("no scenarios/*.toml in this checkout (the scenario library lands separately)")
    for f in files:
        fit = negsim.calibrate(negsim.load_scenario(f))
        assert fit.feasible and fit.reproduces, (f.name, [c.reason for c in fit.conflicts])
        assert all(c.match for c in backtest_scenario(calibrated_scenario(fit)) if c.must_match)
