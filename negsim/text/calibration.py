"""The text of a calibration: fitted parameters and their ranges, observations, conflicts."""

from __future__ import annotations

from negsim.results.calibration import Calibration
from negsim.results.display import render_text

__all__ = ["calibration_text"]


@render_text.register
def calibration_text(fit: Calibration) -> str:
    """The calibration as text (what ``negsim calibrate`` prints): the fitted parameters with
    their ranges, each observation's margin before and after, or the conflicting observations.

    Examples
    --------
    >>> fit = Calibration(scenario="toy", feasible=False, margin=float("nan"), min_share=0.01)
    >>> print(calibration_text(fit), end="")
    Calibration of toy
    No weights reproduce the record. Conflicting observations:
    <BLANKLINE>
      observations (margin before -> after)
    """
    out = [f"Calibration of {fit.scenario}"]
    if not fit.feasible:
        out.append("No weights reproduce the record. Conflicting observations:")
        for c in fit.conflicts:
            out.append(f"  {c.actor}: {c.reason}")
            out += [f"    - {d}" for d in c.descriptions]
    else:
        out.append(f"  every must-match observation reproduced; smallest margin {fit.margin:.4g}")
        out.append("")
        out.append(f"  {'actor':<12} {'parameter':<22} {'before':>9} {'fitted':>9} "
                   f"{'low':>9} {'high':>9}")
        for p in fit.parameters:
            tag = "" if p.calibrated else "  (no observation decides it; kept)"
            tag = tag or ("  pinned" if p.pinned else "")
            out.append(f"  {p.actor:<12} {p.parameter:<22} {p.before:>9.4g} {p.fitted:>9.4g} "
                       f"{p.low:>9.4g} {p.high:>9.4g}  {p.description}{tag}")
    out += ["", "  observations (margin before -> after)"]
    for o in fit.observations:
        mark = "match" if o.match_after else "MISS "
        out.append(f"  {mark} {o.actor} {o.response}s {o.proposal}: {o.margin_before:+.3f} -> "
                   f"{o.margin_after:+.3f} [{o.decided_by}]")
    out += [f"  note: {n}" for n in fit.notes]
    return "\n".join(out) + "\n"
