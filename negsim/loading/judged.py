"""Which keys of a scenario file are marked ``# judgement`` (numbers the sources do not give).

A comment is invisible to :mod:`tomllib`, so the raw lines are read.  The file convention:

- ``weight = 3   # judgement: ...`` marks the key on its line;
- a comment line ``# judgement: ...`` marks the key just above it in the same table (the
  comment explains the value it follows), and, when its first word (after an optional "the")
  is a key name such as ``effects`` or ``credibility``, that key too.

The result maps a table's key prefix in the file (``actors.Russia.demands[2]``, ``levers[0]``,
``actors.Russia``) to the judged keys in it; :mod:`negsim.loading.build` turns them into
parameter paths of the merged scenario (``Scenario.judged``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["judged_keys"]

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")
_COMMENT = re.compile(r"\s*#\s*judgement\b:?\s*(?:the\s+)?([A-Za-z_]+)?", re.IGNORECASE)


def _comment_of(line: str) -> str:
    """The comment part of a key line (outside basic and literal strings), or ''."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[i:]
        i += 1
    return ""


@lru_cache(maxsize=64)
def _scan(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    prefix = ""
    last_key: str | None = None
    in_string: str | None = None
    for line in text.splitlines():
        if in_string:
            if in_string in line:
                in_string = None
            continue
        m = _HEADER.match(line)
        if m and not line.lstrip().startswith("#"):
            name = m[2].replace(" ", "")
            if m[1] == "[[":
                counts[name] = counts.get(name, -1) + 1
                prefix = f"{name}[{counts[name]}]"
            else:
                prefix = name
            last_key = None
            continue
        c = _COMMENT.match(line)
        if c:
            if last_key is not None:
                out.setdefault(prefix, set()).add(last_key)
            if c[1]:
                out.setdefault(prefix, set()).add(c[1])
            continue
        k = _KEY.match(line)
        if not k:
            continue
        key = k[1].strip('"')
        last_key = key
        rest = line[k.end():]
        for q in ('"""', "'''"):
            if rest.count(q) == 1:
                in_string = q
        if "judgement" in _comment_of(rest).lower():
            out.setdefault(prefix, set()).add(key)
    return {p: frozenset(keys) for p, keys in out.items()}


def judged_keys(path: str | Path) -> dict[str, frozenset[str]]:
    """Table prefix in the file → keys marked ``# judgement`` there.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "s.toml"
    >>> _ = f.write_text('[[levers]]\\nid = "x"\\ncredibility = 0.3  # judgement: a guess\\n'
    ...                  'effects = { A = -0.1 }\\n# judgement: effects. Not reported.\\n')
    >>> sorted(judged_keys(f)["levers[0]"])
    ['credibility', 'effects']
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return _scan(text)
