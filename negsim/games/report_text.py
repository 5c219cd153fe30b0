"""Text sections for games, threats, truces and bargaining (part of ``negsim run``'s summary)."""

from __future__ import annotations

from negsim.games.results import BargainingResult, GameResult, TruceResult

__all__ = ["games_lines"]


def _profile(e) -> str:
    parts = []
    for player, strat in e.strategies.items():
        mix = ", ".join(s if p == 1.0 else f"{s} {p:.2f}" for s, p in strat.items())
        parts.append(f"{player}: {mix}")
    pays = ", ".join(f"{k} {v:.2f}" for k, v in e.payoffs.items())
    return f"{'; '.join(parts)}  -> {pays}"


def _game(g: GameResult) -> list[str]:
    out = [f"  {g.label or g.id} [{g.id}, {g.kind.replace('_', ' ')}]"]
    if g.spe is not None:
        spe = g.spe
        path = " -> ".join(spe.path) if spe.path is not None else "(several, see ties)"
        out.append(f"    subgame-perfect path: {path}")
        if spe.payoffs is not None:
            out.append("      payoffs: " + ", ".join(f"{k} {v:.2f}" for k, v in spe.payoffs.items()))
        for n in spe.nodes:
            node = g.node_ids.get("/".join(n.path), "/".join(n.path))
            tie = "  [tie]" if n.tie else ""
            out.append(f"      at {node} {n.player} plays {' or '.join(n.optimal_actions)}{tie}")
        for t in g.threats:
            a = t.assessment
            what = f"lever {t.lever}" if t.lever else "threat"
            verdict = "credible" if a.credible else "NOT credible"
            out.append(f"    {what}: {a.player} plays {a.threat} at {t.node}: {verdict}; "
                       f"value of commitment {a.value_of_commitment[0]:+.3f}")
    else:
        what = "all equilibria" if g.all_equilibria else "pure equilibria"
        out.append(f"    {g.equilibrium_count} {what}"
                   + ("  (degenerate game)" if g.degenerate else ""))
        for e in g.equilibria[:5]:
            out.append(f"      {_profile(e)}")
        if len(g.equilibria) > 5:
            out.append(f"      ... {g.equilibrium_count - 5} more in the JSON")
        if g.surviving:
            out.append("    after iterated strict dominance: " + "; ".join(
                f"{p}: {', '.join(s)}" for p, s in g.surviving.items()))
    for note in g.notes[:3]:
        out.append(f"    note: {note}")
    return out


def _truce(t: TruceResult) -> list[str]:
    out = [f"  {t.label} [{t.proposal}]: {'HOLDS' if t.holds else 'does not hold'} "
           f"(detection q {t.detection:g}, false alarm {t.false_alarm:g}; binding: {t.binding})"]
    for p in t.parties:
        th = "none" if p.threshold is None else f"{p.threshold:.3f}"
        md = "none suffices" if p.minimum_detection is None else f"{p.minimum_detection:.3f}"
        out.append(f"    {p.name:<12} T {p.temptation:.3f} R {p.compliance:.3f} P {p.breakdown:.3f}"
                   f"  delta* {th} vs patience {p.delta:g}: {'ok' if p.holds else 'BREAKS'};"
                   f" min q {md}")
    if t.verification:
        out.append(f"    by {t.verification_issue}: " + ", ".join(
            f"{k} {'holds' if v else 'breaks'}" for k, v in t.verification.items()))
    out += [f"    note: {n}" for n in t.notes]
    return out


def _bargaining(b: BargainingResult) -> list[str]:
    out = [f"  Rubinstein: {b.proposer} (patience {b.delta_proposer:g}) proposes first to "
           f"{b.responder} ({b.delta_responder:g}): split {b.split:.3f} / {1 - b.split:.3f}"]
    if b.offer_utilities is not None:
        out.append("    first offer on the acceptable frontier: utilities "
                   + ", ".join(f"{k} {v:.2f}" for k, v in b.offer_utilities.items()))
    if b.war is not None:
        out.append(f"  Fearon: {b.war_actors[0]}'s share in [{b.war.low:.3f}, {b.war.high:.3f}] "
                   f"beats war (p {b.war.p:g})")
        for pid, share in b.shares.items():
            out.append(f"    {pid}: share {share:.3f} {'in range' if b.in_range[pid] else 'outside'}")
    out += [f"    note: {n}" for n in b.notes]
    return out


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
