"""The outcome space: the product of the issues' options, less what constraints forbid.

Outcomes are numbered in mixed radix (the first issue varies slowest, as in ``numpy.unravel_index``).
Work over the space is done in chunks of option-index rows, so no array the size of the whole
space is ever allocated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from negsim.errors import NegsimError, ScenarioError, did_you_mean
from negsim.model import Constraint, Issue, Option, same_option

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

    @cached_property
    def shape(self) -> tuple[int, ...]:
        """The number of options of each issue."""
        return tuple(len(i) for i in self.issues)

    @cached_property
    def size(self) -> int:
        """The number of outcomes before constraints (an exact Python integer)."""
        n = 1
        for k in self.shape:
            n *= k
        return n

    @cached_property
    def option_positions(self) -> tuple[dict[Option, int], ...]:
        """Per issue, option → position (a first guess: :meth:`option_index` checks it)."""
        out = []
        for issue in self.issues:
            d: dict[Option, int] = {}
            for k, o in enumerate(issue.options):
                d.setdefault(o, k)
            out.append(d)
        return tuple(out)

    def option_index(self, pos: int, option: object, key: str | None = None) -> int:
        """``self.issues[pos].index(option)`` by a dictionary lookup (the same answer and error).

        Examples
        --------
        >>> space = OutcomeSpace((Issue("days", (0, 30, 60), 0),))
        >>> space.option_index(0, 30.0), space.option_index(0, 60)
        (1, 2)
        """
        issue = self.issues[pos]
        try:
            k = self.option_positions[pos].get(option)  # type: ignore[call-overload]
        except TypeError:  # unhashable
            k = None
        if k is not None and same_option(issue.options[k], option):
            return k
        return issue.index(option, key=key)

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
        return self.number(self.indices_of(outcome))

    def number(self, row: Sequence[int] | np.ndarray) -> int:
        """The number of the outcome with these option indices (an exact Python integer).

        Examples
        --------
        >>> OutcomeSpace((Issue("a", ("x", "y"), "x"), Issue("b", (1, 2, 3), 1))).number((1, 1))
        4
        """
        idx = 0
        for k, n in zip(row, self.shape):
            idx = idx * n + int(k)
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

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """Rows of option indices of outcome numbers (spaces below 2**62 outcomes).

        Examples
        --------
        >>> OutcomeSpace((Issue("a", ("x", "y"), "x"), Issue("b", (1, 2, 3), 1))).rows_of(
        ...     np.array([0, 4])).tolist()
        [[0, 0], [1, 1]]
        """
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return np.zeros((0, len(self.issues)), dtype=np.intp)
        return np.stack(np.unravel_index(ids, self.shape), axis=1).astype(np.intp)

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

    def blocks(self, chunk_size: int = DEFAULT_CHUNK) -> Iterator[tuple[int, np.ndarray, int]]:
        """Yield ``(first index, leading rows, split)`` covering the whole space in order.

        A block is every outcome whose first ``split`` issues take one of the ``leading rows``
        (option indices, shape ``(m, split)``, consecutive in outcome order) and whose other
        issues take any option: ``m * prod(shape[split:])`` consecutive outcomes, a grid that
        preference tables fill by broadcasting instead of a gather per outcome.  ``split`` is the
        fewest leading issues whose remaining grid has at most ``chunk_size`` outcomes.

        Examples
        --------
        >>> space = OutcomeSpace((Issue("a", ("x", "y", "z"), "x"), Issue("b", (1, 2), 1)))
        >>> [(start, lead.tolist(), split) for start, lead, split in space.blocks(4)]
        [(0, [[0], [1]], 1), (4, [[2]], 1)]
        """
        size = self.size
        if size > _MAX_ENUMERABLE:
            raise NegsimError(f"the outcome space has {size:.3g} outcomes: too many to enumerate")
        shape = self.shape
        split, trail = 0, size
        while split < len(shape) and trail > max(1, chunk_size):
            trail //= shape[split]
            split += 1
        lead_shape = shape[:split]
        n_lead = size // trail if trail else 0
        per = max(1, chunk_size // trail) if trail else 1
        for first in range(0, n_lead, per):
            flat = np.arange(first, min(n_lead, first + per), dtype=np.int64)
            lead = np.stack(np.unravel_index(flat, lead_shape), axis=1).astype(np.intp) \
                if split else np.zeros((1, 0), dtype=np.intp)
            yield first * trail, lead, split

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` outcomes drawn uniformly (with replacement) as rows of option indices.

        Each issue's option is drawn independently, which is uniform over the product space for
        any size, however large.
        """
        return np.stack([rng.integers(0, k, size=n) for k in self.shape], axis=1).astype(np.intp)

    def sample_columns(self, n: int, rng: np.random.Generator) -> list[np.ndarray]:
        """:meth:`sample` as one array of option indices per issue (the same draws, and the
        generator left in the same state), each of the smallest unsigned integer type that holds
        the issue's option indices.

        Examples
        --------
        >>> space = OutcomeSpace((Issue("a", ("x", "y"), "x"), Issue("b", (1, 2, 3), 1)))
        >>> cols = space.sample_columns(4, np.random.default_rng(0))
        >>> (np.stack(cols, axis=1) == space.sample(4, np.random.default_rng(0))).all()
        np.True_
        """
        # drawn as int32, which takes the same numbers from the generator as its default int64
        # for ranges below 2**32, and kept in the smallest unsigned type that holds the options:
        # a fraction of the memory (fresh pages cost more than the draws on large samples)
        out = []
        for k in self.shape:
            small = np.uint8 if k <= 1 << 8 else np.uint16 if k <= 1 << 16 else np.intp
            out.append(rng.integers(0, k, size=n, dtype=np.int32).astype(small))
        return out

    def allowed_columns(self, columns: list[np.ndarray]) -> np.ndarray:
        """:meth:`allowed` of outcomes given as one array of option indices per issue."""
        n = len(columns[0]) if columns else 0
        ok = np.ones(n, dtype=bool)
        for terms in self._forbidden:
            hit = np.ones(n, dtype=bool)
            for pos, member in terms:
                hit &= member[columns[pos]]
            ok &= ~hit
        return ok

    def flat_index(self, rows: np.ndarray) -> np.ndarray:
        """Outcome numbers of rows of option indices (spaces below 2**62 outcomes)."""
        return np.ravel_multi_index(tuple(rows.T), self.shape).astype(np.int64)

    def numbers(self, rows: np.ndarray) -> np.ndarray:
        """Outcome numbers of rows of option indices in any space: :meth:`flat_index` (int64)
        below 2**62 outcomes, Python integers in an object array above."""
        if self.size < 1 << 62:
            return self.flat_index(rows)
        out = np.empty(len(rows), dtype=object)
        for k, row in enumerate(rows):
            out[k] = self.number(row)
        return out

    @cached_property
    def _forbidden(self) -> tuple[tuple[tuple[int, np.ndarray], ...], ...]:
        """Per constraint, (issue position, member mask over its options) of each term."""
        out = []
        for c in self.constraints:
            terms = []
            for issue_id, opts in c.forbid.terms:
                pos = self.position[self.issue(issue_id).id]
                member = np.zeros(len(self.issues[pos]), dtype=bool)
                member[[self.option_index(pos, o) for o in opts]] = True
                terms.append((pos, member))
            out.append(tuple(terms))
        return tuple(out)

    def allowed(self, rows: np.ndarray) -> np.ndarray:
        """Boolean mask: which rows no constraint forbids."""
        if rows.shape[1] == 0:
            return np.ones(len(rows), dtype=bool)
        return self.allowed_columns([rows[:, j] for j in range(rows.shape[1])])

    def block_index(self, positions: tuple[int, ...], lead: np.ndarray,
                    split: int) -> tuple[np.ndarray, ...]:
        """Index arrays that pick, from a table over the issues at ``positions``, its entry for
        every outcome of a block of :meth:`blocks`: they broadcast to the block's grid shape
        ``(len(lead), *shape[split:])`` (size 1 along the issues the table does not use)."""
        nd = 1 + len(self.shape) - split
        out = []
        for p in positions:
            view = [1] * nd
            if p < split:
                view[0] = len(lead)
                out.append(lead[:, p].reshape(view))
            else:
                view[1 + p - split] = self.shape[p]
                out.append(np.arange(self.shape[p], dtype=np.intp).reshape(view))
        return tuple(out)

    def allowed_block(self, lead: np.ndarray, split: int) -> np.ndarray:
        """:meth:`allowed` of every outcome of a block of :meth:`blocks`, in outcome order."""
        grid = (len(lead), *self.shape[split:])
        ok = np.ones(grid, dtype=bool)
        for terms in self._forbidden:
            hit = np.ones((1,) * len(grid), dtype=bool)
            for pos, member in terms:
                hit = hit & member[self.block_index((pos,), lead, split)[0]]
            ok &= ~hit
        return ok.reshape(-1)
