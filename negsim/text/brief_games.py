"""The brief's "Games and truce stability" section, in words (reads results only)."""

from __future__ import annotations

from negsim.results.games import GameResult, TruceResult
from negsim.results.analysis import Analysis

__all__ = ["games_findings"]


def _w(text: str) -> str:
    return str(text).replace("_", " ")


def _game(g: GameResult) -> list[str]:
    name = g.label or _w(g.id)
    out = []
    if g.spe is not None:
        spe = g.spe
        if spe.path is not None:
            out.append(f"{name}: subgame-perfect play is " + " → ".join(_w(a) for a in spe.path)
                       + ".")
        else:
            tied = [n for n in spe.nodes if n.tie]
            who = ", ".join(sorted({n.player for n in tied})) or "a mover"
            out.append(f"{name}: {len(spe.outcomes)} subgame-perfect outcomes, because {who} "
                       "is indifferent at some move (a tie).")
        seen = set()
        for t in g.threats:
            a = t.assessment
            key = (t.lever or a.threat, a.credible)
            if key in seen:
                continue
            seen.add(key)
            what = f"the {_w(t.lever)} threat" if t.lever else f"{a.player}'s threat to " \
                f"{_w(a.threat)}"
            if a.credible:
                out.append(f"{what[0].upper() + what[1:]} is credible: carrying it out is "
                           f"{a.player}'s best reply.")
            else:
                best = " or ".join(_w(x) for x in a.best_actions)
                out.append(f"{what[0].upper() + what[1:]} is not credible: when the time came "
                           f"{a.player} would {best}.")
        for note in [*g.red_lines, *g.credibility]:
            out.append(f"{name}: {note[0].upper() + note[1:]}.")
        for c in g.reconciliation:
            out.append(f"{name} contradicts the verdicts: {c}.")
    elif g.kind == "sequential" and (g.perfect_bayesian or g.behaviour_equilibria):
        if g.perfect_bayesian:
            kinds = sorted({e.kind for e in g.perfect_bayesian if e.kind})
            out.append(f"{name}: {len(g.perfect_bayesian)} perfect Bayesian equilibria"
                       + (f" ({', '.join(kinds)})" if kinds else "") + ".")
            failed = [e for e in g.perfect_bayesian if e.intuitive is False]
            if failed:
                out.append(f"{name}: {len(failed)} of them fail the intuitive criterion.")
        else:
            out.append(f"{name}: {len(g.behaviour_equilibria)} Nash equilibria in behaviour "
                       "strategies.")
        for line in g.credibility:
            out.append(f"{name}: {line[0].upper() + line[1:]}.")
    elif g.kind == "normal_form" or (g.kind == "proposals" and g.equilibrium_count):
        what = "equilibria" if g.all_equilibria else "pure equilibria"
        out.append(f"{name}: {g.equilibrium_count} {what}"
                   + (" (solvable by iterated dominance)." if g.dominance_solvable else "."))
    return out


def _truce(t: TruceResult) -> str:
    name = t.label or _w(t.proposal)
    binding = next((p for p in t.parties if p.name == t.binding), None)
    if t.holds:
        text = f"The truce '{name}' holds (grim trigger, detection {t.detection:g}, false alarm " \
               f"{t.false_alarm:g})"
        if binding is not None and binding.threshold:
            text += f"; {binding.name} binds: it needs patience {binding.threshold:.2f} and has " \
                    f"{binding.delta:g}"
        if t.minimum_detection is not None:
            text += f"; it holds with detection down to {t.minimum_detection:.2f}"
        return text + "."
    broken = [p.name for p in t.parties if not p.holds]
    text = f"The truce '{name}' does not hold: {', '.join(broken)} would break it"
    if t.minimum_detection is None:
        text += "; no detection rate is enough"
    else:
        text += f"; it needs detection of at least {t.minimum_detection:.2f}"
    return text + "."


def games_findings(analysis: Analysis) -> list[str]:
    """Plain sentences on the declared games (subgame-perfect play, threat credibility) and
    the truces (whether each holds, who binds, how much verification it needs).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario()
    >>> games_findings(negsim.analyze(s))
    []
    """
    out = []
    for g in analysis.games:
        if g.kind != "proposals":
            out += _game(g)
    out += [_truce(t) for t in analysis.truces]
    return out
