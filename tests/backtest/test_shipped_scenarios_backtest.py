"""Back-test: every configuration under scenarios/ loads, and the model reproduces every recorded
response marked must_match (the default).

Fragments (scenarios/base, levers, proposals) are checked through the configurations that extend them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

negsim = pytest.importorskip("negsim")
if not hasattr(negsim, "load_scenario") or not hasattr(negsim, "analyze"):  # pragma: no cover
    pytest.skip("negsim.load_scenario / negsim.analyze not available in this checkout", allow_module_level=True)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
CONFIGURATIONS = sorted(SCENARIOS.glob("*.toml"))


def test_there_are_configurations():
    assert CONFIGURATIONS


@pytest.mark.parametrize("path", CONFIGURATIONS, ids=lambda p: p.name)
def test_outcome_space_is_moderate(path):
    scenario = negsim.load_scenario(path)
    size = 1
    for issue in scenario.space.issues:
        size *= len(issue)
    assert size < 1_000_000


@pytest.mark.parametrize("path", CONFIGURATIONS, ids=lambda p: p.name)
def test_model_reproduces_recorded_responses(path):
    result = negsim.analyze(negsim.load_scenario(path))
    assert result.observations, f"{path.name} records no observations"
    missed = [o for o in result.observations if o.must_match and not o.match]
    assert not missed, "\n".join(
        f"{path.name}: {o.actor} {o.response}s {o.proposal} ({o.source}) but the model predicts "
        f"{o.predicted} (margin {o.margin:+.3f})"
        for o in missed
    )
