"""The brief's first page in words: the bottom line (3–5 sentences) and the key numbers.

Reads an :class:`~negsim.results.analysis.Analysis` and, when the scenario has uncertain
parameters, an :class:`~negsim.results.uncertainty.EnsembleResult` (``odds``) for the
probabilities.  Nothing is recomputed here.
"""

from __future__ import annotations

import re

from negsim.plot.style import labelled_options, option_text, parameter_label, words
from negsim.results.analysis import ActorVerdict, Analysis
from negsim.results.robustness import Robustness
from negsim.results.uncertainty import EnsembleResult
from negsim.text.brief_robust import how_sure, key_probability

__all__ = ["bottom_line", "key_numbers", "plain_description", "outcome_words", "deciding_levers",
           "NO_ODDS"]

NO_ODDS = "point value (no uncertain parameter)"
"""The probability column when the scenario declares no uncertain parameter."""


def plain_description(text: str) -> str:
    """A demand's description without a trailing "(red line)" (the brief says that itself).

    Examples
    --------
    >>> plain_description("No neutrality (red line)")
    'No neutrality'
    """
    return re.sub(r"\s*\(red line\)\s*$", "", text, flags=re.IGNORECASE).strip()


def outcome_words(analysis: Analysis, outcome: dict) -> str:
    """The issues an outcome changes from the status quo, as short ``issue: option`` words.

    Examples
    --------
    >>> import negsim
    >>> a = negsim.analyze(negsim.examples.two_party_scenario())
    >>> outcome_words(a, {i.id: i.status_quo for i in a.issues})
    'the status quo on every issue'
    """
    issues = {i.id: i for i in analysis.issues}
    out = []
    for k, v in outcome.items():
        issue = issues.get(k)
        if issue is not None and str(v) == str(issue.status_quo):
            continue
        out.append(f"{words(k)}: {option_text(v, issue)}")
    return "; ".join(out) if out else "the status quo on every issue"


def _name(analysis: Analysis, proposal: str) -> str:
    v = analysis.verdict(proposal)
    return v.label or v.proposal


def _why(r: ActorVerdict, analysis: Analysis | None = None) -> str:
    red = [plain_description(labelled_options(b.description, analysis))
           for b in r.blockers if b.red_line]
    if red:
        return f"red line: {red[0]}"
    worst = max(r.blockers, key=lambda b: b.shortfall, default=None)
    text = "worse than no deal for it"
    if worst is not None:
        text += f", chiefly “{plain_description(labelled_options(worst.description, analysis))}”"
    return text


def _blocks(analysis: Analysis) -> str | None:
    by_actor: dict[str, list[str]] = {}
    for v in analysis.verdicts:
        for r in v.responses:
            if not r.accepts:
                by_actor.setdefault(r.actor, []).append(f"“{_name(analysis, v.proposal)}” "
                                                        f"({_why(r, analysis)})")
    if not by_actor:
        return None
    parts = [f"{actor} blocks " + " and ".join(items) for actor, items in by_actor.items()]
    return "; ".join(parts) + "."


def deciding_levers(analysis: Analysis) -> list[tuple[str, str, bool]]:
    """(lever label, proposal, accepts with the levers) for every verdict the levers decide:
    without the lever's shift of the walk-away, the party's answer would be the other one."""
    out = []
    for v in analysis.verdicts:
        for r in v.responses:
            act = analysis.actor(r.actor)
            if act.reservation_given or r.vetoed:
                continue
            without = r.margin + act.lever_shift
            if (r.margin >= 0) != (without >= 0):
                names = [lv.label or lv.id for lv in analysis.levers
                         if lv.expected_effects.get(act.name, 0.0)]
                out.append((" and ".join(names) or "the levers", f"{r.actor}:{v.proposal}",
                            r.accepts))
    return out


def _changes(analysis: Analysis) -> str | None:
    a = analysis
    tips = [t for t in a.tipping_points if t.found and t.value is not None]
    if tips:
        t = tips[0]
        what = t.label or f"{parameter_label(t.parameter)} at which the verdict flips"
        return (f"What would change it: the {what} is {t.value:.2g}, a judgement, not a "
                f"measured figure.")
    levers = deciding_levers(a)
    if levers:
        lever, key, accepts = levers[0]
        actor, proposal = key.split(":", 1)
        turn = "accept" if accepts else "reject"
        return (f"What would change it: {lever} decide it — with them {actor} would {turn} "
                f"“{_name(a, proposal)}”, without them it would not.")
    near = [(r.margin, v, r) for v in a.verdicts for r in v.responses
            if not r.accepts and not r.vetoed]
    if near:
        m, v, r = max(near, key=lambda x: x[0])
        return (f"What would change it: {r.actor} is nearest to accepting “{_name(a, v.proposal)}”"
                f" ({-m:.2f} of its utility range short); a red line only moves if the party "
                "drops it.")
    return None


