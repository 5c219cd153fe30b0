"""Option values and the small checks every model class shares."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Union

from negsim.errors import ScenarioError, short_repr
from negsim.limits import MAX_MAGNITUDE

__all__ = ["Option", "same_option", "check_names", "is_option", "is_finite_number"]

Option = Union[str, int, float]
"""An issue's option: a string (``"halt_all"``) or a number (``30``)."""


def same_option(a: object, b: object) -> bool:
    """True when two option values are the same option (``30 == 30.0``, but ``"30" != 30``).

    Examples
    --------
    >>> same_option(30, 30.0), same_option("30", 30), same_option(True, 1)
    (True, False, False)
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


def is_option(value: object) -> bool:
    """Whether ``value`` can be an issue's option: a string, an integer or a finite float (not a
    bool).

    Examples
    --------
    >>> is_option("truce"), is_option(3), is_option(float("nan")), is_option(True)
    (True, True, False, False)
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return is_finite_number(value)
    return isinstance(value, str)


def is_finite_number(value: object) -> bool:
    """Whether ``value`` is an int or float (not a bool) within ±``MAX_MAGNITUDE``; never raises,
    however large an integer it is given.

    Examples
    --------
    >>> is_finite_number(3), is_finite_number(10**400), is_finite_number(float("inf"))
    (True, False, False)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE
    return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE


def _as_options(value: object, key: str) -> tuple[Option, ...]:
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if not items:
        raise ScenarioError("the list of options is empty", key=key,
                            expected="an option or a non-empty list of options", found="[]")
    for item in items:
        if not is_option(item):
            raise ScenarioError("not an option value", key=key,
                                expected="a string or a finite number", found=repr(item))
    return tuple(items)  # type: ignore[return-value]


def _finite_number(value: object, key: str, *, positive: bool = False) -> float:
    if not is_finite_number(value):
        raise ScenarioError("not a finite number", key=key,
                            expected=f"a finite number within ±{MAX_MAGNITUDE:g} (MAX_MAGNITUDE)",
                            found=short_repr(value))
    if positive and value <= 0:
        raise ScenarioError("must be positive", key=key, expected="a number > 0",
                            found=repr(value))
    return float(value)


def check_names(names: Iterable[str], kind: str, key: str) -> None:
    """Raise if ``names`` has duplicates."""
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ScenarioError(f"duplicate {kind} {n!r}", key=key, expected=f"unique {kind} ids",
                                found=f"{n!r} twice")
        seen.add(n)
