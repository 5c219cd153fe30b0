"""Plain-data results of games with information sets: the sets, Nash equilibria in behaviour
strategies and perfect Bayesian equilibria (pure and mixed), built by :mod:`negsim.games.extensive`,
:mod:`negsim.games.bayesian` and :mod:`negsim.games.mixed_signalling`.
"""

from __future__ import annotations

from dataclasses import dataclass

from negsim.plain import PlainData

__all__ = ["InfoSet", "BehaviourEquilibrium", "PerfectBayesianEquilibrium",
           "MixedPerfectBayesianEquilibrium"]


@dataclass(frozen=True)
class InfoSet(PlainData):
    """An information set: decision nodes (``paths`` from the root) of ``player`` that it cannot
    tell apart, all with the same ``actions``.  ``id`` is the declared ``info_set`` (or ``"@"``
    and the path of a node that is a set of its own); ``label`` a readable name."""

    id: str
    player: str
    actions: tuple[str, ...]
    paths: tuple[tuple[str, ...], ...]
    label: str = ""


@dataclass(frozen=True)
class BehaviourEquilibrium(PlainData):
    """A Nash equilibrium of a game with information sets, in behaviour strategies.

    ``behaviour[set][action]`` is the probability of the action at the information set (sets
    that no strategy in the support reaches are left out: play there is not determined);
    ``exact_behaviour`` and ``exact_payoffs`` hold the same numbers as exact fractions
    (``"-1/18"``); ``beliefs[set][node path]`` is the Bayes belief at each set of several nodes
    reached with positive probability; ``paths`` the leaves reached with positive probability;
    ``method`` how it was found.
    """

    behaviour: dict[str, dict[str, float]]
    exact_behaviour: dict[str, dict[str, str]]
    payoffs: dict[str, float]
    exact_payoffs: dict[str, str]
    beliefs: dict[str, dict[str, float]]
    paths: list[str]
    method: str
    pure: bool


@dataclass(frozen=True)
class PerfectBayesianEquilibrium(PlainData):
    """A pure perfect Bayesian equilibrium: an action per information set, beliefs, and play.

    ``actions[set]`` is the action at each information set; ``beliefs[set][node path]`` the
    belief at each set reached in equilibrium (Bayes' rule); ``off_path[set][node path]`` the
    range ``[low, high]`` of beliefs at an unreached set under which its action is a best reply
    (any belief in the range, with the others adjusted, supports the equilibrium);
    ``payoffs`` the expected payoffs (``exact_payoffs`` as fractions); ``paths`` the leaves
    reached; ``kind`` ``pooling``, ``separating`` or ``partially pooling`` for a signalling game
    (``""`` otherwise); ``intuitive`` whether it survives the intuitive criterion of Cho and
    Kreps (``None``: not a two-type signalling game, or no message off the path), with the
    reason in ``intuitive_reason``.
    """

    actions: dict[str, str]
    beliefs: dict[str, dict[str, float]]
    off_path: dict[str, dict[str, list[float]]]
    payoffs: dict[str, float]
    exact_payoffs: dict[str, str]
    paths: list[str]
    kind: str = ""
    intuitive: bool | None = None
    intuitive_reason: str = ""


@dataclass(frozen=True)
class MixedPerfectBayesianEquilibrium(PlainData):
    """A perfect Bayesian equilibrium of a signalling game in behaviour strategies (mixed
    included; :mod:`negsim.games.mixed_signalling`).

    ``behaviour[set][action]`` is the probability of each action at every information set
    (``exact_behaviour`` as fractions); ``beliefs[set][node path]`` the belief at each receiver
    set reached (Bayes' rule; ``exact_beliefs`` as fractions); ``off_path[set][node path]`` the
    range ``[low, high]`` of beliefs at an unreached receiver set under which every action the
    receiver plays there is a best reply (``exact_off_path`` as fractions); ``payoffs``
    (``exact_payoffs``); ``paths`` the leaves reached; ``kind`` ``pooling`` (every type sends
    the same mixture of messages), ``separating`` (no message is sent by two types) or
    ``semi-separating`` (a hybrid: some type mixes over a message another type sends and one it
    does not).
    """

    behaviour: dict[str, dict[str, float]]
    exact_behaviour: dict[str, dict[str, str]]
    beliefs: dict[str, dict[str, float]]
    exact_beliefs: dict[str, dict[str, str]]
    off_path: dict[str, dict[str, list[float]]]
    exact_off_path: dict[str, dict[str, list[str]]]
    payoffs: dict[str, float]
    exact_payoffs: dict[str, str]
    paths: list[str]
    kind: str
