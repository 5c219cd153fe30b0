"""The plot cloud's utilities rounded to ``CLOUD_DECIMALS``, exactly as Python's ``round``.

``round(x, d)`` (``0 <= d <= 22``) takes the integer ``K`` nearest the exact ``x * 10**d`` (ties
to even) and returns the double nearest ``K / 10**d``.  With ``s = 10.0**d`` (exact for
``d <= 22``) numpy's own round does three passes, ``k = rint(fl(x * s))`` and ``r = fl(k / s)``:
``r`` is the double nearest ``k / 10**d`` (IEEE division is correctly rounded, ``k`` an exact
integer), so ``r`` is ``round``'s answer wherever ``k == K``.  Then ``dev = x - r``, written
over ``x``, and two facts, given ``M * s < 2**48`` for the largest ``|x|`` ``M`` (so that
``|fl(x * s) - x * s| <= 2**-5`` and ``|k| <= M * s + 1``), say where that holds:

*``x - r`` is exact.*  For ``|k| >= 2``, ``|x * s - k| <= 1/2 + 2**-5`` puts ``x`` within
``[r/2, 2r]`` (Sterbenz).  For ``k == 0``, ``r`` is a zero.  For ``|k| == 1`` and
``|x| < |r|/2``, ``x`` lies within a few ulps of ``0.5 / s``, which is at least 2.4% away from
a power of two for every ``1 <= d <= 22`` (``tests/engine/test_rounding.py`` checks this in
rationals): ``x`` and ``r - x`` share ``x``'s binade, the difference lies on ``x``'s grid and is
representable.  So ``x == r + dev`` exactly: the originals can be given up for ``dev``.

*``|dev| < T`` proves ``k == K``*, with ``T = (1/2 - 2**-51 (M*s + 2)) / s``:
``|x*s - k| <= s |dev| + s |r - k/s| <= s |dev| + 2**-53 (M*s + 1)``, below 1/2 (the 2**-51
leaves room for the rounding of ``T`` itself), so ``k`` is the one integer within 1/2 of
``x * s``.  The few values with ``|dev| >= T`` lie within their products' rounding error of a
half-integer: their originals ``r + dev`` are kept, and the exact product (Dekker's
two-product) decides the side of the half, ties going to even, once for all of them.

The work goes a piece of ``_PIECE`` values at a time through one small array (no temporary of
the array's size: fresh pages cost more than the arithmetic).  Arrays with a non-finite or too
large value round their ordinary values this way and pass the others to ``round``; decimals
outside 0..22 (``10**d`` not a double) go to ``round`` value by value.
"""

from __future__ import annotations

import numbers

import numpy as np

from negsim.errors import ArgumentError

__all__ = ["CLOUD_DECIMALS", "rounded", "rounded_array", "rounded_columns"]


CLOUD_DECIMALS = 6
"""Decimals of the plot cloud's utilities."""

_EXACT_DECIMALS = 22
"""The largest ``d`` with ``10**d`` a double: the numpy path needs the exact scale."""

_FAST_LIMIT = 2.0 ** 48
"""Products ``|x| * 10**d`` below this round on the numpy path (``x - r`` exact, the error of
``fl(x * s)`` at most 2**-5)."""

_PIECE = 1 << 13
"""Values rounded at once: the work array (64 KiB) stays small enough to be reused heap memory."""

_PRODUCT_BOUND = 2.0 ** -51
"""The bound on the rounding error of ``k / s`` per unit of ``|k|``, as the threshold ``T``
uses it (four times 2**-53: room for the rounding of ``T``'s own arithmetic)."""


def _split(a: float) -> tuple[float, float]:
    c = 134217729.0 * a  # 2**27 + 1: Dekker's split into two 26-bit halves
    hi = c - (c - a)
    return hi, a - hi


