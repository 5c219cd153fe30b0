"""The comparison brief: ``negsim brief A.toml --compare B.toml`` / ``--without-lever ID`` leads
with what changes (checked against a brute-force reading of the semantics), then the brief of B."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.cli import main  # noqa: E402
from negsim.loading import load_scenario  # noqa: E402
from negsim.text.brief import brief_html, brief_markdown  # noqa: E402
from negsim.text.brief_compare import (MAX_CHANGE_SENTENCES, comparison_part,  # noqa: E402
                                       what_changes)
from tests.support import reference  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
AIR = REPO / "scenarios" / "air_truce_secondary_tariffs.toml"
VICTORY = REPO / "scenarios" / "victory_day_truce.toml"


def _key(o: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in o.items()))


@pytest.fixture(scope="module")
def air_without_tariffs():
    s = load_scenario(AIR)
    t = s.without_levers("secondary_tariffs")
    a, b = negsim.analyze(s), negsim.analyze(t)
    c = negsim.compare(a, b, labels=(s.name, f"{s.name}, without the tariffs"))
    return s, t, a, b, c


def test_what_changes_counts_the_deals_a_brute_force_reading_gains_and_loses(air_without_tariffs):
    s, t, a, b, c = air_without_tariffs
    before = {_key(o) for o in reference.acceptable(s)}
    after = {_key(o) for o in reference.acceptable(t)}
    lines = what_changes(c, a, b)
    assert 3 <= len(lines) <= MAX_CHANGE_SENTENCES
    assert lines[0].startswith("Without the tariffs, ")
    assert f"go from {len(before):,} to {len(after):,}" in lines[0]
    text = " ".join(lines)
    lost, gained = len(before - after), len(after - before)
    assert lost > 0
    if after:
        assert f"{lost:,} acceptable deals lost" in text
        assert (f"{gained:,} acceptable deal" in text) == bool(gained)
        assert f"{len(before & after):,} kept" in text
    else:  # every deal is lost (the shipped August scenario since the re-reading of issue 14)
        assert f"All {lost:,} acceptable deals are lost." in text


def test_what_changes_names_each_flipped_verdict_with_the_brute_force_margins(
        air_without_tariffs):
    s, t, a, b, c = air_without_tariffs
    text = " ".join(what_changes(c, a, b))
    flips = []
    for p in s.proposals:
        outcome = {**s.no_deal, **dict(p.terms)}
        for actor in s.actors:
            other = next(x for x in t.actors if x.name == actor.name)
            m0 = reference.utility(s, actor, outcome) - reference.reservation(s, actor)
            m1 = reference.utility(t, other, outcome) - reference.reservation(t, other)
            veto = reference.vetoes(s, actor, outcome)
            if not veto and (m0 >= 0) != (m1 >= 0):
                flips.append((p, actor.name, m0, m1))
    assert flips, "the tariffs decide at least one verdict in this scenario"
    for p, actor, m0, m1 in flips[:2]:
        verb = "from rejecting to accepting" if m1 >= 0 else "from accepting to rejecting"
        assert f"{actor} turns {verb} (margin {m0:+.3f} → {m1:+.3f})" in text
        assert f"“{p.label or p.id}”" in text


def test_an_unchanged_comparison_says_nothing_changes_in_one_sentence():
    a = negsim.analyze(negsim.examples.toy_scenario())
    lines = what_changes(negsim.compare(a, a), a, a)
    assert lines == ["From toy to toy, nothing the analysis looks at changes: the same verdicts, "
                     "the same 1 acceptable deals and the same bargaining solutions."]


def test_the_comparison_brief_leads_with_what_changes_then_the_brief_of_b(air_without_tariffs):
    s, t, a, b, c = air_without_tariffs
    part = comparison_part(a, b, c)
    assert set(part.figures) == {"comparison_plane", "verdict_changes"}
    assert all(png.startswith(b"\x89PNG") for png in part.figures.values())
    page = brief_html(b, {"demands": b"\x89PNG fake"}, comparison=part)
    changes, bottom = page.index('id="what-changes"'), page.index('id="bottom-line"')
    assert changes < bottom < page.index('id="key-numbers"') < page.index('id="figures"')
    assert page.index('id="fig-comparison_plane"') < page.index('id="fig-demands"')
    for sentence in part.sentences:
        assert sentence.replace("'", "&#x27;") in page or sentence in page
    md = brief_markdown(b, {}, comparison=part)
    assert md.index("## What changes") < md.index("## Bottom line")
    # without a comparison, no such section
    assert 'id="what-changes"' not in brief_html(b, {})


def test_cli_brief_compare_and_without_lever(tmp_path, capsys):
    out = tmp_path / "c.html"
    assert main(["brief", str(AIR), "--compare", str(VICTORY), "-o", str(out)]) == 0
    page = out.read_text()
    victory = load_scenario(VICTORY)
    assert f"<h1>{victory.name}</h1>" in page
    lead = re.search(r'id="what-changes"><h2>What changes</h2><p class="bl">([^<]*)', page)
    assert lead and lead.group(1).startswith("From ")
    out2 = tmp_path / "w.md"
    assert main(["brief", str(AIR), "--without-lever", "secondary_tariffs", "-o", str(out2)]) == 0
    md = out2.read_text()
    assert "## What changes" in md and "Without US secondary tariffs" in md
    capsys.readouterr()


@pytest.mark.parametrize("args", [["--compare", str(VICTORY), "--without-lever", "x"],
                                  ["--without-lever", "nope"]])
def test_cli_brief_compare_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, args):
    out = tmp_path / "c.html"
    assert main(["brief", str(AIR), *args, "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error:")
    assert not out.exists()
