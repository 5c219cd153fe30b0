"""Distributions of uncertain parameters: uniform, triangular, (truncated) normal and beta.

A scenario may give any judgement-based number (a demand's weight, a lever's effect, a threat's
credibility, an actor's reservation, power or patience) as a distribution instead of a number::

    weight = { dist = "triangular", low = 1, mode = 2, high = 4 }
    credibility = { dist = "beta", a = 6, b = 4 }
    effects = { Russia = { dist = "normal", mean = -0.3, sd = 0.1, low = -0.6, high = 0 } }

The point value that :func:`negsim.analyze` uses is the distribution's mean unless ``value`` says
otherwise.  Draws are made by inverse transform (``ppf`` of uniform numbers), so one uniform number
per parameter and draw, taken from a seeded generator, fixes every draw.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from negsim.errors import ScenarioError, did_you_mean, relocated, short_repr
from negsim.model._values import is_finite_number

__all__ = ["Distribution", "DISTRIBUTIONS"]

DISTRIBUTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "uniform": (("low", "high"), ()),
    "triangular": (("low", "mode", "high"), ()),
    "normal": (("mean", "sd"), ("low", "high")),
    "beta": (("a", "b"), ("low", "high")),
}
"""dist name → (required keys, optional keys); ``value`` (the point value) is optional for all."""


def _number(table: Mapping[str, Any], name: str) -> float | None:
    if name not in table:
        return None
    v = table[name]
    if not is_finite_number(v):
        raise ScenarioError(f"{name} is not a finite number", key=name,
                            expected="a finite number within ±1e+15 (MAX_MAGNITUDE)",
                            found=short_repr(v))
    return float(v)


@dataclass(frozen=True)
class Distribution:
    """A probability distribution of one parameter.

    Build one with :meth:`uniform`, :meth:`triangular`, :meth:`normal`, :meth:`beta`, or from a
    scenario-file table with :meth:`from_table`.

    Parameters
    ----------
    dist : str
        ``"uniform"``, ``"triangular"``, ``"normal"`` (truncated to [low, high] when given) or
        ``"beta"`` (scaled to [low, high], default [0, 1]).
    low, high, mode, mean, sd, a, b : float, optional
        The parameters of that distribution.
    value : float, optional
        The point value used by the deterministic analysis (default: the mean).

    Examples
    --------
    >>> d = Distribution.triangular(1, 2, 6)
    >>> d.mean, d.point, d.support
    (3.0, 3.0, (1.0, 6.0))
    >>> [round(float(x), 6) for x in d.ppf(np.array([0.0, 0.5, 1.0]))]
    [1.0, 2.837722, 6.0]
    """

    dist: str
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean_: float | None = None
    sd: float | None = None
    a: float | None = None
    b: float | None = None
    value: float | None = None

    # --- constructors -------------------------------------------------------------------------
    @classmethod
    def uniform(cls, low: float, high: float, value: float | None = None) -> Distribution:
        """Uniform on [low, high] (``low == high`` is a point mass)."""
        return cls.from_table({"dist": "uniform", "low": low, "high": high,
                               **({} if value is None else {"value": value})})

    @classmethod
    def triangular(cls, low: float, mode: float, high: float,
                   value: float | None = None) -> Distribution:
        """Triangular on [low, high] with its peak at ``mode``."""
        return cls.from_table({"dist": "triangular", "low": low, "mode": mode, "high": high,
                               **({} if value is None else {"value": value})})

    @classmethod
    def normal(cls, mean: float, sd: float, low: float | None = None, high: float | None = None,
               value: float | None = None) -> Distribution:
        """Normal, truncated to [low, high] where those are given."""
        t: dict[str, Any] = {"dist": "normal", "mean": mean, "sd": sd}
        t.update({k: v for k, v in (("low", low), ("high", high), ("value", value))
                  if v is not None})
        return cls.from_table(t)

    @classmethod
    def beta(cls, a: float, b: float, low: float = 0.0, high: float = 1.0,
             value: float | None = None) -> Distribution:
        """Beta(a, b) scaled to [low, high]."""
        return cls.from_table({"dist": "beta", "a": a, "b": b, "low": low, "high": high,
                               **({} if value is None else {"value": value})})

    @classmethod
    def from_table(cls, table: Mapping[str, Any], key: str | None = None) -> Distribution:
        """Check a table such as ``{dist = "uniform", low = 0, high = 1}`` and build it.

        Errors name the offending key below ``key`` (``key.low``, ``key.sd``, ...).
        """
        def sub(name: str) -> str:
            return f"{key}.{name}" if key else name

        name = table.get("dist")
        if name is not None and not isinstance(name, str):
            raise ScenarioError("the distribution's name is not a string", key=sub("dist"),
                                expected=" or ".join(repr(d) for d in DISTRIBUTIONS),
                                found=short_repr(name))
        if name is None:
            raise ScenarioError("a distribution needs a dist key", key=sub("dist"),
                                expected=" or ".join(repr(d) for d in DISTRIBUTIONS),
                                found="nothing")
        if name not in DISTRIBUTIONS:
            raise ScenarioError("unknown distribution", key=sub("dist"),
                                expected=" or ".join(repr(d) for d in DISTRIBUTIONS),
                                found=repr(name), hint=did_you_mean(name, DISTRIBUTIONS))
        required, optional = DISTRIBUTIONS[name]
        allowed = {"dist", "value", *required, *optional}
        for k in table:
            if k not in allowed and not str(k).startswith("__"):
                raise ScenarioError(f"unknown key {k!r} for a {name} distribution", key=sub(k),
                                    expected=f"one of {sorted(allowed)}", found=repr(k),
                                    hint=did_you_mean(k, allowed))
        for k in required:
            if k not in table:
                raise ScenarioError(f"a {name} distribution needs {k}", key=sub(k),
                                    expected="a number", found="nothing")
        try:
            vals = {k: _number(table, k) for k in ("low", "high", "mode", "mean", "sd", "a", "b",
                                                   "value")}
        except ScenarioError as exc:
            raise relocated(exc, key=sub(exc.key or "dist")) from None
        if name == "beta" and (vals["low"] is None) != (vals["high"] is None):
            raise ScenarioError("a scaled beta needs both low and high", key=sub(
                "high" if vals["high"] is None else "low"), expected="a number", found="nothing")
        if name == "beta" and vals["low"] is None:
            vals["low"], vals["high"] = 0.0, 1.0
        lo, hi = vals["low"], vals["high"]
        if lo is not None and hi is not None and lo > hi:
            raise ScenarioError("low is above high", key=sub("low"),
                                expected=f"a number <= high ({hi:g})", found=f"{lo:g}")
        if name in ("normal", "beta") and lo is not None and hi is not None and lo == hi:
            raise ScenarioError(f"a {name} distribution needs low < high", key=sub("high"),
                                expected=f"a number > {lo:g}", found=f"{hi:g}")
        if name == "triangular" and not lo <= vals["mode"] <= hi:  # type: ignore[operator]
            raise ScenarioError("the mode lies outside [low, high]", key=sub("mode"),
                                expected=f"a number in [{lo:g}, {hi:g}]", found=f"{vals['mode']:g}")
        if name == "normal" and vals["sd"] <= 0:  # type: ignore[operator]
            raise ScenarioError("the standard deviation must be positive", key=sub("sd"),
                                expected="a number > 0", found=f"{vals['sd']:g}")
        for k in ("a", "b"):
            if name == "beta" and vals[k] <= 0:  # type: ignore[operator]
                raise ScenarioError(f"beta's {k} must be positive", key=sub(k),
                                    expected="a number > 0", found=f"{vals[k]:g}")
        d = cls(name, lo, hi, vals["mode"], vals["mean"], vals["sd"], vals["a"], vals["b"],
                vals["value"])
        if d.value is not None:
            s_lo, s_hi = d.support
            if not s_lo <= d.value <= s_hi:
                raise ScenarioError("the point value lies outside the distribution's range",
                                    key=sub("value"), expected=f"a number in [{s_lo:g}, {s_hi:g}]",
                                    found=f"{d.value:g}")
        return d

    # --- properties -----------------------------------------------------------------------
    def _truncnorm_args(self) -> tuple[float, float]:
        assert self.mean_ is not None and self.sd is not None
        lo = -math.inf if self.low is None else (self.low - self.mean_) / self.sd
        hi = math.inf if self.high is None else (self.high - self.mean_) / self.sd
        return lo, hi

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take (may be infinite for a normal)."""
        if self.dist == "normal":
            return (-math.inf if self.low is None else self.low,
                    math.inf if self.high is None else self.high)
        return float(self.low), float(self.high)  # type: ignore[arg-type]

    @property
    def mean(self) -> float:
        """The distribution's mean."""
        lo, hi = (self.low or 0.0), (self.high or 0.0)
        if self.dist == "uniform":
            return (lo + hi) / 2
        if self.dist == "triangular":
            return (lo + float(self.mode) + hi) / 3  # type: ignore[arg-type]
        if self.dist == "beta":
            return lo + (hi - lo) * float(self.a) / (float(self.a) + float(self.b))  # type: ignore[arg-type]
        if self.low is None and self.high is None:
            return float(self.mean_)  # type: ignore[arg-type]
        from scipy.stats import truncnorm  # heavy (~0.3 s): loaded on first use
        a, b = self._truncnorm_args()
        return float(truncnorm.mean(a, b, loc=self.mean_, scale=self.sd))

    @property
    def point(self) -> float:
        """The value the deterministic analysis uses: ``value`` if given, else the mean."""
        return float(self.value) if self.value is not None else self.mean

    def ppf(self, q: np.ndarray) -> np.ndarray:
        """The quantile function: the value below which a share ``q`` of draws falls."""
        q = np.asarray(q, dtype=float)
        lo, hi = (self.low or 0.0), (self.high or 0.0)
        if self.dist == "uniform":
            return lo + q * (hi - lo)
        if self.dist == "triangular":
            if hi == lo:
                return np.full(q.shape, lo)
            m = float(self.mode)  # type: ignore[arg-type]
            c = (m - lo) / (hi - lo)
            left = lo + np.sqrt(q * (hi - lo) * (m - lo))
            right = hi - np.sqrt((1 - q) * (hi - lo) * (hi - m))
            return np.where(q < c, left, right)
        if self.dist == "beta":
            from scipy.stats import beta  # heavy (~0.3 s): loaded on first use
            return lo + (hi - lo) * beta.ppf(q, self.a, self.b)
        from scipy.stats import truncnorm  # heavy (~0.3 s): loaded on first use
        a, b = self._truncnorm_args()
        out = truncnorm.ppf(q, a, b, loc=self.mean_, scale=self.sd)
        s_lo, s_hi = self.support
        return np.clip(out, s_lo, s_hi)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` draws (inverse transform of ``rng.random(n)``)."""
        return self.ppf(rng.random(n))

    def describe(self) -> str:
        """A short text such as ``triangular(1, 2, 6)``.

        Examples
        --------
        >>> Distribution.normal(0.5, 0.1, low=0, high=1).describe()
        'normal(mean 0.5, sd 0.1) on [0, 1]'
        """
        if self.dist == "uniform":
            text = f"uniform({self.low:g}, {self.high:g})"
        elif self.dist == "triangular":
            text = f"triangular({self.low:g}, {self.mode:g}, {self.high:g})"
        elif self.dist == "beta":
            text = f"beta({self.a:g}, {self.b:g})"
            if (self.low, self.high) != (0.0, 1.0):
                text += f" on [{self.low:g}, {self.high:g}]"
        else:
            text = f"normal(mean {self.mean_:g}, sd {self.sd:g})"
            if self.low is not None or self.high is not None:
                lo, hi = self.support
                text += f" on [{lo:g}, {hi:g}]"
        if self.value is not None:
            text += f", point value {self.value:g}"
        return text

    def to_table(self) -> dict[str, Any]:
        """The distribution as a scenario-file table (inverse of :meth:`from_table`)."""
        out: dict[str, Any] = {"dist": self.dist}
        for k, v in (("low", self.low), ("mode", self.mode), ("high", self.high),
                     ("mean", self.mean_), ("sd", self.sd), ("a", self.a), ("b", self.b),
                     ("value", self.value)):
            if v is not None:
                out[k] = v
        return out
