"""Back-testing: does each scenario reproduce the responses it records?

Every scenario records what the parties actually said about the proposals on the table
(``[[observations]]``).  :func:`backtest` loads every scenario under a folder, predicts each
recorded response with the model (the same verdicts ``negsim run`` shows) and tallies matches and
misses.  A scenario *fails* when it misses an observation marked ``must_match`` (the default); a
file that cannot be loaded is reported as an error with its message.  Files that record no
observations (fragments that other scenarios ``extends``) are listed as skipped.

Beside the model, every file is scored for the baselines of :mod:`.baselines` on the same
observations (hits, Brier and log score, :mod:`.scores`); the model's probabilities come from
:func:`negsim.ensemble` over the scenario's uncertain parameters and structural choices or,
when it declares none, over the stated default spread on its ``# judgement`` numbers (the same
as ``negsim run --robustness``); a point 0/1 only when the default spread is turned off.  The
leakage check (:mod:`.leakage`) flags circular observations and the scores are given again
without them.  ``holdout`` adds an out-of-sample back-test (:mod:`.holdout`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from negsim.errors import NegsimError, ScenarioError
from negsim.results.analysis import ObservationCheck
from negsim.backtesting.baselines import BASELINES, baseline_predictions
from negsim.backtesting.leakage import circular_observations, source_dates
from negsim.backtesting.scores import pool, score
from negsim.results.backtest import BacktestReport, ScenarioBacktest
from negsim.backtesting.probabilities import BACKTEST_DRAWS, model_probabilities
from negsim.uncertainty.robustness import DEFAULT_SPREAD
from negsim.engine.verdicts import check_observations, proposal_verdicts
from negsim.preferences import build_preferences
from negsim.loading.build import scenario_from_dict
from negsim.loading.extends import read_merged
from negsim.loading.sources import SourceIndex, index_near, load_source_index

__all__ = ["BacktestReport", "ScenarioBacktest", "backtest", "backtest_scenario", "scenario_files",
           "model_probabilities", "BASELINES", "BACKTEST_DRAWS", "source_dates"]

def scenario_files(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """The ``.toml`` files named, or found (recursively) under the folders named, sorted.

    Raises
    ------
    NegsimError
        If a path does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*.toml") if f.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise NegsimError(f"{p}: no such file or folder")
    return out


def backtest_scenario(scenario) -> list[ObservationCheck]:  # type: ignore[no-untyped-def]
    """Each recorded response of a :class:`~negsim.Scenario` beside the model's prediction.

    Only the proposal verdicts are computed (no scan of the outcome space), so this is cheap even
    for huge spaces.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     proposals=(negsim.Proposal("truce", {"war": "truce"}),),
    ...     observations=(negsim.Observation("A", "truce", "accept"),))
    >>> [c.match for c in backtest_scenario(s)]
    [True]
    """
    return check_observations(scenario, proposal_verdicts(scenario, build_preferences(scenario)))


def _scores(scenario, checks, probs, base, keep) -> list:  # type: ignore[no-untyped-def]
    y = [o.response == "accept" for o, k in zip(scenario.observations, keep) if k]
    pick = lambda xs: [x for x, k in zip(xs, keep) if k]  # noqa: E731
    point = [1.0 if c.predicted == "accept" else 0.0 for c in checks]
    rows = [score("model", pick(probs), y), score("model_point", pick(point), y)]
    rows += [score(b, pick([float(v) for v in base[b]]), y) for b in BASELINES]
    return rows


def _one(path: Path, sides: Mapping[str, str] | None, dates: Mapping[str, str] | None,
         draws: int, default_spread: float | None, index: SourceIndex | None) -> ScenarioBacktest:
    shown = str(path)
    try:
        data = read_merged(path)
        if not data.get("observations"):
            return ScenarioBacktest(shown, "skipped", message="records no observations")
        # citations (outlet, headline, date) from the given sources, else the index near the file
        scenario = scenario_from_dict(data, file=shown,
                                      sources=index if index is not None else index_near(path))
    except ScenarioError as exc:
        return ScenarioBacktest(shown, "error", message=str(exc))
    return scenario_backtest(scenario, shown, sides=sides, dates=dates, draws=draws,
                             default_spread=default_spread)


