"""Compact HTML views of results for notebooks (``_repr_html_``): the key table and a small figure.

The figure (the outcome space of an analysis, the acceptance odds of an ensemble) is embedded as
a small base64 PNG (:data:`FIGURE_INCHES` at :data:`FIGURE_DPI`, a few tens of kilobytes); it is
left out, and the table shown alone, when matplotlib is not installed or the result has nothing
to draw (one actor).  ``figure=False`` gives the table alone.

Examples
--------
>>> import negsim
>>> html_text = negsim.analyze(negsim.examples.two_party_scenario())._repr_html_()
>>> "<table" in html_text and "blocked" in html_text and "data:image/png;base64," in html_text
True
"""

from __future__ import annotations

import base64
import importlib
from collections.abc import Callable
from html import escape
from typing import Any

from negsim.results.analysis import Analysis
from negsim.results.comparison import Comparison
from negsim.results.display import render_html
from negsim.results.uncertainty import EnsembleResult

__all__ = ["analysis_html", "ensemble_html", "figure_png", "FIGURE_INCHES", "FIGURE_DPI"]

FIGURE_INCHES = (4.8, 3.4)
"""Width and height of the inline figure."""
FIGURE_DPI = 80
"""Resolution of the inline figure (small: a notebook cell, not a briefing)."""


def figure_png(draw: Callable[[Any], Any]) -> bytes | None:
    """``draw(ax)`` on a new small figure, as PNG bytes; ``None`` without matplotlib.

    The figure is built without pyplot (no global state, no backend), and rendered with fixed
    metadata, so the same result gives the same bytes.
    """
    try:
        figure_mod = importlib.import_module("matplotlib.figure")
        agg = importlib.import_module("matplotlib.backends.backend_agg")
    except ImportError:
        return None
    from negsim.plot.save import render

    fig = figure_mod.Figure(figsize=FIGURE_INCHES, layout="constrained")
    agg.FigureCanvasAgg(fig)
    from negsim.plot.style import literal_text

    with literal_text():  # user labels are text, never mathtext
        draw(fig.add_subplot())
    return render(fig, "png", dpi=FIGURE_DPI)


def _img(png: bytes | None, alt: str) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{escape(alt)}" style="max-width:480px" src="data:image/png;base64,{data}"/>'


def _analysis_figure(analysis: Analysis) -> str:
    if len(analysis.actors) < 2:
        return ""
    from negsim.plot.outcome_space import outcome_space

    png = figure_png(lambda ax: outcome_space(analysis, ax=ax, footer=False, legend=False,
                                              compact=True))
    return _img(png, f"outcome space of {analysis.scenario}")


@render_html.register
def analysis_html(analysis: Analysis, figure: bool = True) -> str:
    """The verdict table (who accepts each proposal, by what margin), the acceptable set, the
    Nash point and, with ``figure``, the outcome-space figure."""
    acc = analysis.acceptable
    head = (f"<b>{escape(analysis.scenario)}</b>"
            + (f" ({escape(analysis.date)})" if analysis.date else "")
            + f": {acc.size:,} of {acc.space_size:,} outcomes acceptable to every actor "
              f"({escape(acc.method)})")
    actors = [a.name for a in analysis.actors]
    rows = ["<tr><th>proposal</th>" + "".join(f"<th>{escape(a)}</th>" for a in actors)
            + "<th>verdict</th></tr>"]
    for v in analysis.verdicts:
        cells = []
        for a in actors:
            r = v.response(a)
            mark = "accepts" if r.accepts else ("red line" if r.vetoed else "rejects")
            cells.append(f"<td>{mark} ({r.margin:+.2f})</td>")
        verdict = "accepted by all" if v.accepted_by_all else "blocked"
        rows.append(f"<tr><td>{escape(v.label or v.proposal)}</td>{''.join(cells)}"
                    f"<td>{verdict}</td></tr>")
    nash = analysis.solutions.get("nash")
    tail = ""
    if nash is not None and nash.outcome is not None:
        tail = "<p>Nash: " + escape(", ".join(f"{k}={v}" for k, v in nash.outcome.items())) + "</p>"
    picture = _analysis_figure(analysis) if figure else ""
    return f"<div><p>{head}</p><table>{''.join(rows)}</table>{tail}{picture}</div>"


