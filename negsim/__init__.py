"""negsim: game-theoretic analysis of negotiations from the parties' stated demands.

The public names are listed in ``__all__`` and load on first use, so ``import negsim`` is quick
and loads neither scipy.optimize, nashpy nor matplotlib until a game, a fit or a figure needs them.

Examples
--------
>>> import negsim
>>> a = negsim.analyze(negsim.examples.toy_scenario())
>>> a.acceptable.size
1
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from negsim.version import VERSION as __version__

# name -> module that defines it (loaded on first access, PEP 562)
_EXPORTS = {
    # the model
    "Actor": "negsim.model", "Condition": "negsim.model", "Constraint": "negsim.model",
    "Demand": "negsim.model", "Issue": "negsim.model", "Lever": "negsim.model",
    "Observation": "negsim.model", "Proposal": "negsim.model",
    "Scenario": "negsim.model.scenario", "OutcomeSpace": "negsim.model.space",
    "Distribution": "negsim.model.distributions", "Question": "negsim.model.parameters",
    "Target": "negsim.model.parameters", "UncertainParameter": "negsim.model.parameters",
    # errors
    "NegsimError": "negsim.errors", "ScenarioError": "negsim.errors",
    # loading
    "load_scenario": "negsim.loading", "scenario_from_dict": "negsim.loading",
    "load_genius": "negsim.loading.genius",
    # bridges to other tools
    "to_genius": "negsim.bridges.genius_export", "to_negmas": "negsim.bridges.negmas", "table": "negsim.tabular",
    # the one face
    "analyze": "negsim.pipeline",
    # results
    "Analysis": "negsim.results.analysis", "EnsembleResult": "negsim.results.uncertainty",
    "NegotiationTrace": "negsim.results.simulation", "SimulationSummary": "negsim.results.simulation",
    "BacktestReport": "negsim.results.backtest", "Calibration": "negsim.results.calibration",
    # uncertainty, simulation, calibration, back-test
    "ensemble": "negsim.uncertainty", "sensitivity": "negsim.uncertainty",
    "tipping_point": "negsim.uncertainty", "answer_questions": "negsim.uncertainty",
    "add_answers": "negsim.uncertainty",
    "simulate": "negsim.simulation", "simulate_many": "negsim.simulation",
    "calibrate": "negsim.calibration", "calibrated_scenario": "negsim.calibration",
    "calibrate_pooled": "negsim.calibration",
    "backtest": "negsim.backtesting",
    # notebooks
    "explore": "negsim.exploring",
    # the analyst's questions
    "compare": "negsim.questions.compare", "concessions": "negsim.questions.concessions",
    "timeline": "negsim.questions.timeline", "tipping_points": "negsim.questions.tipping",
    "Comparison": "negsim.results.comparison",
    "Concessions": "negsim.results.comparison", "Timeline": "negsim.results.comparison",
    # text
    "summary_text": "negsim.text.summary",
}
_SUBMODULES = ("examples", "games", "plot", "solutions", "engine", "model", "results", "loading",
               "uncertainty", "simulation", "calibration", "questions", "text")

__all__ = sorted([*_EXPORTS, "__version__", *_SUBMODULES])

# the text layer registers how results print (str(analysis) is what `negsim run` prints)
importlib.import_module("negsim.text")


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"negsim.{name}")
    raise AttributeError(f"module 'negsim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from negsim.backtesting import backtest
    from negsim.calibration import calibrate, calibrate_pooled, calibrated_scenario
    from negsim.errors import NegsimError, ScenarioError
    from negsim.bridges.genius_export import to_genius
    from negsim.bridges.negmas import to_negmas
    from negsim.exploring import explore
    from negsim.loading import load_scenario, scenario_from_dict
    from negsim.loading.genius import load_genius
    from negsim.model import Actor, Condition, Constraint, Demand, Issue, Lever, Observation, Proposal
    from negsim.model.distributions import Distribution
    from negsim.model.parameters import Question, Target, UncertainParameter
    from negsim.model.scenario import Scenario
    from negsim.model.space import OutcomeSpace
    from negsim.pipeline import analyze
    from negsim.results.analysis import Analysis
    from negsim.results.backtest import BacktestReport
    from negsim.results.calibration import Calibration
    from negsim.results.simulation import NegotiationTrace, SimulationSummary
    from negsim.results.uncertainty import EnsembleResult
    from negsim.simulation import simulate, simulate_many
    from negsim.tabular import table
    from negsim.text.summary import summary_text
    from negsim.uncertainty import add_answers, answer_questions, ensemble, sensitivity, tipping_point
