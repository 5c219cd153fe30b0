"""Text sections for games, threats, truces and bargaining (part of ``negsim run``'s summary)."""

from __future__ import annotations

from negsim.results.games import BargainingResult, GameResult, TruceResult
from negsim.tolerances import PAYOFF_TOL

__all__ = ["games_lines", "game_lines"]


def _profile(e) -> str:
    parts = []
    for player, strat in e.strategies.items():
        mix = ", ".join(s if p == 1.0 else f"{s} {p:.2f}" for s, p in strat.items())
        parts.append(f"{player}: {mix}")
    pays = ", ".join(f"{k} {v:.2f}" for k, v in e.payoffs.items())
    return f"{'; '.join(parts)}  -> {pays}"


def _pays(payoffs: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in payoffs.items())


def _path(g: GameResult, path) -> str:
    end = g.node_ids.get("/".join(path))
    return " -> ".join(path) + (f"  (ends at {end})" if end else "")


def _outcome_text(grp) -> str:
    if grp.outcome == "":
        return f"payoffs {_pays(grp.payoffs)}"
    what = "no deal" if grp.outcome == "no_deal" else f"the deal {grp.outcome}"
    if grp.levers:
        what += f" with {', '.join(grp.levers)} pulled"
    return f"{what} ({_pays(grp.payoffs)})"


def _profile_only(e) -> str:
    return "; ".join(f"{player}: " + ", ".join(s if p == 1.0 else f"{s} {p:.2f}"
                                               for s, p in strat.items())
                     for player, strat in e.strategies.items())


def _dominance_note(grp) -> str:
    if grp.undominated == 0:
        return "  [every one uses a weakly dominated strategy]"
    return ""


def _grouped(g: GameResult, what: str) -> list[str]:
    groups = g.outcome_groups
    degenerate = "  (degenerate game)" if g.degenerate else ""
    if len(groups) == 1:
        grp = groups[0]
        every = "all leading" if grp.count > 1 else "leading"
        return [f"    {g.equilibrium_count} {what}, {every} to {_outcome_text(grp)}"
                f"{degenerate}{_dominance_note(grp)}",
                f"      e.g. {_profile_only(grp.representative)}"]
    out = [f"    {g.equilibrium_count} {what}, leading to {len(groups)} outcomes{degenerate}:"]
    for grp in groups:
        out.append(f"      {grp.count} to {_outcome_text(grp)}{_dominance_note(grp)}")
        out.append(f"        e.g. {_profile_only(grp.representative)}")
    return out


def _dominance(g: GameResult) -> str:
    removed = {p: [s for s in g.strategies.get(p, []) if s not in kept]
               for p, kept in g.surviving.items()}
    if not any(removed.values()):
        return "iterated strict dominance removes no strategy"
    if g.dominance_solvable:
        return "dominance solvable: " + "; ".join(f"{p} plays {s[0]}"
                                                 for p, s in g.surviving.items())
    return "iterated strict dominance removes " + "; ".join(
        f"{p}: {_few(r)}" for p, r in removed.items() if r)


def _few(names: list[str], k: int = 3) -> str:
    if len(names) <= k + 1:
        return ", ".join(names)
    return ", ".join(names[:k]) + f" and {len(names) - k} more"


