"""An issue's ``labels`` (option id → display text) reach the result and every figure that
shows options; a label for an option the issue lacks is one located error."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import negsim  # noqa: E402
from negsim.plot import issue_map  # noqa: E402
from negsim.plot.style import option_text  # noqa: E402
from negsim.results.analysis import IssueSummary  # noqa: E402

TOML = """
[scenario]
name = "toy"

[[issues]]
id = "term"
options = ["10_15y", "25y", 30]
status_quo = "25y"
labels = { "10_15y" = "ten to fifteen years", "30" = "thirty years" }

[actors.A]
[[actors.A.demands]]
issue = "term"
want = "10_15y"

[actors.B]
[[actors.B.demands]]
issue = "term"
want = "25y"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_labels_are_stored_in_option_order_and_reach_the_issue_summary(tmp_path):
    s = negsim.load_scenario(_write(tmp_path, TOML))
    assert s.issues[0].labels == (("10_15y", "ten to fifteen years"), (30, "thirty years"))
    assert s.issues[0].label_of(30) == "thirty years" and s.issues[0].label_of("25y") == ""
    summary = negsim.analyze(s).issues[0]
    assert summary.labels == {"10_15y": "ten to fifteen years", "30": "thirty years"}
    back = IssueSummary.from_json(summary.to_json())
    assert back == summary


def test_option_text_prefers_the_label_and_falls_back_to_words(tmp_path):
    summary = negsim.analyze(negsim.load_scenario(_write(tmp_path, TOML))).issues[0]
    assert [option_text(o, summary) for o in summary.options] == \
        ["ten to fifteen years", "25y", "thirty years"]
    assert option_text("10_15y") == "10–15y"


def test_the_issue_map_shows_the_labels(tmp_path):
    ax = issue_map(negsim.analyze(negsim.load_scenario(_write(tmp_path, TOML))))
    try:
        texts = {t.get_gid(): t.get_text().replace("\n", " ") for t in ax.texts}
        assert texts["option-text:term:10_15y"] == "ten to fifteen years"
        assert texts["option-text:term:30"] == "thirty years"
    finally:
        plt.close(ax.figure)


def test_a_label_for_a_missing_option_is_one_located_error(tmp_path):
    bad = TOML.replace('"30" = "thirty years"', '"40" = "forty years"')
    with pytest.raises(negsim.ScenarioError) as info:
        negsim.load_scenario(_write(tmp_path, bad))
    assert "labels.40" in str(info.value) and "s.toml" in str(info.value)


def test_the_schema_names_the_labels_key():
    schema = json.loads((Path(negsim.__file__).parent / "scenario.schema.json").read_text())
    assert "labels" in json.dumps(schema)


EVERYWHERE = """
[scenario]
name = "toy"

[[issues]]
id = "term"
options = ["10_15y", "25y", 30]
status_quo = "25y"
labels = { "10_15y" = "ten to fifteen years", "30" = "thirty years" }

[[issues]]
id = "war"
options = ["fight", "truce"]
status_quo = "fight"

[actors.A]
[[actors.A.demands]]
issue = "term"
want = "10_15y"
hard = true
[[actors.A.demands]]
issue = "war"
want = "truce"
when = { term = 30 }

[actors.B]
[[actors.B.demands]]
issue = "term"
want = ["25y", 30]

[[proposals]]
id = "long"
terms = { term = 30, war = "truce" }
"""


def test_option_labels_reach_demands_verdicts_and_the_brief(tmp_path):
    from negsim.plot import demands, proposal_verdicts
    from negsim.text.bottom_line import outcome_words
    from negsim.text.brief_parts import brief_content

    a = negsim.analyze(negsim.load_scenario(_write(tmp_path, EVERYWHERE)))
    shown = []
    for draw in (demands, proposal_verdicts):
        ax = draw(a)
        shown += [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
        plt.close(ax.figure)
    text = " ".join(shown)
    assert "ten to fifteen years" in text and "thirty years" in text
    assert "10_15y" not in text and "= 30" not in text
    c = brief_content(a, {})
    rows = " ".join(" ".join(r) for r in c.demands)
    assert "term = ten to fifteen years" in rows and "term = 25y or thirty years" in rows
    assert "only if term = thirty years" in rows.replace("demand, if", "only if")
    assert outcome_words(a, {"term": 30, "war": "fight"}) == "term: thirty years"
