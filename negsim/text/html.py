"""Compact HTML views of results for notebooks (``_repr_html_``): the key table, small.

Examples
--------
>>> import negsim
>>> html_text = negsim.analyze(negsim.examples.two_party_scenario())._repr_html_()
>>> "<table" in html_text and "blocked" in html_text
True
"""

from __future__ import annotations

from html import escape

from negsim.results.analysis import Analysis
from negsim.results.display import render_html

__all__ = ["analysis_html"]


@render_html.register
def analysis_html(analysis: Analysis) -> str:
    """The verdict table (who accepts each proposal, by what margin) and the acceptable set."""
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
    return f"<div><p>{head}</p><table>{''.join(rows)}</table>{tail}</div>"
