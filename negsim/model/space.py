"""The outcome space: the product of the issues' options, less what constraints forbid.

Outcomes are numbered in mixed radix (the first issue varies slowest, as in ``numpy.unravel_index``).
Work over the space is done in chunks of option-index rows, so no array the size of the whole
space is ever allocated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from negsim.errors import NegsimError, ScenarioError, did_you_mean
from negsim.model import Constraint, Issue, Option

__all__ = ["OutcomeSpace", "DEFAULT_CHUNK"]

DEFAULT_CHUNK = 1 << 16
_MAX_ENUMERABLE = 1 << 62


@dataclass(frozen=True)
class OutcomeSpace:
    """The issues of a negotiation and the constraints that forbid combinations.

    Parameters
    ----------
    issues : tuple of Issue
    constraints : tuple of Constraint

    Examples
    --------
    >>> space = OutcomeSpace((Issue("a", ("x", "y"), "x"), Issue("b", (1, 2, 3), 1)))
    >>> space.size, space.outcome(4)
    (6, {'a': 'y', 'b': 2})
    >>> space.index({"a": "y", "b": 2})
    4
    """

    issues: tuple[Issue, ...]
    constraints: tuple[Constraint, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "issues", tuple(self.issues))
        object.__setattr__(self, "constraints", tuple(self.constraints))
        if not self.issues:
            raise ScenarioError("a scenario needs at least one issue", key="issues",
                                expected="one or more [[issues]]", found="none")

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The issue ids, in order."""
        return tuple(i.id for i in self.issues)

    @cached_property
    def position(self) -> dict[str, int]:
        """Issue id → position."""
        return {i: k for k, i in enumerate(self.ids)}

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of options of each issue."""
        return tuple(len(i) for i in self.issues)

    @property
    def size(self) -> int:
        """The number of outcomes before constraints (an exact Python integer)."""
        n = 1
        for k in self.shape:
            n *= k
        return n

    def issue(self, issue_id: str, key: str | None = None) -> Issue:
        """The issue with this id; a clear error naming the known ids if there is none."""
        pos = self.position.get(issue_id)
        if pos is None:
            raise ScenarioError(f"unknown issue {issue_id!r}", key=key,
                                expected=f"one of {list(self.ids)}", found=repr(issue_id),
                                hint=did_you_mean(issue_id, self.ids))
        return self.issues[pos]

    @property
    def status_quo(self) -> tuple[int, ...]:
        """Option indices of the no-deal outcome (every issue at its status quo)."""
        return tuple(i.status_quo_index for i in self.issues)

    def indices_of(self, outcome: Mapping[str, Option], *, fill_status_quo: bool = False,
                   key: str | None = None) -> tuple[int, ...]:
        """Option indices of an outcome given as issue id → option."""
        for issue_id in outcome:
            self.issue(issue_id, key=f"{key}.{issue_id}" if key else issue_id)
        row = []
        for issue in self.issues:
            if issue.id in outcome:
                sub = f"{key}.{issue.id}" if key else issue.id
                row.append(issue.index(outcome[issue.id], key=sub))
            elif fill_status_quo:
                row.append(issue.status_quo_index)
            else:
                raise ScenarioError(f"the outcome does not set issue {issue.id!r}", key=key,
                                    expected="an option for every issue", found="nothing")
        return tuple(row)

    def index(self, outcome: Mapping[str, Option]) -> int:
        """The number of a full outcome."""
        idx = 0
        for k, n in zip(self.indices_of(outcome), self.shape):
            idx = idx * n + k
        return idx

    def decode(self, row: np.ndarray | tuple[int, ...]) -> dict[str, Option]:
        """An outcome (issue id → option) from a row of option indices."""
        return {issue.id: issue.options[int(k)] for issue, k in zip(self.issues, row)}

    def row(self, index: int) -> tuple[int, ...]:
        """Option indices of outcome number ``index``."""
        if not 0 <= index < self.size:
            raise NegsimError(f"outcome index {index} outside [0, {self.size})")
        out = []
        for n in reversed(self.shape):
            index, k = divmod(index, n)
            out.append(k)
        return tuple(reversed(out))

    def outcome(self, index: int) -> dict[str, Option]:
        """Outcome number ``index`` as issue id → option."""
        return self.decode(self.row(index))

    def chunks(self, chunk_size: int = DEFAULT_CHUNK) -> Iterator[tuple[int, np.ndarray]]:
        """Yield ``(first index, rows)`` covering the whole space, ``rows`` of at most chunk_size.

        ``rows`` has shape ``(k, n_issues)`` and holds option indices.
        """
        size = self.size
        if size > _MAX_ENUMERABLE:
            raise NegsimError(f"the outcome space has {size:.3g} outcomes: too many to enumerate")
        shape = self.shape
        for start in range(0, size, chunk_size):
            flat = np.arange(start, min(size, start + chunk_size), dtype=np.int64)
            yield start, np.stack(np.unravel_index(flat, shape), axis=1).astype(np.intp)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` outcomes drawn uniformly (with replacement) as rows of option indices.

        Each issue's option is drawn independently, which is uniform over the product space for
        any size, however large.
        """
        return np.stack([rng.integers(0, k, size=n) for k in self.shape], axis=1).astype(np.intp)

    def flat_index(self, rows: np.ndarray) -> np.ndarray:
        """Outcome numbers of rows of option indices (spaces below 2**62 outcomes)."""
        return np.ravel_multi_index(tuple(rows.T), self.shape).astype(np.int64)

    def allowed(self, rows: np.ndarray) -> np.ndarray:
        """Boolean mask: which rows no constraint forbids."""
        ok = np.ones(len(rows), dtype=bool)
        for c in self.constraints:
            hit = np.ones(len(rows), dtype=bool)
            for issue_id, opts in c.forbid.terms:
                issue = self.issue(issue_id)
                member = np.zeros(len(issue), dtype=bool)
                member[[issue.index(o) for o in opts]] = True
                hit &= member[rows[:, self.position[issue_id]]]
            ok &= ~hit
        return ok
