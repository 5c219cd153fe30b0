"""Labels as Gambit 16.7 accepts them, chosen deterministically.

Gambit's readers (``read_efg``, ``read_nfg``; checked against pygambit 16.7.0) refuse a file
whose labels (title, players, nodes, actions, outcomes) hold anything but printable ASCII and
single inner spaces, start or end with a space, or end with a backslash; refuse repeated node
labels and a player named ``"Chance"`` in a tree; and silently rename empty action and outcome
labels (``_1``), repeated player, action and outcome labels (``A_1``, ``A_2``).  They read a
backslash literally (``\\\\`` is two characters), so a backslash cannot be escaped.

The rules applied here, so that every file loads with exactly the labels written:

* :func:`gambit_label`: compatibility decomposition (NFKD) with the combining marks dropped
  (``é`` → ``e``, ``ﬁ`` → ``fi``); every other non-ASCII character written as ``U+XXXX``; a
  backslash written as ``/``; control characters and all Unicode whitespace (``\\r``, ``\\t``,
  ``\\n``, no-break space) as a space; runs of spaces collapsed and the ends stripped.  A double
  quote is kept (the writer escapes it as ``\\"``, which Gambit reads back).
* :func:`unique_labels`: the first of equal labels keeps it, the later ones get `` (2)``,
  `` (3)``, ... (the next number not already taken), in the order given (prefix order of a tree);
  an empty label becomes ``fallback.format(position)`` when empty labels are not allowed.
* :func:`player_labels`: the reserved ``Chance`` becomes ``Chance (player)``, then unique.

Examples
--------
>>> gambit_label("  Kyiv\\r\\n  «no»  \\\\ é  "), unique_labels(["tariffs", "quiet", "tariffs"])
('Kyiv U+00ABnoU+00BB / e', ['tariffs', 'quiet', 'tariffs (2)'])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["gambit_label", "unique_labels", "player_labels", "quote", "RESERVED_PLAYER"]

RESERVED_PLAYER = "Chance"
"""The player label Gambit keeps for moves of chance (a tree refuses it for a player)."""


def gambit_label(text: object) -> str:
    """``text`` as a label Gambit accepts unchanged (see the module's rules)."""
    out = []
    for ch in unicodedata.normalize("NFKD", str(text)):
        if unicodedata.combining(ch):
            continue
        if ch == "\\":
            out.append("/")
        elif ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" ")
        elif " " < ch <= "~":
            out.append(ch)
        else:
            out.append(f"U+{ord(ch):04X}")
    return " ".join("".join(out).split())


def unique_labels(labels: Sequence[object], *, allow_empty: bool = True,
                  fallback: str = "{}") -> list[str]:
    """Each label through :func:`gambit_label`, repeats suffixed `` (k)``; empty labels stay
    empty (``allow_empty``; Gambit allows repeated empty node labels) or become
    ``fallback.format(position)`` (position from 1)."""
    clean = [gambit_label(x) for x in labels]
    if not allow_empty:
        clean = [c or gambit_label(fallback.format(i + 1)) for i, c in enumerate(clean)]
    taken = set(clean)
    seen: set[str] = set()
    out = []
    for c in clean:
        if c and c in seen:
            k = 2
            while f"{c} ({k})" in taken:
                k += 1
            c = f"{c} ({k})"
            taken.add(c)
        seen.add(c)
        out.append(c)
    return out


def player_labels(names: Sequence[object]) -> list[str]:
    """Player labels: cleaned, ``Chance`` renamed ``Chance (player)``, empty ones ``Player k``,
    then unique."""
    clean = [gambit_label(n) for n in names]
    clean = [f"{RESERVED_PLAYER} (player)" if c == RESERVED_PLAYER else c for c in clean]
    return unique_labels(clean, allow_empty=False, fallback="Player {}")


def quote(label: str) -> str:
    """A cleaned label as a Gambit string: in double quotes, inner quotes escaped."""
    return '"' + label.replace('"', '\\"') + '"'
