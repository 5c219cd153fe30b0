"""Answering a scenario's ``[[questions]]`` (what ``negsim run`` shows under "Uncertainty")."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import replace

from negsim.results.analysis import Analysis, Sensitivity, TippingPoint
from negsim.model.scenario import Scenario
from negsim.uncertainty.sensitivity import sensitivity, tipping_point

__all__ = ["answer_questions", "add_answers"]


def answer_questions(scenario: Scenario, *, executor: Executor | None = None,
                     progress: bool | None = None) -> tuple[list[Sensitivity], list[TippingPoint]]:
    """Sensitivity studies and tipping points the scenario asks for.

    Without a ``sensitivity`` question, a scenario with uncertain parameters gets one per
    proposal, on its smallest margin (``margin:PROPOSAL``: the proposal passes at >= 0).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> answer_questions(s)
    ([], [])
    """
    sens: list[Sensitivity] = []
    tips: list[TippingPoint] = []
    asked = False
    for q in scenario.questions:
        if q.kind == "sensitivity":
            asked = True
            if scenario.uncertain or scenario.structural:
                sens.append(sensitivity(scenario, q.target, threshold=q.threshold,
                                        executor=executor, progress=progress))
        else:
            tips.append(tipping_point(scenario, q.parameter, q.target,  # type: ignore[arg-type]
                                      low=q.low, high=q.high, threshold=q.threshold,
                                      label=q.label))
    if not asked and (scenario.uncertain or scenario.structural):
        for p in scenario.proposals:
            sens.append(sensitivity(scenario, f"margin:{p.id}", executor=executor,
                                    progress=progress))
    return sens, tips


def add_answers(analysis: Analysis, scenario: Scenario, *, executor: Executor | None = None,
                progress: bool | None = None) -> Analysis:
    """The analysis with its ``sensitivity`` and ``tipping_points`` filled in."""
    sens, tips = answer_questions(scenario, executor=executor, progress=progress)
    return replace(analysis, sensitivity=sens, tipping_points=tips)
