"""Reading scenario files and merging the files they extend.

Each file is read with :mod:`tomllib` and checked against the format on its own, so an error names
the file it is in.  ``extends`` is resolved depth first; issues, levers and proposals merge by
``id`` and actors by name (a later file's keys win), an actor's demands append, constraints and
observations append.  Every merged entry remembers the file and key it came from (``__origin__``),
so that errors found later still point at the right line of the right file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from negsim.errors import ScenarioError
from negsim.loading.schema import SCENARIO_FORMAT, check_table

__all__ = ["read_merged", "ORIGIN"]

ORIGIN = "__origin__"
_BY_ID = ("issues", "levers", "proposals", "games")
_APPEND = ("constraints", "observations", "questions", "truces")


def _read(path: Path) -> dict[str, Any]:
    shown = str(path)
    if not path.exists():
        raise ScenarioError("no such file", file=shown, expected="an existing scenario file",
                            found="nothing at this path")
    if not path.is_file():
        raise ScenarioError("not a file", file=shown, expected="a .toml file", found="a directory")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("the file is not UTF-8 text", file=shown,
                            expected="a UTF-8 TOML file", found=f"undecodable byte at {exc.start}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"TOML syntax error: {exc}", file=shown,
                            hint="see https://toml.io for the syntax") from None
    check_table(SCENARIO_FORMAT, data, "", shown)
    return data


def _tag(data: dict[str, Any], file: str) -> None:
    """Attach the origin (file, key path) to every entry that can be merged."""
    for name in (*_BY_ID, *_APPEND):
        for i, item in enumerate(data.get(name, [])):
            item[ORIGIN] = (file, f"{name}[{i}]")
    for actor, table in data.get("actors", {}).items():
        table[ORIGIN] = (file, f"actors.{actor}")
        for i, demand in enumerate(table.get("demands", [])):
            demand[ORIGIN] = (file, f"actors.{actor}.demands[{i}]")
    for name in ("scenario", "analysis", "war", "bargaining"):
        if name in data:
            data[name][ORIGIN] = (file, name)


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for name in ("scenario", "analysis", "war", "bargaining"):
        if name in new:
            into.setdefault(name, {}).update({k: v for k, v in new[name].items() if k != "extends"})
    for name in _BY_ID:
        merged = into.setdefault(name, [])
        for item in new.get(name, []):
            for k, old in enumerate(merged):
                if old["id"] == item["id"]:
                    combined = dict(old)
                    combined.update(item)
                    merged[k] = combined
                    break
            else:
                merged.append(dict(item))
    for name in _APPEND:
        into.setdefault(name, []).extend(new.get(name, []))
    actors = into.setdefault("actors", {})
    for actor, table in new.get("actors", {}).items():
        old = actors.get(actor)
        if old is None:
            actors[actor] = dict(table)
            actors[actor]["demands"] = list(table.get("demands", []))
        else:
            demands = old.get("demands", []) + list(table.get("demands", []))
            old.update(table)
            old["demands"] = demands


def read_merged(path: str | Path, _stack: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read a scenario file and everything it extends, merged into one raw table.

    Raises
    ------
    ScenarioError
        For a missing file, a TOML syntax error, a key the format does not know, a value of the
        wrong type, or an ``extends`` cycle.
    """
    path = Path(path)
    resolved = path.resolve()
    if resolved in _stack:
        chain = " -> ".join(p.name for p in (*_stack, resolved))
        raise ScenarioError("extends forms a cycle", file=str(path), key="scenario.extends",
                            expected="files that do not extend each other in a loop", found=chain)
    data = _read(path)
    _tag(data, str(path))
    merged: dict[str, Any] = {}
    for i, rel in enumerate(data.get("scenario", {}).get("extends", [])):
        parent = path.parent / rel
        if not parent.is_file():
            raise ScenarioError("the file to extend does not exist", file=str(path),
                                key=f"scenario.extends[{i}]",
                                expected="a path relative to this file", found=repr(rel))
        _merge(merged, read_merged(parent, (*_stack, resolved)))
    _merge(merged, data)
    return merged