@render_html.register
def ensemble_html(result: EnsembleResult, figure: bool = True) -> str:
    """Per proposal, the share of draws in which each actor (and every actor) accepts, and the
    most frequent Nash point; with ``figure``, the acceptance-odds figure.

    Examples
    --------
    >>> r = EnsembleResult("toy", 10, 1, 10, [], [])
    >>> "10 draws" in ensemble_html(r, figure=False)
    True
    """
    head = f"<b>{escape(result.scenario)}</b>: {result.draws:,} draws (seed {result.seed})"
    actors: list[str] = []
    for p in result.proposals:
        actors += [a for a in p.accept if a not in actors]
    rows = ["<tr><th>proposal</th>" + "".join(f"<th>{escape(a)} accepts</th>" for a in actors)
            + "<th>all accept</th></tr>"]
    for p in result.proposals:
        rows.append(f"<tr><td>{escape(p.label or p.proposal)}</td>"
                    + "".join(f"<td>{p.accept.get(a, 0.0):.0%}</td>" for a in actors)
                    + f"<td>{p.all_accept:.0%}</td></tr>")
    tail = ""
    nash = (result.solutions or {}).get("nash")
    if nash is not None and nash.outcomes:
        top = max(nash.outcomes, key=lambda o: o.count)
        tail = (f"<p>Most frequent Nash point ({top.probability:.0%} of draws): "
                + escape(", ".join(f"{k}={v}" for k, v in top.outcome.items())) + "</p>")
    if result.not_computed:
        tail += f"<p>{escape(result.not_computed)}</p>"
    picture = ""
    if figure and result.proposals:
        from negsim.plot.ensemble_acceptance import ensemble_acceptance

        picture = _img(figure_png(lambda ax: ensemble_acceptance(result, ax=ax, footer=False)),
                       f"acceptance odds of {result.scenario}")
    table = f"<table>{''.join(rows)}</table>" if result.proposals else ""
    return f"<div><p>{head}</p>{table}{tail}{picture}</div>"


@render_html.register
def comparison_html(c: Comparison) -> str:
    """The verdicts that flip (with margins), the acceptable deals before and after, and the
    solutions that move, as one small table each.

    Examples
    --------
    >>> import negsim
    >>> c = negsim.compare(negsim.examples.toy_scenario(proposal=True),
    ...                    negsim.examples.toy_scenario(lever=2.0, proposal=True))
    >>> html_text = comparison_html(c)
    >>> "Verdicts that flip" in html_text and "1 → 0" in html_text
    True
    """
    def margin(m: float | None) -> str:
        return "" if m is None else f" ({m:+.2f})"

    d = c.deals
    head = (f"<b>{escape(c.before)}</b> → <b>{escape(c.after)}</b>: acceptable deals "
            f"{d.size_before:,} → {d.size_after:,} (gained {d.gained:,}, lost {d.lost:,})")
    parts = [f"<div><p>{head}</p>"]
    if c.verdicts:
        rows = ["<tr><th>proposal</th><th>actor</th><th>before</th><th>after</th></tr>"]
        for v in c.verdicts:
            rows.append(f"<tr><td>{escape(v.proposal)}</td><td>{escape(v.actor)}</td>"
                        f"<td>{'accepts' if v.before else 'rejects'}{margin(v.margin_before)}</td>"
                        f"<td>{'accepts' if v.after else 'rejects'}{margin(v.margin_after)}</td></tr>")
        parts.append(f"<p>Verdicts that flip ({len(c.verdicts)}):</p><table>{''.join(rows)}</table>")
    else:
        parts.append("<p>No verdict flips.</p>")
    moved = [s for s in c.solutions if s.change]
    if moved:
        items = "".join(f"<li>{escape(s.name)}: " + escape(", ".join(
            f"{a} {x:+.3f}" for a, x in s.change.items())) + "</li>" for s in moved)
        parts.append(f"<p>Solutions that move:</p><ul>{items}</ul>")
    parts.append("</div>")
    return "".join(parts)
