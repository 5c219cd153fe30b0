"""The one-page brief: the finding in words, the key numbers and the figures, in one file.

``write_brief(analysis, "brief.html")`` writes a self-contained HTML page (figures embedded as
base64 PNG) that opens in any browser and prints on A4/Letter; ``.md`` writes the same as Markdown
with the figures embedded as data URIs.  Like the figures, the brief only reads the result.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import matplotlib

from negsim.outputs import write_text_atomic
from negsim.text.brief_games import games_findings
from negsim.errors import NegsimError
from negsim.results.analysis import Analysis
from negsim.plot.save import briefing_figures, render
from negsim.plot.style import footer_text
from negsim.tolerances import ROUND_TOL

__all__ = ["key_findings", "key_numbers", "brief_html", "brief_markdown", "write_brief",
           "render_figures", "check_brief_path", "md_text", "SECTIONS", "GAMES_SECTION", "BRIEF_SUFFIXES"]

BRIEF_SUFFIXES = (".html", ".htm", ".md")
GAMES_SECTION = ("games", "Games and truce stability")
"""Between the proposals and the figures, when the analysis has declared games or truces."""
SECTIONS = (("bottom-line", "Bottom line"), ("key-numbers", "Key numbers"),
            ("proposals", "Proposals on the table"), ("figures", "Figures"),
            ("record", "What the parties actually did"))

_CAPTIONS = {
    "demands": "Who wants what: each party's demands, red lines first, with its own words.",
    "proposal_verdicts": "Each proposal against each party's walk-away: margin, verdict and the "
                         "demand that blocks it.",
    "outcome_space": "Every possible deal in the first two parties' utilities: the acceptable "
                     "region, walk-aways, bargaining solutions and proposals.",
    "outcome_space_matrix": "The same picture for every pair of parties.",
    "issue_map": "Which option of each issue can be part of a deal, and whose red lines rule "
                 "the others out.",
    "game_tree": "The declared sequential game: subgame-perfect play in bold, and whether each "
                 "threat would be carried out.",
    "payoff_matrix": "The two-player game: payoffs per cell, equilibria framed.",
    "tornado": "Which uncertain parameter moves the verdict most (bars ranked by swing).",
    "tipping_point": "Where the verdict flips as one parameter moves.",
}


def _caption(name: str) -> str:
    if name in _CAPTIONS:
        return _CAPTIONS[name]
    for key, text in _CAPTIONS.items():
        if name.startswith(key + "_"):
            return text
    return name


def _label(analysis: Analysis, proposal: str) -> str:
    v = analysis.verdict(proposal)
    return v.label or v.proposal


def _outcome_text(analysis: Analysis, outcome: dict) -> str:
    sq = {i.id: i.status_quo for i in analysis.issues}
    changed = [f"{k.replace('_', ' ')} = {str(v).replace('_', ' ')}"
               for k, v in outcome.items() if str(v) != str(sq.get(k))]
    return "; ".join(changed) if changed else "the status quo on every issue"


def key_findings(analysis: Analysis) -> list[str]:
    """The analysis in a few plain sentences, most important first.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight", hard=True),))))
    >>> key_findings(negsim.analyze(s))[0]
    'No deal is acceptable to every party: none of the 2 possible outcomes clears all red lines and walk-aways.'
    """
    a = analysis
    acc = a.acceptable
    out = []
    if acc.empty:
        out.append(f"No deal is acceptable to every party: none of the {acc.space_size:,} possible "
                   "outcomes clears all red lines and walk-aways.")
    else:
        nash = a.solution("nash")
        out.append(f"{acc.size:,} of {acc.space_size:,} possible deals are acceptable to every "
                   f"party. Nash bargaining points to: {_outcome_text(a, nash.outcome or {})}.")
    for v in a.verdicts:
        if v.accepted_by_all:
            out.append(f"'{_label(a, v.proposal)}' is acceptable to every party.")
            continue
        reasons = []
        for r in v.responses:
            if r.accepts:
                continue
            red = [b.description for b in r.blockers if b.red_line]
            why = f"red line: {red[0]}" if red else f"falls {-r.margin:.2f} short of its walk-away"
            reasons.append(f"{r.actor} ({why})")
        out.append(f"'{_label(a, v.proposal)}' is blocked by " + ", ".join(reasons) + ".")
    for act in a.actors:
        if not act.reservation_given and abs(act.lever_shift) > ROUND_TOL:
            levers = [lv.label or lv.id for lv in a.levers if lv.trigger == "no_deal"
                      and abs(lv.expected_effects.get(act.name, 0.0)) > 0]
            out.append(f"{' and '.join(levers) or 'Levers'} move {act.name}'s walk-away from "
                       f"{act.no_deal_utility:.2f} to {act.reservation:.2f}.")
    if a.observations:
        matched = sum(o.match for o in a.observations)
        text = f"The model reproduces {matched} of {len(a.observations)} recorded responses"
        misses = [f"{o.actor} {o.response}ed '{_label(a, o.proposal)}'"
                  for o in a.observations if not o.match]
        out.append(text + (f"; it misses: {'; '.join(misses)}." if misses else "."))
    return out


def key_numbers(analysis: Analysis) -> list[tuple[str, str]]:
    """The numbers a decision maker asks for, as (what, value) rows."""
    a = analysis
    acc = a.acceptable
    rows = [("Possible outcomes", f"{acc.space_size:,}"),
            ("Acceptable to every party", f"{acc.size:,}"),
            ("Proposals acceptable to all",
             f"{sum(v.accepted_by_all for v in a.verdicts)} of {len(a.verdicts)}")]
    nash = a.solution("nash").utilities if "nash" in a.solutions else None
    for act in a.actors:
        shift = "" if act.reservation_given or abs(act.lever_shift) < ROUND_TOL else \
            f" (no deal {act.no_deal_utility:.2f}, levers {act.lever_shift:+.2f})"
        value = f"walk-away {act.reservation:.2f}{shift}"
        if nash:
            value += f"; Nash deal {nash[act.name]:.2f}"
        rows.append((f"{act.name}: red lines {sum(d.hard for d in act.demands)}", value))
    return rows


def render_figures(analysis: Analysis, dpi: int = 130) -> dict[str, bytes]:
    """Every applicable figure as PNG bytes, by name."""
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt  # pyplot picks its backend when imported: after matplotlib.use("Agg")

    figures = briefing_figures(analysis)
    try:
        return {name: render(fig, "png", dpi) for name, fig in figures.items()}
    finally:
        for fig in figures.values():
            plt.close(fig)


def _verdict_rows(analysis: Analysis) -> tuple[list[str], list[list[str]]]:
    head = ["Proposal"] + [a.name for a in analysis.actors] + ["All?"]
    rows = []
    for v in analysis.verdicts:
        cells = [v.label or v.proposal]
        for r in v.responses:
            mark = "✓" if r.accepts else "✗"
            cells.append(f"{mark} {r.margin:+.2f}" + (" (red line)" if r.vetoed else ""))
        cells.append("yes" if v.accepted_by_all else "no")
        rows.append(cells)
    return head, rows


def _footer(analysis: Analysis) -> str:
    return footer_text(analysis)


_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1100px;
       margin: 1.5em auto; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; } h2 { font-size: 1.25em; border-bottom: 2px solid #ccc;
     padding-bottom: 0.15em; margin-top: 1.4em; }
.meta { color: #666; margin-top: 0; } .summary { font-style: italic; color: #444; }
ul.findings li { margin: 0.3em 0; font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ddd;
        padding: 0.25em 0.6em; text-align: left; } th { background: #f3f3f3; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.95em; }
footer { color: #777; font-size: 0.85em; margin-top: 2em; border-top: 1px solid #ddd; }
@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; } }
"""


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    out = ["<table>", "<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows]
    return "\n".join(out + ["</table>"])


def brief_html(analysis: Analysis, figures: dict[str, bytes] | None = None) -> str:
    """The brief as one self-contained HTML page (figures as base64 PNG ``<img>``).

    ``figures`` maps names to PNG bytes (default: :func:`render_figures`).
    """
    e = html.escape
    a = analysis
    figures = render_figures(a) if figures is None else figures
    title = {k: t for k, t in SECTIONS}
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(a.scenario)}: brief</title>", f"<style>{_CSS}</style>", "</head>",
             "<body>", f"<h1>{e(a.scenario)}</h1>",
             f'<p class="meta">{e(a.date or "undated")} · negsim {e(a.version)} · seed {a.seed}</p>']
    if a.summary:
        parts.append(f'<p class="summary">{e(a.summary.strip())}</p>')
    parts += [f'<section id="bottom-line"><h2>{title["bottom-line"]}</h2><ul class="findings">']
    parts += [f"<li>{e(s)}</li>" for s in key_findings(a)]
    parts += ["</ul></section>", f'<section id="key-numbers"><h2>{title["key-numbers"]}</h2>',
              _html_table(["What", "Value"], [list(r) for r in key_numbers(a)]), "</section>"]
    parts.append(f'<section id="proposals"><h2>{title["proposals"]}</h2>')
    if a.verdicts:
        parts.append(_html_table(*_verdict_rows(a)))
    else:
        parts.append("<p>No proposal in the scenario.</p>")
    parts.append("</section>")
    games = games_findings(a)
    if games:
        parts += [f'<section id="games"><h2>{GAMES_SECTION[1]}</h2><ul>']
        parts += [f"<li>{e(x)}</li>" for x in games] + ["</ul>"]
        parts.append("</section>")
    parts += [f'<section id="figures"><h2>{title["figures"]}</h2>']
    for name, png in figures.items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<figure id="fig-{e(name)}"><img alt="{e(name)}" '
                     f'src="data:image/png;base64,{data}"><figcaption>'
                     f'{e(_caption(name))}</figcaption></figure>')
    parts.append("</section>")
    parts.append(f'<section id="record"><h2>{title["record"]}</h2>')
    if a.observations:
        rows = [[o.date, o.actor, f"{o.response}s '{_label(a, o.proposal)}'", o.predicted,
                 "match" if o.match else "MISS", o.source] for o in a.observations]
        parts.append(_html_table(["date", "party", "recorded", "model", "", "source"], rows))
    else:
        parts.append("<p>No recorded responses in the scenario.</p>")
    parts += ["</section>", f"<footer>{e(_footer(a))}</footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_PUNCT = "\\`*_[]#!|~"


def md_text(text: str) -> str:
    """``text`` as Markdown that shows it as typed: no raw HTML (``<``, ``>``, ``&`` become
    entities, so a ``<script>`` in a label never reaches the page), no emphasis, links or table
    breaks (Markdown punctuation backslash-escaped), one line.

    Examples
    --------
    >>> md_text("<script>x</script> *a* | b")
    '&lt;script&gt;x&lt;/script&gt; \\\\*a\\\\* \\\\| b'
    """
    out = []
    for ch in " ".join(text.splitlines()):
        out.append(_MD_ESCAPES.get(ch) or ("\\" + ch if ch in _MD_PUNCT else ch))
    return "".join(out)


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def cell(c: str) -> str:
        return md_text(str(c)).replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def brief_markdown(analysis: Analysis, figures: dict[str, bytes] | None = None) -> str:
    """The brief as Markdown, figures embedded as ``data:image/png;base64`` images."""
    a = analysis
    figures = render_figures(a) if figures is None else figures
    title = {k: t for k, t in SECTIONS}
    out = [f"# {md_text(a.scenario)}", "", f"*{a.date or 'undated'} · negsim {a.version} · seed {a.seed}*",
           ""]
    if a.summary:
        out += [f"> {md_text(' '.join(a.summary.split()))}", ""]
    out += [f"## {title['bottom-line']}", ""] + [f"- {md_text(s)}" for s in key_findings(a)] + [""]
    out += [f"## {title['key-numbers']}", "",
            _md_table(["What", "Value"], [list(r) for r in key_numbers(a)]), ""]
    out += [f"## {title['proposals']}", ""]
    out += [_md_table(*_verdict_rows(a)) if a.verdicts else "No proposal in the scenario.", ""]
    games = games_findings(a)
    if games:
        out += [f"## {GAMES_SECTION[1]}", ""] + [f"- {md_text(x)}" for x in games] + [""]
    out += [f"## {title['figures']}", ""]
    for name, png in figures.items():
        data = base64.b64encode(png).decode("ascii")
        out += [f"![{name}](data:image/png;base64,{data})", "", f"*{_caption(name)}*",
                ""]
    out += [f"## {title['record']}", ""]
    if a.observations:
        rows = [[o.date, o.actor, f"{o.response}s '{_label(a, o.proposal)}'", o.predicted,
                 "match" if o.match else "MISS", o.source] for o in a.observations]
        out += [_md_table(["date", "party", "recorded", "model", "", "source"], rows), ""]
    else:
        out += ["No recorded responses in the scenario.", ""]
    out += ["---", "", f"*{md_text(_footer(a))}*"]
    return "\n".join(out) + "\n"


def check_brief_path(path: str | Path) -> Path:
    """The path if its suffix names a brief format (.html, .htm, .md); NegsimError otherwise."""
    path = Path(path)
    if path.suffix.lower() not in BRIEF_SUFFIXES:
        raise NegsimError(f"cannot write a brief to {str(path)!r}: the file name must end in "
                          f"{', '.join(BRIEF_SUFFIXES)} (found {path.suffix or 'no suffix'!r})")
    return path


def write_brief(analysis: Analysis, path: str | Path) -> Path:
    """Write the brief as HTML (``.html``/``.htm``) or Markdown (``.md``), atomically.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> write_brief(negsim.analyze(s), "brief.pdf")
    Traceback (most recent call last):
    ...
    negsim.errors.NegsimError: cannot write a brief to 'brief.pdf': the file name must end in .html, .htm, .md (found '.pdf')
    """
    path = check_brief_path(path)
    text = brief_markdown(analysis) if path.suffix.lower() == ".md" else brief_html(analysis)
    return write_text_atomic(path, text)

