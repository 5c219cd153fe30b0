"""``negsim.analyze``: the whole analysis of a scenario, the one face of the library.

The engine (:func:`negsim.engine.analyze`) computes the verdicts, the acceptable set, the
solutions, the games and the truces; the scenario's declared questions (sensitivity studies and
tipping points, :mod:`negsim.uncertainty`) are answered on top unless ``questions=False``.  The
command line's ``negsim run`` prints exactly ``str(negsim.analyze(scenario))``.
"""

from __future__ import annotations

from concurrent.futures import Executor

from negsim.engine.analyze import analyze as engine_analyze
from negsim.model.scenario import Scenario
from negsim.scenario_games.levers import resolve_credibility
from negsim.results.analysis import Analysis
from negsim.uncertainty.questions import add_answers

__all__ = ["analyze"]


def analyze(scenario: Scenario, *, method: str = "auto", questions: bool = True,
            executor: Executor | None = None, progress: bool | None = None) -> Analysis:
    """Analyse a scenario: verdicts, acceptable set, solutions, games, and its questions.

    Parameters
    ----------
    scenario : Scenario
        From :func:`negsim.load_scenario` or built in code.
    method : {"auto", "exhaustive", "decomposed"}
        How to find the acceptable set: evaluate every outcome, or merge issue groups (for
        spaces too large to enumerate).  ``"auto"`` enumerates spaces of at most
        ``negsim.engine.analyze.EXHAUSTIVE_LIMIT`` outcomes; ``acceptable.method`` says which.
    questions : bool
        Answer the scenario's ``[[questions]]`` (sensitivity studies, tipping points); ``False``
        leaves ``sensitivity`` and ``tipping_points`` empty and is faster.
    executor, progress
        Passed to the question answering (a process pool or Dask client; a progress bar).

    Returns
    -------
    Analysis
        Plain data: ``str(analysis)`` is the summary ``negsim run`` prints, ``to_json()`` the
        whole result, :mod:`negsim.plot` draws it.

    Examples
    --------
    >>> import negsim
    >>> a = negsim.analyze(negsim.examples.toy_scenario())
    >>> a.acceptable.size
    1
    >>> print(str(a).splitlines()[0])
    toy
    """
    scenario, _ = resolve_credibility(scenario)  # credibility = { from_game = "ID" }
    analysis = engine_analyze(scenario, method=method)
    if questions and scenario.questions:
        analysis = add_answers(analysis, scenario, executor=executor, progress=progress)
    return analysis
