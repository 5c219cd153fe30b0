"""The text of a back-test: one line per file, then the misses in detail."""

from __future__ import annotations

from negsim.results.backtest import BacktestReport
from negsim.results.display import render_text

__all__ = ["backtest_text"]


@render_text.register
def backtest_text(report: BacktestReport) -> str:
    """One line per file: status, observations, matches, misses, then the misses in detail.

    Examples
    --------
    >>> print(backtest_text(BacktestReport([])), end="")
    scenario  observations  matches  misses  status
    -----------------------------------------------
    0 of 0 scenario(s) reproduce every must-match observation
    """
    rows = [("scenario", "observations", "matches", "misses", "status")]
    for s in report.scenarios:
        if s.status == "skipped":
            continue
        rows.append((s.path, str(s.observations), str(s.matches), str(s.misses), s.status))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) if i < 4 else c
                       for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    for s in report.scenarios:
        if s.status == "error":
            lines.append(f"error: {s.message}")
        for c in s.checks:
            if not c.match:
                soft = "" if c.must_match else " (must_match = false, tolerated)"
                lines.append(f"miss: {s.path}: {c.actor} {c.response}s {c.proposal}; model "
                             f"predicts {c.predicted} (margin {c.margin:+.3f}){soft}")
    skipped = [s for s in report.scenarios if s.status == "skipped"]
    if skipped:
        lines.append(f"skipped {len(skipped)} file(s) that record no observations: "
                     + ", ".join(s.path for s in skipped))
    tested = report.tested
    failed = sum(s.status != "pass" for s in tested)
    lines.append(f"{len(tested) - failed} of {len(tested)} scenario(s) reproduce every "
                 "must-match observation")
    return "\n".join(lines) + "\n"

