"""The brief a minister's office reads: page one is the answer, then figures, details, sources.

``write_brief(analysis, "brief.html")`` writes a self-contained HTML page (figures embedded as
base64 PNG) whose print CSS puts page one (bottom line, key numbers, caveats) on at most two A4
pages; ``.md`` writes the same as Markdown; ``.pdf`` prints the HTML with headless Chromium.
Like the figures, the brief only reads results: probabilities come from an ensemble passed as
``odds`` (the CLI runs it over the scenario's uncertain parameters).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import matplotlib

from negsim.errors import NegsimError
from negsim.loading.sources import SourceIndex
from negsim.outputs import write_text_atomic
from negsim.plot.save import briefing_figures, render
from negsim.plot.style import footer_text
from negsim.results.analysis import Analysis
from negsim.results.robustness import Robustness
from negsim.results.uncertainty import EnsembleResult
from negsim.text.bottom_line import bottom_line, key_numbers
from negsim.text.brief_compare import ComparisonPart
from negsim.text.brief_parts import BriefContent, brief_content, caption
from negsim.text.brief_style import BRIEF_CSS
from negsim.text.pdf import html_to_pdf

__all__ = ["bottom_line", "key_numbers", "brief_html", "brief_markdown", "write_brief",
           "render_figures", "check_brief_path", "md_text", "SECTIONS", "GAMES_SECTION", "CHANGES_SECTION", "BRIEF_SUFFIXES"]

BRIEF_SUFFIXES = (".html", ".htm", ".md", ".pdf")
GAMES_SECTION = ("games", "Games and truce stability")
CHANGES_SECTION = ("what-changes", "What changes")
"""First on page one of a comparison brief, before the bottom line of the 'after' side."""
"""In the details, after the verdict table, when the analysis has declared games or truces."""
SECTIONS = (("bottom-line", "Bottom line"), ("key-numbers", "Key numbers"),
            ("caveats", "Caveats"), ("figures", "Figures"), ("demands", "Who wants what"),
            ("proposals", "Proposals on the table"),
            ("record", "What the parties actually did"), ("sources", "Sources"))
_T = dict(SECTIONS)
_KEY_HEAD = ["What", "Value", "Probability"]
_DEMAND_HEAD = ["Party", "Demand", "Kind", "Weight", "In its words", "Source"]
_RECORD_HEAD = ["Date", "Party", "Recorded", "Model", "Source"]


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


def _content(analysis, figures, odds, sources, comparison=None, robust=None,
             judged=()) -> BriefContent:
    figures = render_figures(analysis) if figures is None else figures
    return brief_content(analysis, figures, odds=odds, sources=sources,
                         footer=footer_text(analysis), comparison=comparison, robust=robust,
                         judged=judged)


def _html_table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    e = html.escape
    out = [f'<table class="{cls}">' if cls else "<table>",
           "<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows]
    return "\n".join(out + ["</table>"])


def _html_list(items: list[str], cls: str = "") -> str:
    e = html.escape
    return (f'<ul class="{cls}">' if cls else "<ul>") + \
        "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>"


def brief_html(analysis: Analysis, figures: dict[str, bytes] | None = None, *,
               odds: EnsembleResult | None = None, sources: SourceIndex | None = None,
               comparison: ComparisonPart | None = None, robust: Robustness | None = None,
               judged: tuple[str, ...] = ()) -> str:
    """The brief as one self-contained HTML page (figures as base64 PNG ``<img>``).

    ``figures`` maps names to PNG bytes (default: :func:`render_figures`); ``odds`` is an
    ensemble over the scenario's uncertain parameters; ``sources`` the sources index (default:
    the one found next to the scenario); ``comparison`` (from
    :func:`negsim.text.brief_compare.comparison_part`) makes it a comparison brief that leads
    with what changes; ``robust`` (:func:`negsim.robustness`) gives "how sure" and each key
    number's probability in place of ``odds``, ``judged`` (``Scenario.judged``) names the
    judgements in the caveats.
    """
    e = html.escape
    c = _content(analysis, figures, odds, sources, comparison, robust, judged)
    sec = lambda key, body: f'<section id="{key}"><h2>{_T[key]}</h2>{body}</section>'  # noqa: E731
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(c.title)}: brief</title>", f"<style>{BRIEF_CSS}</style>", "</head>",
             "<body>", '<div class="page-one">', f"<h1>{e(c.title)}</h1>",
             f'<p class="meta">{e(c.meta)}</p>']
    if c.changes:
        parts.append(f'<section id="{CHANGES_SECTION[0]}"><h2>{CHANGES_SECTION[1]}</h2>'
                     + "".join(f'<p class="bl">{e(s)}</p>' for s in c.changes) + "</section>")
    parts.append(sec("bottom-line", "".join(f'<p class="bl">{e(s)}</p>' for s in c.bottom_line)))
    parts.append(sec("key-numbers", _html_table(_KEY_HEAD, [list(r) for r in c.key_numbers],
                                                "numbers")))
    parts.append(sec("caveats", _html_list(c.caveats, "caveats")))
    parts.append("</div>")
    figs = []
    for name, png in c.figures.items():
        data = base64.b64encode(png).decode("ascii")
        figs.append(f'<figure id="fig-{e(name)}"><img alt="{e(caption(name))}" '
                    f'src="data:image/png;base64,{data}"><figcaption>{e(caption(name))}'
                    "</figcaption></figure>")
    parts.append(sec("figures", "".join(figs) or "<p>No figure applies.</p>"))
    parts.append('<div class="details">')
    if c.summary:
        parts.append(f'<p class="summary">{e(c.summary)}</p>')
    parts.append(sec("demands", _html_table(_DEMAND_HEAD, c.demands, "demands")))
    body = _html_table(c.verdict_head, c.verdicts) if c.verdicts else \
        "<p>No proposal in the scenario.</p>"
    parts.append(sec("proposals", body))
    if c.games:
        parts.append(f'<section id="{GAMES_SECTION[0]}"><h2>{GAMES_SECTION[1]}</h2>'
                     f"{_html_list(c.games)}</section>")
    body = (_html_table(_RECORD_HEAD, c.facts) if c.facts else
            "<p>No confirmed recorded response in the scenario.</p>")
    if c.reported:
        body += ("<h3>Reported, not confirmed (the model is not held to these)</h3>"
                 + _html_table(_RECORD_HEAD, c.reported))
    parts.append(sec("record", body))
    parts.append(sec("sources", _html_list(c.sources) if c.sources else
                     "<p>The scenario cites no source.</p>"))
    parts += ["</div>", f"<footer>{e(c.footer)}</footer>", "</body>", "</html>"]
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
    for ch in " ".join(str(text).splitlines()):
        out.append(_MD_ESCAPES.get(ch) or ("\\" + ch if ch in _MD_PUNCT else ch))
    return "".join(out)


def _md_cell(c: str) -> str:
    return md_text(str(c))


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def brief_markdown(analysis: Analysis, figures: dict[str, bytes] | None = None, *,
                   odds: EnsembleResult | None = None, sources: SourceIndex | None = None,
                   comparison: ComparisonPart | None = None, robust: Robustness | None = None,
                   judged: tuple[str, ...] = ()) -> str:
    """The brief as Markdown, figures embedded as ``data:image/png;base64`` images (arguments
    as for :func:`brief_html`)."""
    c = _content(analysis, figures, odds, sources, comparison, robust, judged)
    out = [f"# {md_text(c.title)}", "", f"*{md_text(c.meta)}*", ""]
    if c.changes:
        out += [f"## {CHANGES_SECTION[1]}", ""] + [md_text(" ".join(c.changes)), ""]
    out += [f"## {_T['bottom-line']}", ""] + [md_text(" ".join(c.bottom_line)), ""]
    out += [f"## {_T['key-numbers']}", "", _md_table(_KEY_HEAD, [list(r) for r in c.key_numbers]),
            ""]
    out += [f"## {_T['caveats']}", ""] + [f"- {md_text(x)}" for x in c.caveats] + [""]
    out += [f"## {_T['figures']}", ""]
    for name, png in c.figures.items():
        data = base64.b64encode(png).decode("ascii")
        out += [f"![{caption(name)}](data:image/png;base64,{data})", "", f"*{caption(name)}*", ""]
    if c.summary:
        out += [f"> {md_text(c.summary)}", ""]
    out += [f"## {_T['demands']}", "", _md_table(_DEMAND_HEAD, c.demands), ""]
    out += [f"## {_T['proposals']}", ""]
    out += [_md_table(c.verdict_head, c.verdicts) if c.verdicts else
            "No proposal in the scenario.", ""]
    if c.games:
        out += [f"## {GAMES_SECTION[1]}", ""] + [f"- {md_text(x)}" for x in c.games] + [""]
    out += [f"## {_T['record']}", ""]
    out += [_md_table(_RECORD_HEAD, c.facts) if c.facts else
            "No confirmed recorded response in the scenario.", ""]
    if c.reported:
        out += ["### Reported, not confirmed (the model is not held to these)", "",
                _md_table(_RECORD_HEAD, c.reported), ""]
    out += [f"## {_T['sources']}", ""]
    out += ([f"- {md_text(s)}" for s in c.sources] if c.sources else ["The scenario cites no source."])
    out += ["", "---", "", f"*{md_text(c.footer)}*"]
    return "\n".join(out) + "\n"


def check_brief_path(path: str | Path) -> Path:
    """The path if its suffix names a brief format (.html, .htm, .md, .pdf); NegsimError otherwise."""
    path = Path(path)
    if path.suffix.lower() not in BRIEF_SUFFIXES:
        raise NegsimError(f"cannot write a brief to {str(path)!r}: the file name must end in "
                          f"{', '.join(BRIEF_SUFFIXES)} (found {path.suffix or 'no suffix'!r})")
    return path


def write_brief(analysis: Analysis, path: str | Path, *, odds: EnsembleResult | None = None,
                sources: SourceIndex | None = None,
                comparison: ComparisonPart | None = None, robust: Robustness | None = None,
                judged: tuple[str, ...] = ()) -> Path:
    """Write the brief as HTML (``.html``/``.htm``), Markdown (``.md``) or PDF (``.pdf``,
    through headless Chromium), atomically; ``comparison`` makes it a comparison brief,
    ``robust`` and ``judged`` as for :func:`brief_html`.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> write_brief(negsim.analyze(s), "brief.docx")
    Traceback (most recent call last):
    ...
    negsim.errors.NegsimError: cannot write a brief to 'brief.docx': the file name must end in .html, .htm, .md, .pdf (found '.docx')
    """
    path = check_brief_path(path)
    suffix = path.suffix.lower()
    if suffix == ".md":
        return write_text_atomic(path, brief_markdown(analysis, odds=odds, sources=sources,
                                                         comparison=comparison, robust=robust,
                                                         judged=judged))
    page = brief_html(analysis, odds=odds, sources=sources, comparison=comparison, robust=robust,
                      judged=judged)
    if suffix == ".pdf":
        return html_to_pdf(page, path)
    return write_text_atomic(path, page)
