"""``negsim.compare``: what changes from one analysis to another.

Deals are compared outcome by outcome (issue → option), so two scenarios whose spaces are numbered
differently still compare; verdicts by proposal id and actor name; solutions by their outcome.
"""

from __future__ import annotations

from negsim.errors import ArgumentError
from negsim.model.scenario import Scenario
from negsim.pipeline import analyze
from negsim.results.analysis import Analysis
from negsim.results.comparison import (Comparison, DealChanges, GameChange, OptionChange,
                                       SolutionMove, ValueMove, VerdictChange)
from negsim.results.games import GameResult, TruceResult
from negsim.tolerances import ROUND_TOL, UTILITY_DECIMALS

__all__ = ["compare", "EXAMPLES"]

EXAMPLES = 5
"""How many gained and lost deals a comparison shows (best first on their own side)."""


def _analysis(x: Analysis | Scenario, name: str) -> Analysis:
    if isinstance(x, Analysis):
        return x
    if isinstance(x, Scenario):
        return analyze(x, questions=False)
    raise ArgumentError(f"compare: {name} must be an Analysis or a Scenario, not "
                        f"{type(x).__name__}")


def _key(outcome: dict, shared: frozenset[str] | None = None) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in outcome.items()
                        if shared is None or k in shared))


def _shared(a: Analysis, b: Analysis) -> frozenset[str] | None:
    """The issues both sides share, or ``None`` when they have the same issues."""
    ia, ib = {i.id for i in a.issues}, {i.id for i in b.issues}
    return None if ia == ib else frozenset(ia & ib)


def _deals(a: Analysis, b: Analysis) -> DealChanges:
    shared = _shared(a, b)
    da, db = a.acceptable.deals(), b.acceptable.deals()
    ka = {_key(d.outcome, shared): d for d in da}
    kb = {_key(d.outcome, shared): d for d in db}
    gained = [d for d in db if _key(d.outcome, shared) not in ka]
    lost = [d for d in da if _key(d.outcome, shared) not in kb]
    exact = all(x.acceptable.table is not None and x.acceptable.table.kind == "all"
                for x in (a, b))
    return DealChanges(a.acceptable.size, b.acceptable.size, len(gained), len(lost),
                       len(ka.keys() & kb.keys()), exact,
                       [d.outcome for d in gained[:EXAMPLES]], [d.outcome for d in lost[:EXAMPLES]])


def _verdicts(a: Analysis, b: Analysis) -> list[VerdictChange]:
    out = []
    after = {v.proposal: v for v in b.verdicts}
    for va in a.verdicts:
        vb = after.get(va.proposal)
        if vb is None:
            continue
        mb = {r.actor: r for r in vb.responses}
        for ra in va.responses:
            rb = mb.get(ra.actor)
            if rb is not None and ra.accepts != rb.accepts:
                out.append(VerdictChange(va.proposal, ra.actor, ra.accepts, rb.accepts,
                                         ra.margin, rb.margin))
        if va.accepted_by_all != vb.accepted_by_all:
            out.append(VerdictChange(va.proposal, "all", va.accepted_by_all, vb.accepted_by_all,
                                     None, None))
    return out


def _walk_away(a: Analysis, b: Analysis) -> list[ValueMove]:
    after = {x.name: x for x in b.actors}
    out = []
    for x in a.actors:
        y = after.get(x.name)
        if y is not None and abs(y.reservation - x.reservation) > ROUND_TOL:
            out.append(ValueMove(x.name, x.reservation, y.reservation,
                                 round(y.reservation - x.reservation, UTILITY_DECIMALS)))
    return out


def _options(a: Analysis, b: Analysis) -> list[OptionChange]:
    out = []
    for issue in a.issues:
        if issue.id not in b.acceptable.options and issue.id not in {i.id for i in b.issues}:
            continue
        before = [str(o) for o in a.acceptable.options.get(issue.id, [])]
        after = [str(o) for o in b.acceptable.options.get(issue.id, [])]
        other = next((i for i in b.issues if i.id == issue.id), None)
        options = list(issue.options) + [o for o in (other.options if other else [])
                                         if o not in issue.options]
        for opt in options:
            was, now = str(opt) in before, str(opt) in after
            if was != now:
                out.append(OptionChange(issue.id, opt, "possible" if now else "impossible"))
    return out


