"""Plain-data results: dataclasses that turn into JSON-ready dicts and back.

Every result class of negsim derives from :class:`PlainData`.  Fields may be numbers, strings,
booleans, ``None``, lists, tuples, dicts with string keys, and other ``PlainData`` classes; the type
hints drive :meth:`PlainData.from_dict`, so ``Cls.from_dict(obj.to_dict()) == obj``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Sequence
from typing import Any, Iterator, TypeVar

import numpy as np

__all__ = ["PlainData", "ArrayList"]

T = TypeVar("T", bound="PlainData")


class ArrayList(Sequence):
    """A read-only list of the values of one or more 1-d numpy arrays, end to end.

    It stands where a result has a ``list`` of numbers or booleans too long to make into Python
    objects until someone reads or writes it: it has a list's length, indexing, iteration,
    ``repr`` and equality (``ArrayList(...) == [...]`` compares values as two lists would),
    ``np.asarray`` gives the values without Python objects, and :class:`PlainData` writes it as
    the list :meth:`tolist` returns (the same JSON bytes as that list).  The arrays are made
    read-only; their values are not copied.

    Examples
    --------
    >>> import numpy as np
    >>> a = ArrayList(np.array([0.5, 1.0]), np.array([2.0]))
    >>> len(a), a[-1], a == [0.5, 1.0, 2.0], a.tolist()
    (3, 2.0, True, [0.5, 1.0, 2.0])
    """

    __slots__ = ("_parts", "_len")
    __hash__ = None  # type: ignore[assignment]  # like a list

    def __init__(self, *parts: np.ndarray) -> None:
        views = []
        for p in parts:
            v = np.asarray(p).view()
            if v.ndim != 1:
                raise ValueError(f"ArrayList takes 1-d arrays, not shape {v.shape}")
            v.flags.writeable = False
            views.append(v)
        self._parts = tuple(views)
        self._len = sum(len(v) for v in views)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self.tolist()[index]
        i = int(index)
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("ArrayList index out of range")
        for p in self._parts:
            if i < len(p):
                return p[i].item()
            i -= len(p)
        raise IndexError("ArrayList index out of range")  # pragma: no cover

    def __iter__(self) -> Iterator[Any]:
        return iter(self.tolist())

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        if len(self._parts) == 1:
            out = self._parts[0]
        elif not self._parts:
            out = np.zeros(0)
        else:
            out = np.concatenate(self._parts)
            copy = False if copy else copy  # already a new array
        if dtype is not None and out.dtype != dtype:
            return out.astype(dtype)
        return out.copy() if copy else out

    def tolist(self) -> list[Any]:
        """The values as a new list of Python numbers (or booleans)."""
        if len(self._parts) == 1:
            return self._parts[0].tolist()
        out: list[Any] = []
        for p in self._parts:
            out.extend(p.tolist())
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArrayList):
            return self._len == other._len and self.tolist() == other.tolist()
        if isinstance(other, list):
            return self._len == len(other) and self.tolist() == other
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self.tolist())

    def __reduce__(self) -> tuple[Any, ...]:
        return (ArrayList, self._parts)


def _to_plain(value: Any) -> Any:
    if isinstance(value, ArrayList):
        values = value.tolist()
        if any(p.dtype.kind == "f" and not np.isfinite(p).all() for p in value._parts):
            return [_to_plain(v) for v in values]
        return values
    if isinstance(value, PlainData):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _from_plain(arg, value)
            except (TypeError, ValueError, KeyError, AttributeError):
                continue
        return value
    if isinstance(tp, type) and issubclass(tp, PlainData):
        return tp.from_dict(value)
    if origin is list:
        return [_from_plain(args[0] if args else Any, v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in value)
        if args:
            return tuple(_from_plain(a, v) for a, v in zip(args, value))
        return tuple(value)
    if origin is dict:
        vt = args[1] if len(args) == 2 else Any
        return {k: _from_plain(vt, v) for k, v in value.items()}
    if tp is float:
        if value in ("inf", "-inf"):
            return float(value)
        if value is None:
            return math.nan
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"not a number: {value!r}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"not an integer: {value!r}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise TypeError(f"not a string: {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError(f"not a boolean: {value!r}")
        return value
    return value


class PlainData:
    """Mixin for result dataclasses: ``to_dict``, ``to_json``, ``from_dict``, ``from_json``.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Point(PlainData):
    ...     x: float
    ...     label: str
    >>> Point.from_dict(Point(1.5, "a").to_dict()) == Point(1.5, "a")
    True
    """

    def to_dict(self) -> dict[str, Any]:
        """Return the result as nested dicts and lists of plain values."""
        return _to_plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """Return the result as a JSON string (keys in field order, stable across runs)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Rebuild the result from :meth:`to_dict` output."""
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _from_plain(hints[f.name], data[f.name])
        return cls(**kwargs)

    @classmethod
    def from_json(cls: type[T], text: str) -> T:
        """Rebuild the result from :meth:`to_json` output."""
        return cls.from_dict(json.loads(text))