def _how_sure(analysis: Analysis, odds: EnsembleResult | None,
              robust: Robustness | None = None) -> str:
    a = analysis
    hard = [o for o in a.observations if o.must_match]
    record = (f"the model reproduces {sum(o.match for o in hard)} of {len(hard)} confirmed "
              "recorded responses") if hard else "there is no confirmed record to test it against"
    if robust is not None:
        return how_sure(a, robust, record)
    if odds is None or not odds.parameters:
        return (f"How sure: {record}; the scenario declares no uncertain parameter, so no "
                "probability is attached and every weight is a judgement.")
    best = max(odds.proposals, key=lambda p: p.all_accept, default=None)
    text = f"How sure: over {odds.draws:,} draws of the {len(odds.parameters)} judged parameters"
    if best is not None and best.all_accept_count == 0:
        text += ", no proposal is accepted by every party in any draw"
    elif best is not None:
        text += f", “{best.label or best.proposal}” is accepted by every party in " \
                f"{best.all_accept:.0%} of draws"
    if odds.acceptable_nonempty is not None:
        text += f" and some deal is acceptable to all in {odds.acceptable_nonempty:.0%}"
    return text + f"; {record}."


def bottom_line(analysis: Analysis, odds: EnsembleResult | None = None,
                robust: Robustness | None = None) -> list[str]:
    """Three to five plain sentences: what could be agreed, who blocks what and why, what would
    change it, how sure we are (from ``robust``, a :func:`negsim.robustness` result, when given;
    else from the ensemble ``odds``).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.two_party_scenario()
    >>> bottom_line(negsim.analyze(s))[:2]
    ["Nothing could be agreed: none of the 2 possible deals clears every party's red lines and walk-away.", 'B blocks “truce” (red line: war = fight).']
    """
    a = analysis
    agreed = [v for v in a.verdicts if v.accepted_by_all]
    acc = a.acceptable
    if agreed:
        first = (" and ".join(f"“{_name(a, v.proposal)}”" for v in agreed)
                 + (" is" if len(agreed) == 1 else " are") + " acceptable to every party: "
                 "that could be agreed.")
    elif not acc.empty:
        nash = a.solutions.get("nash")
        deal = outcome_words(a, nash.outcome) if nash is not None and nash.outcome else ""
        first = (f"No proposal on the table is acceptable to every party, but {acc.size:,} of "
                 f"the {acc.space_size:,} possible deals are"
                 + (f"; the Nash bargaining deal among them is {deal}." if deal else "."))
    else:
        first = (f"Nothing could be agreed: none of the {acc.space_size:,} possible deals clears "
                 "every party's red lines and walk-away.")
    out = [first]
    for s in (_blocks(a), _changes(a)):
        if s:
            out.append(s)
    out.append(_how_sure(a, odds, robust))
    return out[:5]


def key_numbers(analysis: Analysis, odds: EnsembleResult | None = None,
                robust: Robustness | None = None) -> list[tuple[str, str, str]]:
    """(what, value, probability) rows; the probability is the share of ``robust``'s draws in
    which the same holds (when given), else from the ensemble ``odds``."""
    a = analysis
    acc = a.acceptable
    if robust is not None:
        some = "some deal acceptable" if not acc.empty else "no deal acceptable"
        rows = [("Deals acceptable to every party", f"{acc.size:,} of {acc.space_size:,}",
                 f"{some} in {key_probability(robust, 'acceptable')}")]
        for v in a.verdicts:
            against = [r.actor for r in v.responses if not r.accepts]
            value = "accepted by all" if v.accepted_by_all else "blocked by " + ", ".join(against)
            word = "accepted by all" if v.accepted_by_all else "blocked"
            rows.append((f"“{v.label or v.proposal}”", value,
                         f"{word} in {key_probability(robust, 'passes:' + v.proposal)}"))
        for t in a.truces:
            word = "holds" if t.holds else "breaks down"
            rows.append((f"Truce on “{t.label or t.proposal}”", word,
                         f"{word} in {key_probability(robust, 'truce:' + t.proposal)}"))
        return rows
    have = odds is not None and bool(odds.parameters)

    def prob(p: float | None) -> str:
        if not have:
            return NO_ODDS
        return "not computed" if p is None else f"{p:.0%} of {odds.draws:,} draws"

    some = prob(odds.acceptable_nonempty) + " some deal acceptable" \
        if have and odds.acceptable_nonempty is not None else prob(None)
    rows = [("Deals acceptable to every party", f"{acc.size:,} of {acc.space_size:,}", some)]
    for v in a.verdicts:
        against = [r.actor for r in v.responses if not r.accepts]
        value = "accepted by all" if v.accepted_by_all else "blocked by " + ", ".join(against)
        p = None
        if have:
            try:
                p = odds.proposal(v.proposal).all_accept
            except KeyError:
                p = None
        rows.append((f"“{v.label or v.proposal}”", value,
                     (prob(p) + " accepted by all") if have and p is not None else prob(p)))
    return rows
