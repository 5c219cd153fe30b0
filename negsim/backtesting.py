"""Back-testing: does each scenario reproduce the responses it records?

Every scenario records what the parties actually said about the proposals on the table
(``[[observations]]``).  :func:`backtest` loads every scenario under a folder, predicts each
recorded response with the model (the same verdicts ``negsim run`` shows) and tallies matches and
misses.  A scenario *fails* when it misses an observation marked ``must_match`` (the default); a
file that cannot be loaded is reported as an error with its message.  Files that record no
observations (fragments that other scenarios ``extends``) are listed as skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from pathlib import Path

from negsim.errors import NegsimError, ScenarioError
from negsim.results.analysis import ObservationCheck
from negsim.results.backtest import BacktestReport, ScenarioBacktest
from negsim.engine.verdicts import check_observations, proposal_verdicts
from negsim.preferences import build_preferences
from negsim.loading.build import scenario_from_dict
from negsim.loading.extends import read_merged

__all__ = ["BacktestReport", "ScenarioBacktest", "backtest", "backtest_scenario", "scenario_files"]


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


def _one(path: Path) -> ScenarioBacktest:
    shown = str(path)
    try:
        data = read_merged(path)
        if not data.get("observations"):
            return ScenarioBacktest(shown, "skipped", message="records no observations")
        scenario = scenario_from_dict(data, file=shown)
    except ScenarioError as exc:
        return ScenarioBacktest(shown, "error", message=str(exc))
    checks = backtest_scenario(scenario)
    matches = sum(c.match for c in checks)
    hard = sum(not c.match and c.must_match for c in checks)
    return ScenarioBacktest(shown, "fail" if hard else "pass", scenario.name, len(checks), matches,
                            len(checks) - matches, hard, checks=checks)


def backtest(paths: Iterable[str | Path] | str | Path) -> BacktestReport:
    """Back-test every scenario file under ``paths`` (files or folders, searched recursively).

    Parameters
    ----------
    paths : path or iterable of paths

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
    return BacktestReport([_one(p) for p in scenario_files(paths)])
