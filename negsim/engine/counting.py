"""How many outcomes every actor can accept, without enumerating them.

Exact where the space can be counted: by meeting in the middle (the distinct sums of the first
half of the groups paired with those of the second half), or by a dynamic programme over issue groups whose states are the
distinct partial utility vectors (with how many partial outcomes reach each).  A state that clears
every reservation whatever the remaining groups add is counted at once (times the number of their
combinations); one that cannot reach a reservation even with the most they can add is dropped.
When the states grow past a limit, the size is estimated instead by seeded Monte Carlo sampling
of the allowed, unvetoed outcomes, with a 95% Wilson interval.  The programme gives up early: after
each group it projects the states the remaining groups would make (at the growth it just saw,
capped by the product of each column's distinct partial sums) and stops as soon as that
projection passes the limit, so a space that cannot be counted costs
milliseconds, not the second it takes to hit the limit; the method then says why it sampled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from negsim.engine.batched import deduped_each
from negsim.engine.merge import PRUNE_TOL, TOL, PointSet, deduped

__all__ = ["SizeCount", "count_acceptable", "MAX_PAIRS", "MAX_STATES", "SAMPLES"]

MAX_PAIRS = 1 << 27
"""The most pairs of half sums the meet-in-the-middle count compares."""

MAX_STATES = 1 << 19
"""The most partial states the exact count may hold before it falls back to sampling."""

SAMPLES = 200_000
"""Monte Carlo samples of the estimate."""

_Z95 = 1.959963984540054
_CELL = 8  # block side of the two-actor pairing's table (measured: 6 to 16 do about as well)


@dataclass(frozen=True)
class SizeCount:
    """The size of the acceptable set (status quo included when acceptable), exact or estimated."""

    size: int
    exact: bool
    low: int
    high: int
    method: str


def _reach(vals: np.ndarray, add: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Rows with ``vals + add >= floor`` in every column (column by column: row reductions of
    narrow arrays are slow)."""
    add_, floor_ = add.tolist(), floor.tolist()
    ok = vals[:, 0] + add_[0] >= floor_[0]
    for c in range(1, vals.shape[1]):
        ok &= vals[:, c] + add_[c] >= floor_[c]
    return ok


def _states(utils: np.ndarray, count: np.ndarray) -> PointSet:
    return deduped(PointSet(utils, np.zeros((len(utils), 0), dtype=np.int16), count))


def _group_states(groups: list[np.ndarray], dtype: type) -> list[PointSet]:
    """Each group's distinct utility vectors with their counts (all groups in one pass)."""
    return deduped_each([PointSet(g, np.zeros((len(g), 0), dtype=np.int16),
                                  np.ones(len(g), dtype=dtype)) for g in groups])


def _state_bounds(groups: list[np.ndarray], max_states: int) -> list[float]:
    """For each prefix of the groups, a bound on its distinct partial sums (``inf`` past
    ``max_states``): the product of the group sizes, or of each column's distinct sums."""
    out: list[float] = []
    prod = 1.0
    cols = [np.zeros(1) for _ in range(groups[0].shape[1])] if groups else []
    for g in groups:
        prod *= len(g)
        if out and out[-1] == np.inf:
            out.append(np.inf)
            continue
        bound = 1.0
        for c in range(len(cols)):
            v = np.sort((cols[c][:, None] + g[None, :, c]).ravel())
            cols[c] = v[np.concatenate(([True], np.diff(v) > TOL))]
            bound *= len(cols[c])
        bound = min(bound, prod)
        out.append(bound if bound <= max_states else np.inf)
    return out


def _projected(states: int, growth: float, bounds: list[float], max_states: int) -> bool:
    """Whether ``states`` growing by ``growth`` per merged group would pass ``max_states``
    before the last group, each prefix's states capped by its bound."""
    for b in bounds[:-1]:
        states = min(states * growth, b)
        if states > max_states:
            return True
    return False


def _exact(groups: list[np.ndarray], need: np.ndarray, max_states: int,
           big: bool) -> int | None:
    """The dynamic programme's count, or None when its states pass (or are projected to pass)
    ``max_states``."""
    m = len(groups)
    lo = [np.zeros(need.shape)] * (m + 1)
    hi = [np.zeros(need.shape)] * (m + 1)
    n_rest = [1] * (m + 1)
    for k in range(m - 1, -1, -1):
        lo[k] = lo[k + 1] + groups[k].min(axis=0)
        hi[k] = hi[k + 1] + groups[k].max(axis=0)
        n_rest[k] = n_rest[k + 1] * len(groups[k])
    dtype = object if big else np.int64
    reduced = _group_states(groups, dtype)
    bounds = _state_bounds([g.vals for g in reduced], max_states) \
        if math.prod(len(g) for g in reduced) > max_states else None
    state = PointSet(np.zeros((1, len(need))), np.zeros((1, 0), dtype=np.int16),
                     np.ones(1, dtype=dtype))
    total = 0
    for k, g in enumerate(reduced):
        if len(state) * len(g) > 4 * max_states:
            return None
        vals = (state.vals[:, None, :] + g.vals[None, :, :]).reshape(-1, len(need))
        count = (state.count[:, None] * g.count[None, :]).reshape(-1)
        before = len(state)
        state = _states(vals, count)
        if len(state) > max_states:
            return None
        sure = _reach(state.vals, lo[k + 1], need - TOL)
        if k == m - 1:
            return total + int(state.count[sure].sum())
        total += int(state.count[sure].sum()) * n_rest[k + 1]
        alive = ~sure & _reach(state.vals, hi[k + 1], need - PRUNE_TOL)
        state = state.take(alive)
        if len(state) == 0:
            return total
        growth = len(state) / before
        if growth > 1 and bounds is not None and \
                _projected(len(state), growth, bounds[k + 1:], max_states):
            return None
    return total