def _exact(a: np.ndarray, scale: float) -> np.ndarray:
    """``round(a * scale)`` (to even) decided on the exact product of each ``a`` and ``scale``
    (Dekker's split and two-product, in a few reused arrays); ``|a * scale|`` in
    ``[1/4, 2**50)``, as it is near a half-integer.

    Worked on ``|a|`` (rounding to even is symmetric), the sign put back at the end: then
    ``p - floor(p)`` and its difference with 1/2 are exact (for a negative ``p`` just above
    -1/2, ``p + 1`` is not, and the decision went wrong)."""
    b = np.abs(a)
    p = b * scale
    ah = 134217729.0 * b  # b's split, as _split does it
    al = ah - b
    np.subtract(ah, al, out=ah)
    np.subtract(b, ah, out=al)
    bh, bl = _split(scale)
    err = np.multiply(ah, bh, out=b)  # ((ah bh - p) + ah bl + al bh) + al bl: p's error
    err -= p
    if bl:
        err += np.multiply(ah, bl, out=ah)
        err += np.multiply(al, bh, out=ah)
        err += np.multiply(al, bl, out=ah)
    else:  # 10**d, d <= 11, has at most 26 bits: the terms with bl are zero
        err += np.multiply(al, bh, out=ah)
    low = np.floor(p, out=ah)
    d = np.subtract(p, low, out=p)  # exact, and so is d - 0.5: the sign of |a| s - (low + 0.5)
    d -= 0.5
    d += err
    np.add(low, d > 0, out=low)
    tie = np.flatnonzero(d == 0)
    if len(tie):  # exactly half-way: to even
        lt = low[tie]
        low[tie] = lt + (lt - 2.0 * np.floor(lt * 0.5))
    return np.copysign(low, a, out=low)  # -0.0 stays


def _round_flat(x: np.ndarray, decimals: int, out: np.ndarray) -> None:
    """Write ``round(v, decimals)`` of every value of the 1-d contiguous ``x`` into ``out`` (of
    the same length; ``x`` itself allowed, then spent as work space).

    A piece of ``_PIECE`` values at a time through one small reused array (no temporary of the
    array's size: fresh pages cost more than the arithmetic); the few near a half are kept,
    with their originals, for one exact decision at the end."""
    n = len(x)
    if not n:
        return
    if not 0 <= decimals <= _EXACT_DECIMALS:
        out[:] = [round(v, decimals) for v in x.tolist()]
        return
    scale = float(10 ** decimals)
    hi, lo = float(x.max()), float(x.min())
    if not (hi * scale < _FAST_LIMIT and -lo * scale < _FAST_LIMIT):  # inf, nan or huge
        _round_odd(x, decimals, out)
        return
    limit = (0.5 - _PRODUCT_BOUND * (max(hi, -lo) * scale + 2.0)) / scale
    work = np.empty(min(n, _PIECE))
    at: list[np.ndarray] = []
    near_x: list[np.ndarray] = []
    for start in range(0, n, _PIECE):
        xp, op = x[start:start + _PIECE], out[start:start + _PIECE]
        r = work[:len(xp)]
        np.multiply(xp, scale, out=r)
        np.rint(r, out=r)
        r /= scale
        dev = np.subtract(xp, r, out=op)  # exact: x == r + dev
        if not (float(dev.max()) < limit and -float(dev.min()) < limit):
            near = np.flatnonzero((dev >= limit) | (dev <= -limit))
            at.append(near + start)
            near_x.append(r[near] + dev[near])
        np.copyto(op, r)
    if at:
        k = _exact(np.concatenate(near_x), scale)
        out[np.concatenate(at)] = np.divide(k, scale, out=k)


def _round_odd(x: np.ndarray, decimals: int, out: np.ndarray) -> None:
    """:func:`_round_flat` of an array with some non-finite or too large products: those go to
    ``round``, the rest through the numpy path."""
    scale = float(10 ** decimals)
    with np.errstate(invalid="ignore", over="ignore"):
        odd = np.flatnonzero(~(np.abs(x) * scale < _FAST_LIMIT))
    kept = x[odd].tolist()
    if out is not x:
        np.copyto(out, x)
    out[odd] = 0.0
    _round_flat(out, decimals, out)
    out[odd] = [round(v, decimals) for v in kept]


