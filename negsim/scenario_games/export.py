"""The games of a scenario as Gambit files, so that Gambit's solvers can check negsim's answers.

Every game declared in ``[[games]]`` and the proposal-backing game built from the preference
models (id ``"proposals"``; see :func:`negsim.scenario_games.from_scenario.normal_form`) can be written:
normal-form games as ``.nfg`` (payoff version; the strategy names, which that version numbers
``1, 2, ...``, go into the file's comment as a legend), sequential games as ``.efg`` (node names
are the scenario's node ids).  Payoffs are exactly those negsim solves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from negsim.errors import ScenarioError, did_you_mean
from negsim.scenario_games.from_scenario import game_tree, normal_form
from negsim.games.gambit import to_efg, to_nfg
from negsim.preferences import PreferenceModel, build_preferences
from negsim.model.scenario import Scenario

__all__ = ["GambitFile", "gambit_text", "gambit_files", "game_ids"]

PROPOSALS = "proposals"


@dataclass(frozen=True)
class GambitFile:
    """One game as a Gambit file: ``filename`` (``<id>.nfg`` or ``<id>.efg``) and ``text``."""

    game: str
    kind: str
    filename: str
    text: str


def game_ids(scenario: Scenario) -> list[str]:
    """The ids of the games of a scenario: the declared ones, then ``"proposals"`` when the
    scenario has proposals and at least two actors."""
    ids = [g.id for g in scenario.games]
    if scenario.proposals and len(scenario.actors) >= 2 and PROPOSALS not in ids:
        ids.append(PROPOSALS)
    return ids


def _legend(players: Sequence[str], names: Sequence[Sequence[str]]) -> str:
    return "Strategies: " + "; ".join(
        f"{p}: " + ", ".join(f"{k + 1} {s}" for k, s in enumerate(n))
        for p, n in zip(players, names))


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip(".") or "game"


def gambit_text(scenario: Scenario, game: str = PROPOSALS,
                models: Sequence[PreferenceModel] | None = None) -> GambitFile:
    """The Gambit file of one game of a scenario.

    Parameters
    ----------
    scenario : Scenario
    game : str
        A declared game's id, or ``"proposals"`` for the proposal-backing game.

    Raises
    ------
    ScenarioError
        Unknown game id (with the closest id as a hint).
    NegsimError
        The proposal-backing game is too large to build.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("t", issues=(negsim.Issue("x", ("a", "b"), "a"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("x", want="b"),)),
    ...             negsim.Actor("B", (negsim.Demand("x", want="b"),))),
    ...     proposals=(negsim.Proposal("deal", (("x", "b"),)),))
    >>> f = gambit_text(s)
    >>> f.filename, f.text.splitlines()[0]
    ('proposals.nfg', 'NFG 1 R "Backing a proposal: t" { "A" "B" } { 2 2 }')
    """
    ids = game_ids(scenario)
    if game not in ids:
        raise ScenarioError(f"no game {game!r} in this scenario", key="games",
                            expected="one of " + (", ".join(ids) or "(no games)"),
                            found=repr(game), hint=did_you_mean(game, ids))
    models = models if models is not None else build_preferences(scenario)
    spec = next((g for g in scenario.games if g.id == game), None)
    if spec is None:
        players, names, U = normal_form(scenario, models=models)
        text = to_nfg(U, f"Backing a proposal: {scenario.name}", players,
                      _legend(players, names))
        return GambitFile(game, "proposals", f"{_safe(game)}.nfg", text)
    title = spec.label or spec.id
    if spec.kind == "normal_form":
        payoffs = np.array([np.asarray(t, dtype=float) for _, t in spec.payoffs])
        names = [s for _, s in spec.strategies]
        text = to_nfg(payoffs, title, spec.players, _legend(spec.players, names))
        return GambitFile(game, spec.kind, f"{_safe(game)}.nfg", text)
    root, _ = game_tree(scenario, spec, models)
    text = to_efg(root, title, comment=f"from scenario {scenario.name}")
    return GambitFile(game, spec.kind, f"{_safe(game)}.efg", text)


def gambit_files(scenario: Scenario, models: Sequence[PreferenceModel] | None = None
                 ) -> list[GambitFile]:
    """Every game of a scenario as a Gambit file (see :func:`gambit_text`), in
    :func:`game_ids` order."""
    models = models if models is not None else build_preferences(scenario)
    return [gambit_text(scenario, g, models) for g in game_ids(scenario)]
