"""The plot cloud's utilities rounded to ``CLOUD_DECIMALS``, exactly as Python's ``round``."""

from __future__ import annotations

import numpy as np

__all__ = ["CLOUD_DECIMALS", "rounded", "rounded_array", "rounded_columns"]


CLOUD_DECIMALS = 6
"""Decimals of the plot cloud's utilities."""

_PIECE = 1 << 13  # values rounded at once: work arrays small enough to be reused heap memory


def _split(a: float) -> tuple[float, float]:
    c = 134217729.0 * a  # 2**27 + 1: Dekker's split into two 26-bit halves
    hi = c - (c - a)
    return hi, a - hi


def _exact(a: np.ndarray, scale: float) -> np.ndarray:
    """``round(a * scale)`` (to even) decided on the exact product of each ``a`` and ``scale``
    (Dekker's split and two-product, in a few reused arrays)."""
    p = a * scale
    ah = 134217729.0 * a  # a's split, as _split does it
    al = ah - a
    np.subtract(ah, al, out=ah)
    np.subtract(a, ah, out=al)
    bh, bl = _split(scale)
    err = ah * bh  # ((ah bh - p) + ah bl + al bh) + al bl: p's rounding error
    err -= p
    prod = np.multiply(ah, bl, out=ah)
    err += prod
    err += np.multiply(al, bh, out=prod)
    err += np.multiply(al, bl, out=prod)
    low = np.floor(p)
    d = np.subtract(p, low, out=p)  # exact, and so is d - 0.5: the sign of a * scale - (low + 0.5)
    d -= 0.5
    d += err
    np.add(low, d > 0, out=low)
    tie = np.flatnonzero(d == 0)
    if len(tie):  # exactly half-way: to even
        lt = low[tie]
        low[tie] = lt + (lt - 2.0 * np.floor(lt * 0.5))
    return np.copysign(low, a, out=low)  # -0.0 stays


def _rounded(x: np.ndarray, decimals: int, out: np.ndarray | None = None) -> tuple[
        np.ndarray, np.ndarray, np.ndarray]:
    """The rounded values as an array (``out``, which may be ``x`` itself, else a new one), and
    the positions and values :func:`round` must redo (too large, or not finite)."""
    scale = 10.0 ** decimals
    n = len(x)
    k = np.empty(n) if out is None else out
    redo_at, redo_x = [], []
    z = np.empty(min(n, _PIECE))
    d = np.empty(min(n, _PIECE))
    with np.errstate(invalid="ignore", over="ignore"):
        for lo in range(0, n, _PIECE):
            piece = x[lo:lo + _PIECE]
            m = len(piece)
            zp, dp = z[:m], d[:m]
            np.multiply(piece, scale, out=zp)
            top = max(-float(zp.min()), float(zp.max())) if m else 0.0
            if not top < 2.0 ** 50:  # too large for the fast path somewhere (or inf, nan)
                np.abs(zp, out=dp)
                bad = ~(dp < 2.0 ** 50)
                at = np.flatnonzero(bad)
                redo_at.append(lo + at)
                redo_x.append(piece[at].copy())
                zp[bad] = 0.0
                top = float(np.max(dp, where=~bad, initial=0.0))
            np.rint(zp, out=dp)
            np.subtract(zp, dp, out=zp)
            np.abs(zp, out=zp)
            # within the product's rounding error of a half-integer (|z| 2**-50 >= 4 ulp(z)),
            # with the piece's largest |z| in every value's bound
            near = np.flatnonzero(zp >= 0.5 - top * 2.0 ** -50)
            xs = piece[near]  # a copy: ``piece`` may be this part of ``k``
            kp = k[lo:lo + _PIECE]
            kp[...] = dp
            if len(near):
                kp[near] = _exact(xs, scale)
        k /= scale
    if redo_at:
        return k, np.concatenate(redo_at), np.concatenate(redo_x)
    return k, np.zeros(0, dtype=np.intp), np.zeros(0)


def rounded(values: np.ndarray, decimals: int = CLOUD_DECIMALS) -> list[float]:
    """``[round(float(x), decimals) for x in values]``, exactly, without a Python call per value.

    ``round`` takes the decimal nearest the exact ``x`` (ties to even) and returns the double
    nearest it.  ``k = rint(x * 10**decimals)`` is that decimal's numerator unless the product
    lies within its rounding error of a half-integer; there the exact product (Dekker's two-product)
    says on which side of the half ``x`` lies, or that it is exactly on it (``0.25`` to one
    decimal), where ties go to even as ``round`` does.
    ``k / 10**decimals`` is the double nearest ``k`` / 10^decimals, IEEE division being correctly
    rounded.  Values too large for this go through ``round``.

    Examples
    --------
    >>> rounded(np.array([0.1 + 0.2, 1 / 3, 2.5e-7, -0.0, 0.0000125]))
    [0.3, 0.333333, 0.0, -0.0, 1.3e-05]
    >>> rounded(np.array([0.25, 0.35, 1.5, 2.5, -2.5]), 1), rounded(np.array([1.5, 2.5, -0.5]), 0)
    ([0.2, 0.3, 1.5, 2.5, -2.5], [2.0, 2.0, -0.0])
    """
    return _rounded_list(np.asarray(values, dtype=float).ravel(), decimals)


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
    if not (overwrite and v.flags.writeable and v is values):
        v = v.copy()
    if v.ndim != 2 and not v.flags.c_contiguous:
        v = np.ascontiguousarray(v)
    for x in ([v[:, j] for j in range(v.shape[1])] if v.ndim == 2 else [v.reshape(-1)]):
        _redo_into(x, decimals)
    return v


def _redo_into(x: np.ndarray, decimals: int) -> None:
    """Round the 1-d view ``x`` in place."""
    k, redo, values = _rounded(x, decimals, x)
    for i, val in zip(redo.tolist(), values.tolist()):
        k[i] = round(val, decimals)


def _rounded_list(x: np.ndarray, decimals: int, overwrite: bool = False) -> list[float]:
    k, redo, values = _rounded(x, decimals, x if overwrite and x.flags.writeable else None)
    out = k.tolist()
    for i, v in zip(redo.tolist(), values.tolist()):
        out[i] = round(v, decimals)
    return out


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
    return [_rounded_list(v[:, j], decimals, overwrite) for j in range(v.shape[1])]
