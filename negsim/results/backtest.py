"""Plain-data results of a back-test: one file's, and every file's under some paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from negsim.plain import PlainData
from negsim.results.analysis import ObservationCheck
from negsim.results.display import render_text

__all__ = ["BacktestReport", "CircularObservation", "HoldoutPrediction", "HoldoutReport",
           "PredictorScore", "ScenarioBacktest"]


@dataclass(frozen=True)
class PredictorScore(PlainData):
    """How one predictor (the model or a baseline) does on a set of observations.

    ``brier`` is the mean of (p − y)², ``log_score`` the mean of ln p(observed response) with p
    clipped to [LOG_SCORE_FLOOR, 1 − LOG_SCORE_FLOOR] (higher is better); both NaN on no
    observations.  A hit is a probability of the observed response above 1/2.
    """

    predictor: str
    observations: int
    hits: int
    brier: float
    log_score: float


@dataclass(frozen=True)
class CircularObservation(PlainData):
    """An observation whose deciding demand cites the same source and quote, or the same source
    and date, as the observation itself.

    ``demand`` is the key path (``actors.Russia.demands[3]``), ``rule`` ``"same source and
    quote"`` or ``"same source and date"``, ``role`` ``"red line"``, ``"main blocker"`` or
    ``"main enabler"``.  ``citation`` is the source by outlet, headline and date when the
    sources index was found at load time (else the raw source).
    """

    index: int
    actor: str
    proposal: str
    response: str
    demand: str
    description: str
    role: str
    rule: str
    source: str
    citation: str = ""

    def cited(self) -> str:
        """The source as a reader should see it: the citation, else the raw source."""
        return self.citation or self.source


@dataclass(frozen=True)
class ScenarioBacktest(PlainData):
    """The back-test of one file.

    ``status`` is ``"pass"`` (every must-match observation reproduced), ``"fail"`` (at least one
    missed), ``"error"`` (the file does not load; ``message`` says why) or ``"skipped"`` (it records
    no observations; ``message`` says so).  ``probabilities`` are the model's probabilities that
    each observed actor accepts (``probability_kind`` says where they come from in words,
    ``probability_source`` in one word: ``"declared"`` uncertainty, the ``"default_spread"`` on
    the ``# judgement`` numbers, or ``"point"`` 0/1), ``scores`` the
    model's and each baseline's scores on every observation, ``clean_scores`` on the ones not
    flagged ``circular``.
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
    probabilities: list[float] = field(default_factory=list)
    probability_kind: str = ""
    probability_source: str = ""
    baselines: dict[str, list[bool]] = field(default_factory=dict)
    scores: list[PredictorScore] = field(default_factory=list)
    circular: list[CircularObservation] = field(default_factory=list)
    clean_scores: list[PredictorScore] = field(default_factory=list)
    leakage_notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HoldoutPrediction(PlainData):
    """One held-out observation: the model as written, fitted on everything (in-sample), and
    fitted without it (out-of-sample).  ``fitted`` is false when no weights reproduced the
    training observations of its actor (it then keeps its own weights).  ``p_*`` are the
    model's probabilities that the actor accepts, in the same three readings."""

    path: str
    index: int
    actor: str
    proposal: str
    response: str
    date: str
    as_written: str
    in_sample: str
    out_of_sample: str
    fitted: bool
    p_as_written: float = 0.5
    p_in_sample: float = 0.5
    p_out_of_sample: float = 0.5


@dataclass(frozen=True)
class HoldoutReport(PlainData):
    """Out-of-sample back-test: ``mode`` ``"loo"`` or ``"before:DATE"``; ``groups`` the files
    pooled together (configurations that share base files); scores of the model's probabilities
    as written, fitted in-sample, and out-of-sample, on the held-out observations (and of its
    verdicts, ``*_point``), beside the baselines."""

    mode: str
    groups: list[list[str]]
    predictions: list[HoldoutPrediction]
    scores: list[PredictorScore]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BacktestReport(PlainData):
    """The back-test of every scenario under some paths.

    ``totals`` and ``clean_totals`` pool the scores over every tested file.

    Examples
    --------
    >>> BacktestReport([]).ok
    True
    """

    scenarios: list[ScenarioBacktest]
    totals: list[PredictorScore] = field(default_factory=list)
    clean_totals: list[PredictorScore] = field(default_factory=list)
    holdout: HoldoutReport | None = None

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
