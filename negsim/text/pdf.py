"""Print an HTML page to PDF with headless Chromium (when it is installed).

Examples
--------
>>> find_chromium(env={"NEGSIM_CHROMIUM": "/nonexistent/chromium"}, search=()) is None
True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from negsim.errors import NegsimError

__all__ = ["find_chromium", "chromium_command", "html_to_pdf", "CHROMIUM_ENV", "CHROMIUM_NAMES"]

CHROMIUM_ENV = "NEGSIM_CHROMIUM"
"""Environment variable naming the Chromium (or Chrome) executable to print with."""
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Executables looked for on ``PATH``, in this order."""
_TIMEOUT_S = 120


def find_chromium(env: Mapping[str, str] | None = None,
                  search: Sequence[str] = CHROMIUM_NAMES) -> str | None:
    """The Chromium executable: ``$NEGSIM_CHROMIUM`` if it exists, else the first of
    ``search`` on ``PATH``; ``None`` when there is none."""
    env = os.environ if env is None else env
    given = env.get(CHROMIUM_ENV)
    if given:
        return given if Path(given).is_file() else None
    for name in search:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(exe: str, html_file: Path, profile: Path, *, pdf: Path | None = None,
                     screenshot: Path | None = None, window: str = "1240,1754") -> list[str]:
    """The headless Chromium command line (no network, no sync, a throwaway profile) that
    prints ``html_file`` to ``pdf`` or takes a ``screenshot`` of it at ``window`` pixels."""
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}"]
    if pdf is not None:
        cmd += [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]
    if screenshot is not None:
        cmd += [f"--screenshot={screenshot}", f"--window-size={window}", "--hide-scrollbars"]
    return cmd + [html_file.as_uri()]


def html_to_pdf(html_text: str, path: str | Path, exe: str | None = None) -> Path:
    """Write ``html_text`` as a PDF at ``path`` (atomically: nothing is left on failure)."""
    path = Path(path)
    exe = exe or find_chromium()
    if exe is None:
        raise NegsimError(f"cannot write {str(path)!r}: a PDF needs headless Chromium, which was "
                          f"not found (looked for ${CHROMIUM_ENV} and {', '.join(CHROMIUM_NAMES)} "
                          "on PATH); fix: install it (Debian/Ubuntu: apt-get install chromium) "
                          "or write .html and print it from a browser")
    with tempfile.TemporaryDirectory(prefix="negsim-pdf-") as tmp:
        tmp = Path(tmp)
        page = tmp / "brief.html"
        page.write_text(html_text, encoding="utf-8")
        out = tmp / "brief.pdf"
        cmd = chromium_command(exe, page, tmp / "profile", pdf=out)
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise NegsimError(f"cannot write {str(path)!r}: Chromium ({exe}) failed: {exc}; "
                              "fix: check the installation or write .html") from None
        if not out.is_file() or out.stat().st_size == 0:
            tail = (run.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise NegsimError(f"cannot write {str(path)!r}: Chromium ({exe}) exited with "
                              f"{run.returncode} and wrote no PDF ({tail[0]}); fix: check the "
                              "installation or write .html")
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.tmp")
        shutil.copyfile(out, staged)
        os.replace(staged, path)
    return path
