"""Export games to the text formats of Gambit, so that its solvers can check ours.

* :func:`to_nfg` writes a normal-form game in the ``NFG 1 R`` *payoff* version: a prologue
  ``NFG 1 R "title" { "player 1" ... } { s_1 ... s_n }`` and a flat list of payoffs, one group of
  ``n`` payoffs per strategy profile, profiles ordered with the *first* player's strategy changing
  fastest (like counting with the first player as the least significant digit).
* :func:`to_efg` writes a tree in the ``EFG 2 R`` format: a prologue
  ``EFG 2 R "title" { "player 1" ... }`` and one line per node in prefix order, ``p`` (player
  node: name, player number, information set number, action names, outcome), ``c`` (chance node:
  name, event number, actions with probabilities, outcome) and ``t`` (terminal: name, outcome
  number, outcome name and payoffs).  Information sets are numbered per player in order of
  first appearance: decision nodes with the same :attr:`~negsim.games.tree.Decision.info_set`
  share a number, every other decision node has one of its own; every terminal node gets its
  own outcome.

Numbers are written exactly: integers as integers, other floats as their shortest decimal form,
probabilities as exact fractions that sum to one.  Every label (title, comment, players, nodes,
actions, outcomes) follows Gambit 16.7's rules (:mod:`negsim.games.gambit_names`: printable
ASCII, single inner spaces, no backslash, unique where Gambit needs it, no player ``Chance``), so
Gambit loads the file with exactly the labels written.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from negsim.errors import ScenarioError
from negsim.games.gambit_names import gambit_label, player_labels, unique_labels
from negsim.games.pure_nash import as_game_array
from negsim.games.tree import Chance, Decision, Node, Terminal, players_of, walk

__all__ = ["to_nfg", "to_efg"]


def _quote(text: object) -> str:
    """A label through :func:`~negsim.games.gambit_names.gambit_label`, quoted."""
    return _quoted(gambit_label(text))


def _quoted(label: str) -> str:
    """An already clean label, quoted (inner quotes escaped; there is no backslash)."""
    return '"' + label.replace('"', '\\"') + '"'


def _comment(text: str) -> str:
    """The file's comment: each line a clean label, lines kept."""
    return _quoted("\n".join(gambit_label(line) for line in str(text).splitlines()))


def _num(x: float) -> str:
    x = float(x)
    if x.is_integer():
        return str(int(x))
    text = repr(x)
    if "e" in text or "E" in text:  # Gambit reads decimals and fractions, not exponents
        frac = Fraction(x)
        return f"{frac.numerator}/{frac.denominator}"
    return text


def _names(given: Sequence[str] | None, n: int, what: str) -> list[str]:
    if given is None:
        return [f"Player {i + 1}" for i in range(n)]
    names = [str(g) for g in given]
    if len(names) != n:
        raise ScenarioError(f"need one name per {what}", key="players",
                            expected=f"{n} names", found=f"{len(names)} names")
    return names


def to_nfg(payoffs: object, title: str = "", players: Sequence[str] | None = None,
           comment: str = "") -> str:
    """Write an n-player normal-form game as a Gambit ``.nfg`` file (payoff version).

    Parameters
    ----------
    payoffs : array_like, shape (n, s_1, ..., s_n)
        ``payoffs[i]`` is player ``i``'s payoff table.
    title : str
        Title of the game.
    players : sequence of str, optional
        Player names (default ``"Player 1"``, ``"Player 2"``, ...).
    comment : str
        The file's optional comment (written after the prologue when not empty), e.g. a legend
        of strategy names: the payoff version numbers strategies ``1, 2, ...``.

    Returns
    -------
    str
        The file's text.

    Examples
    --------
    >>> print(to_nfg([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], "PD"))
    NFG 1 R "PD" { "Player 1" "Player 2" } { 2 2 }
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    """
    u = as_game_array(payoffs)
    n = u.shape[0]
    names = _names(players, n, "player")
    # profiles with the first player's strategy changing fastest: reverse the strategy axes
    cells = np.moveaxis(u, 0, -1).transpose(*reversed(range(n)), n).reshape(-1, n)
    head = (f"NFG 1 R {_quote(title)} {{ {' '.join(_quoted(p) for p in player_labels(names))} }} "
            f"{{ {' '.join(str(s) for s in u.shape[1:])} }}")
    body = " ".join(_num(x) for x in cells.ravel())
    note = f"{_comment(comment)}\n\n" if comment else ""
    return f"{head}\n{note}\n{body}\n"


def _probabilities(probs: list[float]) -> list[Fraction]:
    fr = [Fraction(p).limit_denominator(10**9) for p in probs]
    if sum(fr) != 1:
        fr[-1] = 1 - sum(fr[:-1])
    return fr


def to_efg(root: Node, title: str = "", players: Sequence[str] | None = None,
           comment: str = "") -> str:
    """Write a game tree as a Gambit ``.efg`` file (``EFG 2 R``).

    Parameters
    ----------
    root : Terminal, Decision or Chance
        The tree (see :mod:`negsim.games.tree`).
    title : str
        Title of the game.
    players : sequence of str, optional
        Player order in the file (default: movers in order of appearance, then the rest).
    comment : str
        The file's comment (the quoted line after the prologue).

    Returns
    -------
    str
        The file's text.

    Examples
    --------
    >>> from negsim.games.tree import decision, terminal
    >>> print(to_efg(decision("A", l=terminal(A=1, B=0), r=terminal(A=0, B=2)), "tiny"))
    EFG 2 R "tiny" { "A" "B" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "l" "r" } 0
    t "" 1 "outcome 1" { 1 0 }
    t "" 2 "outcome 2" { 0 2 }
    <BLANKLINE>
    """
    order = players_of(root)
    names = list(order) if players is None else _names(players, len(order), "player")
    if set(names) != set(order):
        raise ScenarioError("players must name exactly the players of the tree", key="players",
                            expected=repr(sorted(order)), found=repr(sorted(names)))
    lines = [f"EFG 2 R {_quote(title)} {{ {' '.join(_quoted(p) for p in player_labels(names))} }}",
             _comment(comment), ""]
    infosets: dict[str, dict[str, int]] = {p: {} for p in names}
    events = outcomes = 0
    nodes = list(walk(root))
    labels = iter(unique_labels([node.name for _, node in nodes]))
    ends = iter(unique_labels([node.name for _, node in nodes if isinstance(node, Terminal)],
                              allow_empty=False, fallback="outcome {}"))
    for path, node in nodes:
        label = next(labels)
        if not isinstance(node, Terminal):
            acts = unique_labels([b.label for b in node.branches], allow_empty=False,
                                 fallback="action {}")
        if isinstance(node, Decision):
            numbers = infosets[node.player]
            key = node.info_set or "@" + "/".join(path)
            number = numbers.setdefault(key, len(numbers) + 1)
            acts = " ".join(_quoted(a) for a in acts)
            lines.append(f"p {_quoted(label)} {names.index(node.player) + 1} "
                         f"{number} \"\" {{ {acts} }} 0")
        elif isinstance(node, Chance):
            events += 1
            probs = _probabilities([b.probability or 0.0 for b in node.branches])
            acts = " ".join(f"{_quoted(a)} {p}" for a, p in zip(acts, probs))
            lines.append(f"c {_quoted(label)} {events} \"\" {{ {acts} }} 0")
        else:
            assert isinstance(node, Terminal)
            outcomes += 1
            pays = " ".join(_num(node.payoffs[p]) for p in names)
            lines.append(f"t {_quoted(label)} {outcomes} {_quoted(next(ends))} {{ {pays} }}")
    return "\n".join(lines) + "\n"
