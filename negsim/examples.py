"""Small scenarios to try negsim on, and that its own examples and tests share.

Each builds in code in a few lines (no file needed) and is small enough to check by hand.

Examples
--------
>>> import negsim
>>> s = negsim.examples.toy_scenario()
>>> s.space.size, s.actor_names
(2, ('A',))
>>> negsim.analyze(negsim.examples.toy_scenario(lever=0.5, proposal=True)).verdicts[0].proposal
'truce'
"""

from __future__ import annotations

from negsim.model import Actor, Demand, Issue, Lever, Proposal
from negsim.model.scenario import Scenario

__all__ = ["toy_scenario", "two_party_scenario"]


def toy_scenario(*, weight: float = 1.0, lever: float | None = None,
                 proposal: bool = False) -> Scenario:
    """One issue ``war`` (``fight`` is the status quo, or ``truce``), one actor ``A`` that wants the
    truce with ``weight``; optionally a lever ``aid`` of ``A`` worth ``lever`` to it when there is
    no deal, and a proposal ``truce``.

    Examples
    --------
    >>> toy_scenario(weight=2).actors[0].demands[0].weight
    2.0
    """
    return Scenario(
        "toy", issues=(Issue("war", ("fight", "truce"), "fight"),),
        actors=(Actor("A", (Demand("war", want="truce", weight=weight),)),),
        levers=() if lever is None else (Lever("aid", by="A", effects={"A": lever}),),
        proposals=(Proposal("truce", {"war": "truce"}),) if proposal else ())


def two_party_scenario(*, hard: bool = True) -> Scenario:
    """The toy war with two actors: ``A`` wants the truce, ``B`` wants to fight (a red line unless
    ``hard=False``), and a proposal ``truce`` that ``B`` blocks.

    Examples
    --------
    >>> import negsim
    >>> negsim.analyze(two_party_scenario()).acceptable.size
    0
    """
    return Scenario(
        "toy", issues=(Issue("war", ("fight", "truce"), "fight"),),
        actors=(Actor("A", (Demand("war", want="truce"),)),
                Actor("B", (Demand("war", want="fight", hard=hard),))),
        proposals=(Proposal("truce", {"war": "truce"}),))
