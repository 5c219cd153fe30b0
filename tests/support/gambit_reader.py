"""A tiny reader for Gambit's .nfg and .efg text formats, written from the format description, to
parse the exported files back in the tests."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from negsim.games.tree import chance, decision, terminal

TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{|\})|([^\s{}"]+)')


def tokens(text):
    out = []
    for quoted, brace, word in TOKEN.findall(text):
        if brace:
            out.append(brace)
        elif word:
            out.append(word)
        else:
            out.append(("str", quoted.replace('\\"', '"').replace("\\\\", "\\")))
    return out


def read_nfg(text):
    t = tokens(text)
    assert t[:3] == ["NFG", "1", "R"]
    title = t[3][1]
    i = t.index("{", 4)
    j = t.index("}", i)
    players = [x[1] for x in t[i + 1:j]]
    k = t.index("}", j + 2)
    shape = [int(x) for x in t[j + 2:k]]
    rest = t[k + 1:]
    if rest and isinstance(rest[0], tuple):  # optional comment
        rest = rest[1:]
    values = np.array([float(Fraction(x)) for x in rest])
    n = len(players)
    cells = values.reshape(-1, n)  # first player's strategy fastest
    u = cells.reshape(*reversed(shape), n).transpose(*reversed(range(n)), n)
    return title, players, np.moveaxis(u, -1, 0)


def read_efg(text):
    t = tokens(text)
    assert t[:3] == ["EFG", "2", "R"]
    i = t.index("}", 4)
    players = [x[1] for x in t[5:i]]
    pos = i + 1
    if isinstance(t[pos], tuple):
        pos += 1

    def actions(pos, with_probs):
        assert t[pos] == "{"
        pos += 1
        acts = []
        while t[pos] != "}":
            label = t[pos][1]
            pos += 1
            if with_probs:
                acts.append((label, float(Fraction(t[pos]))))
                pos += 1
            else:
                acts.append((label, None))
        return acts, pos + 1

    def node(pos):
        kind = t[pos]
        if kind == "t":
            pos += 4  # "t", name, outcome number, outcome name
            assert t[pos] == "{"
            j = t.index("}", pos)
            pays = [float(Fraction(x)) for x in t[pos + 1:j]]
            return terminal(dict(zip(players, pays))), j + 1
        if kind == "p":
            player = players[int(t[pos + 2]) - 1]
            acts, pos = actions(pos + 5, False)
        else:
            acts, pos = actions(pos + 4, True)
        assert t[pos] == "0"
        pos += 1
        kids = []
        for label, prob in acts:
            child, pos = node(pos)
            kids.append((label, prob, child))
        if kind == "p":
            return decision(player, {lab: c for lab, _, c in kids}), pos
        return chance({lab: (p, c) for lab, p, c in kids}), pos

    root, pos = node(pos)
    assert pos == len(t)
    return players, root
