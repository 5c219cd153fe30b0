"""The one error family of negsim.

Every error negsim raises on purpose derives from :class:`NegsimError`.  Bad input (a scenario
file, a parameter a user passed) raises :class:`ScenarioError`, which names the file, the key path,
what was expected and what was found, so that the command line can print it without a traceback.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["NegsimError", "ScenarioError", "ArgumentError", "relocated", "did_you_mean",
           "short_repr", "one_line"]


class NegsimError(Exception):
    """Root of every error negsim raises on purpose."""


class ScenarioError(NegsimError):
    """A scenario (file or in-code) is not valid.

    Parameters
    ----------
    message : str
        What is wrong, in words.
    file : str, optional
        The file the bad value came from (``None`` for scenarios built in code).
    key : str, optional
        The key path inside the file, e.g. ``actors.Russia.demands[2].weight``.
    expected, found : str, optional
        What the key should hold and what it holds.
    hint : str, optional
        How to fix it (a "did you mean" suggestion, for instance).

    Examples
    --------
    >>> err = ScenarioError("weight must be positive", file="s.toml",
    ...                     key="actors.Russia.demands[0].weight",
    ...                     expected="a number > 0", found="-1")
    >>> print(err)
    s.toml: actors.Russia.demands[0].weight: weight must be positive (expected a number > 0, found -1)
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        key: str | None = None,
        expected: str | None = None,
        found: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.key = key
        self.expected = expected
        self.found = found
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = ": ".join(p for p in (self.file, self.key) if p)
        text = f"{where}: {self.message}" if where else self.message
        detail = []
        if self.expected is not None:
            detail.append(f"expected {self.expected}")
        if self.found is not None:
            detail.append(f"found {self.found}")
        if detail:
            text += f" ({', '.join(detail)})"
        if self.hint:
            text += f"; {self.hint}"
        return one_line(text)


def one_line(text: str) -> str:
    """``text`` with control characters and line separators escaped (``\\n``, ``\\x1b``, ...),
    so that an error message quoting user text stays on one line.

    Examples
    --------
    >>> print(one_line("key\\nwith a newline"))
    key\\nwith a newline
    >>> one_line("plain") == "plain"
    True
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or (ch == " "):
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in "\t\r\n":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


class ArgumentError(NegsimError, ValueError):
    """A bad argument passed in code (not in a scenario file): an unknown method name, a count
    that is not a positive integer.  It is also a :class:`ValueError`.

    Examples
    --------
    >>> isinstance(ArgumentError("draws must be a positive integer, not 0"), ValueError)
    True
    """


def relocated(err: ScenarioError, *, file: str | None = None,
              key: str | None = None) -> ScenarioError:
    """The same error (message, expected, found, hint) at a new location.

    ``file`` is the new file (``None``: a scenario built in code); ``key`` the new key path
    (default: the error's own key).

    Examples
    --------
    >>> e = ScenarioError("must be positive", key="sd", expected="> 0", found="-1")
    >>> print(relocated(e, file="s.toml", key="uncertain[0].sd"))
    s.toml: uncertain[0].sd: must be positive (expected > 0, found -1)
    """
    return ScenarioError(err.message, file=file, key=err.key if key is None else key,
                         expected=err.expected, found=err.found, hint=err.hint)


def did_you_mean(word: object, choices: Iterable[object]) -> str | None:
    """Return a "did you mean ...?" hint for a misspelled name, or ``None``.

    Examples
    --------
    >>> did_you_mean("Rusia", ["Russia", "Ukraine"])
    "did you mean 'Russia'?"
    >>> did_you_mean("zzz", ["Russia"]) is None
    True
    """
    names = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), names, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters for an error message.

    Examples
    --------
    >>> short_repr("x" * 100)[-5:]
    'xx...'
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
