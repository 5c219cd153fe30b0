"""The rows behind ``tables()`` of the results (see :func:`negsim.tabular.table`).

Each function gives a dict of table name → table; every table is built from the result's plain
data alone.
"""

from __future__ import annotations

from typing import Any

from negsim.tabular import table

__all__ = ["analysis_tables", "ensemble_tables", "backtest_tables"]


def analysis_tables(a: Any) -> dict[str, Any]:
    """``verdicts`` (proposal × actor), ``frontier``, ``solutions`` and ``actors`` of an Analysis."""
    issues = [i.id for i in a.issues]
    actors = [x.name for x in a.actors]
    verdicts = [{"proposal": v.proposal, "label": v.label, "actor": r.actor, "accepts": r.accepts,
                 "vetoed": r.vetoed, "utility": r.utility, "reservation": r.reservation,
                 "margin": r.margin, "accepted_by_all": v.accepted_by_all}
                for v in a.verdicts for r in v.responses]
    frontier = [{"index": p.index, **{i: p.outcome.get(i) for i in issues},
                 **{f"u_{x}": p.utilities.get(x) for x in actors}} for p in a.acceptable.frontier]
    solutions = [{"solution": name, "acceptable": s.acceptable, "reason": s.reason,
                  **{i: (s.outcome or {}).get(i) for i in issues},
                  **{f"u_{x}": (s.utilities or {}).get(x) for x in actors}}
                 for name, s in a.solutions.items()]
    people = [{"actor": x.name, "power": x.power, "patience": x.patience,
               "no_deal_utility": x.no_deal_utility, "lever_shift": x.lever_shift,
               "reservation": x.reservation} for x in a.actors]
    return {
        "verdicts": table(verdicts, ["proposal", "label", "actor", "accepts", "vetoed", "utility",
                                     "reservation", "margin", "accepted_by_all"]),
        "frontier": table(frontier, ["index", *issues, *(f"u_{x}" for x in actors)]),
        "solutions": table(solutions, ["solution", "acceptable", "reason", *issues,
                                       *(f"u_{x}" for x in actors)]),
        "actors": table(people, ["actor", "power", "patience", "no_deal_utility", "lever_shift",
                                 "reservation"]),
    }


def ensemble_tables(e: Any) -> dict[str, Any]:
    """``proposals`` (odds of acceptance per actor), ``solutions`` and ``parameters``."""
    proposals = [{"proposal": p.proposal, "label": p.label, "all_accept": p.all_accept,
                  **{f"accept_{k}": v for k, v in p.accept.items()}} for p in e.proposals]
    sols = [{"solution": name, "outcome": ", ".join(f"{k}={v}" for k, v in o.outcome.items()),
             "count": o.count, "probability": o.probability}
            for name, s in (e.solutions or {}).items() for o in s.outcomes]
    params = [{"path": p.path, "distribution": p.distribution, "point": p.point, "mean": p.mean}
              for p in e.parameters]
    return {"proposals": table(proposals),
            "solutions": table(sols, ["solution", "outcome", "count", "probability"]),
            "parameters": table(params, ["path", "distribution", "point", "mean"])}


def backtest_tables(b: Any) -> dict[str, Any]:
    """``scenarios`` (one row per scenario) and ``checks`` (one row per recorded response)."""
    rows = [{"path": s.path, "name": s.name, "status": s.status, "observations": s.observations,
             "matches": s.matches, "misses": s.misses, "must_match_misses": s.must_match_misses,
             "message": s.message} for s in b.scenarios]
    checks = [{"path": s.path, "actor": c.actor, "proposal": c.proposal, "response": c.response,
               "predicted": c.predicted, "match": c.match} for s in b.scenarios for c in s.checks]
    return {"scenarios": table(rows, ["path", "name", "status", "observations", "matches",
                                      "misses", "must_match_misses", "message"]),
            "checks": table(checks, ["path", "actor", "proposal", "response", "predicted",
                                     "match"])}


def comparison_tables(c: Any) -> dict[str, Any]:
    """``verdicts`` (the verdicts that flip), ``walk_away`` (walk-away values that move) and
    ``solutions`` (how much each solution moves to each actor)."""
    verdicts = [{"proposal": v.proposal, "actor": v.actor, "before": v.before, "after": v.after,
                 "margin_before": v.margin_before, "margin_after": v.margin_after}
                for v in c.verdicts]
    moves = [{"actor": m.actor, "before": m.before, "after": m.after, "change": m.change}
             for m in c.walk_away]
    sols = [{"solution": s.name, **{f"change_{a}": d for a, d in s.change.items()}}
            for s in c.solutions]
    return {"verdicts": table(verdicts, ["proposal", "actor", "before", "after", "margin_before",
                                         "margin_after"]),
            "walk_away": table(moves, ["actor", "before", "after", "change"]),
            "solutions": table(sols)}
