"""Tables of results: a ``pandas.DataFrame`` when pandas is installed, plain records otherwise.

pandas is optional: :func:`table` imports it on each call and, when it is missing, returns the
same rows as a list of dicts (one per row, the columns in order), which print, compare and
serialise without it.

Examples
--------
>>> rows = table([{"actor": "A", "utility": 0.5}, {"actor": "B", "utility": 0.25}])
>>> (rows[1]["utility"] if isinstance(rows, list) else float(rows["utility"][1]))
0.25
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["table", "have_pandas"]


def have_pandas() -> bool:
    """Whether pandas can be imported."""
    try:
        importlib.import_module("pandas")
    except ImportError:
        return False
    return True


def table(records: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """The records as a ``pandas.DataFrame`` if pandas is installed, else as a list of dicts.

    Parameters
    ----------
    records : iterable of mappings
        One mapping per row.
    columns : sequence of str, optional
        The columns, in order; by default the keys of the rows in the order first seen.  A row
        without a column holds ``None`` there.
    """
    rows = [dict(r) for r in records]
    if columns is None:
        seen: dict[str, None] = {}
        for r in rows:
            seen.update(dict.fromkeys(r))
        columns = list(seen)
    rows = [{c: r.get(c) for c in columns} for r in rows]
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        return rows
    return pandas.DataFrame.from_records(rows, columns=list(columns))
