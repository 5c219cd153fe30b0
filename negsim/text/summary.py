"""The readable summary of an analysis (what ``negsim run`` prints)."""

from __future__ import annotations

from negsim.results.analysis import Analysis, Solution
from negsim.results.display import render_text
from negsim.results.robustness import Claim, Robustness
from negsim.text.games import games_lines

__all__ = ["summary_text", "robustness_text"]

_SOLUTION_TITLES = {
    "nash": "Nash", "asymmetric_nash": "Asymmetric Nash (power-weighted)",
    "kalai_smorodinsky": "Kalai-Smorodinsky", "egalitarian": "Egalitarian (max-min gain)",
    "utilitarian": "Utilitarian (max total)", "compromise": "Compromise forecast",
}


def _outcome_text(outcome: dict, status_quo: dict) -> str:
    changed = [f"{k}={v}" for k, v in outcome.items() if v != status_quo.get(k)]
    return ", ".join(changed) if changed else "(status quo on every issue)"


def _utils_text(utils: dict[str, float] | None) -> str:
    return ", ".join(f"{a} {u:.2f}" for a, u in (utils or {}).items())


def _solution_lines(s: Solution, sq: dict) -> list[str]:
    title = _SOLUTION_TITLES.get(s.name, s.name)
    if s.outcome is None:
        return [f"  {title}: none ({s.reason})"]
    lines = [f"  {title}: {_outcome_text(s.outcome, sq)}", f"      utilities: {_utils_text(s.utilities)}"]
    if s.name == "compromise":
        lines[0] += "" if s.acceptable else "  [not acceptable to all]"
        if s.nearest is not None and not s.acceptable:
            lines.append(f"      nearest acceptable deal: {_outcome_text(s.nearest.outcome, sq)}")
            lines.append(f"      utilities: {_utils_text(s.nearest.utilities)}")
    if s.ties > 1:
        lines.append(f"      ({s.ties} deals tie for this solution; the first is shown)")
    if s.reason:
        lines.append(f"      note: {s.reason}")
    return lines


@render_text.register
def summary_text(analysis: Analysis) -> str:
    """A summary a person can read in a minute.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> print(summary_text(negsim.analyze(s)).splitlines()[0])
    toy
    """
    a = analysis
    sq = {i.id: i.status_quo for i in a.issues}
    out = [a.scenario]
    if a.date:
        out[0] += f" ({a.date})"
    out.append("=" * len(out[0]))
    if a.summary:
        out += [a.summary.strip(), ""]
    out.append("Actors (walk-away utility = no-deal utility + expected lever effects)")
    for act in a.actors:
        how = "set explicitly" if act.reservation_given else \
            f"{act.no_deal_utility:.2f} {'+' if act.lever_shift >= 0 else '-'} {abs(act.lever_shift):.2f}"
        out.append(f"  {act.name:<12} reservation {act.reservation:5.2f}  ({how}; power {act.power:g}, "
                   f"patience {act.patience:g})")
    if a.levers:
        out += ["", "Levers"]
        for lv in a.levers:
            eff = ", ".join(f"{k} {v:+.3f}" for k, v in lv.expected_effects.items())
            out.append(f"  {lv.label} (by {lv.by}, if {lv.trigger.replace('_', ' ')}, "
                       f"credibility {lv.credibility:g}): {eff}")
    out += ["", "Proposals"]
    if not a.verdicts:
        out.append("  (none in the scenario)")
    for v in a.verdicts:
        verdict = "ACCEPTABLE TO ALL" if v.accepted_by_all else "blocked"
        out.append(f"  {v.label} [{v.proposal}]{' by ' + v.by if v.by else ''}: {verdict}")
        for r in v.responses:
            word = "accepts" if r.accepts else "rejects"
            out.append(f"    {r.actor:<12} {word:<8} utility {r.utility:5.2f}  margin {r.margin:+.2f}")
            for b in r.blockers:
                kind = "red line crossed" if b.red_line else f"shortfall {b.shortfall:.2f}"
                out.append(f"        - {b.description} ({kind})")
    acc = a.acceptable
    out += ["", "Acceptable deals"]
    if acc.empty:
        out.append(f"  none of the {acc.space_size:,} outcomes is acceptable to every actor")
    else:
        size = f"{acc.size:,}" if acc.exact else (
            f"about {acc.size:,} (95% interval {acc.size_low:,}-{acc.size_high:,}, sampled)")
        out.append(f"  {size} of {acc.space_size:,} outcomes are acceptable to every actor "
                   f"({acc.method}); {len(acc.frontier)} on the Pareto frontier")
        for issue in a.issues:
            opts = acc.options.get(issue.id, [])
            out.append(f"    {issue.id}: {', '.join(map(str, opts))}")
    out += ["", "Bargaining solutions"]
    for s in a.solutions.values():
        out += _solution_lines(s, sq)
    if a.observations:
        matched = sum(o.match for o in a.observations)
        out += ["", f"Observations: the model reproduces {matched} of {len(a.observations)}"]
        for o in a.observations:
            mark = "match" if o.match else "MISS "
            when = f" ({o.date})" if o.date else ""
            out.append(f"  {mark} {o.actor} {o.response}s {o.proposal}{when}; model: "
                       f"{o.predicted} (margin {o.margin:+.2f})"
                       + ("" if o.match or o.must_match else "  [tolerated: must_match = false]"))
    out += _uncertainty_lines(a)


    out += games_lines(a)
    return "\n".join(out) + "\n"


