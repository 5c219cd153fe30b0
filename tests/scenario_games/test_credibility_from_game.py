"""credibility = { from_game = "ID" } and repeated = {...}: reputation makes a costly threat
credible at the closed-form patience, and the verdicts follow the game's credibility."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import negsim
from negsim.errors import ScenarioError

ROOT = Path(__file__).resolve().parents[2]

# A wants x = b, B wants x = a (the status quo).  If B defies (no deal), A may punish: it costs
# B 1.5 and A 0.1.  One-shot, A would not punish (0 > -0.1); committed, B complies (0 > -0.5)
# and A gets 1 instead of 0: cost c = 0.1, gain g = 1, closed-form patience c / (c + g) = 1/11.
TEXT = '''[scenario]
name = "t"
[[issues]]
id = "x"
options = ["a", "b"]
status_quo = "a"
[actors.A]
patience = PATIENCE
demands = [{ issue = "x", want = "b" }]
[actors.B]
demands = [{ issue = "x", want = "a" }]
[[levers]]
id = "punish"
by = "A"
effects = { B = -1.5, A = -0.1 }
credibility = CREDIBILITY
[[proposals]]
id = "give_in"
terms = { x = "b" }
[[games]]
id = "threat"
kind = "sequential"
REPEATED
[[games.nodes]]
id = "b_moves"
player = "B"
actions = { comply = "deal", defy = "a_moves" }
[[games.nodes]]
id = "a_moves"
player = "A"
actions = { punish = "punished", forgive = "quiet" }
[[games.nodes]]
id = "deal"
outcome = "give_in"
[[games.nodes]]
id = "punished"
outcome = "no_deal"
levers = ["punish"]
[[games.nodes]]
id = "quiet"
outcome = "no_deal"
'''


def _scenario(tmp_path, patience=0.5, credibility='{ from_game = "threat" }',
              repeated="repeated = { continuation = 1 }"):
    f = tmp_path / "s.toml"
    f.write_text(TEXT.replace("PATIENCE", str(patience)).replace("CREDIBILITY", credibility)
                 .replace("REPEATED", repeated))
    return f


def _verdict(a, actor):
    (v,) = a.verdicts
    return next(r for r in v.responses if r.actor == actor)


def test_reputation_threshold_in_a_scenario(tmp_path):
    for patience, credible in ((0.1, True), (0.09, False)):  # 1/11 = 0.0909...
        a = negsim.analyze(negsim.load_scenario(_scenario(tmp_path, patience)))
        (t,) = [t for t in a.games[0].threats if t.lever == "punish"]
        assert not t.assessment.credible  # one-shot: not a best reply
        assert t.reputation.cost == pytest.approx(0.1) and t.reputation.gain == pytest.approx(1)
        assert t.reputation.threshold == pytest.approx(1 / 11)
        assert t.reputation.credible is credible
        lever = next(lv for lv in a.levers if lv.id == "punish")
        assert lever.credibility == (1.0 if credible else 0.0)
        # the verdicts use the game's credibility: B's walk-away value is 1 - 1.5 c
        assert _verdict(a, "B").accepts is credible
        assert "credibility" in str(a) and "from this game" in str(a)


def test_without_repetition_the_game_gives_credibility_zero(tmp_path):
    a = negsim.analyze(negsim.load_scenario(_scenario(tmp_path, 0.99, repeated="")))
    assert next(lv for lv in a.levers if lv.id == "punish").credibility == 0.0
    assert not _verdict(a, "B").accepts


def test_a_typed_credibility_the_game_contradicts_is_warned_in_validate_and_run(tmp_path):
    f = _scenario(tmp_path, 0.99, credibility="0.7", repeated="")
    run = subprocess.run([sys.executable, "-m", "negsim", "validate", str(f)],
                         capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert run.returncode == 0
    assert "warning:" in run.stderr and "credibility 0.7" in run.stderr
    a = negsim.analyze(negsim.load_scenario(f))
    assert any(line.startswith("warning: lever punish has credibility 0.7")
               for line in a.games[0].credibility)
    assert "warning: lever punish" in str(a)
    # a typed credibility that agrees is not warned about
    ok = _scenario(tmp_path, 0.99, credibility="1.0")
    assert not any(x.startswith("warning") for x in
                   negsim.analyze(negsim.load_scenario(ok)).games[0].credibility)


def test_from_game_errors_are_located(tmp_path):
    with pytest.raises(ScenarioError, match="unknown game") as err:
        negsim.load_scenario(_scenario(tmp_path, credibility='{ from_game = "thret" }'))
    assert "levers[0].credibility.from_game" in str(err.value)
    with pytest.raises(ScenarioError, match="names the game only"):
        negsim.load_scenario(_scenario(tmp_path, credibility='{ from_game = "threat", p = 1 }'))
    with pytest.raises(ScenarioError, match=r"games\[0\]\.repeated\.rounds"):
        negsim.load_scenario(_scenario(tmp_path, repeated="repeated = { rounds = 1.5 }"))


def test_robustness_re_derives_the_credibility_in_every_draw(tmp_path):
    """A's patience uniform on [0.02, 0.2] (point 0.1): the punishment is credible by
    reputation when patience >= 1/11 (the closed form above), so the derived credibility is 1
    with probability (0.2 - 1/11) / 0.18 = 20/33, and B's acceptance, which rests on it, holds in the
    same draws."""
    from negsim.model.distributions import Distribution
    from negsim.model.parameters import UncertainParameter
    s = negsim.load_scenario(_scenario(tmp_path, 0.1))
    s = s.with_changes(uncertain=(UncertainParameter("actors.A.patience",
                                                     Distribution.uniform(0.02, 0.2)),))
    draws = 400
    r = negsim.robustness(s, draws=draws, seed=3)
    c = r.claim("credibility:punish")
    assert c.kind == "credibility" and c.text == "lever punish's credibility from game threat is 1"
    se = (20 / 33 * 13 / 33 / draws) ** 0.5
    assert abs(c.holds - 20 / 33) < 4 * se
    assert c.hinges and c.hinges[0].parameter == "actors.A.patience"
    assert r.claim("verdict:give_in:B").holds == c.holds  # the verdict follows the draw's game


def test_the_ensemble_uses_the_game_credibility_not_the_default(tmp_path):
    # patience 0.09 < 1/11: the game gives credibility 0, so B never accepts giving in (its
    # walk-away is no longer 1 - 1.5 = -0.5 but 1); with the build default 1 it always would
    s = negsim.load_scenario(_scenario(tmp_path, 0.09))
    assert negsim.ensemble(s, draws=50, seed=1).proposal("give_in").accept["B"] == 0.0
    s = negsim.load_scenario(_scenario(tmp_path, 0.1))
    assert negsim.ensemble(s, draws=50, seed=1).proposal("give_in").accept["B"] == 1.0
