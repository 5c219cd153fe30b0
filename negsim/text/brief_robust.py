"""How sure the brief is: its "how sure" sentence, key-number probabilities and caveats from
:func:`negsim.robustness` (each draw redoes the whole analysis).

A claim's probability is the share of draws in which the analysis says the same as the point
analysis (the verdict on a proposal, some deal being acceptable, a truce holding).  A scenario
that declares no uncertainty gets the robustness's default spread on every ``# judgement``
number; the caveats say so.

Examples
--------
>>> import negsim
>>> s = negsim.examples.toy_scenario(proposal=True).with_changes(
...     judged=("actors.A.demands[0].weight",))
>>> r = negsim.robustness(s, draws=20, seed=1)
>>> key_probability(r, "acceptable")
'100% of 20 draws'
"""

from __future__ import annotations

from negsim.plot.style import parameter_label
from negsim.results.analysis import Analysis
from negsim.results.robustness import Claim, Robustness

__all__ = ["how_sure", "key_probability", "robust_caveats", "headline_claims", "claim_words",
           "SURE", "JUDGED_NAMED"]

SURE = 0.9
"""A claim that holds in at least this share of draws is called firm in the bottom line."""

JUDGED_NAMED = 3
"""How many judged numbers the caveats name when the answer hinges on none of them."""


def headline_claims(robust: Robustness) -> list[Claim]:
    """The claims the bottom line makes: each proposal passing or failing, some deal being
    acceptable, each truce."""
    return [c for c in robust.claims if c.kind in ("passes", "acceptable", "truce")]


def key_probability(robust: Robustness, key: str) -> str:
    """The probability column of one key number: the share of draws in which its claim holds."""
    try:
        c = robust.claim(key)
    except KeyError:
        return "not computed"
    return f"{c.holds:.0%} of {robust.draws:,} draws"


def claim_words(c: Claim, analysis: Analysis) -> str:
    """A headline claim in the brief's words (proposal labels, no doubled "truce")."""
    kind, _, rest = c.key.partition(":")
    label = rest
    if kind in ("passes", "truce"):
        try:
            v = analysis.verdict(rest)
            label = v.label or v.proposal
        except KeyError:
            pass
    if kind == "passes":
        v_ok = next((v.accepted_by_all for v in analysis.verdicts if v.proposal == rest), None)
        return f"“{label}” is accepted by every party" if v_ok else f"“{label}” is blocked"
    if kind == "truce":
        t = next((t for t in analysis.truces if t.proposal == rest), None)
        return f"the truce on “{label}” " + ("holds" if t is not None and t.holds else
                                             "breaks down")
    if kind == "acceptable":
        return "some deal is acceptable to every party" if not analysis.acceptable.empty else \
            "no deal is acceptable to every party"
    return c.text


def _hinge_words(c: Claim, analysis: Analysis) -> str:
    h = c.hinges[0]
    name = parameter_label(h.parameter, analysis)
    if h.when_high:
        return (f"{name} ({h.high:.0%} of draws under “{h.when_high}”, {h.low:.0%} under the "
                "others)")
    return f"{name} ({h.low:.0%} of draws with it low, {h.high:.0%} with it high)"


def _source(robust: Robustness) -> str:
    if robust.default_spread is not None:
        return (f"{robust.draws:,} draws putting ±{robust.default_spread:.0%} on each of the "
                f"{len(robust.parameters)} judged numbers (the scenario declares no uncertainty)")
    n = len(robust.parameters)
    return f"{robust.draws:,} draws of the scenario's {n} uncertain input{'s' if n != 1 else ''}"


def how_sure(analysis: Analysis, robust: Robustness, record: str) -> str:
    """The bottom line's last sentence: how often the headline claims hold, the least sure one
    and what it hinges on; ``record`` is the clause on the recorded responses."""
    claims = headline_claims(robust)
    if not claims:
        return f"How sure: {record}."
    weak = min(claims, key=lambda c: (c.holds, c.key))
    firm = sum(c.holds >= SURE for c in claims)
    text = (f"How sure: over {_source(robust)}, {firm} of the {len(claims)} headline findings "
            f"hold in at least {SURE:.0%} of draws")
    if weak.holds < SURE:
        text += f"; the least sure, that {claim_words(weak, analysis)}, is true in {weak.holds:.0%}"
        if weak.hinges:
            text += f" and hinges on {parameter_label(weak.hinges[0].parameter, analysis)}"
    return text + f"; {record}."


def robust_caveats(analysis: Analysis, robust: Robustness,
                   judged: tuple[str, ...] = ()) -> list[str]:
    """Judgement caveats from the robustness: the default spread when the scenario declares no
    uncertainty, and the judged numbers the headline findings hinge on (from ``judged``, the
    scenario's ``# judgement`` paths, when no finding hinges on one)."""
    out = []
    if robust.default_spread is not None:
        out.append(f"Judgement: the scenario declares no uncertainty, so the probabilities put a "
                   f"stated default spread of ±{robust.default_spread:.0%} on each of its "
                   f"{len(robust.parameters)} # judgement numbers; they measure how much the "
                   "answer leans on those judgements, not a forecast.")
    else:
        out.append(f"Judgement: the probabilities come from {_source(robust)}; each draw "
                   "redoes the whole analysis.")
    hinged = [c for c in headline_claims(robust) if c.hinges and c.holds < 1.0]
    hinged.sort(key=lambda c: (c.holds, c.key))
    for c in hinged[:3]:
        w = claim_words(c, analysis)
        out.append(f"Judgement: that {w} is true in {c.holds:.0%} of draws and hinges on "
                   f"{_hinge_words(c, analysis)}.")
    if not hinged and judged:
        names = ", ".join(parameter_label(p, analysis) for p in judged[:JUDGED_NAMED])
        more = f" and {len(judged) - JUDGED_NAMED} more" if len(judged) > JUDGED_NAMED else ""
        many = len(judged) != 1
        out.append(f"Judgement: {len(judged)} number{'s are' if many else ' is'} marked as "
                   f"judgement{'s' if many else ''} ({names}{more}); "
                   "no headline finding hinges on any one of them within the spread drawn.")
    return out
