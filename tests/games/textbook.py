"""Textbook games with information sets, built as negsim trees (shared by the tests)."""

from __future__ import annotations

from negsim.games.tree import chance, decision, terminal


def beer_quiche(p_strong: float = 0.9):
    """Cho and Kreps (1987).  The sender is strong (prior 0.9) or weak; it has beer or quiche
    (the strong type likes beer, the weak quiche: +1 for the breakfast it likes); the receiver,
    seeing the breakfast only, duels or not.  The sender gets +2 if there is no duel; the
    receiver gets 1 for duelling a weak sender or not duelling a strong one, 0 otherwise."""

    def receiver(meal: str, strong: bool, liked: bool):
        bonus = 1 if liked else 0
        return decision("Receiver", info_set=f"after {meal}",
                        duel=terminal(Sender=bonus, Receiver=0 if strong else 1),
                        not_duel=terminal(Sender=bonus + 2, Receiver=1 if strong else 0))

    return chance({
        "strong": (p_strong, decision("Sender", info_set="strong",
                                      beer=receiver("beer", True, True),
                                      quiche=receiver("quiche", True, False))),
        "weak": (1 - p_strong, decision("Sender", info_set="weak",
                                        beer=receiver("beer", False, False),
                                        quiche=receiver("quiche", False, True))),
    })


def entry_with_types(p_tough: float = 0.3):
    """Entry deterrence under incomplete information.  Nature makes the incumbent tough
    (``p_tough``: fighting pays it, 1 against 0) or weak (fighting costs it: -1 against 1); the
    entrant, not knowing which, stays out (0 for it, 2 for the incumbent) or enters; the
    incumbent then fights (-1 for the entrant) or accommodates (+1 for the entrant).  The weak
    type's threat to fight is not credible: in the one perfect Bayesian equilibrium it
    accommodates and the entrant enters (expected 1 - 2 * p_tough > 0); Nash equilibria in which
    the entrant stays out because the weak type "would fight" also exist."""

    def incumbent(tough: bool):
        return decision("Entrant", info_set="entrant", out=terminal(Entrant=0, Incumbent=2),
                        enter=decision("Incumbent", info_set="tough" if tough else "weak",
                                       fight=terminal(Entrant=-1, Incumbent=1 if tough else -1),
                                       accommodate=terminal(Entrant=1,
                                                            Incumbent=0 if tough else 1)))

    return chance({"tough": (p_tough, incumbent(True)), "weak": (1 - p_tough, incumbent(False))})
