"""The text of the analyst's questions: comparisons, timelines, concessions, tipping points."""

from __future__ import annotations

from negsim.results.comparison import Comparison, Concessions, Timeline, TippingPoints
from negsim.results.display import render_text

__all__ = ["comparison_text", "concessions_text", "timeline_text", "tipping_points_text"]


def _yes(b: bool) -> str:
    return "accepts" if b else "rejects"


def _outcome(o: dict | None) -> str:
    return "none" if o is None else ", ".join(f"{k}={v}" for k, v in o.items())


def _diff(before: dict | None, after: dict | None) -> str:
    if before is None or after is None:
        return f"{_outcome(before)} -> {_outcome(after)}"
    moved = [f"{k}: {before.get(k)} -> {v}" for k, v in after.items() if before.get(k) != v]
    return "; ".join(moved) if moved else "same outcome"


@render_text.register
def comparison_text(c: Comparison) -> str:
    """What changes, section by section (a section is left out when nothing in it changes).

    Examples
    --------
    >>> import negsim
    >>> c = negsim.compare(negsim.examples.toy_scenario(), negsim.examples.toy_scenario())
    >>> print(comparison_text(c), end="")
    toy -> toy
    nothing changes
    """
    lines = [f"{c.before} -> {c.after}"]
    lines += [f"note: {n}" for n in c.notes]
    if c.unchanged:
        lines.append("nothing changes")
        return "\n".join(lines) + "\n"
    if c.verdicts:
        lines.append("verdicts that flip:")
        for v in c.verdicts:
            if v.actor == "all":
                lines.append(f"  {v.proposal}: acceptable to all {v.before} -> {v.after}")
            else:
                lines.append(f"  {v.proposal}: {v.actor} {_yes(v.before)} ({v.margin_before:+.3f})"
                             f" -> {_yes(v.after)} ({v.margin_after:+.3f})")
    if c.walk_away:
        lines.append("walk-away values that move:")
        lines += [f"  {m.actor}: {m.before:.3f} -> {m.after:.3f} ({m.change:+.3f})"
                  for m in c.walk_away]
    d = c.deals
    what = "acceptable deals" if d.exact else "frontier deals (a decomposed space: not every deal)"
    lines.append(f"{what}: {d.size_before:,} -> {d.size_after:,} "
                 f"(gained {d.gained:,}, lost {d.lost:,}, kept {d.kept:,})")
    lines += [f"  gained: {_outcome(o)}" for o in d.gained_examples]
    lines += [f"  lost: {_outcome(o)}" for o in d.lost_examples]
    if c.options:
        lines.append("options:")
        lines += [f"  {o.issue} = {o.option} becomes {o.became}" for o in c.options]
    if c.solutions:
        lines.append("solutions that move:")
        for s in c.solutions:
            gain = ", ".join(f"{a} {x:+.3f}" for a, x in s.change.items())
            lines.append(f"  {s.name}: {_diff(s.before, s.after)}" + (f" ({gain})" if gain else ""))
    if c.changes:
        lines.append("games and truces:")
        lines += [f"  {g.kind} {g.id}: {g.before} -> {g.after}" for g in c.changes]
    if c.only_before:
        lines.append("proposals only before: " + ", ".join(c.only_before))
    if c.only_after:
        lines.append("proposals only after: " + ", ".join(c.only_after))
    return "\n".join(lines) + "\n"


@render_text.register
def concessions_text(r: Concessions) -> str:
    """The change sets, fewest changes first.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(proposal=True)
    >>> print(concessions_text(negsim.concessions(s, "truce")), end="")
    truce in toy: already acceptable to every actor
    """
    who = r.actor or "every actor"
    if r.already:
        return f"{r.proposal} in {r.scenario}: already acceptable to {who}\n"
    plural = "s" if r.max_changes != 1 else ""
    lines = [f"{r.proposal} in {r.scenario}: what would make it acceptable to {who} "
             f"(at most {r.max_changes} change{plural}; {r.searched:,} change sets tried, "
             f"{r.forbidden:,} forbidden by constraints)"]
    for k, c in enumerate(r.concessions, 1):
        change = ", ".join(f"{i} -> {o}" for i, o in c.changes.items())
        cost = ", ".join(f"{a} {x:+.3f}" for a, x in c.cost.items())
        lines.append(f"{k:>3}. {change}")
        lines.append(f"     accepted by: {', '.join(c.accepts) or 'nobody'}; proposer's loss "
                     f"{c.proposer_cost:+.3f}; utility change: {cost}")
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines) + "\n"


@render_text.register
def timeline_text(t: Timeline) -> str:
    """One block per date, then what changes from each date to the next."""
    lines = []
    for e in t.entries:
        size = f"{e.acceptable:,}" + ("" if e.exact else " (estimate)")
        lines.append(f"{e.date}  {e.scenario}: {size} of {e.space_size:,} outcomes acceptable")
        lines.append("  walk-away: " + ", ".join(f"{a} {x:.3f}" for a, x in e.walk_away.items()))
        for p, ok in e.accepted_by_all.items():
            no = [a for a, y in e.verdicts[p].items() if not y]
            verdict = "acceptable to all" if ok else "rejected by " + ", ".join(no)
            lines.append(f"  {p}: {verdict}")
        lines.append(f"  nash: {_outcome(e.solutions.get('nash'))}")
    for s in t.steps:
        lines.append("")
        lines.append(comparison_text(s).rstrip("\n"))
    return "\n".join(lines) + "\n"


@render_text.register
def tipping_points_text(r: TippingPoints) -> str:
    """Each parameter that tips the target, and where."""
    lines = [f"{r.target} in {r.scenario}: {r.base:+.3f} (threshold {r.threshold:+.3f}); "
             f"{len(r.tips)} of {r.searched} numeric parameters flip it within their range"]
    for t in r.tips:
        lines.append(f"  {t.parameter}: {t.point:g} -> flips at {t.value:.4g} "
                     f"(range {t.low:g}..{t.high:g}, {t.range_source})")
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines) + "\n"