def _solutions(a: Analysis, b: Analysis) -> list[SolutionMove]:
    shared = _shared(a, b)
    out = []
    for name, sa in a.solutions.items():
        sb = b.solutions.get(name)
        if sb is None:
            continue
        same = (sa.outcome is None) == (sb.outcome is None) and (
            sa.outcome is None
            or _key(sa.outcome, shared) == _key(sb.outcome, shared))  # type: ignore[arg-type]
        if same:
            continue
        change = {}
        if sa.utilities and sb.utilities:
            change = {k: round(sb.utilities[k] - sa.utilities[k], UTILITY_DECIMALS)
                      for k in sa.utilities if k in sb.utilities}
        out.append(SolutionMove(name, sa.outcome, sb.outcome, sa.utilities, sb.utilities, change))
    return out


def _game_verdict(g: GameResult) -> str:
    if g.spe is not None:
        paths = sorted("/".join(o.path) for o in g.spe.outcomes)
        return "SPE path " + (" or ".join(paths) if paths else "none")
    if g.outcome_groups:
        return "equilibria lead to " + ", ".join(
            f"{x.outcome or 'payoffs ' + str(sorted(x.payoffs.items()))} ({x.count})"
            for x in g.outcome_groups)
    return f"{g.equilibrium_count} equilibria"


def _truce_verdict(t: TruceResult) -> str:
    return "holds" if t.holds else f"breaks ({t.binding} would violate)" if t.binding else "breaks"


def _changes(a: Analysis, b: Analysis) -> list[GameChange]:
    out = []
    games_b = {g.id: g for g in b.games}
    for g in a.games:
        if g.id in games_b and _game_verdict(g) != _game_verdict(games_b[g.id]):
            out.append(GameChange("game", g.id, _game_verdict(g), _game_verdict(games_b[g.id])))
    truces_b = {t.proposal: t for t in b.truces}
    for t in a.truces:
        if t.proposal in truces_b and _truce_verdict(t) != _truce_verdict(truces_b[t.proposal]):
            out.append(GameChange("truce", t.proposal, _truce_verdict(t),
                                  _truce_verdict(truces_b[t.proposal])))
    return out


def compare(before: Analysis | Scenario, after: Analysis | Scenario, *,
            labels: tuple[str, str] | None = None) -> Comparison:
    """What changes from ``before`` to ``after`` (two analyses, or two scenarios to analyse).

    Verdicts that flip (with margins), walk-away values that move, acceptable deals gained and
    lost (counts and the best few), options that become possible or impossible, solutions that
    move (with the utility change to each actor), and games and truces whose verdict changes.
    ``labels`` name the two sides (default: the scenarios' names).

    Examples
    --------
    >>> import negsim
    >>> c = compare(negsim.examples.toy_scenario(proposal=True),
    ...             negsim.examples.toy_scenario(lever=2.0, proposal=True))
    >>> [(v.proposal, v.actor, v.before, v.after) for v in c.verdicts]
    [('truce', 'A', True, False), ('truce', 'all', True, False)]
    """
    a, b = _analysis(before, "before"), _analysis(after, "after")
    props_a, props_b = [v.proposal for v in a.verdicts], [v.proposal for v in b.verdicts]
    notes = []
    actors_a, actors_b = {x.name for x in a.actors}, {x.name for x in b.actors}
    if actors_a != actors_b:
        notes.append("the actors differ: " + ", ".join(sorted(actors_a ^ actors_b))
                     + " appear on one side only")
    if {i.id for i in a.issues} != {i.id for i in b.issues}:
        shared = sorted(_shared(a, b) or ())
        notes.append(f"the issues differ: deals and solutions are compared on the {len(shared)} "
                     "shared issues (counts of distinct combinations of them)")
    la, lb = labels if labels is not None else (a.scenario, b.scenario)
    return Comparison(la, lb, _verdicts(a, b), _walk_away(a, b), _deals(a, b),
                      _options(a, b), _solutions(a, b), _changes(a, b),
                      [p for p in props_a if p not in props_b],
                      [p for p in props_b if p not in props_a], notes)
