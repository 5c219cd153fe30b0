"""Sources resolve at load time into each demand's and observation's ``citation``, so figures
and the brief read outlet, headline and date from the result, never a hash file name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import negsim
from negsim.loading import load_scenario
from negsim.loading.sources import EMPTY_INDEX, find_sources_dir, load_source_index
from negsim.results.analysis import Analysis

REPO = Path(__file__).resolve().parents[2]
HASH_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

BODY = '''[scenario]
name = "t"
[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"
[actors.A]
[[actors.A.demands]]
issue = "war"
want = "truce"
hard = true
source = "000_aaaaaaaaaaaaaaaa.txt"
quote = "only a truce"
[[actors.A.demands]]
issue = "war"
want = "truce"
source = "paper_2025_01"
[actors.B]
[[actors.B.demands]]
issue = "war"
want = "fight"
source = "Reuters, 2025-05-01"
[[proposals]]
id = "p"
terms = { war = "fight" }
[[observations]]
actor = "A"
proposal = "p"
response = "reject"
source = "paper_2025_01"
'''

CITED = "Paper, “A headline” (2025-01)"


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "index.toml").write_text(
        '[[sources]]\nid = "paper_2025_01"\nfile = "000_aaaaaaaaaaaaaaaa.txt"\n'
        'outlet = "Paper"\ndate = "2025-01"\nheadline = "A headline"\n', encoding="utf-8")
    f = tmp_path / "t.toml"
    f.write_text(BODY, encoding="utf-8")
    return f


def test_file_names_and_ids_resolve_free_text_stays(scenario_file: Path) -> None:
    s = load_scenario(scenario_file)
    a, b = s.actor("A"), s.actor("B")
    assert [d.citation for d in a.demands] == [CITED, CITED]
    assert [d.source for d in a.demands] == ["000_aaaaaaaaaaaaaaaa.txt", "paper_2025_01"]
    assert b.demands[0].citation == "Reuters, 2025-05-01"
    assert s.observations[0].citation == CITED


def test_the_citation_reaches_every_summary_and_round_trips(scenario_file: Path) -> None:
    analysis = negsim.analyze(load_scenario(scenario_file))
    assert [d.citation for d in analysis.actor("A").demands] == [CITED, CITED]
    assert analysis.observations[0].citation == CITED
    (blocker,) = [b for r in analysis.verdict("p").responses for b in r.blockers if b.red_line]
    assert blocker.citation == CITED and blocker.cited() == CITED
    assert Analysis.from_json(analysis.to_json()) == analysis


def test_without_an_index_the_citation_is_the_raw_source(scenario_file: Path) -> None:
    s = load_scenario(scenario_file, sources=EMPTY_INDEX)
    assert [d.citation for d in s.actor("A").demands] == ["000_aaaaaaaaaaaaaaaa.txt",
                                                          "paper_2025_01"]
    # the citation is display only: the scenario is the same scenario either way
    assert s == load_scenario(scenario_file)


def test_an_explicit_folder_is_used_and_a_folder_without_index_is_one_line(
        scenario_file: Path, tmp_path: Path) -> None:
    s = load_scenario(scenario_file, sources=scenario_file.parent / "sources")
    assert s.actor("A").demands[0].citation == CITED
    with pytest.raises(negsim.NegsimError) as err:
        load_scenario(scenario_file, sources=tmp_path / "nowhere")
    assert "cannot read the sources index" in str(err.value) and "\n" not in str(err.value)


SHIPPED = REPO / "scenarios" / "air_truce_secondary_tariffs.toml"
INDEX_DIR = find_sources_dir(SHIPPED)


@pytest.mark.skipif(INDEX_DIR is None or not (INDEX_DIR / "index.toml").is_file(),
                    reason="no shared/sources/index.toml beside the checkout")
def test_shipped_demands_and_records_cite_outlets_not_hash_file_names() -> None:
    index = load_source_index(INDEX_DIR)
    a = negsim.analyze(load_scenario(SHIPPED))
    pairs = [(d.source, d.citation) for x in a.actors for d in x.demands if d.source] + \
        [(o.source, o.citation) for o in a.observations if o.source]
    assert pairs and not any(HASH_FILE.search(c) for _, c in pairs)
    for source, citation in pairs:  # each indexed article by outlet, headline and date
        art = index.get(source)
        assert citation == (art.citation() if art is not None else source)
    assert index.by_id["bloomberg_2025_08_05"].citation() in {c for _, c in pairs}
