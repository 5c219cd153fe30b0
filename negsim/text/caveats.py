"""The brief's caveats, generated from the analysis: the judgement numbers the answer hinges on,
the records that are unconfirmed or circular, and what the model leaves out.

Examples
--------
>>> import negsim
>>> cs = caveats(negsim.analyze(negsim.examples.two_party_scenario()))
>>> any(c.startswith("Left out:") for c in cs)
True
"""

from __future__ import annotations

import re

from negsim.plot.style import parameter_label, target_label, words
from negsim.results.analysis import Analysis, ObservationCheck
from negsim.results.robustness import Robustness
from negsim.text.brief_robust import robust_caveats
from negsim.tolerances import ROUND_TOL

__all__ = ["caveats", "judgement_caveats", "record_caveats", "omission_caveats", "unconfirmed"]

_ANONYMOUS = re.compile(r"anonymous|unnamed|people familiar|sources said|not confirmed|"
                        r"unconfirmed|reportedly", re.IGNORECASE)
_CIRCULAR = re.compile(r"circular|only through|matched only|judgement", re.IGNORECASE)


def unconfirmed(o: ObservationCheck) -> bool:
    """A record the scenario does not hold the model to (``must_match = false``) or whose note
    says it comes from anonymous or unconfirmed reporting: not a recorded fact."""
    return not o.must_match or bool(_ANONYMOUS.search(o.note or ""))


def judgement_caveats(analysis: Analysis, robust: Robustness | None = None,
                      judged: tuple[str, ...] = ()) -> list[str]:
    """The judged parameters the verdicts turn on: from ``robust`` (a :func:`negsim.robustness`
    result: its spread and hinges; ``judged`` the scenario's judged paths) when given, then
    from the sensitivity and tipping results."""
    out = robust_caveats(analysis, robust, judged) if robust is not None else []
    for s in analysis.sensitivity:
        flips = [b for b in s.bars if b.flips]
        for b in flips:
            out.append(f"Judgement: {parameter_label(b.parameter, analysis)} is judged, not "
                       f"measured ({b.distribution}); between {b.low:.2g} and {b.high:.2g} it flips the "
                       f"verdict ({target_label(s.target)}).")
        if not flips and s.bars and s.bars[0].swing > ROUND_TOL:
            b = s.bars[0]
            out.append(f"Judgement: {parameter_label(b.parameter, analysis)} moves "
                       f"{target_label(s.target)} most (by {b.swing:.2g}) but does not flip it.")
    for t in analysis.tipping_points:
        if t.found and t.value is not None:
            name = parameter_label(t.parameter, analysis)
            out.append(f"Judgement: the verdict flips when {name} passes "
                       f"{t.value:.2g} ({t.label or target_label(t.target)}).")
    if not out:
        out.append("Judgement: every demand weight, walk-away and lever effect is a judgement "
                   "read from public statements; the scenario names no uncertain range, so "
                   "no test says which of them the answer hinges on.")
    return out


def record_caveats(analysis: Analysis, cite=str) -> list[str]:
    """Records that are unconfirmed (anonymous, ``must_match = false``) or matched only through
    a judgement made to fit them; ``cite`` turns a source into words."""
    out = []
    for o in analysis.observations:
        name = words(o.proposal)
        try:
            v = analysis.verdict(o.proposal)
            name = v.label or v.proposal
        except KeyError:
            pass
        what = f"{o.actor} {o.response}s “{name}”"
        src = f" ({cite(o.source)})" if o.source else ""
        if unconfirmed(o):
            out.append(f"Unconfirmed: {what} is reported, not recorded{src}; the model is not "
                       "held to it.")
        elif o.note and _CIRCULAR.search(o.note):
            out.append(f"Circular: {what} is matched only through a judgement made with this "
                       f"record in view{src}.")
    return out


def omission_caveats(analysis: Analysis) -> list[str]:
    """What the model leaves out, from what the scenario does and does not declare."""
    a = analysis
    issues = ", ".join(words(i.id) for i in a.issues)
    out = [f"Left out: everything but the {len(a.issues)} issues modelled ({issues}) and the "
           f"{len(a.actors)} parties ({', '.join(x.name for x in a.actors)})."]
    if not a.games and not a.truces:
        out.append("Left out: timing and sequence — each party answers each proposal once, "
                   "against its walk-away; no game or truce is declared.")
    else:
        out.append("Left out: domestic politics, the battlefield and any move not in the "
                   "declared games.")
    if not a.levers:
        out.append("Left out: pressure from outside the table — the scenario declares no lever.")
    return out


def caveats(analysis: Analysis, cite=str, robust: Robustness | None = None,
            judged: tuple[str, ...] = ()) -> list[str]:
    """Every caveat: judgements first, then the record, then what is left out."""
    return judgement_caveats(analysis, robust, judged) + record_caveats(analysis, cite) + \
        omission_caveats(analysis)