def _game(g: GameResult) -> list[str]:
    out = [f"  {g.label or g.id} [{g.id}, {g.kind.replace('_', ' ')}]"]
    if g.spe is not None:
        spe = g.spe
        if spe.path is not None:
            out.append(f"    subgame-perfect path: {_path(g, spe.path)}")
        else:
            movers = sorted({n.player for n in spe.nodes if n.tie})
            out.append(f"    subgame-perfect play is not unique ({' and '.join(movers)} "
                       f"indifferent at a tie); {len(spe.outcomes)} possible paths:")
            for o in spe.outcomes:
                pays = "" if spe.payoffs is not None else f"; payoffs {_pays(o.payoffs)}"
                out.append(f"      {_path(g, o.path)}{pays}")
        if spe.payoffs is not None:
            same = "" if spe.path is not None else " (the same on every path)"
            out.append(f"      payoffs{same}: {_pays(spe.payoffs)}")
        for n in spe.nodes:
            node = g.node_ids.get("/".join(n.path), "/".join(n.path))
            tie = "  [tie]" if n.tie else ""
            out.append(f"      at {node} {n.player} plays {' or '.join(n.optimal_actions)}{tie}")
        for t in g.threats:
            a = t.assessment
            what = f"lever {t.lever}" if t.lever else "threat"
            verdict = "credible (a best reply there)" if a.credible else \
                f"NOT credible ({a.player} would rather play {' or '.join(a.best_actions)})"
            lo, hi = a.value_of_commitment
            worth = f"{lo:+.3f}" if abs(hi - lo) < PAYOFF_TOL else f"{lo:+.3f} to {hi:+.3f}"
            out.append(f"    {what}: {a.player} plays {a.threat} at {t.node}: {verdict}; "
                       f"binding itself to it in advance is worth {worth} to {a.player}")
            if t.reputation is not None:
                r = t.reputation
                need = "no patience suffices" if r.threshold is None else \
                    f"it needs patience {r.threshold:.3f}"
                out.append(f"      repeated: carrying it out costs {r.cost:.3f} now; a kept "
                           f"threat is worth {r.gain:.3f} a round for {r.future_weight:.3f} "
                           f"discounted rounds: "
                           f"{'credible by reputation' if r.credible else 'NOT credible'} "
                           f"({need}, has {r.patience:g})")
    elif g.kind == "sequential":
        out += _with_information(g)
    else:
        if g.equilibrium_count == 1:
            what = "equilibrium (the only one)" if g.all_equilibria else "pure equilibrium"
        else:
            what = "equilibria (all of them)" if g.all_equilibria else "pure equilibria"
        if g.outcome_groups:
            out += _grouped(g, what)
        else:
            out.append(f"    {g.equilibrium_count} {what}"
                       + ("  (degenerate game)" if g.degenerate else ""))
            for e in g.equilibria[:5]:
                out.append(f"      {_profile(e)}")
            if len(g.equilibria) > 5:
                out.append(f"      ... {len(g.equilibria) - 5} more in the JSON")
        if g.surviving:
            out.append("    " + _dominance(g))
    for line in g.credibility:
        out.append(f"    {line}")
    for note in g.red_lines:
        out.append(f"    red line: {note}")
    if g.spe is not None and any(n.outcome for n in g.tree):
        if g.reconciliation:
            out += [f"    CONTRADICTS the verdicts: {c}" for c in g.reconciliation]
        else:
            out.append("    agrees with the verdicts (no deal concluded against an actor's "
                       "red line or walk-away value)")
    for note in g.notes[:3]:
        out.append(f"    note: {note}")
    return out


def _ends(g: GameResult, paths: list[str]) -> str:
    return ", ".join(g.node_ids.get(p, p) for p in paths)


def _with_information(g: GameResult) -> list[str]:
    """A game with information sets: its sets, perfect Bayesian and Nash equilibria."""
    out = [f"    information sets: " + "; ".join(
        f"{h.id} ({h.player} cannot tell apart {', '.join('/'.join(p) or 'root' for p in h.paths)})"
        for h in g.info_sets)]
    if g.perfect_bayesian:
        out.append(f"    {len(g.perfect_bayesian)} perfect Bayesian equilibri"
                   f"{'um' if len(g.perfect_bayesian) == 1 else 'a'} (pure):")
    for e in g.perfect_bayesian:
        kind = f"{e.kind}: " if e.kind else ""
        out.append(f"      {kind}" + ", ".join(f"{h}: {a}" for h, a in e.actions.items()))
        out.append(f"        ends at {_ends(g, e.paths)}; payoffs {_pays(e.payoffs)}")
        for h, mu in e.beliefs.items():
            out.append(f"        belief at {h}: " + ", ".join(f"{x} {q:.3g}" for x, q in mu.items()))
        for h, rng in e.off_path.items():
            out.append(f"        off the path at {h}, beliefs that support it: " + ", ".join(
                f"{x} in [{lo:.3g}, {hi:.3g}]" for x, (lo, hi) in rng.items()))
        if e.intuitive is not None:
            verdict = "survives" if e.intuitive else "FAILS"
            out.append(f"        intuitive criterion: {verdict} ({e.intuitive_reason})")
    if g.behaviour_equilibria:
        out.append(f"    {len(g.behaviour_equilibria)} Nash equilibri"
                   f"{'um' if len(g.behaviour_equilibria) == 1 else 'a'} in behaviour strategies "
                   f"({g.behaviour_equilibria[0].method}):")
    for e in g.behaviour_equilibria[:5]:
        out.append("      " + "; ".join(
            f"{h}: " + ", ".join(f"{a} {p:.3g}" for a, p in mix.items() if p > 0)
            for h, mix in e.behaviour.items()) + f"  -> payoffs {_pays(e.payoffs)}")
    if len(g.behaviour_equilibria) > 5:
        out.append(f"      ... {len(g.behaviour_equilibria) - 5} more in the JSON")
    return out


