"""Kuhn poker (Kuhn 1950) as a negsim tree: three cards, one dealt to each of two players, ante 1,
one round of betting with bets of 1.  The first player's equilibrium value is -1/18."""

from __future__ import annotations

from negsim.games.tree import Branch, Chance, Node, decision, terminal

CARDS = ("J", "Q", "K")


def _show(c1: str, c2: str, stake: int) -> Node:
    s = stake if CARDS.index(c1) > CARDS.index(c2) else -stake
    return terminal(P1=s, P2=-s)


def kuhn_poker() -> Chance:
    deals = []
    for c1 in CARDS:
        for c2 in CARDS:
            if c1 == c2:
                continue
            after_check = decision(
                "P2", info_set=f"P2 {c2} after check",
                check=_show(c1, c2, 1),
                bet=decision("P1", info_set=f"P1 {c1} check-bet",
                             fold=terminal(P1=-1, P2=1), call=_show(c1, c2, 2)))
            after_bet = decision("P2", info_set=f"P2 {c2} after bet",
                                 fold=terminal(P1=1, P2=-1), call=_show(c1, c2, 2))
            deals.append(Branch(c1 + c2, decision("P1", info_set=f"P1 {c1}", check=after_check,
                                                  bet=after_bet), 1 / 6))
    return Chance(tuple(deals))
