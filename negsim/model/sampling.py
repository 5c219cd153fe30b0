"""Uniform option draws for many outcomes at once: the numbers numpy's bounded integers give.

``Generator.integers(0, k, size=n)`` (``2 <= k < 2**32``) makes each value from one 32-bit word
``w`` of the bit generator by Lemire's rule: ``m = w * k`` (in 64 bits); the value is
``m >> 32``, unless ``m mod 2**32`` is below ``2**32 mod k``, when the word is dropped and the
next one tried.  ``k == 1`` takes no word.  PCG64 hands out its 64-bit outputs as 32-bit words,
low half first, and keeps a pending high half in its state (``has_uint32``, ``uinteger``).

:func:`uniform_columns` reads the 64-bit outputs in bulk (``random_raw``), as a little-endian
``uint32`` view, and applies the rule to a whole column with two numpy calls: the leftovers'
minimum (``w * k`` wrapping in 32 bits) says whether any word is dropped, and ``w * (k / 2**32)``
in doubles (exact: at most 48 bits for ``k <= 2**16``) cast to the column's unsigned type is
``m >> 32`` (the cast truncates).  When ``2**32 mod k == 1`` (``k`` odd, as 3, 5, 15, 17 or
255), the one word dropped is 0 (``k`` is invertible modulo 2**32): the words' minimum says it.
The pending half-word is carried from column to column and written back, so the generator ends
in the state numpy's draws leave.  Other bit generators, larger ranges, or a numpy whose draws
this does not reproduce (checked once per process on a small case) draw through
``Generator.integers``.
"""

from __future__ import annotations

from functools import cache

import numpy as np

__all__ = ["uniform_columns", "option_dtype"]

_MAX_FAST = 1 << 16
"""The largest range drawn from raw words (``w * k`` exact in a double, the column 16-bit)."""


def option_dtype(k: int) -> type[np.unsignedinteger] | type[np.signedinteger]:
    """The smallest unsigned integer type holding option indices ``0 .. k-1`` (``intp`` above
    16 bits).

    Examples
    --------
    >>> option_dtype(256).__name__, option_dtype(257).__name__, option_dtype(1 << 17).__name__
    ('uint8', 'uint16', 'int64')
    """
    return np.uint8 if k <= 1 << 8 else np.uint16 if k <= 1 << 16 else np.intp


class _Words:
    """The bit generator's stream of 32-bit words, read in bulk from its 64-bit outputs."""

    def __init__(self, bg: np.random.BitGenerator, has: int, last: int) -> None:
        self.bg = bg
        self.pending: int | None = last if has else None
        self.last = last  # the state's ``uinteger``: the high half of the last output split

    def take(self, count: int) -> np.ndarray:
        lead = self.pending is not None
        w = self.bg.random_raw((count - lead + 1) // 2).view(np.uint32)
        if len(w):  # every output split leaves its high half in ``uinteger``
            self.last = int(w[-1])
        if lead:
            w = np.concatenate((np.array([self.pending], dtype=np.uint32), w))
        self.pending = None
        if len(w) > count:  # an odd count: the last high half waits for the next draw
            self.pending = int(w[count])
            w = w[:count]
        return w


def _lemire(rng: np.random.Generator, shape: tuple[int, ...], n: int) -> list[np.ndarray]:
    """The columns from raw words (PCG64, every ``k <= 2**16``)."""
    bg = rng.bit_generator
    st = bg.state
    has, last = int(st["has_uint32"]), int(st["uinteger"])
    words = _Words(bg, has, last)
    out = []
    for k in shape:
        col = np.empty(n, dtype=option_dtype(k))  # every value written (no zeroed pages)
        out.append(col)
        if k == 1:
            col[:] = 0
            continue
        drop = (1 << 32) % k  # leftovers below this are dropped
        done = 0
        while done < n:
            w = words.take(n - done)
            if drop == 1 and int(w.min()) == 0 or \
                    drop > 1 and int(np.multiply(w, np.uint32(k)).min()) < drop:
                w = w[np.multiply(w, np.uint32(k)) >= drop]
            np.multiply(w, k * 2.0 ** -32, out=col[done:done + len(w)], casting="unsafe")
            done += len(w)
    now = (int(words.pending is not None), words.last)
    if now != (has, last):
        st = bg.state
        st["has_uint32"], st["uinteger"] = now
        bg.state = st
    return out


@cache
def _reproduces_numpy() -> bool:
    """Whether :func:`_lemire` gives this numpy's draws (once per process, on a small case)."""
    shape, n = (2, 5, 7, 256, 257, 1, 40_000), 63
    a, b = np.random.default_rng(20250311), np.random.default_rng(20250311)
    mine = _lemire(a, shape, n)
    theirs = [b.integers(0, k, size=n, dtype=np.int32) for k in shape]
    return all(np.array_equal(x, y) for x, y in zip(mine, theirs)) and \
        a.bit_generator.state == b.bit_generator.state


def uniform_columns(rng: np.random.Generator, shape: tuple[int, ...], n: int) -> list[np.ndarray]:
    """``[rng.integers(0, k, size=n) for k in shape]``: the same numbers, the generator left in
    the same state, each column of :func:`option_dtype` ``(k)``.

    Examples
    --------
    >>> cols = uniform_columns(np.random.default_rng(0), (2, 5), 6)
    >>> r = np.random.default_rng(0)
    >>> [c.tolist() for c in cols] == [r.integers(0, k, size=6).tolist() for k in (2, 5)]
    True
    """
    if type(rng.bit_generator) is np.random.PCG64 and all(1 <= k <= _MAX_FAST for k in shape) \
            and _reproduces_numpy():
        return _lemire(rng, shape, n)
    # int32 takes the same numbers from the generator as the default int64 below 2**32
    return [rng.integers(0, k, size=n, dtype=np.int32 if k <= 1 << 31 else np.int64).astype(
        option_dtype(k)) for k in shape]
