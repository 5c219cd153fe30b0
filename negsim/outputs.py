"""Atomic file writes, one file or a whole set: a failure never leaves part of a set behind.

An :class:`OutputSet` stages each file as a temporary file in its target directory and
renames them all into place at the end. On any failure before that, and on SIGINT or SIGTERM,
every temporary file is removed and the old files are left as they were. A ``kill -9`` cannot
be caught: the temporary files it leaves are named ``.<name>.negsim-<pid>-<random>.tmp``, and
a later set staging a file of the same name removes the ones whose process is gone.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import threading
from collections.abc import Callable
from pathlib import Path

__all__ = ["write_result_files", "OutputSet", "write_atomic", "write_text_atomic", "TEMP_PATTERN"]

TEMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.negsim-(?P<pid>[0-9]+)-[0-9a-f]+\.tmp$")
"""The name of a staged file: ``.<target name>.negsim-<pid>-<random hex>.tmp``."""

_SIGNALS = tuple(getattr(signal, s) for s in ("SIGINT", "SIGTERM") if hasattr(signal, s))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process (or not ours to judge): leave its files
    return True


def remove_stale_temps(folder: str | Path, name: str | None = None) -> list[Path]:
    """Remove the staged files in ``folder`` (of target ``name``, or all) whose process is gone.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / ".out.json.negsim-999999999-ab.tmp").write_text("x")
    >>> [p.name for p in remove_stale_temps(d)]
    ['.out.json.negsim-999999999-ab.tmp']
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for p in entries:
        m = TEMP_PATTERN.match(p.name)
        if not m or (name is not None and m["name"] != name) or _alive(int(m["pid"])):
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


class OutputSet:
    """Files written as one set: staged as temporary files, renamed into place together.

    Use it as a context manager: the files added inside the ``with`` block are committed when
    it ends without an exception, and discarded (temporary files removed, old files untouched)
    when it raises. Inside the block SIGINT and SIGTERM raise (``KeyboardInterrupt`` /
    ``SystemExit(143)``) so the temporary files are removed on the way out; during the final
    renames they are held back and delivered after.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with OutputSet() as out:
    ...     _ = out.add_text(d / "a.txt", "one")
    ...     _ = out.add_bytes(d / "b.bin", b"two")
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt', 'b.bin']
    >>> try:
    ...     with OutputSet() as out:
    ...         _ = out.add_text(d / "a.txt", "changed")
    ...         raise RuntimeError("a figure failed")
    ... except RuntimeError:
    ...     pass
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('one', ['a.txt', 'b.bin'])
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary file, target)
        self._old_handlers: dict[int, object] = {}
        self._deferred: list[int] = []
        self._holding = False
        self.written: list[Path] = []

    # -- staging -------------------------------------------------------------------------
    def add(self, path: str | Path, write: Callable[[str], None]) -> Path:
        """Stage ``path``: ``write(tmp_path)`` fills a temporary file beside it; return ``path``."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent, path.name)
        tmp = path.parent / f".{path.name}.negsim-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        self._staged.append((tmp, path))
        write(str(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # created 0600; give the usual permissions
        return path

    def add_bytes(self, path: str | Path, data: bytes) -> Path:
        """Stage ``path`` with content ``data``."""
        return self.add(path, lambda tmp: Path(tmp).write_bytes(data))

    def add_text(self, path: str | Path, text: str) -> Path:
        """Stage ``path`` with ``text`` (UTF-8)."""
        return self.add(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))

    @property
    def temp_files(self) -> list[Path]:
        """The staged temporary files not yet renamed."""
        return [tmp for tmp, _ in self._staged]

    # -- ending ----------------------------------------------------------------------------
    def commit(self) -> list[Path]:
        """Rename every staged file into place (signals held back meanwhile); return the targets."""
        self._holding = True
        try:
            while self._staged:
                tmp, target = self._staged[0]
                os.replace(tmp, target)
                self._staged.pop(0)
                self.written.append(target)
        finally:
            self._holding = False
            self.discard()
        return list(self.written)

    def discard(self) -> None:
        """Remove every staged temporary file; the targets are left as they were."""
        while self._staged:
            tmp, _ = self._staged.pop()
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass

    # -- signals ---------------------------------------------------------------------------
    def _on_signal(self, signum: int, frame) -> None:
        if self._holding:
            self._deferred.append(signum)
            return
        self._raise_for(signum)

    @staticmethod
    def _raise_for(signum: int) -> None:
        if signum == getattr(signal, "SIGINT", None):
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    def __enter__(self) -> "OutputSet":
        if threading.current_thread() is threading.main_thread():
            for s in _SIGNALS:
                self._old_handlers[s] = signal.signal(s, self._on_signal)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
            else:
                self.discard()
        finally:
            self.discard()
            for s, old in self._old_handlers.items():
                signal.signal(s, old)
            self._old_handlers.clear()
        if self._deferred and exc_type is None:
            self._raise_for(self._deferred[0])


def write_atomic(path: str | Path, write: Callable[[str], None]) -> Path:
    """Call ``write(tmp_path)`` then move the file into place in one step (a set of one)."""
    with OutputSet() as out:
        out.add(path, write)
    return Path(path)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write text (UTF-8) atomically."""
    return write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def write_result_files(json_path: str | Path | None, json_text: str,
                       folder: str | Path | None, files: dict[str, bytes]) -> list[Path]:
    """Write a result's JSON (when ``json_path``) and its rendered files (into ``folder``) as one
    set: every file replaced, or, on any failure, none.  Returns the paths written, JSON first.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_result_files(d / "r.json", "{}", d, {"a.png": b"x"})]
    ['r.json', 'a.png']
    """
    with OutputSet() as out:
        if json_path:
            out.add_text(json_path, json_text)
        for name, data in files.items():
            out.add_bytes(Path(folder) / name, data)  # type: ignore[arg-type]
    return list(out.written)
