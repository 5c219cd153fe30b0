"""The allocator's steady state (negsim.allocator): repeated analyses reuse freed memory in every
process, instead of re-faulting fresh pages in some processes and not in others."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

import negsim.allocator as allocator

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
import negsim
s = negsim.Scenario("blocks", tuple(negsim.Issue(f"i{{k}}", tuple(f"o{{j}}" for j in range(4)), "o0")
                                 for k in range(7)),
                    tuple(negsim.Actor(f"A{{a}}", tuple(negsim.Demand(f"i{{k}}", scores={{
                        f"o{{j}}": ((a + 1) * (j + 2) * (k + 3)) % 7 / 7 for j in range(4)}})
                        for k in range(7))) for a in range(3)))
for _ in range(3):
    negsim.analyze(s)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    negsim.analyze(s)
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 20)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's adaptive mmap threshold")
def test_repeated_analyses_of_a_16k_space_fault_no_fresh_pages_in_any_process():
    # each call's block arrays are ~400 kB; without settle() about half of all processes mapped
    # them afresh on every call (~240 page faults a call), the others none
    for _ in range(4):  # several processes: the failure was per process, by chance
        out = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT))],
                             capture_output=True, text=True, check=True,
                             env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
        assert float(out.stdout.strip()) < 40, out.stdout


def test_settle_runs_once():
    allocator.settle()
    assert allocator._settled
    allocator.settle()
    assert allocator._settled
