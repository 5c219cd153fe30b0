"""The docs name only keys the scenario format has, and the README's printed comments are true.

Every table header the README and the notebooks quote in backticks (`[[games.nodes]]`,
`[actors.NAME]`) and every table header and key of the README's ```toml blocks must exist in
:data:`negsim.loading.schema.SCENARIO_FORMAT`; every ``print(...)  # X`` line of a README
example must print ``X`` (the comment's text up to " (" or ":" when it explains itself).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from negsim.loading.schema import SCENARIO_FORMAT, Key

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
_HEADER = re.compile(r"`\[\[?([A-Za-z_][\w.]*)\]\]?`")
_TABLE_KINDS = ("table", "tables", "named_tables")


def _resolve(path: list[str], fields: tuple[Key, ...] = SCENARIO_FORMAT) -> Key | None:
    key = None
    for k, part in enumerate(path):
        if key is not None and key.kind == "named_tables" and (part.isupper() or k % 2 == 1):
            continue  # actors.NAME / actors.Russia: the name of a named table
        key = next((f for f in fields if f.name == part), None)
        if key is None:
            return None
        fields = key.fields
    return key


def _doc_texts() -> list[tuple[str, str]]:
    out = [("README.md", README)]
    for nb in NOTEBOOKS:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out += [(f"{nb.name} cell {i}", "".join(c["source"])) for i, c in enumerate(cells)]
    return out


def test_resolve_knows_nested_and_named_tables_and_rejects_unknown_ones():
    assert _resolve(["games", "nodes"]).kind == "tables"
    assert _resolve(["actors", "NAME", "demands"]).kind == "tables"
    assert _resolve(["uncertain"]) is None and _resolve(["games", "leaves"]) is None


def test_every_table_header_the_docs_quote_exists_in_the_schema():
    named = [(where, h) for where, text in _doc_texts() for h in _HEADER.findall(text)]
    assert len(named) >= 8
    bad = [(where, h) for where, h in named if _resolve(h.split(".")) is None]
    assert bad == []


def test_every_key_of_the_readme_toml_blocks_exists_in_the_schema():
    top = {k.name for k in SCENARIO_FORMAT}
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", README, flags=re.S)
              if any(h.split(".")[0] in top for h in re.findall(r"^\[\[?([\w.]+)", b, re.M))]
    assert blocks  # the blocks of other files (a lint rule, say) are not scenarios
    bad = []
    for block in blocks:
        table: list[str] = []
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.fullmatch(r"\[\[?([\w.]+)\]\]?", line)
            if m:
                table = m.group(1).split(".")
                if _resolve(table) is None:
                    bad.append(line)
                continue
            m = re.match(r"([A-Za-z_]\w*)\s*=", line)
            if m and table:
                parent = _resolve(table)
                if parent is None or parent.kind not in _TABLE_KINDS:
                    continue
                if parent.kind == "named_tables" and len(table) == 1:
                    continue  # [actors] Russia = ...: names
                if not any(f.name == m.group(1) for f in parent.fields) and \
                        parent.kind != "named_tables":
                    bad.append(f"[{'.'.join(table)}] {m.group(1)}")
    assert bad == []


_PRINT = re.compile(r"^(\s*)print\((.*)\)\s+#\s*(.+?)\s*$")
BLOCKS = [b for b in re.findall(r"```python\n(.*?)```", README, flags=re.S)
          if any(_PRINT.match(line) for line in b.splitlines())]


def _checked(code: str) -> str:
    lines = ["def __check(out, comment):",
             "    want = comment.split(' (')[0].split(': ')[0].strip()",
             "    assert out == want or out.startswith(want), (out, comment)"]
    for line in code.splitlines():
        m = _PRINT.match(line)
        if m:
            ind, expr, comment = m.groups()
            lines += [f"{ind}__out = ' '.join(map(str, [{expr}]))", f"{ind}print(__out)",
                      f"{ind}__check(__out, {comment!r})"]
        else:
            lines.append(line)
    return "\n".join(lines)


def test_the_readme_has_printed_comments_to_check():
    assert BLOCKS


@pytest.mark.slow
@pytest.mark.parametrize("code", BLOCKS, ids=[str(i) for i in range(len(BLOCKS))])
def test_each_readme_print_comment_says_what_it_prints(code, tmp_path):
    (tmp_path / "scenarios").symlink_to(REPO / "scenarios")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", _checked(code)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]


def test_no_notebook_markdown_cell_starts_with_a_stray_md_prefix():
    bad = [where for where, text in _doc_texts() if where != "README.md"
           and re.match(r"\s*md#", text)]
    assert bad == []
