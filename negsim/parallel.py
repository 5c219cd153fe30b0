"""Running chunks of work in-process or on any ``concurrent.futures.Executor``, with a progress bar.

The chunking of a study is fixed by the study (never by the executor), and each chunk returns counts
that combine exactly, so the numbers are the same in-process, on a process pool, or on a Dask
cluster (``distributed.Client(...).get_executor()``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any

__all__ = ["run_chunks", "progress_bar"]


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, desc: str, enabled: bool | None = None) -> Any:
    """A tqdm bar when asked for (``None``: only on a terminal) and tqdm is installed, else a
    do-nothing stand-in.

    Examples
    --------
    >>> bar = progress_bar(3, "draws", enabled=False)
    >>> bar.update(1); bar.close()
    """
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return _NoBar()
    try:
        from tqdm import tqdm  # optional extra, loaded only for a progress bar
    except ImportError:
        return _NoBar()
    return tqdm(total=total, desc=desc, leave=False)


def run_chunks(fn: Callable[..., Any], tasks: Sequence[tuple], *, executor: Executor | None = None,
               progress: bool | None = None, desc: str = "", weights: Sequence[int] | None = None
               ) -> list[Any]:
    """``[fn(*task) for task in tasks]``, in order, in-process or on ``executor``.

    ``weights`` (e.g. draws per chunk) drive the progress bar; by default each task counts 1.

    Examples
    --------
    >>> run_chunks(pow, [(2, 3), (3, 2)], progress=False)
    [8, 9]
    """
    w = list(weights) if weights is not None else [1] * len(tasks)
    bar = progress_bar(sum(w), desc, progress)
    out: list[Any] = []
    try:
        if executor is None:
            for task, k in zip(tasks, w):
                out.append(fn(*task))
                bar.update(k)
        else:
            futures = [executor.submit(fn, *task) for task in tasks]
            for fut, k in zip(futures, w):
                out.append(fut.result())
                bar.update(k)
    finally:
        bar.close()
    return out