def _half(groups: list[np.ndarray], need: np.ndarray, headroom: np.ndarray, dtype: type,
          max_states: int) -> PointSet | None:
    """Distinct sums of ``groups`` with their counts, less those that cannot reach ``need``."""
    state = PointSet(np.zeros((1, len(need))), np.zeros((1, 0), dtype=np.int16),
                     np.ones(1, dtype=dtype))
    tops = [g.max(axis=0) for g in groups]
    hi = [headroom + sum(tops[k + 1:], np.zeros(len(need))) for k in range(len(groups))]
    # the projection can only stop a count whose states may pass max_states at all
    bounds = _state_bounds(groups, max_states) + [1.0] \
        if math.prod(len(g) for g in groups) > max_states else None
    for k, gs in enumerate(_group_states(groups, dtype)):
        if len(state) * len(gs) > 4 * max_states:
            return None
        vals = (state.vals[:, None, :] + gs.vals[None, :, :]).reshape(-1, len(need))
        count = (state.count[:, None] * gs.count[None, :]).reshape(-1)
        before = len(state)
        state = _states(vals, count)
        alive = _reach(state.vals, hi[k], need - PRUNE_TOL)
        if not alive.all():
            state = state.take(alive)
        if len(state) > max_states:
            return None
        growth = len(state) / max(1, before)
        if growth > 1 and bounds is not None and \
                _projected(len(state), growth, bounds[k + 1:], max_states):
            return None
    return state


