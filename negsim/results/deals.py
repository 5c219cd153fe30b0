"""The acceptable deals as data: a compact table (outcome numbers and utilities) and its rows.

:class:`negsim.results.analysis.AcceptableSet` holds a :class:`DealTable`; the engine fills it
(:mod:`negsim.engine.deals`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from negsim.plain import PlainData
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["Deal", "DealTable"]

OptionValue = Union[str, int, float]
Outcome = dict[str, OptionValue]


@dataclass(frozen=True)
class Deal(PlainData):
    """One acceptable deal: its rank (1 = best), outcome number, outcome, utilities, gains over
    each actor's reservation, and ``count``, the outcomes it stands for (1 unless the table lists
    a decomposed space's frontier, where it counts the outcomes sharing these utilities)."""

    rank: int
    index: int
    outcome: Outcome
    utilities: dict[str, float]
    gains: dict[str, float]
    count: int = 1


@dataclass(frozen=True)
class DealTable(PlainData):
    """The acceptable deals, best first by ``order``, stored compactly.

    ``kind`` is ``"all"`` (every acceptable deal of an enumerated space) or ``"frontier"`` (a
    decomposed space: the Pareto frontier of the acceptable set, one deal per distinct utility
    vector, ``counts`` saying how many outcomes share it).  ``ids`` are outcome numbers, decoded
    with ``issues`` (each issue's options in order, the last issue varying fastest);
    ``utilities[k]`` lists the actors' utilities of deal ``k`` in ``actors`` order.
    """

    kind: str
    order: str
    actors: list[str]
    issues: dict[str, list[OptionValue]]
    reservations: list[float]
    ids: list[int]
    utilities: list[list[float]]
    counts: list[int]

    def _outcome(self, index: int) -> Outcome:
        out: dict[str, OptionValue] = {}
        for issue, options in reversed(list(self.issues.items())):
            index, k = divmod(index, len(options))
            out[issue] = options[k]
        return {i: out[i] for i in self.issues}

    def deals(self, limit: int | None = None) -> list[Deal]:
        """The first ``limit`` deals (all when ``None``), best first."""
        n = len(self.ids) if limit is None else max(0, min(int(limit), len(self.ids)))
        return [Deal(k + 1, self.ids[k], self._outcome(self.ids[k]),
                     dict(zip(self.actors, self.utilities[k])),
                     {a: round(u - r, UTILITY_DECIMALS) for a, u, r in zip(self.actors, self.utilities[k],
                                                  self.reservations)},
                     self.counts[k])
                for k in range(n)]

    def to_records(self, limit: int | None = None) -> list[dict[str, OptionValue]]:
        """Flat rows (rank, index, count, one column per issue, ``utility:<actor>`` and
        ``gain:<actor>``) that ``pandas.DataFrame`` or ``csv.DictWriter`` take as they are."""
        rows: list[dict[str, OptionValue]] = []
        for d in self.deals(limit):
            row: dict[str, OptionValue] = {"rank": d.rank, "index": d.index, "count": d.count}
            row.update(d.outcome)
            row.update({f"utility:{a}": u for a, u in d.utilities.items()})
            row.update({f"gain:{a}": g for a, g in d.gains.items()})
            rows.append(row)
        return rows