def scenario_backtest(scenario, path: str = "", *, sides: Mapping[str, str] | None = None,  # type: ignore[no-untyped-def]
                      dates: Mapping[str, str] | None = None,
                      draws: int = BACKTEST_DRAWS,
                      default_spread: float | None = DEFAULT_SPREAD) -> ScenarioBacktest:
    """The whole back-test of one :class:`~negsim.Scenario`: checks, the model's probabilities
    (:func:`model_probabilities`), the baselines, their scores, the circular observations and
    the scores without them."""
    checks = backtest_scenario(scenario)
    matches = sum(c.match for c in checks)
    hard = sum(not c.match and c.must_match for c in checks)
    probs, kind, source = model_probabilities(scenario, checks, draws,
                                              default_spread=default_spread)
    base = baseline_predictions(scenario, sides)
    circ, notes = circular_observations(scenario, dates)
    flagged = {c.index for c in circ}
    everything = [True] * len(checks)
    clean = [i not in flagged for i in range(len(checks))]
    return ScenarioBacktest(path or scenario.path or scenario.name, "fail" if hard else "pass",
                            scenario.name, len(checks), matches, len(checks) - matches, hard,
                            checks=checks, probabilities=probs, probability_kind=kind,
                            probability_source=source,
                            baselines=base, scores=_scores(scenario, checks, probs, base, everything),
                            circular=circ, clean_scores=_scores(scenario, checks, probs, base, clean),
                            leakage_notes=notes)


def backtest(paths: Iterable[str | Path] | str | Path, *, holdout: str | None = None,
             sides: Mapping[str, str] | None = None, sources: str | Path | None = None,
             draws: int = BACKTEST_DRAWS,
             default_spread: float | None = DEFAULT_SPREAD,
             reservations: bool = False) -> BacktestReport:
    """Back-test every scenario file under ``paths`` (files or folders, searched recursively).

    Parameters
    ----------
    paths : path or iterable of paths
    holdout : ``"loo"`` or ``"before:YYYY[-MM[-DD]]"``, optional
        Also fit the weights on the other observations (pooled over the configurations that share
        base files) and predict the held-out ones (see :func:`negsim.backtesting.holdout.holdout`).
    sides : mapping actor → side, optional
        For the ``own_side`` baseline (default: every actor is its own side).
    sources : path, optional
        A sources folder with an ``index.toml`` giving each source's date, for the leakage
        check's date rule.
    draws : int
        Ensemble draws behind the model's probabilities (in-sample and out-of-sample).
    default_spread : float or None
        For a scenario that declares no uncertainty: the relative spread put on each of its
        ``# judgement`` numbers for the model's probabilities (``None`` or 0: point 0/1).
    reservations : bool
        With ``holdout``: also fit one reservation shift per actor (pooled).

    Returns
    -------
    BacktestReport
        One :class:`ScenarioBacktest` per ``.toml`` file, in path order; ``report.ok`` is false
        when a scenario misses a must-match observation or fails to load.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "fragment.toml").write_text('[[issues]]\\nid = "war"\\n'
    ...      'options = ["fight", "truce"]\\nstatus_quo = "fight"\\n')
    >>> report = backtest(folder)
    >>> report.ok, [s.status for s in report.scenarios]
    (True, ['skipped'])
    """
    files = scenario_files(paths)
    index = load_source_index(sources) if sources is not None else None
    dates = index.dates() if index is not None else None
    rows = [_one(p, sides, dates, draws, default_spread, index) for p in files]
    tested = [r for r in rows if r.status in ("pass", "fail")]
    out = None
    if holdout is not None:
        from negsim.backtesting.holdout import holdout as run_holdout

        out = run_holdout([Path(r.path) for r in tested], holdout, sides, draws=draws,
                          default_spread=default_spread, reservations=reservations)
    return BacktestReport(rows, pool([r.scores for r in tested]),
                          pool([r.clean_scores for r in tested]), out)