def _meet_in_the_middle(groups: list[np.ndarray], need: np.ndarray, max_pairs: int,
                        big: bool) -> int | None:
    """Count by splitting the groups in two halves and pairing their distinct sums."""
    sizes = [len(g) for g in groups]
    split = min(range(len(groups) + 1),
                key=lambda k: max(math.prod(sizes[:k]), math.prod(sizes[k:])))
    left, right = groups[:split], groups[split:]
    dtype = object if big else np.int64
    ideal = [sum((g.max(axis=0) for g in part), np.zeros(len(need))) for part in (left, right)]
    cap = max(1, int(math.isqrt(max_pairs)) * 4)
    lsum = _half(left, need, ideal[1], dtype, cap)
    rsum = _half(right, need, ideal[0], dtype, cap) if lsum is not None else None
    if lsum is None or rsum is None or len(lsum) * len(rsum) > max_pairs:
        return None
    if not big and len(need) == 2:
        return _pairs_2(lsum, rsum, need)
    total = 0
    step = max(1, (1 << 22) // max(1, len(rsum)))
    for start in range(0, len(lsum), step):
        lv = lsum.vals[start:start + step]
        ok = np.ones((len(lv), len(rsum)), dtype=bool)
        for c in range(len(need)):
            ok &= rsum.vals[None, :, c] >= need[c] - TOL - lv[:, c, None]
        if big:
            per_left = [sum(int(x) for x in rsum.count[row]) for row in ok]
            total += int(sum(int(a) * int(b) for a, b in zip(lsum.count[start:start + step],
                                                            per_left)))
        else:  # below 2**62 outcomes: int64 sums of counts cannot overflow
            total += int(np.dot(lsum.count[start:start + step], ok.astype(np.int64) @ rsum.count))
    return total


def _pairs_2(lsum: PointSet, rsum: PointSet, need: np.ndarray) -> int:
    """The pairs (left, right) whose sums clear ``need`` (two actors, below 2**62 outcomes),
    weighted by their counts: ``right >= need - TOL - left`` in both columns, without the matrix
    of all pairs.

    The rights are sorted by their first column, largest first: those a left clears in it are a
    prefix, ``j < P``.  In the second column a right clears the left's threshold iff its position
    ``p`` in increasing second column is at least the threshold's (``want``), an exact integer
    test.  So a left counts the rights with ``j < P`` and ``p >= want``: a table of blocks of
    ``_CELL`` in both ``j`` and ``p`` (prefix sums over j, suffix sums over p) answers all but the
    partial blocks, which hold fewer than ``_CELL`` rights each and are compared directly."""
    if len(lsum) == 0 or len(rsum) == 0:
        return 0
    lv, rv, n, cell = lsum.vals, rsum.vals, len(rsum), _CELL
    t0 = need[0] - TOL - lv[:, 0]
    t1 = need[1] - TOL - lv[:, 1]
    up = rv[:, 0].argsort()
    prefix = n - rv[:, 0].take(up).searchsorted(t0, side="left")  # rights with r0 >= t0
    order = up[::-1]  # largest first: those rights come first
    r1 = rv[:, 1].take(order)
    rc = rsum.count.take(order)
    by_p = r1.argsort()  # the right at each position of increasing r1
    want = r1.take(by_p).searchsorted(t1, side="left")  # r1 >= t1 iff position >= want
    pos = np.empty(n, dtype=np.int64)
    pos[by_p] = np.arange(n)
    g = -(-n // cell) + 1
    table = np.zeros(g * g, dtype=np.int64)  # [a, b]: rights in j-blocks < a, p-blocks >= b
    np.add.at(table, (np.arange(n) // cell + 1) * g + pos // cell, rc)
    table = table.reshape(g, g).cumsum(axis=0)[:, ::-1].cumsum(axis=1)[:, ::-1].ravel()
    a, b = prefix // cell, -(-want // cell)
    per_left = table.take(a * g + b)
    steps = np.arange(cell)
    jj = (a * cell)[:, None] + steps  # the prefix's partial j-block: p >= want there
    pad_pos = np.concatenate([pos, np.full(cell, -1)])
    pad_c = np.concatenate([rc, np.zeros(cell, dtype=rc.dtype)])
    hit = (pad_pos.take(jj) >= want[:, None]) & (jj < prefix[:, None])
    per_left += (hit * pad_c.take(jj)).sum(axis=1)
    pp = want[:, None] + steps  # positions want .. the next p-block, among whole j-blocks
    who = np.concatenate([by_p, np.full(cell, n)]).take(pp)
    hit = (who < (a * cell)[:, None]) & (pp < (b * cell)[:, None])
    per_left += (hit * pad_c.take(np.minimum(who, n))).sum(axis=1)
    return int(np.dot(lsum.count.astype(np.int64), per_left))


def _sampled(groups: list[np.ndarray], need: np.ndarray, samples: int, seed: int,
             why: str) -> SizeCount:
    rng = np.random.default_rng(seed)
    n_total = math.prod(len(g) for g in groups)
    hits = 0
    cols = [np.ascontiguousarray(g.T) for g in groups]  # one row per actor: 1-d gathers
    floor = (need - TOL).tolist()
    u = np.empty((len(need), 1 << 16))
    got = np.empty(1 << 16)  # reused: no fresh large temporaries
    for start in range(0, samples, 1 << 16):
        n = min(1 << 16, samples - start)
        u[:, :n] = 0.0
        for g, c in zip(groups, cols):
            at = rng.integers(0, len(g), size=n)
            for a in range(len(need)):
                np.take(c[a], at, out=got[:n])
                u[a, :n] += got[:n]
        ok = u[0, :n] >= floor[0]
        for a in range(1, len(need)):
            ok &= u[a, :n] >= floor[a]
        hits += int(np.count_nonzero(ok))
    p = hits / samples
    denom = 1 + _Z95 ** 2 / samples
    centre = (p + _Z95 ** 2 / (2 * samples)) / denom
    half = _Z95 * math.sqrt(p * (1 - p) / samples + _Z95 ** 2 / (4 * samples ** 2)) / denom
    return SizeCount(round(p * n_total), False, math.floor(max(0.0, centre - half) * n_total),
                     math.ceil(min(1.0, centre + half) * n_total),
                     f"estimated from {samples:,} seeded samples (95% Wilson interval); {why}")


def count_acceptable(groups: list[np.ndarray], need: np.ndarray, *, seed: int = 0,
                     max_states: int = MAX_STATES, samples: int = SAMPLES,
                     max_pairs: int = MAX_PAIRS) -> SizeCount:
    """Count the outcomes whose summed group utilities clear ``need`` in every column.

    Parameters
    ----------
    groups : list of ndarray, shape (k_g, n_actors)
        The utilities of each group's allowed, unvetoed assignments (one row per assignment).
    need : ndarray, shape (n_actors,)
        The reservations (met within ``ACCEPT_TOL``, as in the exhaustive scan).
    seed, max_states, samples, max_pairs
        Settings of the exact counts and of the sampling fallback.

    Examples
    --------
    >>> g = [np.array([[0.0, 1.0], [1.0, 0.0]])] * 3  # three issues, two actors, zero-sum
    >>> c = count_acceptable(g, np.array([1.0, 1.0]))
    >>> c.size, c.exact   # one or two of the three issues go each way
    (6, True)
    """
    if any(len(g) == 0 for g in groups):
        return SizeCount(0, True, 0, 0, "counted by groups")
    big = math.prod(len(g) for g in groups) >= 1 << 62
    n = _meet_in_the_middle(groups, need, max_pairs, big)
    if n is not None:
        return SizeCount(n, True, n, n, "counted exactly (two halves of the groups paired)")
    n = _exact(groups, need, max_states, big)
    if n is not None:
        return SizeCount(n, True, n, n, "counted exactly (dynamic programme over groups)")
    return _sampled(groups, need, samples, seed,
                    f"not counted exactly: the distinct partial utility vectors pass (or were "
                    f"projected to pass) {max_states:,} states")
