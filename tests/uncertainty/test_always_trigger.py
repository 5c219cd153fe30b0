"""A lever whose trigger is the empty condition (``trigger = {}``: it fires in every outcome)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import negsim
from negsim.uncertainty.structure import variant_draws

from tests.uncertainty.test_structure import TOY, _load


def test_always_trigger_alternative_in_the_ensemble(tmp_path: Path) -> None:
    """Under "always" the lever shifts A's utility everywhere alike, so A rejects the truce without
    aid (0 against its no-deal 1/3); under "no_deal" it accepts (0 against 1/3 - 0.6).  The ensemble
    (linear fast path) must count exactly the "no_deal" draws as acceptances."""
    s = _load(tmp_path, TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "suspension"
        by = "B"
        effects = { A = -0.6 }
        [[levers.trigger_alternatives]]
        trigger = "no_deal"
        p = 0.4
        [[levers.trigger_alternatives]]
        trigger = {}
        p = 0.6
        """))
    n = 5_000
    picks = variant_draws(s, n, 3)[:, 0]
    r = negsim.ensemble(s, n, 3)
    assert r.proposal("truce").accept_counts["A"] == int((picks == 0).sum())
    assert r.proposal("truce_aid").accept_counts["A"] == n      # 2/3 beats 1/3 under both readings


def test_always_trigger_certain_equals_no_lever(tmp_path: Path) -> None:
    """A certain always-firing lever changes no verdict (a uniform shift of A's utility)."""
    base = _load(tmp_path, TOY.format(hard="false"), "a.toml")
    s = _load(tmp_path, TOY.format(hard="false") + textwrap.dedent("""
        [[levers]]
        id = "suspension"
        by = "B"
        trigger = {}
        effects = { A = -0.6 }
        """), "b.toml")
    for pid in ("truce", "truce_aid"):
        assert negsim.ensemble(s, 200, 1).proposal(pid).accept_counts == \
            negsim.ensemble(base, 200, 1).proposal(pid).accept_counts