def _truce(t: TruceResult) -> list[str]:
    verdict = "HOLDS" if t.holds else "does NOT hold"
    out = [f"  {t.label} [{t.proposal}]: {verdict} (violations detected with probability "
           f"{t.detection:g}, false alarms {t.false_alarm:g}); closest to breaking it: "
           f"{t.binding}",
           "    T: a party's payoff from its best violation, R: from keeping the truce, "
           "P: after it collapses;",
           "    delta*: the patience needed to keep it; min q: the detection it needs"]
    for p in t.parties:
        th = "none suffices" if p.threshold is None else f"{p.threshold:.3f}"
        md = "none suffices" if p.minimum_detection is None else f"{p.minimum_detection:.3f}"
        if p.temptation <= p.compliance and p.compliance > p.breakdown:
            md = "any"
        out.append(f"    {p.name:<12} T {p.temptation:.3f} R {p.compliance:.3f} P {p.breakdown:.3f}"
                   f"  delta* {th} vs patience {p.delta:g}: {'keeps it' if p.holds else 'BREAKS'};"
                   f" min q {md}")
    for name, change in t.violations.items():
        if change:
            out.append(f"    {name}'s best violation: " + ", ".join(
                f"{k} back to {v}" for k, v in change.items()))
    if t.verification:
        out.append(f"    by {t.verification_issue}: " + ", ".join(
            f"{k} {'holds' if v else 'breaks'}" for k, v in t.verification.items()))
    if t.count_in_verdicts or t.hold_beliefs and any(b not in (0.0, 1.0)
                                                      for b in t.hold_beliefs.values()):
        used = ("the verdicts use these values, as do robustness draws, sensitivity and "
                "tipping points; the acceptable set, the bargaining solutions and the ensemble "
                "value the terms as certain") if t.count_in_verdicts else \
            "shown only (count_in_verdicts = false)"
        out.append(f"    worth of the truce given that it may fail ({used}): " + ", ".join(
            f"{n} {v:.3f} (holds with probability {t.hold_beliefs.get(n, 1.0):g})"
            for n, v in t.expected_values.items()))
    out += [f"    note: {n}" for n in t.notes]
    return out


def _bargaining(b: BargainingResult) -> list[str]:
    out = [f"  Rubinstein: {b.proposer} (patience {b.delta_proposer:g}) proposing first to "
           f"{b.responder} (patience {b.delta_responder:g}) gets {b.split:.3f} of a divisible "
           f"stake, {b.responder} {1 - b.split:.3f}"]
    if b.offer is not None and b.offer_utilities is not None:
        out.append("    first offer on the acceptable frontier: "
                   + ", ".join(f"{k}={v}" for k, v in b.offer.items()))
        out.append("      utilities " + _pays(b.offer_utilities))
    if b.war is not None:
        a, other = b.war_actors
        out.append(f"  Fearon: a deal beats war for both {a} and {other} when it gives {a} a "
                   f"share in [{b.war.low:.3f}, {b.war.high:.3f}] ({a} wins a war with "
                   f"p {b.war.p:g}; {a}'s share = its demand utility of the deal)")
        c = b.commitment
        if c is not None:
            side = {"a": a, "b": other}.get(c.fights_now or "")
            moved = f"{a}'s chance of winning goes from {c.p:g} to {c.p_after:g} during a truce"
            if side is None:
                out.append(f"  Powell: {moved}; some deal still beats war for both (the most "
                           f"{a} can be given while {other} accepts, {c.most_for_a:.3f}, is at "
                           f"least {a}'s war value now, {c.war_value_a:.3f})")
            else:
                war_now = c.war_value_a if c.fights_now == "a" else c.war_value_b
                most = c.most_for_a if c.fights_now == "a" else c.most_for_b
                promised = "no split keeps the other side from fighting" if most is None else \
                    f"the most it can be promised across the shift is {most:.3f}"
                out.append(f"  Powell: {moved}; the bargaining range closes: {side} would "
                           f"rather fight now (war now is worth {war_now:.3f} to it; {promised})"
                           f" -- a commitment problem no deal on the table solves")
        for pid, share in b.shares.items():
            out.append(f"    {pid}: share {share:.3f} "
                       f"{'in range' if b.in_range[pid] else 'outside (war is better for one)'}")
    out += [f"    note: {n}" for n in b.notes]
    return out


def game_lines(g: GameResult) -> list[str]:
    """The text of one solved game (as in ``negsim run``'s Games section)."""
    return _game(g)


def games_lines(analysis) -> list[str]:
    """The games, threats, truce and bargaining sections (empty if there is nothing to say)."""
    out: list[str] = []
    if analysis.games:
        out += ["", "Games"]
        for g in analysis.games:
            out += _game(g)
    if analysis.truces:
        out += ["", "Truce stability (grim trigger)"]
        for t in analysis.truces:
            out += _truce(t)
    if analysis.bargaining_over_time is not None:
        out += ["", "Bargaining over time"]
        out += _bargaining(analysis.bargaining_over_time)
    return out
