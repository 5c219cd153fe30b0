"""Every way of evaluating preferences gives the same bits as the plain definition.

The reference here is the definition the fast paths replace, written out with the tables and
coefficients of the factors (never their pre-scaled ``scaled`` copies): per outcome
``round(0.0 + c1 * t1[o] + c2 * t2[o] + ..., 12)`` in factor order, by numpy fancy indexing
on the rows.  ``evaluate``, ``evaluate_columns`` (any piece size, any prefix-table size, small
integer columns), ``evaluate_block`` (any chunk size, per-option additions or none),
``PreferenceModel.utility``, ``demand_utility`` and the models' no-deal utilities must agree
with it bit for bit (``tobytes``, so even the sign of a zero counts); the demands' scores must
agree with the plain reading of the documentation in ``tests.support.reference``.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negsim
import negsim.preferences as prefs
from negsim.preferences import build as pbuild
from negsim.preferences import evaluation as peval
from negsim.preferences import (build_preferences, demand_scores, demand_utility, evaluate,
                                evaluate_block, evaluate_columns)
from tests.support import reference
from tests.support.strategies import rich_scenarios, simple_scenarios


def _plain_utility(model: prefs.PreferenceModel, rows: np.ndarray,
                   demands_only: bool = False) -> np.ndarray:
    """The definition: 0.0 + c1 t1 + c2 t2 + ... in factor order, then rounded."""
    total = np.zeros(len(rows))
    for f in model.factors:
        if demands_only and not f.demand:
            continue
        total += f.coef * f.table[tuple(rows[:, i] for i in f.issues)]
    return np.round(total, prefs.UTILITY_DECIMALS)


def _plain_vetoed(model: prefs.PreferenceModel, rows: np.ndarray) -> np.ndarray:
    out = np.zeros(len(rows), dtype=bool)
    for f in model.vetoes:
        out |= f.table[tuple(rows[:, i] for i in f.issues)]
    return out


def _plain(models: tuple[prefs.PreferenceModel, ...], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    utils = np.stack([_plain_utility(m, rows) for m in models], axis=1).reshape(len(rows), len(models))
    vetoed = np.stack([_plain_vetoed(m, rows) for m in models], axis=1).reshape(len(rows), len(models))
    return utils, vetoed


def _bits(x: np.ndarray) -> bytes:
    return np.ascontiguousarray(x).tobytes()


def _all_rows(space: negsim.OutcomeSpace) -> np.ndarray:
    rows = np.array(list(itertools.product(*(range(k) for k in space.shape))), dtype=np.intp)
    return rows.reshape(-1, len(space.shape))


def _with_lever_quirks(s: negsim.Scenario, negative: bool) -> negsim.Scenario:
    """Add a lever with an empty trigger (a table over no issue) and, optionally, an actor
    without demands whose first term is a negative lever's, ``-0.0`` where its trigger does not
    hold."""
    names = [a.name for a in s.actors]
    extra = [negsim.Lever("everywhere", by=names[0], effects={names[-1]: 0.3}, trigger={})]
    actors = s.actors
    if negative:
        issue = s.issues[-1]
        actors = (*actors, negsim.Actor("Z", ()))
        extra.insert(0, negsim.Lever("negative", by=names[0], effects={"Z": -0.7},
                                     trigger={issue.id: issue.options[-1]}))
    return s.with_changes(actors=actors, levers=(*s.levers, *extra))


scenarios = st.one_of(rich_scenarios(), simple_scenarios(),
                      st.builds(_with_lever_quirks, rich_scenarios(), st.booleans()))


@settings(max_examples=120, deadline=None)
@given(scenarios)
def test_every_path_is_the_plain_sum_bit_for_bit(s):
    space, models = s.space, build_preferences(s)
    rows = _all_rows(space)
    u_ref, v_ref = _plain(models, rows)
    u, v = evaluate(models, rows)
    assert _bits(u) == _bits(u_ref) and (v == v_ref).all()
    for k in (1, 2, peval._FEW_ROWS, peval._FEW_ROWS + 1):  # a few rows: in Python floats
        some = rows[::-1][:k]
        u, v = evaluate(models, some)
        assert _bits(u) == _bits(u_ref[::-1][:k]) and (v == v_ref[::-1][:k]).all()
        for a, m in enumerate(models):
            assert _bits(m.utility(some)) == _bits(u_ref[::-1][:k, a])
            assert (m.vetoed(some) == v_ref[::-1][:k, a]).all()
    for m in models:  # the made fields are what the constructor makes of the others
        for f in (*m.factors, *m.vetoes):
            again = prefs.Factor(f.issues, f.table, f.coef, f.source, f.demand)
            assert _bits(f.scaled) == _bits(again.scaled) and f.scaled.dtype == again.scaled.dtype
            assert f.spread == tuple(space.shape[p] if p in f.issues else 1
                                     for p in range(len(space.shape)))
            changed = dataclasses.replace(f, coef=f.coef / 2)
            assert changed.spread == () and _bits(changed.scaled) == _bits(
                prefs.Factor(f.issues, f.table, f.coef / 2, f.source, f.demand).scaled)
    for a, m in enumerate(models):
        assert _bits(m.utility(rows)) == _bits(u_ref[:, a])
        assert (m.vetoed(rows) == v_ref[:, a]).all()
        assert _bits(demand_utility(m, rows)) == _bits(_plain_utility(m, rows, demands_only=True))
        sq = np.array([space.status_quo], dtype=np.intp)
        assert _bits(np.array(m.no_deal_utility)) == _bits(_plain_utility(m, sq)[0])
    for cast in (np.intp, np.uint8, np.int64):
        u, v = evaluate_columns(models, [rows[:, j].astype(cast) for j in range(rows.shape[1])])
        assert _bits(u) == _bits(u_ref) and (v == v_ref).all()
    for chunk in (1, 3, 8, 1 << 16):
        got = [evaluate_block(models, space, lead, split) for _, lead, split in space.blocks(chunk)]
        assert _bits(np.concatenate([g[0] for g in got])) == _bits(u_ref)
        assert (np.concatenate([g[1] for g in got]) == v_ref).all()


@settings(max_examples=60, deadline=None)
@given(scenarios, st.sampled_from([0, 1, 4, 64, 1 << 12]), st.sampled_from([1, 7, 1 << 13]),
       st.integers(0, 2**32 - 1))
def test_columns_with_any_prefix_table_and_piece_are_the_plain_sum(s, prefix, piece, seed):
    models = build_preferences(s)
    rows = s.space.sample(300, np.random.default_rng(seed))
    u_ref, v_ref = _plain(models, rows)
    cols = [rows[:, j].astype(np.uint8) for j in range(rows.shape[1])]
    mp = pytest.MonkeyPatch()
    with mp.context() as m:
        m.setattr(peval, "_PREFIX_MAX", prefix)
        m.setattr(peval, "_COLUMN_PIECE", piece)
        u, v = evaluate_columns(models, cols)
    assert _bits(u) == _bits(u_ref) and (v == v_ref).all()


@settings(max_examples=40, deadline=None)
@given(rich_scenarios(max_issues=7), st.sampled_from([1, 16, 1 << 20]), st.sampled_from([4, 64, 1 << 14]))
def test_blocks_with_or_without_per_option_additions_are_the_plain_sum(s, spread_min, chunk):
    space, models = s.space, build_preferences(s)
    mp = pytest.MonkeyPatch()
    with mp.context() as m:
        m.setattr(peval, "_SPREAD_MIN", spread_min)
        for start, lead, split in space.blocks(chunk):
            u, v = evaluate_block(models, space, lead, split)
            rows = space.rows_of(np.arange(start, start + len(u)))
            u_ref, v_ref = _plain(models, rows)
            assert _bits(u) == _bits(u_ref) and (v == v_ref).all()


def test_no_outcomes_one_outcome_and_an_actor_without_demands():
    s = negsim.Scenario("edge", issues=(negsim.Issue("a", ("x", "y", "z"), "x"),
                                        negsim.Issue("b", (0, 1), 0)),
                        actors=(negsim.Actor("A", ()),
                                negsim.Actor("B", (negsim.Demand("a", want="y", hard=True),))))
    models = build_preferences(s)
    empty = [np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.uint8)]
    u, v = evaluate_columns(models, empty)
    assert u.shape == (0, 2) and v.shape == (0, 2)
    one = np.array([[1, 1]])
    u, v = evaluate(models, one)
    assert u.tolist() == [[0.0, 1.0]] and v.tolist() == [[False, False]]
    u, v = evaluate_columns(models, [one[:, 0], one[:, 1]])
    assert u.tolist() == [[0.0, 1.0]] and v.tolist() == [[False, False]]
    assert models[0].no_deal_utility == 0.0 and models[1].no_deal_utility == 0.0


finite = st.floats(-1e150, 1e150, allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(finite, st.sampled_from([0.0, -0.0, 1e150, -1e150, 5e-324])),
                min_size=1, max_size=8))
def test_zero_signed_terms_sum_as_the_definition(terms):
    # Factor.scaled is 0.0 + c * t: the same sum as 0.0 + c1 v1 + ... once the first is added
    want = np.zeros(1)
    for t in terms:
        want += np.array([t])
    got = np.array([0.0 + terms[0]])
    for t in terms[1:]:
        got += np.array([0.0 + t])
    assert got.tobytes() == want.tobytes()


@settings(max_examples=200, deadline=None)
@given(finite, st.lists(st.one_of(finite, st.just(-0.0)), min_size=1, max_size=6))
def test_scaled_table_is_the_coefficient_times_each_entry(coef, table):
    f = prefs.Factor((0,), np.array(table), coef, "demand[0]", True)
    for i, t in enumerate(table):
        assert np.array(f.scaled[i]).tobytes() == np.array(0.0 + coef * t).tobytes()


options = st.one_of(st.text(min_size=1, max_size=3), st.integers(-3, 3),
                    st.sampled_from([0.5, 30.0, 2.0, -1.0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(options, min_size=2, max_size=5, unique_by=lambda o: (isinstance(o, str), o)),
       st.booleans(), st.data())
def test_demand_scores_are_the_documented_scores(opts, ordered, data):
    issue = negsim.Issue("x", tuple(opts), opts[0], ordered=ordered)
    space = negsim.OutcomeSpace((issue,))
    kind = data.draw(st.sampled_from(["want", "avoid", "scores"]))
    chosen = data.draw(st.lists(st.sampled_from(opts), min_size=1, max_size=3))
    # the same options spelled differently where that is the same option (30 == 30.0)
    chosen = [float(o) if isinstance(o, int) and data.draw(st.booleans()) else o for o in chosen]
    if kind == "scores":
        d = negsim.Demand("x", scores={o: data.draw(st.sampled_from([0.0, 0.25, 1.0, 0.3]))
                                       for o in chosen})
    else:
        d = negsim.Demand("x", **{kind: tuple(chosen)})
    got = demand_scores(d, space).tolist()
    want = [reference.score(d, issue, o) for o in opts]
    if kind == "scores":  # the reference reads a dict: the last score of an option wins there too
        want = [dict((issue.options[issue.index(o)], v) for o, v in d.scores).get(o, 0.0)
                for o in opts]
    assert got == want


def test_option_lookups_keep_their_errors():
    space = negsim.OutcomeSpace((negsim.Issue("x", (0, 30, 60), 0, ordered=True),))
    assert pbuild._option_indices(space, 0, [30.0, 60, 0]) == [1, 2, 0]
    with pytest.raises(negsim.ScenarioError) as want:
        space.option_index(0, "30")
    with pytest.raises(negsim.ScenarioError) as got:
        pbuild._option_indices(space, 0, ["30"])
    assert str(got.value) == str(want.value)
    with pytest.raises(negsim.ScenarioError):
        pbuild._option_indices(space, 0, [True])  # True == 1 is not the option 1


@settings(max_examples=100, deadline=None)
@given(scenarios)
def test_utilities_are_the_reference_reading(s):
    models = build_preferences(s)
    names = [i.id for i in s.issues]
    for outcome in itertools.islice(reference.outcomes(s), 40):
        row = np.array([[s.issues[j].index(outcome[k]) for j, k in enumerate(names)]])
        for actor, m in zip(s.actors, models):
            assert m.utility(row)[0] == pytest.approx(reference.utility(s, actor, outcome), abs=1e-9)
            assert bool(m.vetoed(row)[0]) == reference.vetoes(s, actor, outcome)
    for actor, m in zip(s.actors, models):
        assert m.reservation == pytest.approx(reference.reservation(s, actor), abs=1e-9)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, width=64),
                 st.integers(-10**15, 10**15).map(lambda k: (k + 0.5) / 1e12),
                 st.integers(-10**15, 10**15).map(lambda k: k / 1e12),
                 st.sampled_from([0.0, -0.0, -1e-13, 4e-13, -5e-13, 5e-13, 1e300, -1e300])))
def test_rounded_is_numpy_round_of_one_float(x):
    with np.errstate(over="ignore", invalid="ignore"):
        want = np.round(np.array([x]), prefs.UTILITY_DECIMALS)
        got = pbuild._rounded(x)
    assert np.array([got]).tobytes() == want.tobytes()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 400), min_size=1, max_size=4), st.integers(0, 2**32 - 1),
       st.sampled_from([np.uint8, np.uint16, np.intp]))
def test_flat_index_is_ravel_multi_index(shape, seed, cast):
    rng = np.random.default_rng(seed)
    fits = [k for k in shape if k <= np.iinfo(cast).max + 1] or [1]
    cols = [rng.integers(0, k, 50).astype(cast) for k in fits]
    got = peval._flat_index(cols, tuple(range(len(fits))), tuple(fits))
    assert got.tolist() == np.ravel_multi_index(tuple(cols), tuple(fits)).tolist()
    assert np.iinfo(got.dtype).max >= int(np.prod(fits)) - 1
