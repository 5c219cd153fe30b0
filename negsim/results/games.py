"""Plain-data results of the games, truces and bargaining a scenario gives rise to."""

from __future__ import annotations

from dataclasses import dataclass, field

from negsim.plain import PlainData
from negsim.results.game_theory import (BargainingRange, BehaviourEquilibrium, CommitmentProblem,
                                        InfoSet, PartyTruce,
                                        PerfectBayesianEquilibrium, ReputationAssessment,
                                        SubgamePerfectResult,
                                        ThreatAssessment)

__all__ = ["EquilibriumProfile", "ThreatResult", "TreeNode", "GameResult", "TruceResult",
           "BargainingResult", "EquilibriumGroup"]


@dataclass(frozen=True)
class EquilibriumProfile(PlainData):
    """A Nash equilibrium: each player's strategy (probability per strategy in its support)."""

    strategies: dict[str, dict[str, float]]
    payoffs: dict[str, float]
    pure: bool


@dataclass(frozen=True)
class EquilibriumGroup(PlainData):
    """The equilibria of a game that lead to the same outcome.

    ``outcome`` is the proposal agreed or ``"no_deal"`` (proposal-backing game), or ``""`` when
    the game has no outcome beyond its payoffs (declared games, mixed equilibria): those are
    grouped by payoffs alone.  ``levers`` are the levers pulled at the outcome, ``count`` the
    number of equilibria in the group, ``representative`` one of them (one in weakly undominated
    strategies when there is one) and ``undominated`` how many of them use no weakly dominated
    strategy (``0``: every equilibrium of the group rests on a weakly dominated strategy).
    """

    outcome: str
    payoffs: dict[str, float]
    count: int
    representative: EquilibriumProfile
    levers: list[str] = field(default_factory=list)
    undominated: int = 0


@dataclass(frozen=True)
class ThreatResult(PlainData):
    """A threat in a sequential game: where (node id), which lever (or ``""``), and the verdict;
    ``reputation`` when the game is repeated (whether keeping the threat pays for itself)."""

    node: str
    lever: str
    assessment: ThreatAssessment
    reputation: ReputationAssessment | None = None


