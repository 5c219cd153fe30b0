"""A small reader of the text and page count of the PDFs headless Chromium prints (test helper).

Chromium (Skia) writes Identity-H fonts with ToUnicode maps and one hex string per glyph run;
this reads just that: Flate streams, ``bfchar``/``bfrange`` maps, ``Tf`` and ``Tj``/``TJ``.
Not a general PDF parser (no dependency is added for the tests).
"""

from __future__ import annotations

import re
import unicodedata
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def page_count(data: bytes) -> int:
    """The number of ``/Type /Page`` objects."""
    return len(_PAGE.findall(data))


def _stream(body: bytes) -> bytes | None:
    m = re.search(rb"stream\r?\n", body)
    if m is None:
        return None
    length = re.search(rb"/Length (\d+)", body[: m.start()])
    raw = body[m.end(): m.end() + int(length.group(1))] if length else body[m.end():]
    if b"/FlateDecode" in body[: m.start()]:
        try:
            return zlib.decompress(raw)
        except zlib.error:
            return None
    return raw


def _cmap(text: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            start = int(dst, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + k)
    return out


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, in drawing order (glyphs joined; Chromium draws the spaces)."""
    objs = {int(n): body for n, body in _OBJ.findall(data)}
    maps: dict[int, dict[int, str]] = {}
    for n, body in objs.items():
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if m and int(m.group(1)) in objs:
            maps[n] = _cmap(_stream(objs[int(m.group(1))]) or b"")
    pages = []
    for n, body in objs.items():
        if not _PAGE.search(body):
            continue
        fonts = {}
        res = body
        m = re.search(rb"/Resources (\d+) 0 R", body)
        if m:
            res = objs.get(int(m.group(1)), b"")
        fm = re.search(rb"/Font\s*<<(.*?)>>", res, re.S)
        if fm:
            fonts = {name: maps.get(int(ref), {}) for name, ref in
                     re.findall(rb"/(\w+) (\d+) 0 R", fm.group(1))}
        text = []
        for ref in re.findall(rb"(\d+) 0 R", (re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", body,
                                                           re.S) or [b"", b""])[1]):
            content = _stream(objs.get(int(ref), b"")) or b""
            cmap: dict[int, str] = {}
            for tok in re.finditer(rb"/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)>", content):
                if tok.group(1):
                    cmap = fonts.get(tok.group(1), {})
                else:
                    hexs = tok.group(2).decode()
                    text += [cmap.get(int(hexs[i:i + 4], 16), "") for i in range(0, len(hexs), 4)]
        pages.append("".join(text))
    return pages


def squash(text: str) -> str:
    """Text without whitespace and with curly quotes made straight (for containment checks)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("“", '"').replace("”", '"').replace("’", "'")