def _bar_ends(parameter: str, distribution: str, low: float, high: float) -> tuple[str, str]:
    """The two ends of a tornado bar: values, or for a structural choice the readings' labels
    (its description is ``label p% / label p% ...``, the ends are alternative indices)."""
    if parameter.endswith((".hard", ".when", ".trigger")):
        labels = [part.rsplit(" ", 1)[0] for part in distribution.split(" / ")]
        if int(low) < len(labels) and int(high) < len(labels):
            return labels[int(low)], labels[int(high)]
    return f"{low:.3g}", f"{high:.3g}"


def _uncertainty_lines(a: Analysis, top: int = 5) -> list[str]:
    """Top sensitivities and tipping points (when the scenario has uncertain parameters)."""
    out: list[str] = []
    for s in a.sensitivity:
        out += ["", f"Sensitivity of {s.target} (now {s.base:+.3f}; each parameter from its "
                f"{s.span[0]:.0%} to its {s.span[1]:.0%} point, the others fixed)"]
        for b in s.bars[:top]:
            flip = "  FLIPS" if b.flips else ""
            lo, hi = _bar_ends(b.parameter, b.distribution, b.low, b.high)
            out.append(f"  {b.parameter}: {lo} -> {b.target_low:+.3f}, "
                       f"{hi} -> {b.target_high:+.3f}{flip}")
        if len(s.bars) > top:
            out.append(f"  ... and {len(s.bars) - top} more")
    if a.tipping_points:
        out += ["", "Tipping points"]
        for t in a.tipping_points:
            title = f"{t.label}: " if t.label else ""
            out.append(f"  {title}{t.message}")
    return out


def _hinge_text(c: Claim) -> str:
    parts = []
    for h in c.hinges:
        if h.when_high:
            parts.append(f"{h.parameter} ({h.high:.0%} if {h.when_high}, {h.low:.0%} otherwise)")
        else:
            parts.append(f"{h.parameter} ({h.low:.0%} low, {h.high:.0%} high)")
    return "; hinges on " + ", ".join(parts) if parts else ""


@render_text.register
def robustness_text(r: Robustness) -> str:
    """The robustness section: each headline claim, the share of draws it holds in, its hinges.

    Examples
    --------
    >>> from negsim.results.robustness import Claim, Hinge, Robustness
    >>> r = Robustness("toy", 100, 1, ["levers.aid.effects.A"], None, "declared", [
    ...     Claim("verdict", "verdict:truce:A", "A accepts truce", 0.62, 62,
    ...           [Hinge("levers.aid.effects.A", 1.0, 0.24, 0.76)])])
    >>> print(robustness_text(r), end="")
    Robustness (100 draws, seed 1; declared)
      62%  A accepts truce; hinges on levers.aid.effects.A (100% low, 24% high)
    """
    out = [f"Robustness ({r.draws} draws, seed {r.seed}; {r.note})"]
    if not r.parameters:
        out.append("  nothing is drawn: every claim holds in every draw by construction")
    for c in r.claims:
        out.append(f"  {c.holds:4.0%}  {c.text}{_hinge_text(c)}")
    return "\n".join(out) + "\n"
