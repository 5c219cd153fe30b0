"""Plain-data results of the pure game-theory algorithms (:mod:`negsim.games`).

They live here, with every other result type, so that results import nothing of negsim but the
plain-data helper; the algorithms in :mod:`negsim.games` build them.
"""

from __future__ import annotations

from dataclasses import dataclass

from negsim.plain import PlainData
from negsim.results.information_games import (BehaviourEquilibrium, InfoSet,
                                               MixedPerfectBayesianEquilibrium,
                                               PerfectBayesianEquilibrium)
from negsim.tolerances import ROUND_TOL

__all__ = ["Equilibrium", "TwoPlayerSolution", "NodeSolution", "SpeOutcome",
           "SubgamePerfectResult", "ThreatAssessment", "InfoSet", "BehaviourEquilibrium",
           "PerfectBayesianEquilibrium", "MixedPerfectBayesianEquilibrium", "ReputationAssessment",
           "CommitmentProblem",
           "BargainingRange", "PartyTruce", "TruceStability"]


@dataclass(frozen=True)
class NodeSolution(PlainData):
    """The subgame-perfect choice at one decision node.

    Attributes
    ----------
    path : tuple of str
        Branch labels from the root to the node.
    player : str
        Who moves.
    optimal_actions : tuple of str
        Every action played at this node in some SPE (more than one means a tie).
    action_values : dict of str to (float, float)
        The mover's payoff from each action: lowest and highest over the SPE of the subgame
        that follows (equal when that continuation is unique).
    tie : bool
        Whether several actions are optimal: the mover is indifferent here, or which action is
        best depends on how a tie further down is resolved.
    """

    path: tuple[str, ...]
    player: str
    optimal_actions: tuple[str, ...]
    action_values: dict[str, tuple[float, float]]
    tie: bool


@dataclass(frozen=True)
class SpeOutcome(PlainData):
    """One outcome of a subgame-perfect equilibrium.

    Attributes
    ----------
    path : tuple of str
        Actions from the root to the terminal node reached (or to the first chance node).
    payoffs : dict of str to float
        Every player's (expected) payoff.
    """

    path: tuple[str, ...]
    payoffs: dict[str, float]


@dataclass(frozen=True)
class SubgamePerfectResult(PlainData):
    """Subgame-perfect equilibria of a tree.

    Attributes
    ----------
    players : tuple of str
        Players, movers first in order of appearance.
    nodes : tuple of NodeSolution
        Every decision node, in prefix order, with its optimal action(s).
    outcomes : tuple of SpeOutcome
        Every distinct SPE outcome (path and payoffs).
    unique : bool
        Whether the SPE strategy profile is unique (no tie at any decision node).
    ties : tuple of tuple of str
        Paths of the nodes with several optimal actions (see :attr:`NodeSolution.tie`).
    path : tuple of str or None
        The SPE path if every SPE follows the same one, else ``None``.
    payoffs : dict of str to float, or None
        The SPE payoffs if every SPE gives the same, else ``None``.
    """

    players: tuple[str, ...]
    nodes: tuple[NodeSolution, ...]
    outcomes: tuple[SpeOutcome, ...]
    unique: bool
    ties: tuple[tuple[str, ...], ...]
    path: tuple[str, ...] | None
    payoffs: dict[str, float] | None


@dataclass(frozen=True)
class ThreatAssessment(PlainData):
    """Is a threat credible, and what is commitment to it worth?

    Attributes
    ----------
    path : tuple of str
        Where the threat would be carried out.
    player : str
        The threatening player (who moves there).
    threat : str
        The threatened action.
    credible : bool
        Whether carrying out the threat is a best reply at that node (it is optimal in some
        subgame-perfect continuation).
    threat_payoff : (float, float)
        The player's payoff at that node from carrying out the threat (lowest, highest over the
        SPE continuations).
    best_actions : tuple of str
        The player's subgame-perfect action(s) at that node.
    spe_payoffs : tuple of float
        The player's payoffs in the SPE of the whole game (one per distinct SPE outcome).
    commitment_payoffs : tuple of float
        The player's SPE payoffs if it were bound in advance to carry out the threat.
    value_of_commitment : (float, float)
        Lowest and highest gain ``commitment payoff - SPE payoff`` (equal when both are unique).
    """

    path: tuple[str, ...]
    player: str
    threat: str
    credible: bool
    threat_payoff: tuple[float, float]
    best_actions: tuple[str, ...]
    spe_payoffs: tuple[float, ...]
    commitment_payoffs: tuple[float, ...]
    value_of_commitment: tuple[float, float]


@dataclass(frozen=True)
class BargainingRange(PlainData):
    """A's shares of the good that both sides prefer to war.

    Attributes
    ----------
    low, high : float
        The range ``[max(0, p - c_A), min(1, p + c_B)]``.
    p : float
        A's probability of winning a war.
    cost_a, cost_b : float
        The costs of war to A and to B.
    """

    low: float
    high: float
    p: float
    cost_a: float
    cost_b: float

    def contains(self, share: float, tol: float = ROUND_TOL) -> bool:
        """Whether a deal giving A ``share`` is in the range (both prefer it to war).

        Examples
        --------
        >>> BargainingRange(low=0.4, high=0.8, p=0.6, cost_a=0.2, cost_b=0.2).contains(0.75)
        True
        """
        return self.low - tol <= float(share) <= self.high + tol


