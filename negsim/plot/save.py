"""All briefing figures of an analysis, and writing them to a folder."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import matplotlib

from negsim.outputs import OutputSet
from negsim.errors import NegsimError
from negsim.results.analysis import Analysis
from negsim.plot.demands import demands
from negsim.plot.issue_map import issue_map
from negsim.plot.outcome_space import outcome_space
from negsim.plot.outcome_space_matrix import outcome_space_matrix
from negsim.plot.proposal_verdicts import proposal_verdicts
from negsim.plot.game_tree import game_tree
from negsim.plot.payoff_matrix import payoff_matrix
from negsim.plot.tipping_point_curve import tipping_point_curve
from negsim.plot.tornado import tornado
from negsim.plot.style import literal_text

__all__ = ["save_figures", "stage_figures", "briefing_figures", "applicable_figures", "render", "DEFAULT_FORMATS",
           "FORMATS"]

DEFAULT_FORMATS = ("png", "svg")
FORMATS = ("png", "svg", "pdf")


def applicable_figures(analysis: Analysis) -> dict[str, Callable]:
    """The figures that apply to ``analysis``, by file name, in briefing order.

    ``demands`` needs stated demands, ``proposal_verdicts`` proposals, ``outcome_space`` two
    actors and ``outcome_space_matrix`` three or more; then one figure per sequential game
    (``game_tree_<id>``), two-player game (``payoff_matrix_<id>``), sensitivity study
    (``tornado_<target>``) and tipping point (``tipping_point_<parameter>``).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),
    ...             negsim.Actor("B", (negsim.Demand("war", want="fight"),))))
    >>> list(applicable_figures(negsim.analyze(s)))
    ['demands', 'outcome_space', 'issue_map']
    """
    out: dict[str, Callable] = {}
    if any(a.demands for a in analysis.actors):
        out["demands"] = demands
    if analysis.verdicts:
        out["proposal_verdicts"] = proposal_verdicts
    if len(analysis.actors) >= 2:
        out["outcome_space"] = outcome_space
    if len(analysis.actors) >= 3:
        out["outcome_space_matrix"] = outcome_space_matrix
    if analysis.issues:
        out["issue_map"] = issue_map
    out.update(_result_figures(analysis))
    return out


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def _result_figures(analysis: Analysis) -> dict[str, Callable]:
    """Figures of the games, sensitivity studies and tipping points the analysis holds:
    ``game_tree_<id>`` (sequential games), ``payoff_matrix_<id>`` (two-player games with a
    payoff table), ``tornado_<target>`` and ``tipping_point_<parameter>`` (numbered if repeated)."""
    out: dict[str, Callable] = {}

    def add(name: str, draw: Callable) -> None:
        k, unique = 2, name
        while unique in out:
            unique, k = f"{name}_{k}", k + 1
        out[unique] = draw

    for g in analysis.games:
        if g.tree and g.spe is not None:
            add(f"game_tree_{_slug(g.id)}", partial(game_tree, game=g.id))
        if g.payoff_matrix and len(g.players) == 2:
            add(f"payoff_matrix_{_slug(g.id)}", partial(payoff_matrix, game=g.id))
    for k, sens in enumerate(analysis.sensitivity):
        if sens.bars:
            add(f"tornado_{_slug(sens.target)}", partial(tornado, index=k))
    for k, tp in enumerate(analysis.tipping_points):
        if tp.curve_x:
            add(f"tipping_point_{_slug(tp.parameter)}", partial(tipping_point_curve, index=k))
    return out


def briefing_figures(analysis: Analysis, names: Sequence[str] | None = None) -> dict:
    """Draw every applicable figure (or those of ``names`` that apply); ``{name: Figure}``.

    Close the figures when done (``matplotlib.pyplot.close``).
    """
    import matplotlib.pyplot as plt  # on first use: importing pyplot picks the backend

    figures = {}
    try:
        for name, draw in applicable_figures(analysis).items():
            if names is not None and name not in names:
                continue
            with literal_text():  # user labels are text, never mathtext
                obj = draw(analysis)
            figures[name] = obj if hasattr(obj, "savefig") else obj.figure
    except BaseException:
        for fig in figures.values():
            plt.close(fig)
        raise
    return figures


def render(fig, fmt: str, dpi: int = 200) -> bytes:
    """The figure as file content in ``fmt`` (png, svg or pdf); reproducible for svg/pdf."""
    buf = io.BytesIO()
    meta = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "negsim"}), literal_text(fig):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
    return _stable_clip_ids(buf.getvalue()) if fmt == "svg" else buf.getvalue()


_CLIP_ID = re.compile(rb'<clipPath id="(p[0-9a-f]{10})"')


def _stable_clip_ids(svg: bytes) -> bytes:
    """Name the SVG's clip paths ``clip1``, ``clip2``, ... in order of first use.

    matplotlib hashes a clip rectangle's float coordinates into its id; layout leaves those
    differing in the last bits between identical figures, so the hashed ids (not the drawing)
    change from run to run. Renaming by order of first appearance makes the bytes stable.
    """
    ids = set(_CLIP_ID.findall(svg))
    if not ids:
        return svg
    order: dict[bytes, bytes] = {}
    for m in re.finditer(rb"p[0-9a-f]{10}", svg):
        if m.group() in ids and m.group() not in order:
            order[m.group()] = b"clip%d" % (len(order) + 1)
    return re.sub(rb"p[0-9a-f]{10}", lambda m: order.get(m.group(), m.group()), svg)


def save_figures(analysis: Analysis, folder: str | Path,
                 formats: Sequence[str] = DEFAULT_FORMATS, dpi: int = 200,
                 names: Sequence[str] | None = None) -> list[Path]:
    """Write every figure that applies to ``analysis`` into ``folder``; return the paths.

    ``names`` restricts the output to those figures (see :func:`applicable_figures`).

    The figures are written as one :class:`negsim.outputs.OutputSet`: each staged as a
    temporary file, all renamed into place at the end, so a failure (or SIGINT/SIGTERM)
    leaves the old files as they were and no temporary file behind.
    """
    with OutputSet() as out:
        stage_figures(analysis, folder, out, formats, dpi, names)
    return out.written


def stage_figures(analysis: Analysis, folder: str | Path, out: OutputSet,
                  formats: Sequence[str] = DEFAULT_FORMATS, dpi: int = 200,
                  names: Sequence[str] | None = None) -> list[Path]:
    """Render every figure that applies to ``analysis`` and stage its files in ``out``.

    Nothing reaches ``folder`` until ``out`` commits; return the staged target paths.
    """
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt  # pyplot picks its backend when imported: after matplotlib.use("Agg")

    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise NegsimError(f"unknown figure format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    known = ("demands", "proposal_verdicts", "outcome_space", "outcome_space_matrix",
             "issue_map") + tuple(_result_figures(analysis))
    unknown = [n for n in names or () if n not in known]
    if unknown:
        raise NegsimError(f"unknown figure {unknown[0]!r}; the figures are {', '.join(known)}")
    staged = []
    for name, draw in applicable_figures(analysis).items():
        if names is not None and name not in names:
            continue
        with literal_text():  # user labels are text, never mathtext
            obj = draw(analysis)
        fig = obj if hasattr(obj, "savefig") else obj.figure
        try:
            content = {fmt: render(fig, fmt, dpi) for fmt in dict.fromkeys(formats)}
        finally:
            plt.close(fig)
        for fmt, data in content.items():
            staged.append(out.add_bytes(Path(folder) / f"{name}.{fmt}", data))
    return staged
