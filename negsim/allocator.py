"""The C allocator in its steady state before the engine's first array.

The engine works in blocks whose arrays are a few hundred kilobytes (16,384 outcomes × actors ×
8 bytes).  glibc's ``malloc`` serves blocks that large with fresh ``mmap`` pages until the process
has freed one larger mapped block; only then does it raise its mmap threshold, and with it the
trim threshold below which freed memory stays in the heap for reuse.  Whether a process had done
so by chance decided whether every ``analyze`` of a 16,384-outcome space re-faulted about 1 MB of
fresh pages (about 240 minor page faults and 1 ms a call, half the call) or none: the same
script was fast in one process and slow in the next.

:func:`settle` frees one :data:`SETTLE_BYTES` block once per process, which raises both
thresholds there (to that size and twice it; glibc's ceiling is 32 MB), so freed blocks are
reused from then on in every process alike.  It costs one ``mmap`` and ``munmap`` of untouched
pages; the price is that up to twice :data:`SETTLE_BYTES` of freed memory may stay with the
process instead of going back to the system.  Other C libraries keep their own policies (the
block is then simply allocated and freed).  Setting ``MALLOC_MMAP_THRESHOLD_`` and
``MALLOC_TRIM_THRESHOLD_`` in the environment fixes the policy explicitly; glibc then no longer
adapts the thresholds and the block changes nothing.

Examples
--------
>>> settle()
>>> settle()  # once per process: the second call does nothing
"""

from __future__ import annotations

import numpy as np

__all__ = ["settle", "SETTLE_BYTES"]

SETTLE_BYTES = 8 << 20
"""The block freed once per process (8 MiB: above any block the engine allocates repeatedly)."""

_settled = False


def settle() -> None:
    """Free one :data:`SETTLE_BYTES` block, the first time only (see the module notes)."""
    global _settled
    if not _settled:
        block = np.empty(SETTLE_BYTES, dtype=np.uint8)  # mapped, never touched
        del block
        _settled = True
