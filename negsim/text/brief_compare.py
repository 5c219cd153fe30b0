"""The comparison brief's lead: what changes from scenario A to scenario B, in plain sentences.

``negsim brief A.toml --compare B.toml`` (or ``--without-lever ID``) writes the usual brief of B
with a "What changes" section first on page one and the comparison figures first among the
figures.  The sentences only read a :class:`~negsim.results.comparison.Comparison` (from
:func:`negsim.compare`) and the two analyses; nothing is recomputed.

Examples
--------
>>> import negsim
>>> a = negsim.analyze(negsim.examples.toy_scenario(proposal=True))
>>> b = negsim.analyze(negsim.examples.toy_scenario(lever=2.0, proposal=True))
>>> for s in what_changes(negsim.compare(a, b), a, b):
...     print(s)
From toy to toy, 1 verdict flips and the acceptable deals go from 1 to 0.
“truce” was acceptable to every party and no longer is: A turns from accepting to rejecting (margin +1.000 → -1.000).
The only acceptable deal is lost.
The Nash bargaining deal disappears: no acceptable deal is left for it.
Also: A's walk-away 0.00 → 2.00.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from negsim.plot.style import SOLUTION_LABELS, issue_summary, option_text, words
from negsim.results.analysis import Analysis
from negsim.results.comparison import Comparison
from negsim.text.bottom_line import outcome_words

__all__ = ["what_changes", "ComparisonPart", "comparison_part", "render_comparison_figures",
           "COMPARISON_CAPTIONS", "MAX_CHANGE_SENTENCES"]

MAX_CHANGE_SENTENCES = 5
"""The lead says what changes in at most this many sentences."""

COMPARISON_CAPTIONS = {
    "comparison_plane": "Both outcome spaces in the first two parties' utilities: before faint, "
                        "after strong; arrows show where each bargaining solution moves.",
    "verdict_changes": "Every party's verdict that flips from before to after, with its margin.",
}


def _label(analysis: Analysis, proposal: str) -> str:
    try:
        v = analysis.verdict(proposal)
    except KeyError:
        return words(proposal)
    return v.label or v.proposal


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


_SOLUTION_WORDS = {"nash": "Nash bargaining", "asymmetric_nash": "asymmetric Nash",
                   "kalai_smorodinsky": "Kalai–Smorodinsky", "egalitarian": "egalitarian",
                   "utilitarian": "utilitarian (largest total)",
                   "compromise": "compromise (nearest acceptable)"}


def _side(c: Comparison) -> str:
    """How the headline names the change: "Without X" when B is A without a lever."""
    if c.after.startswith(c.before + ", "):
        rest = c.after[len(c.before) + 2:]
        return rest[:1].upper() + rest[1:]
    return f"From {c.before} to {c.after}"


def _headline(c: Comparison) -> str:
    flips = [v for v in c.verdicts if v.actor != "all"]
    d = c.deals
    deals = "acceptable deals" if d.exact else "frontier deals"
    if c.unchanged:
        return (f"{_side(c)}, nothing the analysis looks at changes: the same "
                f"verdicts, the same {d.size_after:,} {deals} and the same bargaining solutions.")
    what = _plural(len(flips), "verdict flips", "verdicts flip") if flips else "no verdict flips"
    size = (f"the {deals} go from {d.size_before:,} to {d.size_after:,}"
            if d.size_before != d.size_after else f"the {deals} stay at {d.size_after:,}")
    return f"{_side(c)}, {what} and {size}."


def _verdict_sentences(c: Comparison, before: Analysis, after: Analysis) -> list[str]:
    out = []
    by_prop: dict[str, list] = {}
    for v in c.verdicts:
        by_prop.setdefault(v.proposal, []).append(v)
    for prop, changes in by_prop.items():
        name = _label(after, prop) if prop in {v.proposal for v in after.verdicts} \
            else _label(before, prop)
        every = next((v for v in changes if v.actor == "all"), None)
        lead = f"“{name}”"
        if every is not None:
            lead += (" becomes acceptable to every party" if every.after else
                     " was acceptable to every party and no longer is")
        turns = []
        for v in changes:
            if v.actor == "all":
                continue
            verb = "from rejecting to accepting" if v.after else "from accepting to rejecting"
            margin = (f" (margin {v.margin_before:+.3f} → {v.margin_after:+.3f})"
                      if v.margin_before is not None and v.margin_after is not None else "")
            turns.append(f"{v.actor} turns {verb}{margin}")
        if turns:
            out.append(lead + (": " if every is not None else " — ") + "; ".join(turns) + ".")
        elif every is not None:
            out.append(lead + ".")
    return out


def _deal_sentence(c: Comparison, before: Analysis, after: Analysis) -> str | None:
    d = c.deals
    noun = "acceptable deal" if d.exact else "frontier deal"
    if not d.gained and not d.lost:
        return None
    if d.lost and not d.gained and d.kept == 0:
        return (f"The only {noun} is lost." if d.lost == 1 else
                f"All {d.lost:,} {noun}s are lost.")
    parts = []
    if d.gained:
        ex = outcome_words(after, d.gained_examples[0]) if d.gained_examples else ""
        parts.append(f"{_plural(d.gained, noun, noun + 's')} gained"
                     + (f" (for one: {ex})" if ex else ""))
    if d.lost:
        ex = outcome_words(before, d.lost_examples[0]) if d.lost_examples else ""
        parts.append(f"{_plural(d.lost, noun, noun + 's')} lost" + (f" (for one: {ex})" if ex
                                                                     else ""))
    return "; ".join(parts).capitalize() + f", {d.kept:,} kept."


def _solution_sentence(c: Comparison, after: Analysis | None = None) -> str | None:
    moves = [m for m in c.solutions if m.before is not None or m.after is not None]
    if not moves:
        return None
    m = next((x for x in moves if x.name == "nash"), moves[0])
    name = _SOLUTION_WORDS.get(m.name, SOLUTION_LABELS.get(m.name, words(m.name)))
    if m.after is None:
        return f"The {name} deal disappears: no acceptable deal is left for it."
    if m.before is None:
        return f"A {name} deal appears where there was none."
    moved = [f"{words(k)} {option_text(m.before.get(k), issue_summary(after, k))} → "
             f"{option_text(v, issue_summary(after, k))}"
             for k, v in m.after.items() if str(m.before.get(k)) != str(v)]
    gain = ", ".join(f"{a} {x:+.2f}" for a, x in m.change.items())
    others = len(moves) - 1
    return (f"The {name} deal moves ({'; '.join(moved) or 'on other issues'})"
            + (f", utility change {gain}" if gain else "")
            + (f"; {_plural(others, 'other solution moves', 'other solutions move')} too"
               if others else "") + ".")


def _other_sentence(c: Comparison, after: Analysis) -> str | None:
    parts = [f"the truce on “{_label(after, g.id)}” {g.before} → {g.after}"
             if g.kind == "truce" else
             f"the equilibrium play of the game {words(g.id)} changes" for g in c.changes]
    parts += [f"{m.actor}'s walk-away {m.before:.2f} → {m.after:.2f}" for m in c.walk_away]
    if c.only_before:
        parts.append("gone from the table: " + ", ".join(words(p) for p in c.only_before))
    if c.only_after:
        parts.append("new on the table: " + ", ".join(words(p) for p in c.only_after))
    if not parts:
        return None
    return "Also: " + "; ".join(parts) + "."


def what_changes(comparison: Comparison, before: Analysis, after: Analysis) -> list[str]:
    """Three to five plain sentences: the headline, verdicts that flip, deals gained or lost,
    the bargaining solution that moves, and other changes (games, truces, walk-aways)."""
    c = comparison
    out = [_headline(c)]
    if c.unchanged:
        return out + [f"Note: {n}." for n in c.notes][:MAX_CHANGE_SENTENCES - 1]
    out += _verdict_sentences(c, before, after)[:2]
    for s in (_deal_sentence(c, before, after), _solution_sentence(c, after),
              _other_sentence(c, after)):
        if s and len(out) < MAX_CHANGE_SENTENCES:
            out.append(s)
    if c.notes and len(out) < MAX_CHANGE_SENTENCES:
        out.append("Note: " + "; ".join(c.notes) + ".")
    return out[:MAX_CHANGE_SENTENCES]


@dataclass(frozen=True)
class ComparisonPart:
    """What a comparison adds to the brief of the 'after' side: the lead and its figures."""

    before: str
    after: str
    sentences: list[str]
    figures: dict[str, bytes] = field(default_factory=dict)


def render_comparison_figures(before: Analysis, after: Analysis, comparison: Comparison,
                              dpi: int = 130) -> dict[str, bytes]:
    """The comparison figures as PNG bytes, by name (``comparison_plane`` needs two shared
    parties)."""
    from negsim.plot.compare import comparison_files

    files = comparison_files(before, after, comparison, formats=("png",), dpi=dpi)
    return {name.rsplit(".", 1)[0]: data for name, data in files.items()}


def comparison_part(before: Analysis, after: Analysis, comparison: Comparison | None = None,
                    figures: bool = True) -> ComparisonPart:
    """The comparison lead for the brief of ``after`` (``comparison`` defaults to
    :func:`negsim.compare` of the two analyses)."""
    from negsim.questions.compare import compare

    c = comparison if comparison is not None else compare(before, after)
    figs = render_comparison_figures(before, after, c) if figures else {}
    return ComparisonPart(c.before, c.after, what_changes(c, before, after), figs)
