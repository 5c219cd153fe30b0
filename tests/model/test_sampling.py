"""Option draws from raw words against numpy's own Generator.integers: the same numbers, the
generator left in the same state (pending half-words included), dropped words, other bit
generators."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.model.sampling import _reproduces_numpy, option_dtype, uniform_columns

RANGES = [1, 2, 3, 5, 7, 255, 256, 257, 1000, 65_175, 65_536, 70_000]


def _numpy(rng: np.random.Generator, shape: tuple[int, ...], n: int) -> list[np.ndarray]:
    return [rng.integers(0, k, size=n) for k in shape]


def _same(mine: list[np.ndarray], theirs: list[np.ndarray], shape: tuple[int, ...]) -> bool:
    return all(m.dtype == option_dtype(k) and np.array_equal(m, t)
               for m, t, k in zip(mine, theirs, shape)) and len(mine) == len(shape)


def test_the_fast_path_is_on_for_this_numpy():
    assert _reproduces_numpy()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(RANGES), max_size=5), st.integers(0, 2 ** 32 - 1),
       st.integers(0, 3001), st.integers(0, 3))
def test_draws_and_state_are_numpys(shape, seed, n, before):
    shape = tuple(shape)
    a, b = np.random.default_rng(seed), np.random.default_rng(seed)
    for _ in range(before):  # odd counts of 32-bit draws leave a pending half-word
        a.integers(0, 9, size=3, dtype=np.int32)
        b.integers(0, 9, size=3, dtype=np.int32)
    assert _same(uniform_columns(a, shape, n), _numpy(b, shape, n), shape)
    assert a.bit_generator.state == b.bit_generator.state
    assert a.integers(0, 7, size=5, dtype=np.int32).tolist() == \
        b.integers(0, 7, size=5, dtype=np.int32).tolist()


def test_dropped_words_are_dropped_as_numpy_drops_them():
    # ranges just below 2**16 whose 2**32 mod k is near k: about one word in 66,000 is dropped
    shape, n = (65_175, 65_281, 65_026), 20_000
    dropped = 0
    for seed in range(12):
        a, b = np.random.default_rng(seed), np.random.default_rng(seed)
        assert _same(uniform_columns(a, shape, n), _numpy(b, shape, n), shape)
        assert a.bit_generator.state == b.bit_generator.state
        plain = np.random.default_rng(seed)
        plain.bit_generator.advance(len(shape) * n // 2)  # no word dropped
        dropped += plain.bit_generator.state != b.bit_generator.state
    assert dropped >= 2  # the case was exercised


@pytest.mark.parametrize("bits", [np.random.MT19937, np.random.Philox, np.random.SFC64,
                                  np.random.PCG64DXSM])
def test_other_bit_generators_draw_through_numpy(bits):
    shape, n = (2, 5, 257, 70_000), 501
    a, b = np.random.Generator(bits(3)), np.random.Generator(bits(3))
    assert _same(uniform_columns(a, shape, n), _numpy(b, shape, n), shape)
    assert a.integers(0, 2 ** 62, size=4).tolist() == b.integers(0, 2 ** 62, size=4).tolist()


def test_empty_and_single_option_issues():
    a, b = np.random.default_rng(1), np.random.default_rng(1)
    assert uniform_columns(a, (), 10) == []
    cols = uniform_columns(a, (1, 1), 7)
    assert [c.tolist() for c in cols] == [[0] * 7] * 2
    assert [c.tolist() for c in uniform_columns(a, (4,), 0)] == [[]]
    assert a.bit_generator.state == b.bit_generator.state  # nothing drawn


class _FixedWords:
    """A stand-in for the raw word stream: the given words, in order."""

    def __init__(self, words: list[int]) -> None:
        self.words, self.pos = words, 0
        self.pending, self.last = None, 0

    def take(self, count: int) -> np.ndarray:
        out = np.array(self.words[self.pos:self.pos + count], dtype=np.uint32)
        self.pos += count
        return out


def _lemire_by_hand(words: list[int], shape: tuple[int, ...],
                    n: int) -> list[list[int]] | None:
    """numpy's rule, a word at a time (None when the words run out)."""
    it = iter(words)
    out = []
    for k in shape:
        col = []
        while k > 1 and len(col) < n:
            w = next(it, None)
            if w is None:
                return None
            m = w * k
            if m % 2 ** 32 >= 2 ** 32 % k:
                col.append(m >> 32)
        out.append(col if k > 1 else [0] * n)
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([1, 2, 3, 5, 7, 17, 255, 256, 257, 1000, 65_175, 65_535]),
                min_size=1, max_size=4), st.integers(1, 25), st.data())
def test_the_rule_on_words_at_the_edges(ranges, n, data):
    shape = tuple(ranges)
    edge = []  # for each range: 0, and the words just at and next to a dropped leftover
    for k in shape:
        if k > 1:
            for j in range(4):
                w = -(-j * 2 ** 32 // k)  # ceil(j 2**32 / k)
                edge += [w % 2 ** 32, (w + 1) % 2 ** 32, (w - 1) % 2 ** 32]
    pool = st.one_of(st.sampled_from(edge + [0, 2 ** 32 - 1]), st.integers(0, 2 ** 32 - 1))
    words = data.draw(st.lists(pool, min_size=len(shape) * n * 3, max_size=len(shape) * n * 3))
    want = _lemire_by_hand(words, shape, n)
    if want is None:  # too many drops for the words drawn
        return
    import negsim.model.sampling as sampling
    real = sampling._Words
    sampling._Words = lambda bg, has, last: _FixedWords(words)  # type: ignore[assignment]
    try:
        got = sampling._lemire(np.random.default_rng(0), shape, n)
    finally:
        sampling._Words = real
    assert [c.tolist() for c in got] == want