@dataclass(frozen=True)
class TreeNode(PlainData):
    """One node of a sequential game, as plain data (what a figure needs to draw the tree).

    ``path`` is the action labels from the root; ``kind`` is ``decision``, ``chance`` or
    ``terminal``; ``actions`` in declared order (with ``probabilities`` at chance nodes);
    a terminal node has its ``payoffs``, its ``outcome`` (a proposal id, ``no_deal``, or ``None``
    for explicit payoffs) and the ``levers`` pulled there.
    """

    path: list[str]
    id: str
    kind: str
    player: str | None = None
    actions: list[str] = field(default_factory=list)
    probabilities: dict[str, float] = field(default_factory=dict)
    payoffs: dict[str, float] = field(default_factory=dict)
    outcome: str | None = None
    levers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GameResult(PlainData):
    """A solved game.

    ``kind`` is ``normal_form`` or ``sequential`` (declared in the scenario) or ``proposals``
    (the proposal-backing game built from the preference models).  Normal form: ``equilibria``
    (all of them for two players, the pure ones otherwise), the strategies that survive iterated
    strict dominance.  Sequential: the subgame-perfect equilibria (``spe``; ``node_ids`` maps a
    path, its action labels joined by ``/``, to the node id) and the ``threats``.

    ``payoff_matrix`` (two-player normal-form games small enough to solve completely) holds each
    player's payoffs, rows = first player's strategies; ``tree`` (sequential games) every node in
    prefix order.  Both are there for figures and readers; solving never needs them.

    ``red_lines`` says how the declared tree was changed so that no actor concludes a deal that
    crosses its red line (an action removed, or a leaf played as no deal); ``reconciliation``
    lists each contradiction between equilibrium play and the verdicts that is left (empty: the
    game agrees with the verdicts).

    A sequential game with information sets (``info_sets``: those of several nodes) has no
    ``spe``; it has its Nash equilibria in behaviour strategies (``behaviour_equilibria``) and,
    when it starts with a move of chance, its pure perfect Bayesian equilibria
    (``perfect_bayesian``), each with beliefs and the leaves reached.  ``credibility`` says
    which levers take their credibility from the game, and warns of typed credibilities the game
    contradicts.
    """

    id: str
    label: str
    kind: str
    players: list[str]
    strategies: dict[str, list[str]] = field(default_factory=dict)
    equilibria: list[EquilibriumProfile] = field(default_factory=list)
    equilibrium_count: int = 0
    all_equilibria: bool = False
    degenerate: bool = False
    methods_agree: bool = True
    surviving: dict[str, list[str]] = field(default_factory=dict)
    dominance_solvable: bool = False
    spe: SubgamePerfectResult | None = None
    node_ids: dict[str, str] = field(default_factory=dict)
    threats: list[ThreatResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    payoff_matrix: dict[str, list[list[float]]] = field(default_factory=dict)
    tree: list[TreeNode] = field(default_factory=list)
    outcome_groups: list[EquilibriumGroup] = field(default_factory=list)
    red_lines: list[str] = field(default_factory=list)
    reconciliation: list[str] = field(default_factory=list)
    info_sets: list[InfoSet] = field(default_factory=list)
    behaviour_equilibria: list[BehaviourEquilibrium] = field(default_factory=list)
    perfect_bayesian: list[PerfectBayesianEquilibrium] = field(default_factory=list)
    credibility: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TruceResult(PlainData):
    """Grim-trigger stability of a truce proposal.

    ``parties`` hold each party's ``T`` (its best unilateral violation), ``R`` (the truce), ``P``
    (breakdown: its reservation), its threshold and whether its patience clears it;
    ``violations[party]`` is the outcome change of that party's best violation;
    ``minimum_detection`` the least q under which every party complies (``None``: none suffices);
    ``verification[option]`` whether the truce holds with that verification option;
    ``expected_values[party]`` what the truce is worth to it given that it may not hold (see
    :func:`negsim.scenario_games.stability.truce_value`), with ``hold_beliefs`` the probability
    it gives the truce holding; ``count_in_verdicts`` whether the verdicts use these values.
    """

    proposal: str
    label: str
    parties: list[PartyTruce]
    holds: bool
    binding: str | None
    detection: float
    false_alarm: float
    perfect_thresholds: dict[str, float | None] = field(default_factory=dict)
    violations: dict[str, dict[str, str]] = field(default_factory=dict)
    minimum_detection: float | None = None
    verification_issue: str | None = None
    verification: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    expected_values: dict[str, float] = field(default_factory=dict)
    hold_beliefs: dict[str, float] = field(default_factory=dict)
    count_in_verdicts: bool = False


@dataclass(frozen=True)
class BargainingResult(PlainData):
    """Rubinstein alternating offers between two actors, and Fearon's range if a war is given.

    ``split`` is the first proposer's share of a unit pie (closed form); ``offer`` the first
    proposer's stationary-equilibrium offer on the acceptable Pareto frontier (two-actor
    scenarios only) with ``offer_utilities``; ``shares[proposal]`` the first war actor's share
    of each proposal (its demand utility, in [0, 1]) and ``in_range[proposal]`` whether both
    war actors prefer it to war; ``commitment`` Powell's commitment problem when the war gives
    ``p_after`` (the first war actor's chance of winning after a truce).
    """

    proposer: str
    responder: str
    delta_proposer: float
    delta_responder: float
    split: float
    offer: dict[str, str] | None = None
    offer_utilities: dict[str, float] | None = None
    war: BargainingRange | None = None
    war_actors: list[str] = field(default_factory=list)
    shares: dict[str, float] = field(default_factory=dict)
    in_range: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    commitment: CommitmentProblem | None = None
