"""Named size limits: one home for every bound on the work a scenario or an argument can ask for.

A scenario file or an argument that asks for more than a limit is refused with a located error
before any of the work starts, so that nothing a user types can fill the machine or hang it.
Each constant names one bound; the code that applies it imports the name.

Examples
--------
>>> from negsim.limits import MAX_FILE_BYTES, MAX_EXTENDS_DEPTH
>>> MAX_FILE_BYTES, MAX_EXTENDS_DEPTH
(16777216, 64)
"""

from __future__ import annotations

from negsim.errors import ArgumentError

__all__ = ["MAX_FILE_BYTES", "MAX_NESTING", "MAX_EXTENDS_DEPTH", "MAX_EXTENDS_FILES", "MAX_INT",
           "MAX_MAGNITUDE", "MAX_OPTIONS", "MAX_ISSUES", "MAX_COUPLED_GROUP", "MAX_DRAWS", "MAX_CHUNK",
           "MAX_ROUNDS", "MAX_RUNS", "MAX_LEMKE_HOWSON_STEPS", "MAX_SUPPORT_PAIRS",
           "MAX_VERTEX_PAIRS", "MAX_TIPPING_GRID", "check_count"]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A scenario file may hold at most this many bytes (16 MiB; the shipped ones are a few kB)."""

MAX_NESTING = 64
"""Arrays and tables in a scenario file may nest at most this deep (``[[[...]]]``)."""

MAX_EXTENDS_DEPTH = 64
"""An ``extends`` chain may be at most this many files deep."""

MAX_EXTENDS_FILES = 1000
"""A scenario may build on at most this many distinct files through ``extends``."""

MAX_INT = (1 << 63) - 1
"""Integers in a scenario file must lie within ±``MAX_INT`` (a signed 64-bit integer); larger ones
cannot be a count, an index, a seed or a payoff that floats represent faithfully."""

MAX_MAGNITUDE = 1e15
"""Every number a model reads (weights, powers, lever effects, reservations, payoffs, war costs,
distribution bounds, option values of a numeric range) must be at most this in absolute value, so
that the sums, products and differences the engine forms of them stay finite and exact enough."""

MAX_OPTIONS = 100_000
"""An issue may have at most this many options (explicit or ``steps`` of a numeric range)."""

MAX_ISSUES = 10_000
"""A scenario may have at most this many issues."""

MAX_COUPLED_GROUP = 1 << 21
"""Issues coupled (by conditional demands, constraints or levers) into one group may have at most
this many combinations of options, the most the decomposed engine enumerates."""

MAX_DRAWS = 10_000_000
"""An ensemble may ask for at most this many draws."""

MAX_CHUNK = 1_000_000
"""An ensemble chunk may hold at most this many draws (the memory of one chunk)."""

MAX_ROUNDS = 1_000_000
"""A simulated negotiation may run at most this many rounds."""

MAX_RUNS = 1_000_000
"""``simulate_many`` may ask for at most this many runs."""

MAX_LEMKE_HOWSON_STEPS = 10_000
"""Lemke–Howson stops after this many pivots (it can cycle on degenerate games) and says so."""


MAX_SUPPORT_PAIRS = 50_000
"""Support enumeration of an m x n game visits C(m + n, m) - 1 pairs of equal-size supports (two
linear solves each, about 60 microseconds); it is not run (and says so) on games with more than
this many (a 9 x 9 game has 48,619, a 10 x 10 one 184,755): vertex enumeration still runs."""


MAX_VERTEX_PAIRS = 5_000_000
"""Vertex enumeration checks at most this many pairs of vertices of the two best-response polytopes
(each a set union); above it the method is not run and says so."""

MAX_TIPPING_GRID = 100_000
"""Grid points a tipping-point scan evaluates (each one a full target evaluation) at most."""


def check_count(value: object, name: str, limit: int, *, minimum: int = 1) -> int:
    """Check that ``value`` is an integer in ``[minimum, limit]`` and return it.

    Raises :class:`~negsim.errors.ArgumentError` (a ``ValueError``) naming the argument, the
    bounds and what was given.  Floats that are whole numbers (``1e3``) are accepted.

    Examples
    --------
    >>> check_count(1e3, "draws", MAX_DRAWS)
    1000
    >>> check_count(10**12, "draws", MAX_DRAWS)
    Traceback (most recent call last):
    ...
    negsim.errors.ArgumentError: draws must be an integer from 1 to 10,000,000, not 1000000000000
    """
    ok = not isinstance(value, bool)
    if ok and isinstance(value, float):
        ok = value.is_integer() and abs(value) <= MAX_INT
        value = int(value) if ok else value
    if not ok or not isinstance(value, int) or not minimum <= value <= limit:
        shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else repr(value)
        raise ArgumentError(f"{name} must be an integer from {minimum:,} to {limit:,}, "
                            f"not {shown}")
    return value
