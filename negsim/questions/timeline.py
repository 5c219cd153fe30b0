"""``negsim.timeline``: dated configurations in date order, and what changes between them."""

from __future__ import annotations

from collections.abc import Sequence

from negsim.errors import ArgumentError, ScenarioError
from negsim.model.scenario import Scenario
from negsim.pipeline import analyze
from negsim.questions.compare import compare
from negsim.results.analysis import Analysis
from negsim.results.comparison import Timeline, TimelineEntry

__all__ = ["timeline", "timeline_entry"]


def timeline_entry(a: Analysis) -> TimelineEntry:
    """One analysis as a point of a timeline.

    Examples
    --------
    >>> import negsim
    >>> timeline_entry(negsim.analyze(negsim.examples.toy_scenario())).acceptable
    1
    """
    return TimelineEntry(
        a.date, a.scenario, a.path, a.acceptable.size, a.acceptable.space_size, a.acceptable.exact,
        {x.name: x.reservation for x in a.actors},
        {v.proposal: {r.actor: r.accepts for r in v.responses} for v in a.verdicts},
        {v.proposal: v.accepted_by_all for v in a.verdicts},
        {k: s.outcome for k, s in a.solutions.items()},
        {k: s.utilities for k, s in a.solutions.items()})


def timeline(items: Sequence[Scenario | Analysis]) -> Timeline:
    """Order dated scenarios (or analyses) by their ``[scenario].date`` and compare each with the
    next.

    Dates are ISO strings (``2025-03-11``), so their text order is their time order; two
    configurations of the same date keep the order given.  A scenario without a date is an error.

    Examples
    --------
    >>> import negsim
    >>> from dataclasses import replace
    >>> s = negsim.examples.toy_scenario()
    >>> t = timeline([replace(s, date="2025-05-01"), replace(s, name="early", date="2025-03-01")])
    >>> [e.scenario for e in t.entries], len(t.steps)
    (['early', 'toy'], 1)
    """
    if not items:
        raise ArgumentError("a timeline needs at least one dated scenario")
    analyses = []
    for k, x in enumerate(items):
        a = analyze(x, questions=False) if isinstance(x, Scenario) else x
        if not isinstance(a, Analysis):
            raise ArgumentError(f"timeline item {k} is a {type(x).__name__}, not a Scenario or "
                                "an Analysis")
        if not a.date:
            raise ScenarioError("a timeline needs a date for every configuration",
                                file=a.path, key="scenario.date", expected="an ISO date such as "
                                "\"2025-03-11\"", found="no date",
                                hint="add date = \"YYYY-MM-DD\" under [scenario]")
        analyses.append(a)
    order = sorted(range(len(analyses)), key=lambda i: (analyses[i].date, i))
    ordered = [analyses[i] for i in order]
    return Timeline([timeline_entry(a) for a in ordered],
                    [compare(x, y) for x, y in zip(ordered, ordered[1:])])
