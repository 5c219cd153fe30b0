"""Reading scenario files and merging the files they extend.

Each file is read with :mod:`tomllib` and checked against the format on its own, so an error names
the file it is in.  ``extends`` is resolved depth first; issues, levers and proposals merge by
``id`` and actors by name (a later file's keys win), an actor's demands append, constraints and
observations append.  Every merged entry remembers the file and key it came from (``__origin__``),
so that errors found later still point at the right line of the right file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from negsim.errors import ScenarioError
from negsim.limits import MAX_EXTENDS_DEPTH, MAX_EXTENDS_FILES
from negsim.loading.reader import file_problem, read_toml
from negsim.loading.checking import check_table
from negsim.loading.schema import SCENARIO_FORMAT

__all__ = ["read_merged", "ORIGIN"]

ORIGIN = "__origin__"
_BY_ID = ("issues", "levers", "proposals", "games")
_APPEND = ("constraints", "observations", "questions", "truces")


def _read(path: Path) -> dict[str, Any]:
    data = read_toml(path)
    check_table(SCENARIO_FORMAT, data, "", str(path))
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


def _key(path: Path) -> Path:
    """The identity of a file for cycle detection and memoisation (symbolic links resolved)."""
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic-link loop: the reader reports it
        return Path(os.path.abspath(path))


def _order(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every file ``path`` builds on, each once, parents before children (depth first).

    Each file is read once however many files extend it (a diamond of extends costs one read per
    file), the chain is at most ``MAX_EXTENDS_DEPTH`` files deep and holds at most
    ``MAX_EXTENDS_FILES`` files.  Iterative, so no chain length can exhaust the Python stack.
    """
    done: set[Path] = set()
    out: list[tuple[Path, dict[str, Any]]] = []
    root = _key(path)
    data = _read(path)
    _tag(data, str(path))
    # each frame: (shown path, identity, data, its extends, index of the next parent to visit)
    stack: list[tuple[Path, Path, dict[str, Any], list[str], list[int]]] = [
        (path, root, data, list(data.get("scenario", {}).get("extends", [])), [0])]
    on_stack = {root}
    while stack:
        shown, ident, data, parents, nxt = stack[-1]
        if nxt[0] == len(parents):
            stack.pop()
            on_stack.discard(ident)
            done.add(ident)
            out.append((shown, data))
            continue
        i = nxt[0]
        nxt[0] += 1
        rel = parents[i]
        parent = shown.parent / rel
        where = dict(file=str(shown), key=f"scenario.extends[{i}]")
        problem = file_problem(parent)
        if problem is not None:
            message, found = problem
            raise ScenarioError(f"the file to extend cannot be read: {message}", **where,
                                expected="a regular scenario file, relative to this file",
                                found=f"{rel!r}: {found}")
        pid = _key(parent)
        if pid in on_stack:
            chain = " -> ".join(f[0].name for f in stack) + f" -> {parent.name}"
            raise ScenarioError("extends forms a cycle", **where,
                                expected="files that do not extend each other in a loop",
                                found=chain)
        if pid in done:
            continue
        if len(stack) >= MAX_EXTENDS_DEPTH:
            raise ScenarioError("the extends chain is too deep", **where,
                                expected=f"at most {MAX_EXTENDS_DEPTH} files deep "
                                "(MAX_EXTENDS_DEPTH)", found=f"more than {MAX_EXTENDS_DEPTH}")
        if len(done) + len(stack) >= MAX_EXTENDS_FILES:
            raise ScenarioError("the scenario builds on too many files", **where,
                                expected=f"at most {MAX_EXTENDS_FILES} files (MAX_EXTENDS_FILES)",
                                found=f"more than {MAX_EXTENDS_FILES}")
        pdata = _read(parent)
        _tag(pdata, str(parent))
        stack.append((parent, pid, pdata, list(pdata.get("scenario", {}).get("extends", [])),
                      [0]))
        on_stack.add(pid)
    return out


def read_merged(path: str | Path) -> dict[str, Any]:
    """Read a scenario file and everything it extends, merged into one raw table.

    The files merge in depth-first order, parents before the file that extends them, each file
    once (a file reached twice through a diamond of ``extends`` counts once, where first reached).

    Raises
    ------
    ScenarioError
        For a path that is not a readable regular file, a TOML syntax error, a key the format
        does not know, a value of the wrong type, an ``extends`` cycle, or a chain over the
        limits in :mod:`negsim.limits`.
    """
    merged: dict[str, Any] = {}
    for _, data in _order(Path(path)):
        _merge(merged, data)
    return merged
