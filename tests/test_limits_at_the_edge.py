"""The documented limits checked at the API edge, before any work; the group size in Python ints."""

from __future__ import annotations

import math

import pytest

import negsim
from negsim.errors import ArgumentError, NegsimError
from negsim.limits import MAX_CHUNK, MAX_DRAWS, MAX_ROUNDS, MAX_RUNS, MAX_TIPPING_GRID
from negsim.simulation import simulate, simulate_many
from negsim.uncertainty.sensitivity import tipping_point


def _toy():
    return negsim.Scenario(
        "toy", issues=(negsim.Issue.numeric_range("x", 0, 100, 11),),
        actors=(negsim.Actor("A", (negsim.Demand("x", want=100),), reservation=0.0),
                negsim.Actor("B", (negsim.Demand("x", want=0),), reservation=0.0)),
        levers=(negsim.Lever("aid", by="A", effects={"A": 0.5}),),
        proposals=(negsim.Proposal("p", {"x": 50}),))


@pytest.mark.parametrize("call, name, limit", [
    (lambda s: negsim.ensemble(s, draws=1e9), "draws", MAX_DRAWS),
    (lambda s: negsim.ensemble(s, draws=10, chunk_size=10**9), "chunk_size", MAX_CHUNK),
    (lambda s: simulate(s, rounds=10**9), "rounds", MAX_ROUNDS),
    (lambda s: simulate_many(s, runs=10**9), "runs", MAX_RUNS),
    (lambda s: simulate_many(s, runs=2, rounds=10**9), "rounds", MAX_ROUNDS),
    (lambda s: tipping_point(s, "levers.aid.effects.A", "margin:p:A", low=0, high=1, grid=10**9),
     "grid", MAX_TIPPING_GRID),
])
def test_a_count_above_its_limit_is_one_argument_error_naming_it(call, name, limit):
    with pytest.raises(ArgumentError, match=rf"^{name} must be an integer from .* to {limit:,}"):
        call(_toy())


def test_sixteen_coupled_issues_of_sixteen_options_is_a_clear_error_with_the_true_count():
    # one constraint over all sixteen issues couples them into one group of 16**16 = 2**64
    text = "\n".join(
        ['[scenario]', 'name = "wide"']
        + [f'[[issues]]\nid = "i{k}"\noptions = {[f"o{j}" for j in range(16)]}\nstatus_quo = "o0"'
           for k in range(16)]
        + ['[actors.A]', '[[actors.A.demands]]', 'issue = "i0"', 'want = "o1"',
           '[[constraints]]', 'forbid = { ' + ", ".join(f'i{k} = "o1"' for k in range(16)) + ' }'])
    import tempfile
    from pathlib import Path

    from negsim.loading import load_scenario

    path = Path(tempfile.mkdtemp()) / "wide.toml"
    path.write_text(text)
    try:
        s = load_scenario(path)
    except NegsimError as exc:  # pragma: no cover - the loader takes it today
        raise AssertionError(f"the scenario itself is valid: {exc}")
    with pytest.raises(NegsimError) as err:
        negsim.analyze(s, method="decomposed")
    assert f"{math.prod([16] * 16):,}" in str(err.value)  # the true count, not a wrapped int64
