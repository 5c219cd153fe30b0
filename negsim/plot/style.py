"""One briefing style for every figure: actor colours, font sizes, footer."""

from __future__ import annotations

from negsim.result import Analysis

__all__ = ["actor_colors", "footer_text", "SOLUTION_MARKERS", "BASE_FONT"]

_PALETTE = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#35978f", "#8c510a",
            "#c51b7d")

BASE_FONT = 11

SOLUTION_MARKERS = {
    "nash": ("*", "Nash"),
    "asymmetric_nash": ("P", "Asym. Nash"),
    "kalai_smorodinsky": ("D", "Kalai–Smorodinsky"),
    "egalitarian": ("^", "Egalitarian"),
    "utilitarian": ("s", "Utilitarian"),
    "compromise": ("X", "Compromise"),
}


def actor_colors(analysis: Analysis) -> dict[str, str]:
    """A fixed colour per actor: the scenario's own, else the palette in actor order."""
    out = {}
    for k, a in enumerate(analysis.actors):
        out[a.name] = a.color or _PALETTE[k % len(_PALETTE)]
    return out


def footer_text(analysis: Analysis) -> str:
    """Scenario name, date, negsim version and seed."""
    parts = [analysis.scenario]
    if analysis.date:
        parts.append(analysis.date)
    parts += [f"negsim {analysis.version}", f"seed {analysis.seed}"]
    return " · ".join(parts)
