"""Progress bars are optional: tqdm when asked and installed, silence otherwise."""

from __future__ import annotations

import sys

from negsim.parallel import progress_bar, run_chunks
from negsim.uncertainty import ensemble

from tests.support.uncertainty_helpers import TOY_UNCERTAIN, toy


def test_without_tqdm_there_is_no_bar_and_no_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    assert type(progress_bar(5, "x", enabled=True)).__name__ == "_NoBar"
    r = ensemble(toy(TOY_UNCERTAIN), draws=50, seed=1, progress=True)
    assert r.draws == 50


def test_progress_false_or_no_terminal_means_no_bar(capsys):
    assert type(progress_bar(5, "x", enabled=False)).__name__ == "_NoBar"
    assert type(progress_bar(5, "x", enabled=None)).__name__ == "_NoBar"  # stderr is captured
    assert run_chunks(abs, [(-1,), (2,)], progress=None) == [1, 2]
    assert capsys.readouterr().err == ""


def test_with_tqdm_a_bar_counts_the_draws(capsys):
    tqdm = __import__("pytest").importorskip("tqdm")
    bar = progress_bar(7, "draws", enabled=True)
    assert isinstance(bar, tqdm.tqdm)
    bar.close()
    ensemble(toy(TOY_UNCERTAIN), draws=300, seed=1, chunk_size=100, progress=True)
    assert "ensemble" in capsys.readouterr().err  # the bar was drawn
