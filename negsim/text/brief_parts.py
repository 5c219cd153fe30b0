"""The brief's content as plain rows and sentences, shared by the HTML and Markdown forms.

:class:`BriefContent` gathers everything a brief says (page one, details, sources) so the two
renderers only lay it out.  Reads results; never recomputes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from negsim.loading.sources import SourceIndex
from negsim.plot.style import labelled_options, words
from negsim.results.analysis import Analysis
from negsim.results.robustness import Robustness
from negsim.results.uncertainty import EnsembleResult
from negsim.text.bottom_line import bottom_line, key_numbers, plain_description
from negsim.text.brief_compare import COMPARISON_CAPTIONS, ComparisonPart
from negsim.text.brief_games import games_findings
from negsim.text.caveats import caveats, unconfirmed

__all__ = ["BriefContent", "brief_content", "CAPTIONS", "caption", "result_citer"]

CAPTIONS = {
    "proposal_verdicts": "Each proposal against each party's walk-away: margin, verdict and the "
                         "demand that blocks it.",
    "outcome_space": "Every possible deal in the first two parties' utilities: the acceptable "
                     "region, walk-aways, bargaining solutions and proposals.",
    "outcome_space_matrix": "The same picture for every pair of parties.",
    "issue_map": "Which option of each issue can be part of a deal, and whose red lines rule "
                 "the others out.",
    "demands": "Who wants what: each party's demands, red lines first, with its own words.",
    "game_tree": "The declared sequential game: subgame-perfect play in bold, and whether each "
                 "threat would be carried out.",
    "payoff_matrix": "The two-player game: payoffs per cell, equilibria framed.",
    "tornado": "Which judged parameter moves the verdict most (bars ranked by swing).",
    "tipping_point": "Where the verdict flips as one judged parameter moves.",
    **COMPARISON_CAPTIONS,
}


def caption(name: str) -> str:
    """The caption of a figure by name (``tornado_1`` reads as ``tornado``)."""
    if name in CAPTIONS:
        return CAPTIONS[name]
    for key, text in CAPTIONS.items():
        if name.startswith(key + "_"):
            return text
    return words(name)


@dataclass(frozen=True)
class BriefContent:
    """What the brief says, section by section, as sentences and table rows."""

    title: str
    meta: str
    summary: str
    bottom_line: list[str]
    key_numbers: list[tuple[str, str, str]]
    caveats: list[str]
    demands: list[list[str]]
    verdict_head: list[str]
    verdicts: list[list[str]]
    games: list[str]
    facts: list[list[str]]
    reported: list[list[str]]
    sources: list[str]
    footer: str
    figures: dict[str, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    """What changes from the compared scenario (a comparison brief; empty otherwise)."""
    compared: str = ""
    """The scenario the brief is compared with (a comparison brief; empty otherwise)."""


def _verdicts(a: Analysis) -> tuple[list[str], list[list[str]]]:
    head = ["Proposal"] + [x.name for x in a.actors] + ["Verdict"]
    rows = []
    for v in a.verdicts:
        cells = [v.label or v.proposal]
        for r in v.responses:
            word = "accepts" if r.accepts else ("red line" if r.vetoed else "rejects")
            cells.append(f"{'✓' if r.accepts else '✗'} {word} ({r.margin:+.2f})")
        cells.append("agreed by all" if v.accepted_by_all else "blocked")
        rows.append(cells)
    return head, rows


def result_citer(a: Analysis, sources: SourceIndex | None = None) -> Callable[[str], str]:
    """Source → what the brief prints: through ``sources`` when given, else the citations the
    result carries (resolved at load time; the raw source where none was resolved).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> a = NS(actors=[NS(demands=[NS(source="x.txt", citation="Paper, “T” (2025)")])],
    ...        observations=[], verdicts=[])
    >>> cite = result_citer(a)
    >>> cite("x.txt"), cite("Reuters, 2025-05-01")
    ('Paper, “T” (2025)', 'Reuters, 2025-05-01')
    """
    if sources is not None:
        return sources.cite
    known: dict[str, str] = {}
    items = [d for act in a.actors for d in act.demands] + list(a.observations) + \
        [b for v in a.verdicts for r in v.responses for b in r.blockers]
    for it in items:
        if it.source and it.citation:
            known.setdefault(it.source, it.citation)
    return lambda source: known.get(source, source)


def _record(a: Analysis, cite: Callable[[str], str], keep) -> list[list[str]]:
    rows = []
    for o in a.observations:
        if not keep(o):
            continue
        try:
            name = a.verdict(o.proposal).label or o.proposal
        except KeyError:
            name = o.proposal
        rows.append([o.date, o.actor, f"{o.response}s “{name}”",
                     f"model: {o.predicted}" + ("" if o.match else " (miss)"),
                     cite(o.source) if o.source else ""])
    return rows


def brief_content(analysis: Analysis, figures: dict[str, bytes] | None = None, *,
                  odds: EnsembleResult | None = None, sources: SourceIndex | None = None,
                  footer: str = "", comparison: ComparisonPart | None = None,
                  robust: Robustness | None = None, judged: tuple[str, ...] = ()) -> BriefContent:
    """Gather the brief's content; ``sources`` (an index) overrides the citations the result
    carries;
    ``comparison`` (a comparison brief) leads with what changes and its figures come first;
    ``robust`` (:func:`negsim.robustness`) gives the probabilities, ``judged`` (the scenario's
    judged paths) names the judgements in the caveats."""
    a = analysis
    cite = result_citer(a, sources)
    demands = []
    cited: list[str] = []
    for act in a.actors:
        for d in sorted(act.demands, key=lambda d: not d.hard):
            when = words(labelled_options(d.when, a))
            kind = ("conditional red line: only if " + when) if d.hard and d.when else \
                "red line" if d.hard else (f"demand, if {when}" if d.when else "demand")
            demands.append([act.name, plain_description(labelled_options(d.description, a)), kind,
                            f"{d.share:.0%}", d.quote, cite(d.source) if d.source else ""])
            cited.append(d.source)
    cited += [o.source for o in a.observations]
    cited += [g.source for g in a.games if getattr(g, "source", "")]
    sources_list = list(dict.fromkeys(cite(s) for s in cited if s))
    head, rows = _verdicts(a)
    meta = f"{a.date or 'undated'} · negsim {a.version} · seed {a.seed}"
    figs = dict(figures or {})
    if comparison is not None:
        figs = {**comparison.figures, **figs}
        meta = f"compared with {comparison.before} · " + meta
    return BriefContent(
        title=comparison.after if comparison is not None else a.scenario, meta=meta,
        summary=" ".join((a.summary or "").split()),
        bottom_line=bottom_line(a, odds, robust), key_numbers=key_numbers(a, odds, robust),
        caveats=caveats(a, cite, robust, tuple(judged)), demands=demands,
        verdict_head=head, verdicts=rows,
        games=games_findings(a), facts=_record(a, cite, lambda o: not unconfirmed(o)),
        reported=_record(a, cite, unconfirmed), sources=sorted(sources_list), footer=footer,
        figures=figs, changes=list(comparison.sentences) if comparison is not None else [],
        compared=comparison.before if comparison is not None else "")

