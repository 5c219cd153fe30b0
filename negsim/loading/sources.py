"""Sources by outlet, headline and date: the reporting a scenario cites, read from ``index.toml``.

A scenario's ``source`` is a file name in the sources folder (``000_774c01f8caa1a2a6.txt``), an id
from that folder's ``index.toml`` (``bloomberg_2025_08_05``), or free text (an outlet and date).
The folder is the one given, else ``$NEGSIM_SOURCES``, else the first ``shared/sources`` or
``sources`` folder holding an ``index.toml`` next to the scenario file or one of its parents.

Examples
--------
>>> idx = SourceIndex({"x1": Source("x1", "000_a.txt", "El País", "2025-03-04", "A truce")})
>>> idx.cite("000_a.txt"), idx.cite("x1"), idx.cite("Reuters, 2025-05-01")
('El País, “A truce” (2025-03-04)', 'El País, “A truce” (2025-03-04)', 'Reuters, 2025-05-01')
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from negsim.errors import NegsimError, ScenarioError
from negsim.loading.extends import ORIGIN

__all__ = ["Source", "SourceIndex", "find_sources_dir", "load_source_index", "SOURCES_ENV",
           "check_source_ids", "index_near", "EMPTY_INDEX", "short_citation"]

SOURCES_ENV = "NEGSIM_SOURCES"
"""Environment variable naming the sources folder (the one holding ``index.toml``)."""


@dataclass(frozen=True)
class Source:
    """One article of the sources folder: its id, file, outlet, date and headline (verbatim)."""

    id: str
    file: str
    outlet: str
    date: str
    headline: str

    def citation(self) -> str:
        """``Outlet, “Headline” (date)``."""
        return f"{self.outlet}, “{self.headline}” ({self.date})"


_CITATION = re.compile(r"^(?P<outlet>.+?), “(?P<headline>.*)” \((?P<date>[^()]*)\)$")
"""The shape :meth:`Source.citation` writes."""


def short_citation(citation: str) -> str:
    """``Outlet, date`` of a citation :meth:`Source.citation` wrote (the headline dropped);
    any other text is returned as it is.

    Examples
    --------
    >>> short_citation("El País, “A truce” (2025-03-04)"), short_citation("Reuters, 2025-05")
    ('El País, 2025-03-04', 'Reuters, 2025-05')
    """
    m = _CITATION.match(citation)
    return f"{m['outlet']}, {m['date']}" if m else citation


@dataclass(frozen=True)
class SourceIndex:
    """The index of a sources folder, by id (files are looked up through it too)."""

    by_id: dict[str, Source]

    def get(self, source: str) -> Source | None:
        """The article a ``source`` value names (by id or file name), ``None`` for free text."""
        if source in self.by_id:
            return self.by_id[source]
        return next((s for s in self.by_id.values() if s.file == source), None)

    def cite(self, source: str) -> str:
        """Outlet, headline and date of a cited article; free text is returned as it is."""
        found = self.get(source)
        return found.citation() if found is not None else source

    def dates(self) -> dict[str, str]:
        """``{file or id: date}`` of every article (what the leakage check's date rule reads).

        Examples
        --------
        >>> SourceIndex({"w1": Source("w1", "a.txt", "Wire", "2025-03-01", "Talks")}).dates()
        {'a.txt': '2025-03-01', 'w1': '2025-03-01'}
        """
        out: dict[str, str] = {}
        for s in self.by_id.values():
            for key in (s.file, s.id):
                if key and s.date:
                    out[key] = s.date
        return out


EMPTY_INDEX = SourceIndex({})
"""An index that resolves nothing: each citation is the raw source (what the golden test uses)."""


def find_sources_dir(scenario_path: str | Path | None = None,
                     explicit: str | Path | None = None) -> Path | None:
    """The sources folder: ``explicit``, else ``$NEGSIM_SOURCES``, else one found next to the
    scenario (``shared/sources`` or ``sources`` in its folder or any parent); ``None`` if none."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(SOURCES_ENV)
    if env:
        return Path(env)
    if scenario_path is None:
        return None
    for parent in Path(scenario_path).resolve().parents:
        for cand in (parent / "shared" / "sources", parent / "sources"):
            if (cand / "index.toml").is_file():
                return cand
    return None


def load_source_index(folder: str | Path | None) -> SourceIndex:
    """Read ``folder/index.toml``; an empty index when ``folder`` is ``None``.

    A folder given but without a readable index is a located :class:`NegsimError`.
    """
    if folder is None:
        return EMPTY_INDEX
    path = Path(folder) / "index.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NegsimError(f"{path}: cannot read the sources index ({exc}); fix: point "
                          f"--sources or ${SOURCES_ENV} at the folder holding index.toml") from None
    out = {}
    for k, row in enumerate(data.get("sources", [])):
        missing = [f for f in ("id", "file", "outlet", "date", "headline") if f not in row]
        if missing:
            raise NegsimError(f"{path}: sources[{k}]: expected keys id, file, outlet, date, "
                              f"headline, missing {', '.join(missing)}; fix: add them")
        out[row["id"]] = Source(str(row["id"]), str(row["file"]), str(row["outlet"]),
                                str(row["date"]), str(row["headline"]))
    return SourceIndex(out)


def index_near(scenario_path: str | Path | None) -> SourceIndex:
    """The index of the sources folder found for a scenario (see :func:`find_sources_dir`);
    empty when there is none or it holds no ``index.toml``."""
    folder = find_sources_dir(scenario_path)
    if folder is None or not (folder / "index.toml").is_file():
        return EMPTY_INDEX
    return load_source_index(folder)


_ID_SHAPE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
"""What a cited id looks like (``bloomberg_2025_08_05``): lower-case words joined by ``_``, no dot."""


def _walk(node: Any, key: str, origin: tuple[str | None, str] | None,
          file: str | None) -> Iterator[tuple[str, str | None, str]]:
    if isinstance(node, dict):
        if ORIGIN in node:
            origin, key = node[ORIGIN], node[ORIGIN][1]
        for k, v in node.items():
            if k == ORIGIN:
                continue
            sub = f"{key}.{k}" if key else str(k)
            if k == "source" and isinstance(v, str):
                yield v, (origin[0] if origin else file), sub
            else:
                yield from _walk(v, sub, origin, file)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{key}[{i}]", origin, file)


def check_source_ids(data: dict[str, Any], file: str | None, index: SourceIndex) -> None:
    """Every ``source`` that has the shape of an id names an article of ``index``.

    Free text (an outlet and a date) and file names pass; an id-shaped value the index does not
    know is a located :class:`ScenarioError`.  With an empty index (no sources folder found)
    nothing is checked.
    """
    if not index.by_id:
        return
    for value, where, key in _walk(data, "", None, file):
        if _ID_SHAPE.match(value) and index.get(value) is None:
            near = difflib.get_close_matches(value, list(index.by_id), n=1)
            raise ScenarioError("unknown source id", file=where, key=key,
                                expected="a file name or an id of the sources index.toml",
                                found=repr(value),
                                hint=f"did you mean {near[0]!r}?" if near else
                                f"known ids: {', '.join(sorted(index.by_id))}")
