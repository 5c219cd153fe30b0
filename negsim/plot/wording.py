"""Options and identifiers in words: the one home of how a figure or a text names an option.

:func:`option_text` shows one option (the issue's ``labels`` first), :func:`labelled_options`
rewrites every ``issue = option`` a description, condition or blocker names; both are
re-exported by :mod:`negsim.plot.style`.
"""

from __future__ import annotations

import re

from negsim.results.analysis import Analysis

__all__ = ["words", "option_text", "labelled_options", "issue_summary"]


def words(identifier: str) -> str:
    """An identifier as words; an underscore between digits is a range (an en dash).

    Examples
    --------
    >>> words("secondary_tariffs"), words("10_15y"), words("72_hours")
    ('secondary tariffs', '10–15y', '72 hours')
    """
    return re.sub(r"(?<=\d)_(?=\d)", "–", str(identifier)).replace("_", " ")


def option_text(value, issue=None) -> str:
    """An option for people: the issue's label for it when given (``issue`` an IssueSummary),
    else numbers to four significant figures and identifiers as words.

    Examples
    --------
    >>> option_text(3533.333333333333), option_text(30), option_text("halt_energy")
    ('3533', '30', 'halt energy')
    """
    given = issue.option_label(value) if issue is not None else ""
    if given:
        return given
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"{value:.4g}"
    return words(value)


_CHOICE = re.compile(r"\b(?P<issue>[A-Za-z_]\w*) (?P<op>=|not) "
                     r"(?P<opts>[\w.\-]+(?: or [\w.\-]+)*)")
"""``issue = a or b`` / ``issue not a``: how demands, conditions and blockers name options."""


def labelled_options(text: str, analysis: Analysis | None) -> str:
    """``text`` with every option it names (``issue = option``, ``issue not option``, as
    descriptions, conditions and blockers write them) shown through :func:`option_text`, so an
    issue's ``labels`` reach every figure and table; options of issues without labels, and
    words that are not options, are left as they are.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> given = {"truce": "Truce of 30 days"}
    >>> war = NS(id="war", options=["fight", "truce"], option_label=lambda o: given.get(str(o), ""))
    >>> labelled_options("war = fight or truce if war not truce", NS(issues=[war]))
    'war = fight or Truce of 30 days if war not Truce of 30 days'
    """
    if analysis is None:
        return text
    issues = {i.id: i for i in analysis.issues}

    def sub(m: re.Match) -> str:
        issue = issues.get(m["issue"])
        if issue is None:
            return m[0]
        by_text = {str(o): o for o in issue.options}
        shown = [option_text(by_text[o], issue) if o in by_text and issue.option_label(by_text[o])
                 else o for o in m["opts"].split(" or ")]
        return f"{m['issue']} {m['op']} {' or '.join(shown)}"

    return _CHOICE.sub(sub, text)


def issue_summary(analysis: Analysis | None, issue_id: str):
    """The :class:`IssueSummary` of ``issue_id`` (``None`` when unknown or no analysis)."""
    if analysis is None:
        return None
    return next((i for i in analysis.issues if i.id == issue_id), None)