def _round_any(v: np.ndarray, decimals: int, overwrite: bool) -> np.ndarray:
    """The rounded values of the float array ``v`` as an array of its shape: ``v`` itself when
    ``overwrite`` (its memory then holds them), else a new array."""
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral):
        raise ArgumentError(f"decimals must be an integer, as round() takes it, not {decimals!r}")
    decimals = int(decimals)
    contiguous = v.flags.c_contiguous or v.flags.f_contiguous
    if overwrite and contiguous:
        flat = v.ravel(order="K")  # a view: the memory in its own order
        _round_flat(flat, decimals, flat)
        return v
    if overwrite:  # strided: rounded in a contiguous copy, written back
        v[...] = _round_any(v, decimals, False)
        return v
    src = v if contiguous else np.ascontiguousarray(v)
    res = np.empty_like(src, order="K")
    _round_flat(src.ravel(order="K"), decimals, res.ravel(order="K"))
    return res


def rounded(values: np.ndarray, decimals: int = CLOUD_DECIMALS) -> list[float]:
    """``[round(float(x), decimals) for x in values]``, exactly, without a Python call per value.

    The module's notes say why: numpy's ``x * 10**d``, ``rint`` and ``/ 10**d`` over the array
    (a piece at a time), a proof that the numerator is ``round``'s wherever ``x`` is far enough
    from a half, and the exact product for the few that are not.  Values too large for this go through
    ``round``.

    Examples
    --------
    >>> rounded(np.array([0.1 + 0.2, 1 / 3, 2.5e-7, -0.0, 0.0000125]))
    [0.3, 0.333333, 0.0, -0.0, 1.3e-05]
    >>> rounded(np.array([0.25, 0.35, 1.5, 2.5, -2.5]), 1), rounded(np.array([1.5, 2.5, -0.5]), 0)
    ([0.2, 0.3, 1.5, 2.5, -2.5], [2.0, 2.0, -0.0])
    """
    v = np.asarray(values, dtype=float)
    return _round_any(v, decimals, False).ravel().tolist()


def rounded_array(values: np.ndarray, decimals: int = CLOUD_DECIMALS, *,
                  overwrite: bool = False) -> np.ndarray:
    """:func:`rounded` as an array of the same shape: the doubles ``round`` returns, no Python
    float made per value (``rounded_array(x).ravel().tolist() == rounded(x)``).

    ``overwrite=True`` rounds in the memory of ``values`` when it is a writeable float array
    (returned then); else a new array.

    Examples
    --------
    >>> rounded_array(np.array([[0.1 + 0.2, 2.5e-7], [1e300, 0.0000125]])).tolist()
    [[0.3, 0.0], [1e+300, 1.3e-05]]
    """
    v = np.asarray(values, dtype=float)
    return _round_any(v, decimals, overwrite and v is values and v.flags.writeable)


def rounded_columns(values: np.ndarray, decimals: int = CLOUD_DECIMALS, *,
                    overwrite: bool = False) -> list[list[float]]:
    """:func:`rounded` of each column of a 2-d array: ``[rounded(values[:, j]) for j ...]``.

    ``overwrite=True`` lets the rounding use ``values`` as its work space (it is then
    overwritten): no second array of its size.

    Examples
    --------
    >>> rounded_columns(np.array([[0.1 + 0.2, 1.0], [1 / 3, 2.5e-7]]))
    [[0.3, 0.333333], [1.0, 0.0]]
    """
    v = np.asarray(values, dtype=float)
    w = _round_any(v, decimals, overwrite and v is values and v.flags.writeable)
    return [w[:, j].tolist() for j in range(w.shape[1])]
