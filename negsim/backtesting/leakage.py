"""The leakage check: observations the model reproduces from the very report that records them.

An observation is *circular* when a demand that decides its prediction cites the same source as
the observation and

- the same quote: one quote contains the other, or they share a run of at least
  ``QUOTE_OVERLAP_WORDS`` words (compared case-folded, with typographic quotes, dashes and
  whitespace normalised); or
- the same date: the demand's date (the date of its source, from a sources index or a date
  written in the source string) and the observation's (its ``date``, else its source's) agree —
  one is a prefix of the other, so ``2025-08`` agrees with ``2025-08-05``.

The demands that decide a prediction: every red line the proposal crosses; otherwise, for a
predicted rejection, the main blocker (largest weighted shortfall), and for a predicted
acceptance, the main enabler (largest weighted gain over no deal).  Levers are not demands and
are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from negsim.engine.verdicts import proposal_verdicts
from negsim.loading.sources import load_source_index
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences
from negsim.results.backtest import CircularObservation

__all__ = ["QUOTE_OVERLAP_WORDS", "circular_observations", "deciding_demands", "source_dates",
           "quotes_overlap"]

QUOTE_OVERLAP_WORDS = 8
"""Two quotes of one source that share a run of this many words count as the same quote."""

_DATE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "‑": "-"})


def source_dates(folder: str | Path) -> dict[str, str]:
    """``{file or id: date}`` from a sources folder's ``index.toml``, read by the one reader of
    that file (:func:`negsim.loading.sources.load_source_index`).

    Raises
    ------
    NegsimError
        If the folder has no readable ``index.toml``, or an entry lacks one of its keys.
    """
    return load_source_index(folder).dates()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.translate(_FOLD).casefold())


def quotes_overlap(a: str, b: str) -> bool:
    """Whether two quotes are the same passage (see the module docstring).

    Examples
    --------
    >>> quotes_overlap("Kiev has rejected the terms", "Kiev has rejected the terms as unacceptable.")
    True
    >>> quotes_overlap("Kiev has rejected the terms", "Moscow accepted")
    False
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    ja, jb = " ".join(wa), " ".join(wb)
    if ja in jb or jb in ja:
        return True
    n = QUOTE_OVERLAP_WORDS
    grams = {tuple(wa[i:i + n]) for i in range(len(wa) - n + 1)}
    return any(tuple(wb[i:i + n]) in grams for i in range(len(wb) - n + 1))


def _date_of(source: str, dates: Mapping[str, str]) -> str:
    if source in dates:
        return dates[source]
    m = _DATE.search(source)
    return m.group(1) if m else ""


def _agree(d1: str, d2: str) -> bool:
    return bool(d1 and d2) and (d1.startswith(d2) or d2.startswith(d1))


def deciding_demands(scenario: Scenario) -> list[list[tuple[int, str]]]:
    """Per observation, the (demand index, role) pairs that decide the model's prediction."""
    models = build_preferences(scenario)
    verdicts = {v.proposal: v for v in proposal_verdicts(scenario, models)}
    by_name = {m.actor: (k, m) for k, m in enumerate(models)}
    space = scenario.space
    sq = np.array([space.status_quo], dtype=np.intp)
    out = []
    for o in scenario.observations:
        r = verdicts[o.proposal].response(o.actor)
        k, m = by_name[o.actor]
        actor = scenario.actors[k]
        if r.vetoed:
            out.append([(b.demand, "red line") for b in r.blockers if b.red_line])
        elif not r.accepts:
            out.append([(b.demand, "main blocker") for b in r.blockers[:1]])
        elif not actor.demands:
            out.append([])
        else:
            row = np.array([space.indices_of(verdicts[o.proposal].outcome)], dtype=np.intp)
            gain = (m.demand_table(row)[:, 0] - m.demand_table(sq)[:, 0]) \
                * np.array([d.weight for d in actor.demands])
            best = int(np.argmax(gain))
            out.append([(best, "main enabler")] if gain[best] > 0 else [])
    return out


def circular_observations(scenario: Scenario, dates: Mapping[str, str] | None = None
                          ) -> tuple[list[CircularObservation], list[str]]:
    """The circular observations of a scenario, and notes on what could not be checked.

    Parameters
    ----------
    scenario : Scenario
    dates : mapping source → date, optional
        Dates of the sources (see :func:`source_dates`); without them the date rule applies only
        to sources that carry a date in their own text.

    Examples
    --------
    >>> import negsim
    >>> q = "Kiev will only agree to a complete halt in hostilities"
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce", "air"), "fight"),),
    ...     actors=(negsim.Actor("U", (negsim.Demand("war", want="truce", hard=True,
    ...                                              source="a.txt", quote=q),)),),
    ...     proposals=(negsim.Proposal("air", {"war": "air"}),),
    ...     observations=(negsim.Observation("U", "air", "reject", source="a.txt", quote=q),))
    >>> [(c.demand, c.role, c.rule) for c in circular_observations(s)[0]]
    [('actors.U.demands[0]', 'red line', 'same source and quote')]
    """
    dates = dict(dates or {})
    found: list[CircularObservation] = []
    undated: set[str] = set()
    for i, (o, deciding) in enumerate(zip(scenario.observations, deciding_demands(scenario))):
        actor = scenario.actor(o.actor)
        for j, role in deciding:
            d = actor.demands[j]
            if not d.source or d.source != o.source:
                continue
            if d.quote and o.quote and quotes_overlap(d.quote, o.quote):
                rule = "same source and quote"
            else:
                d_date = _date_of(d.source, dates)
                o_date = o.date or d_date
                if not d_date:
                    undated.add(d.source)
                if not _agree(d_date, o_date):
                    continue
                rule = "same source and date"
            found.append(CircularObservation(i, o.actor, o.proposal, o.response,
                                             f"actors.{o.actor}.demands[{j}]", d.describe(), role,
                                             rule, o.source, o.citation or o.source))
            break
    notes = [f"source {s!r} has no known date, so only the quote rule was applied to it"
             for s in sorted(undated)]
    return found, notes
