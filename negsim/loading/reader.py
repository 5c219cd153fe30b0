"""The one bounded reader of scenario files.

Every file the loader reads (the scenario and the files it ``extends``) goes through
:func:`read_toml`: a regular file only (a directory, a FIFO, a device, a socket or a symbolic-link
loop gets its own located message), at most :data:`~negsim.limits.MAX_FILE_BYTES` bytes, UTF-8,
TOML nested at most :data:`~negsim.limits.MAX_NESTING` deep, and integers within
±:data:`~negsim.limits.MAX_INT`.  Nothing it reads can hang it (FIFOs are opened without
blocking) or make it recurse without bound.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from negsim.errors import ScenarioError
from negsim.limits import MAX_FILE_BYTES, MAX_INT, MAX_NESTING

__all__ = ["read_toml", "file_problem"]

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((text for test, text in _KINDS if test(mode)), "not a regular file")


def _os_problem(exc: OSError) -> tuple[str, str]:
    """(message, found) for an OS error met while opening or reading a file."""
    if exc.errno == errno.ENOENT:
        return "no such file", "nothing at this path"
    if exc.errno == errno.ELOOP:
        return "the path is a loop of symbolic links", "a symbolic-link loop"
    if exc.errno == errno.EACCES:
        return "the file cannot be read", "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "no such file", "a part of the path that is not a directory"
    return "the file cannot be read", exc.strerror or type(exc).__name__


def file_problem(path: str | Path) -> tuple[str, str] | None:
    """(message, found) saying why ``path`` is not a readable regular file, or ``None``.

    Examples
    --------
    >>> file_problem("/")
    ('not a regular file', 'a directory')
    >>> file_problem("/no/such/file.toml")
    ('no such file', 'nothing at this path')
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as exc:
        return _os_problem(exc) if isinstance(exc, OSError) else ("not a file path", str(exc))
    kind = _kind(mode)
    return None if kind is None else ("not a regular file", kind)


def _read_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError) as exc:
        message, found = _os_problem(exc) if isinstance(exc, OSError) else \
            ("not a file path", str(exc))
        raise ScenarioError(message, file=shown, expected="a readable scenario file (.toml)",
                            found=found) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise ScenarioError("not a regular file", file=shown,
                                expected="a regular scenario file (.toml)", found=kind)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ScenarioError("the file cannot be read", file=shown,
                            expected="a readable scenario file (.toml)",
                            found=exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise ScenarioError("the file is too large", file=shown,
                            expected=f"at most {MAX_FILE_BYTES:,} bytes (MAX_FILE_BYTES)",
                            found=f"more than {MAX_FILE_BYTES:,} bytes")
    return b"".join(chunks)


def _check_values(data: dict[str, Any], shown: str) -> None:
    """Walk the parsed tables without recursion: nesting depth and integer sizes."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, key, depth = stack.pop()
        if depth > MAX_NESTING:
            raise ScenarioError("the tables and arrays nest too deep", file=shown, key=key or None,
                                expected=f"at most {MAX_NESTING} levels (MAX_NESTING)",
                                found=f"more than {MAX_NESTING}")
        if isinstance(value, dict):
            for k, v in value.items():
                sub = f"{key}.{k}" if key else str(k)
                stack.append((v, sub, depth + 1))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                stack.append((v, f"{key}[{i}]", depth + 1))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            digits = len(str(abs(value))) if value.bit_length() < 10_000 else "thousands of"
            raise ScenarioError("the integer is too large", file=shown, key=key,
                                expected=f"an integer within ±{MAX_INT:,} (MAX_INT)",
                                found=f"an integer of {digits} digits")


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read one TOML file through the bounded reader.

    Raises
    ------
    ScenarioError
        Located at the file, for a path that is not a readable regular file, a file over
        ``MAX_FILE_BYTES``, text that is not UTF-8, a TOML syntax error, nesting deeper than
        ``MAX_NESTING`` or an integer beyond ``MAX_INT``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.toml"
    >>> _ = f.write_text("x = 1\\n")
    >>> read_toml(f)
    {'x': 1}
    """
    path = Path(path)
    shown = str(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("the file is not UTF-8 text", file=shown,
                            expected="a UTF-8 TOML file",
                            found=f"undecodable byte at {exc.start}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"TOML syntax error: {exc}", file=shown,
                            hint="see https://toml.io for the syntax") from None
    except RecursionError:
        raise ScenarioError("the tables and arrays nest too deep", file=shown,
                            expected=f"at most {MAX_NESTING} levels (MAX_NESTING)",
                            found="nesting too deep to parse") from None
    except ValueError as exc:  # e.g. an integer literal over Python's digit limit
        raise ScenarioError("a value cannot be read", file=shown,
                            expected=f"integers within ±{MAX_INT:,} (MAX_INT)",
                            found=str(exc).split(";")[0]) from None
    _check_values(data, shown)
    return data
