"""The text of a back-test: one line per file, the misses, the scores beside the baselines, the
circular observations, and the out-of-sample back-test."""

from __future__ import annotations

import math

from negsim.results.backtest import BacktestReport, HoldoutReport, PredictorScore
from negsim.results.display import render_text
from negsim.tolerances import ROUND_TOL
from negsim.loading.sources import short_citation

__all__ = ["backtest_text", "scores_table", "verdict_lines"]


def _table(rows: list[tuple[str, ...]], left: int = 1) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in
                       enumerate(zip(r, widths))).rstrip() for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return lines


_NAMES = {"model": "model", "out_of_sample": "model fitted out-of-sample"}


def _num(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.3f}"


def scores_table(scores: list[PredictorScore]) -> list[str]:
    """Predictor, hits, Brier (lower is better), log score (higher is better).

    Examples
    --------
    >>> print("\\n".join(scores_table([PredictorScore("model", 2, 1, 0.5, -3.45)])))
    predictor  hits  Brier  log score
    ---------------------------------
    model       1/2  0.500     -3.450
    """
    rows = [("predictor", "hits", "Brier", "log score")]
    rows += [(s.predictor, f"{s.hits}/{s.observations}", _num(s.brier), _num(s.log_score))
             for s in scores]
    return _table(rows)


def verdict_lines(scores: list[PredictorScore], model: str = "model") -> list[str]:
    """Plain words: which baselines the model does not beat (on hits, Brier and log score)."""
    by = {s.predictor: s for s in scores}
    m = by.get(model)
    if m is None or not m.observations:
        return []
    out = []
    for s in scores:
        if s.predictor in (model, "as_written", "in_sample") or s.predictor.endswith("_point"):
            continue
        better = (m.hits > s.hits or (m.hits == s.hits and m.brier < s.brier - ROUND_TOL))
        if not better:
            how = ("does worse than" if m.hits < s.hits or m.brier > s.brier + ROUND_TOL
                   else "does no better than")
            out.append(f"the {_NAMES.get(model, model)} {how} the {s.predictor} baseline "
                       f"({m.hits} vs {s.hits} hits of {m.observations}, Brier "
                       f"{_num(m.brier)} vs {_num(s.brier)})")
    if not out:
        out.append(f"the {_NAMES.get(model, model)} beats every baseline on these observations")
    return out


def _holdout(h: HoldoutReport) -> list[str]:
    lines = [f"out-of-sample ({h.mode}; weights fitted pooled, one per demand, across each group "
             "of configurations that share base files; probability of accept as written, "
             "in-sample and out-of-sample from the ensemble over each fitted configuration, "
             "as the model's probabilities above; *_point rows score the verdicts):"]
    for g in h.groups:
        lines.append("  group: " + ", ".join(g))
    rows = [("observation", "date", "response", "as written", "in-sample", "out-of-sample")]
    for p in h.predictions:
        flag = "" if p.fitted else " (own weights)"
        rows.append((f"{p.path}[{p.index}] {p.actor} {p.proposal}", p.date, p.response,
                     f"{p.as_written} {p.p_as_written:.2f}", f"{p.in_sample} {p.p_in_sample:.2f}",
                     f"{p.out_of_sample} {p.p_out_of_sample:.2f}" + flag))
    lines += ["  " + x for x in _table(rows)]
    lines += ["  " + x for x in scores_table(h.scores)]
    lines += ["  " + x for x in verdict_lines(h.scores, "out_of_sample")]
    lines += ["  note: " + n for n in h.notes]
    return lines


@render_text.register
def backtest_text(report: BacktestReport) -> str:
    """One line per file (status, observations, matches, misses), the misses in detail, the
    model's and the baselines' scores, the circular observations, and the scores without them.

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
    scored = [s for s in tested if s.scores]
    if scored:
        lines.append("")
        for source, words in (("declared", "from the scenario's declared uncertainty"),
                              ("default_spread", "from the default spread on # judgement "
                               "numbers (the scenario declares no uncertainty)"),
                              ("point", "point 0/1 (nothing drawn)")):
            named = [s.path for s in scored if s.probability_source == source]
            if named:
                lines.append(f"model probabilities {words}: " + ", ".join(named))
        lines += [f"  {s.path}: {s.probability_kind}" for s in scored]
        lines.append("scores on every observation (model = its probability; model_point = its "
                     "verdict; baselines are 0/1):")
        lines += scores_table(report.totals)
        lines += verdict_lines(report.totals)
        circular = [(s.path, c) for s in scored for c in s.circular]
        lines.append("")
        lines.append(f"circular observations: {len(circular)} of "
                     f"{sum(s.observations for s in scored)} (the deciding demand cites the same "
                     "source and quote, or source and date, as the observation)")
        for path, c in circular:
            lines.append(f"circular: {path}: observations[{c.index}] {c.actor} {c.response}s "
                         f"{c.proposal}: {c.role} {c.demand} ({c.description}), {c.rule} "
                         f"({short_citation(c.cited())})")
        for s in scored:
            lines += [f"note: {s.path}: {n}" for n in s.leakage_notes]
        if circular:
            lines.append("scores without the circular observations:")
            lines += scores_table(report.clean_totals)
            lines += verdict_lines(report.clean_totals)
    if report.holdout is not None:
        lines.append("")
        lines += _holdout(report.holdout)
    return "\n".join(lines) + "\n"
