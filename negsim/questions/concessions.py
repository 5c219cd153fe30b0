"""``negsim.concessions``: what it would take to make a proposal acceptable.

Every set of at most ``max_changes`` changes to the proposal's outcome (issue → another option;
an issue the proposal leaves at its status quo can change too) is evaluated, a size at a time,
all in one vectorised pass per size.  A change set is kept when the changed outcome is allowed by
every constraint and accepted by the target actor(s), and no smaller kept set is part of it: the
result lists the *minimal* change sets, fewest changes first, then least cost to the proposer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from negsim.engine.verdicts import acceptance_margin, accepts
from negsim.errors import ArgumentError
from negsim.model.scenario import Scenario
from negsim.preferences import build_preferences, evaluate
from negsim.results.comparison import Concession, Concessions
from negsim.tolerances import UTILITY_DECIMALS

__all__ = ["concessions", "MAX_CHANGE_SETS"]

MAX_CHANGE_SETS = 2_000_000
"""The most change sets one search evaluates; ask for fewer changes beyond that."""


@dataclass(frozen=True)
class _Found:
    changes: tuple[tuple[int, int], ...]  # (issue position, option index)
    row: tuple[int, ...]


def _change_sets(shape: tuple[int, ...], base: tuple[int, ...], k: int):
    for issues in itertools.combinations(range(len(shape)), k):
        alts = [[o for o in range(shape[j]) if o != base[j]] for j in issues]
        for opts in itertools.product(*alts):
            yield tuple(zip(issues, opts))


def _count(shape: tuple[int, ...], k: int) -> int:
    return sum(int(np.prod([shape[j] - 1 for j in c]))
               for c in itertools.combinations(range(len(shape)), k))


def concessions(scenario: Scenario, proposal: str, actor: str | None = None,
                max_changes: int = 2) -> Concessions:
    """The smallest sets of changes to ``proposal`` that make it acceptable to ``actor`` (to
    every actor when ``None``).

    Parameters
    ----------
    scenario : Scenario
    proposal : str
        A proposal id of the scenario.
    actor : str, optional
        Whose acceptance to win; ``None``: everyone's.
    max_changes : int
        The most issues changed at once.

    Returns
    -------
    Concessions
        Each concession with who then accepts, every actor's margin, and its cost to each actor
        (utility change from the proposal as it stands); fewest changes first, then the least
        cost to the proposer.  A change a constraint forbids is never offered.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(lever=0.5)
    >>> s = s.with_changes(proposals=(negsim.Proposal("wait", {"war": "fight"}),))
    >>> [c.changes for c in concessions(s, "wait").concessions]
    [{'war': 'truce'}]
    """
    if isinstance(max_changes, bool) or not isinstance(max_changes, int) or max_changes < 1:
        raise ArgumentError(f"max_changes must be a positive integer, not {max_changes!r}")
    prop = scenario.proposal(proposal, key="proposal")
    if actor is not None:
        scenario.actor(actor, key="actor")
    space = scenario.space
    models = build_preferences(scenario)
    names = scenario.actor_names
    want = [names.index(actor)] if actor is not None else list(range(len(names)))
    res = np.array([m.reservation for m in models])
    base = tuple(space.indices_of(scenario.outcome_of(prop, key=f"proposals.{proposal}"),
                                  fill_status_quo=True))
    base_u, base_v = evaluate(models, np.array([base], dtype=np.intp))
    base_ok = accepts(acceptance_margin(base_u[0], res), base_v[0])
    proposer = names.index(prop.by) if prop.by in names else None
    k_max = min(max_changes, len(space.shape))
    total = sum(_count(space.shape, k) for k in range(1, k_max + 1))
    if total > MAX_CHANGE_SETS:
        raise ArgumentError(f"{total:,} change sets of up to {max_changes} issues: more than "
                            f"{MAX_CHANGE_SETS:,}; ask for fewer changes (--max-changes)")
    already = bool(np.all(base_ok[want]))
    found: list[tuple[_Found, np.ndarray, np.ndarray]] = []
    searched = forbidden = 0
    if not already:
        for k in range(1, k_max + 1):
            sets = list(_change_sets(space.shape, base, k))
            if not sets:
                continue
            rows = np.tile(np.array(base, dtype=np.intp), (len(sets), 1))
            for n, cs in enumerate(sets):
                for j, o in cs:
                    rows[n, j] = o
            searched += len(sets)
            allowed = space.allowed(rows)
            forbidden += int(np.count_nonzero(~allowed))
            utils, vetoed = evaluate(models, rows)
            margins = acceptance_margin(utils, res[None, :])
            ok = accepts(margins, vetoed)
            win = allowed & np.all(ok[:, want], axis=1)
            smaller = [set(f.changes) for f, _, _ in found]
            for n in np.flatnonzero(win):
                cs = set(sets[n])
                if any(s <= cs for s in smaller):
                    continue
                found.append((_Found(sets[n], tuple(int(x) for x in rows[n])), utils[n],
                              ok[n]))
    out = []
    for f, u, ok in found:
        cost = {a: round(float(u[i] - base_u[0][i]), UTILITY_DECIMALS) for i, a in enumerate(names)}
        pcost = 0.0 if proposer is None else round(float(base_u[0][proposer] - u[proposer]),
                                                   UTILITY_DECIMALS)
        changes = {space.issues[j].id: space.issues[j].options[o] for j, o in f.changes}
        out.append(Concession(changes, space.decode(f.row),
                              [a for i, a in enumerate(names) if ok[i]],
                              {a: float(acceptance_margin(u[i], res[i]))
                               for i, a in enumerate(names)}, cost, pcost))
    out.sort(key=lambda c: (len(c.changes), c.proposer_cost,
                            sorted((k, str(v)) for k, v in c.changes.items())))
    notes = []
    if not already and not out:
        notes.append(f"no set of at most {k_max} changes makes {proposal!r} acceptable to "
                     + (actor if actor else "every actor"))
    return Concessions(scenario.name, proposal, actor, max_changes, already, out, searched,
                       forbidden, notes)
