"""Every quote in the scenario files appears word for word in the source it cites.

The sources live outside the repository, in the shared ``sources`` directory next to the worktrees
(``<worktree>/../shared/sources``), or wherever the ``NEGSIM_SOURCES`` environment variable points.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"

# Reporting that must not be cited: reader comments at the end of 004, subscription boilerplate in 002.
NOT_REPORTING = {
    "004_ce0fcfcbd8416ad1.txt": "Don’t give the empire an inch Putin.",
    "002_24e3cce828b09f11.txt": "Sign up for our weekly newsletter",
}


def _sources_dir() -> Path | None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "sources"
    if shared.is_dir():
        return shared
    env = os.environ.get("NEGSIM_SOURCES")
    if env and Path(env).is_dir():
        return Path(env)
    return None


SOURCES = _sources_dir()
needs_sources = pytest.mark.skipif(
    SOURCES is None,
    reason="source texts not found: no ../shared/sources next to the repository and NEGSIM_SOURCES unset",
)

SCENARIO_FILES = sorted(SCENARIOS.rglob("*.toml"))


def _cited(doc: dict) -> list[tuple[str, dict]]:
    """(where, entry) for every table in a scenario document that may carry source/quote."""
    out: list[tuple[str, dict]] = []
    for name, actor in (doc.get("actors") or {}).items():
        for i, d in enumerate(actor.get("demands") or []):
            out.append((f"actors.{name}.demands[{i}]", d))
            for j, alt in enumerate(d.get("when_alternatives") or []):
                out.append((f"actors.{name}.demands[{i}].when_alternatives[{j}]", alt))
    for kind in ("levers", "proposals", "observations", "truces"):
        for i, entry in enumerate(doc.get(kind) or []):
            out.append((f"{kind}[{i}] ({entry.get('id') or entry.get('proposal', '?')})", entry))
            for j, alt in enumerate(entry.get("trigger_alternatives") or []):
                out.append((f"{kind}[{i}].trigger_alternatives[{j}]", alt))
    return out


def _citations() -> list[tuple[str, str, dict]]:
    rows = []
    for path in SCENARIO_FILES:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for where, entry in _cited(doc):
            rows.append((str(path.relative_to(REPO)), where, entry))
    return rows


CITATIONS = _citations()


def _read_source(name: str) -> str:
    assert SOURCES is not None
    return (SOURCES / name).read_text(encoding="utf-8")


def check_citation(entry: dict, sources: Path) -> list[str]:
    """Problems with one entry's source/quote; empty when it is well cited."""
    problems = []
    source, quote = entry.get("source"), entry.get("quote")
    if quote is not None and source is None:
        problems.append("has a quote but no source")
    if source is None:
        return problems
    if "/" in source or "\\" in source or not (sources / source).is_file():
        return problems + [f"source {source!r} is not a file in {sources}"]
    if quote is None:
        return problems + ["has a source but no quote"]
    text = (sources / source).read_text(encoding="utf-8")
    if not quote.strip():
        problems.append("quote is empty")
    elif quote not in text:
        problems.append(f"quote not found verbatim in {source}: {quote!r}")
    else:
        marker = NOT_REPORTING.get(source)
        if marker is not None and text.index(quote) >= text.index(marker):
            problems.append(f"quote comes from the non-reporting tail of {source} (comments/boilerplate)")
    return problems


def test_scenario_files_exist():
    assert SCENARIO_FILES, f"no scenario files under {SCENARIOS}"


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_scenario_parses(path):
    with path.open("rb") as fh:
        tomllib.load(fh)


@needs_sources
@pytest.mark.parametrize(
    "file,where,entry", CITATIONS, ids=[f"{f}:{w}" for f, w, _ in CITATIONS]
)
def test_quote_is_verbatim_in_cited_source(file, where, entry):
    problems = check_citation(entry, SOURCES)
    assert not problems, f"{file} {where}: " + "; ".join(problems)


@needs_sources
@pytest.mark.parametrize(
    "file,where,entry",
    [c for c in CITATIONS if c[1].startswith(("actors.", "levers", "observations"))],
    ids=[f"{f}:{w}" for f, w, e in CITATIONS if w.startswith(("actors.", "levers", "observations"))],
)
def test_demands_levers_observations_are_cited(file, where, entry):
    assert entry.get("source") and entry.get("quote"), f"{file} {where}: every demand, lever and observation needs source and quote"


@needs_sources
def test_checker_catches_an_altered_quote():
    """The check fails on a quote that is one character off, and on a missing source file."""
    _, _, entry = next(c for c in CITATIONS if c[2].get("quote"))
    assert check_citation(entry, SOURCES) == []
    altered = dict(entry, quote=entry["quote"].replace("’", "'") + " x")
    assert check_citation(altered, SOURCES)
    missing = dict(entry, source="999_does_not_exist.txt")
    assert check_citation(missing, SOURCES)
