"""Plain-data results of a back-test: one file's, and every file's under some paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from negsim.plain import PlainData
from negsim.results.analysis import ObservationCheck
from negsim.results.display import render_text

__all__ = ["BacktestReport", "ScenarioBacktest"]


@dataclass(frozen=True)
class ScenarioBacktest(PlainData):
    """The back-test of one file.

    ``status`` is ``"pass"`` (every must-match observation reproduced), ``"fail"`` (at least one
    missed), ``"error"`` (the file does not load; ``message`` says why) or ``"skipped"`` (it records
    no observations; ``message`` says so).
    """

    path: str
    status: str
    name: str = ""
    observations: int = 0
    matches: int = 0
    misses: int = 0
    must_match_misses: int = 0
    message: str = ""
    checks: list[ObservationCheck] = field(default_factory=list)


@dataclass(frozen=True)
class BacktestReport(PlainData):
    """The back-test of every scenario under some paths.

    Examples
    --------
    >>> BacktestReport([]).ok
    True
    """

    scenarios: list[ScenarioBacktest]

    def tables(self) -> dict[str, Any]:
        """One row per scenario and one per recorded response: pandas DataFrames when pandas is installed, else lists of dicts."""
        from negsim.results.tables import backtest_tables

        return backtest_tables(self)

    @property
    def ok(self) -> bool:
        """No scenario failed or errored."""
        return all(s.status in ("pass", "skipped") for s in self.scenarios)

    @property
    def tested(self) -> list[ScenarioBacktest]:
        """The files that were back-tested (not skipped)."""
        return [s for s in self.scenarios if s.status != "skipped"]

    def __str__(self) -> str:
        return render_text(self)
