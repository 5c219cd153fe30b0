"""The cloud's rounding against Python's round: values at, next to and far from half-way points
at every decimals, every array layout, overwrite or not, pieces with and without near-halves,
non-finite and huge values; the error-bound facts the fast path rests on, in rationals."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsim.engine import rounding
from negsim.engine.rounding import _exact, rounded, rounded_array, rounded_columns


def _bits(a: list[float]) -> list[tuple[float, float]]:
    return [(x, math.copysign(1.0, x)) if x == x else ("nan", 0.0) for x in a]


def _want(xs: np.ndarray, d: int) -> list[float]:
    return [round(float(x), d) for x in np.asarray(xs, dtype=float).ravel()]


def _near_halves(ks: list[int], d: int, ulps: list[int]) -> list[float]:
    """The doubles ``ulps`` steps from (k + 1/2) / 10**d."""
    out = []
    for k, u in zip(ks, ulps):
        x = (k + 0.5) / 10.0 ** d
        for _ in range(abs(u)):
            x = float(np.nextafter(x, math.inf if u > 0 else -math.inf))
        out.append(x)
    return out


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
any_float = st.floats(width=64)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(-3, 2), st.integers(-10 ** 7, 10 ** 7)), min_size=1,
                max_size=60), st.integers(0, 22), st.data())
def test_next_to_half_way_points_at_every_decimals(ks, d, data):
    ulps = data.draw(st.lists(st.integers(-3, 3), min_size=len(ks), max_size=len(ks)))
    xs = np.array(_near_halves(ks, d, ulps))
    assert _bits(rounded(xs, d)) == _bits(_want(xs, d))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2 ** 20, 2 ** 20), min_size=1, max_size=60),
       st.integers(1, 12), st.integers(0, 9))
def test_exact_dyadic_halves_go_to_even(ms, j, d):
    # m / 2**j: exactly half-way at d decimals whenever its expansion ends in a 5 there
    xs = np.array([m / 2.0 ** j for m in ms])
    assert _bits(rounded(xs, d)) == _bits(_want(xs, d))


@settings(max_examples=200, deadline=None)
@given(st.lists(any_float, max_size=40), st.integers(-4, 30))
def test_any_double_any_decimals(xs, d):
    v = np.array(xs, dtype=float)
    assert _bits(rounded(v, d)) == _bits(_want(v, d))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(finite, finite, finite), max_size=30), st.integers(0, 12),
       st.sampled_from(["C", "F", "strided"]), st.booleans())
def test_layouts_and_overwrite(rows, d, layout, overwrite):
    v = np.array(rows, dtype=float).reshape(-1, 3)
    want = [[round(float(x), d) for x in v[:, j]] for j in range(3)]
    if layout == "F":
        v = np.asfortranarray(v)
    elif layout == "strided":
        v = np.repeat(v, 2, axis=1)[:, ::2]  # a non-contiguous view
    keep = v.copy()
    got = rounded_array(v, d, overwrite=overwrite)
    assert all(_bits(got[:, j].tolist()) == _bits(want[j]) for j in range(3))
    if overwrite:
        assert got is v
    else:
        assert np.array_equal(v, keep)  # left alone
    w = keep.copy(order="K")
    assert [_bits(c) for c in rounded_columns(w, d, overwrite=overwrite)] == \
        [_bits(c) for c in want]
    assert _bits(rounded(keep[:, 1], d)) == _bits(want[1])  # a strided 1-d column


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(1, 3 * rounding._PIECE),
       st.floats(0.0, 1.0))
def test_many_pieces_some_near_halves(seed, n, share):
    # utilities rounded to 12 decimals, a share of them decimal halves at 6 decimals (as the
    # engine makes them), spread over several pieces
    rng = np.random.default_rng(seed)
    x = np.round(rng.random(n), 12)
    half = rng.random(n) < share
    x[half] = np.round(np.floor(x[half] * 1e6) / 1e6 + 5e-7, 12)
    x *= rng.choice([-1.0, 1.0], size=n)
    want = _want(x, 6)
    assert _bits(rounded_array(x.reshape(-1, 1), 6).ravel().tolist()) == _bits(want)
    assert _bits(rounded_array(x, 6, overwrite=True).tolist()) == _bits(want)


@pytest.mark.parametrize("d", range(23))
def test_every_double_next_to_the_first_halves(d):
    # +-0.5, +-1.5, +-2.5 units of the last decimal and the 300 doubles either side of each:
    # a negative product just above -1/2 once went to -1 instead of -0.0
    xs = []
    for c in (-2.5, -1.5, -0.5, 0.5, 1.5, 2.5):
        lo = hi = c / 10.0 ** d
        xs.append(lo)
        for _ in range(300):
            lo, hi = float(np.nextafter(lo, -math.inf)), float(np.nextafter(hi, math.inf))
            xs += [lo, hi]
    v = np.array(xs)
    assert _bits(rounded(v, d)) == _bits(_want(v, d))


def test_non_finite_and_huge_values_among_ordinary_ones():
    x = np.array([0.1234565, np.nan, -np.inf, 1e300, 2.5e15, -0.0, 3e-7, -3e-7, np.inf,
                  2.0 ** 48 / 1e6, 0.0000125] * 1000)
    for d in (0, 3, 6, 9):
        assert _bits(rounded(x, d)) == _bits(_want(x, d))
        assert _bits(rounded_array(x.copy(), d, overwrite=True).tolist()) == _bits(_want(x, d))


@pytest.mark.parametrize("bad", [2.5, "6", True, None])
def test_decimals_must_be_an_integer(bad):
    from negsim.errors import ArgumentError
    for f in (rounded, rounded_array, rounded_columns):
        with pytest.raises(ArgumentError, match="decimals must be an integer"):
            f(np.zeros((2, 2)), bad)
    assert rounded(np.array([0.125]), np.int64(2)) == [round(0.125, 2)]


def test_signed_zeros_and_empty():
    x = np.array([-0.0, 0.0, -4e-7, 4e-7, -0.5e-6, 0.5e-6, -1.5e-6])
    assert _bits(rounded(x)) == _bits(_want(x, 6))
    assert rounded(np.zeros(0)) == [] and rounded_columns(np.zeros((0, 2))) == [[], []]
    assert rounded_array(np.zeros((0, 3))).shape == (0, 3)


@settings(max_examples=300, deadline=None)
@given(st.floats(2.0 ** -3 / 1e6, 2.0 ** 48 / 1e6), st.integers(0, 11))
def test_exact_is_the_rational_rounding(a, d):
    scale = 10.0 ** d
    if not 0.25 <= abs(a * scale) < 2.0 ** 49:  # _exact's domain (the near-halves)
        return
    q = Fraction(a) * 10 ** d
    want = round(q)  # Fraction rounds half to even
    assert _exact(np.array([a, -a]), scale).tolist() == [want, -want]


def test_half_unit_is_far_from_powers_of_two():
    # the module's proof that x - r is exact for |k| == 1 needs 0.5 / 10**d to lie well inside a
    # binade (its distance to the nearest power of two, relative, far above 2**-50)
    for d in range(1, rounding._EXACT_DECIMALS + 1):
        v = Fraction(1, 2 * 10 ** d)
        e = math.floor(math.log2(v))
        lo, hi = Fraction(2) ** e, Fraction(2) ** (e + 1)
        while not lo <= v < hi:
            e += 1 if v >= hi else -1
            lo, hi = Fraction(2) ** e, Fraction(2) ** (e + 1)
        assert min(v / lo - 1, hi / v - 1) > Fraction(1, 50), d


@pytest.mark.parametrize("d", [0, 1, 6, 11, 12, 16, 22])
def test_x_minus_r_is_exact_next_to_the_first_half(d):
    # the values where Sterbenz does not apply (k == 1, x just below r / 2): x - r exact
    s = 10.0 ** d
    x = 0.5 / s
    for _ in range(40):
        x = float(np.nextafter(x, 0.0))
    for _ in range(80):
        x = float(np.nextafter(x, 1.0))
        r = float(np.rint(x * s)) / s
        assert Fraction(x) - Fraction(r) == Fraction(x - r)
        assert round(x, d) == rounded(np.array([x]), d)[0]