@dataclass(frozen=True)
class PartyTruce(PlainData):
    """One party's incentive to keep the truce.

    Attributes
    ----------
    name : str
        The party.
    temptation, compliance, breakdown : float
        Its ``T``, ``R``, ``P``.
    delta : float
        Its discount factor.
    threshold : float or None
        Least discount factor that keeps it compliant (``None``: none does).
    holds : bool
        Whether its ``delta`` reaches the threshold.
    minimum_detection : float or None
        Least detection probability that keeps it compliant at its ``delta`` (``None``: none).
    """

    name: str
    temptation: float
    compliance: float
    breakdown: float
    delta: float
    threshold: float | None
    holds: bool
    minimum_detection: float | None


@dataclass(frozen=True)
class TruceStability(PlainData):
    """Whether grim trigger sustains a truce for every party.

    Attributes
    ----------
    parties : tuple of PartyTruce
        Every party's incentive, in the order given.
    holds : bool
        Whether every party's discount factor reaches its threshold.
    binding : str or None
        The party closest to (or furthest past) breaking the truce: the highest threshold
        relative to its ``delta``; ``None`` only if there are no parties.
    detection, false_alarm : float
        The monitoring technology assumed.
    """

    parties: tuple[PartyTruce, ...]
    holds: bool
    binding: str | None
    detection: float
    false_alarm: float


@dataclass(frozen=True)
class ReputationAssessment(PlainData):
    """A costly threat in a relationship that goes on (:mod:`negsim.games.reputation`).

    ``cost``: what carrying it out costs the threatener now; ``gain``: what a believed threat is
    worth to it per future round; ``future_weight``: the discounted number of future rounds
    (patience, ``rounds`` (``None``: no last round) and ``continuation``); ``credible``:
    ``cost <= gain * future_weight``; ``threshold``: the least patience that makes it credible
    (``None``: no patience does).
    """

    cost: float
    gain: float
    patience: float
    rounds: int | None
    continuation: float
    future_weight: float
    credible: bool
    threshold: float | None


@dataclass(frozen=True)
class CommitmentProblem(PlainData):
    """Powell's commitment problem: a shift in power during a pause (:func:`negsim.games.fearon.
    commitment_problem`).

    ``war_value_a``/``war_value_b``: each side's value of fighting now (``p - c_A``,
    ``1 - p - c_B``); ``most_for_a``/``most_for_b``: the most the other side can credibly give it
    once power has shifted to ``p_after``; ``fights_now``: the side (``"a"``, ``"b"``) that would
    rather fight now than accept any pause, or ``None`` (some deal survives the shift);
    ``margin``: how much its war value exceeds the most it can be given (negative: none fights);
    ``None`` where no split at all keeps the other side from fighting.
    """

    p: float
    p_after: float
    patience_a: float
    patience_b: float
    war_value_a: float
    war_value_b: float
    most_for_a: float | None
    most_for_b: float | None
    fights_now: str | None
    margin: float | None


@dataclass(frozen=True)
class Equilibrium(PlainData):
    """One Nash equilibrium of a bimatrix game.

    Attributes
    ----------
    row_strategy, column_strategy : tuple of float
        Mixed strategies (probabilities over each player's pure strategies).
    row_payoff, column_payoff : float
        Expected payoffs ``x @ A @ y`` and ``x @ B @ y``.
    row_support, column_support : tuple of int
        Indices of the pure strategies played with positive probability.
    is_pure : bool
        Whether both supports have a single strategy.
    found_by : tuple of str
        The methods that found this equilibrium (``"lemke_howson[3]"`` names the dropped label).
    """

    row_strategy: tuple[float, ...]
    column_strategy: tuple[float, ...]
    row_payoff: float
    column_payoff: float
    row_support: tuple[int, ...]
    column_support: tuple[int, ...]
    is_pure: bool
    found_by: tuple[str, ...]


@dataclass(frozen=True)
class TwoPlayerSolution(PlainData):
    """All equilibria found for a bimatrix game, with diagnostics.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
        Distinct equilibria, pure ones first, then by row strategy.
    is_degenerate : bool
        Whether a degeneracy was detected (see :func:`negsim.games.normal_form.degeneracy_witnesses`).
    degeneracy : tuple of str
        Human-readable witnesses of degeneracy (empty when none was found).
    methods : tuple of str
        The methods that were run.
    counts : dict of str to int
        Number of distinct equilibria each method found.
    methods_agree : bool
        Whether support and vertex enumeration found the same set and every Lemke–Howson
        equilibrium is in it.  Guaranteed for non-degenerate games; may fail for degenerate ones.
    notes : tuple of str
        Captured library warnings and discarded candidates, in words.
    """

    equilibria: tuple[Equilibrium, ...]
    is_degenerate: bool
    degeneracy: tuple[str, ...]
    methods: tuple[str, ...]
    counts: dict[str, int]
    methods_agree: bool
    notes: tuple[str, ...]
