"""Input checks shared by the game algorithms (private).

Every public function of :mod:`negsim.games` checks its arguments here, once, and raises
:class:`~negsim.errors.ScenarioError` naming the argument, what was expected and what was found.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from negsim.errors import ScenarioError, short_repr


def payoff_array(value: Any, name: str, *, ndim: int | None = None) -> np.ndarray:
    """Return ``value`` as a finite float array with no empty axis."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ScenarioError(f"{name} must be an array of numbers", key=name,
                            expected="numbers", found=short_repr(value)) from None
    if ndim is not None and arr.ndim != ndim:
        raise ScenarioError(f"{name} has the wrong number of dimensions", key=name,
                            expected=f"a {ndim}-dimensional array",
                            found=f"shape {arr.shape}")
    if arr.size == 0 or 0 in arr.shape:
        raise ScenarioError(f"{name} is empty", key=name,
                            expected="at least one strategy per player",
                            found=f"shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ScenarioError(f"{name} holds NaN or infinite payoffs", key=name,
                            expected="finite numbers", found="NaN or inf",
                            hint="replace missing payoffs by numbers")
    return arr


def number(value: Any, name: str, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False) -> float:
    """Return ``value`` as a finite float inside the given bounds."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ScenarioError(f"{name} must be a number", key=name, expected="a number",
                            found=short_repr(value))
    x = float(value)
    lo_txt = "" if low is None else (f"> {low:g}" if low_open else f">= {low:g}")
    hi_txt = "" if high is None else (f"< {high:g}" if high_open else f"<= {high:g}")
    expected = "a number " + " and ".join(t for t in (lo_txt, hi_txt) if t)
    bad = not math.isfinite(x)
    if low is not None and (x < low or (low_open and x == low)):
        bad = True
    if high is not None and (x > high or (high_open and x == high)):
        bad = True
    if bad:
        raise ScenarioError(f"{name} is out of range", key=name, expected=expected.strip(),
                            found=short_repr(value))
    return x
