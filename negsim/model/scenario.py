"""The scenario: issues, actors, levers, proposals, observations and analysis settings.

A :class:`Scenario` checks that everything it holds refers to things that exist (an issue, an
option, an actor) when it is built, and reports a problem with the key path of the offending value
(``actors.Russia.demands[2].issue``).  The loader maps those key paths back to the file and line
the value came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

from negsim.errors import ScenarioError, did_you_mean, relocated
from negsim.limits import MAX_ISSUES
from negsim.model._values import _finite_number
from negsim.model import Actor, Condition, Constraint, Issue, Lever, Observation, Option, Proposal, check_names
from negsim.model.parameters import Question, UncertainParameter, parse_path, parse_target
from negsim.model.space import OutcomeSpace
from negsim.model.structure import StructuralChoice, parse_structural_path
from negsim.model.specs import GameSpec, TruceSpec, WarSpec, check_references

_T = TypeVar("_T")

__all__ = ["Scenario", "get_parameter", "set_parameters"]


@dataclass(frozen=True)
class Scenario:
    """Everything negsim knows about one negotiation.

    Parameters
    ----------
    name : str
    issues : tuple of Issue
    actors : tuple of Actor
    levers, proposals, observations, constraints : tuples of the model classes
    date, summary : str
    seed : int
        Seed of everything random in the analysis (samples for figures).
    cloud_size : int
        How many outcomes the result keeps for plotting (all of them in smaller spaces).
    path : str, optional
        The file it was loaded from.
    uncertain : tuple of UncertainParameter
        Parameters given as distributions; the model holds their point values.
    questions : tuple of Question
        Sensitivity studies and tipping points the scenario asks for.
    structural : tuple of StructuralChoice
        Red lines, conditions and lever triggers with alternatives; the model holds the most
        probable alternative of each (see :mod:`negsim.model.structure`).
    judged : tuple of str
        Parameter paths the file marks ``# judgement`` (numbers the sources do not give).
    games, truces, war, bargaining
        Declared games, truces, Fearon's war and the alternating-offers pair
        (see :mod:`negsim.model.specs`).

    Examples
    --------
    >>> from negsim.model import Demand
    >>> s = Scenario("toy", issues=(Issue("war", ("fight", "truce"), "fight"),),
    ...              actors=(Actor("A", (Demand("war", want="truce"),)),
    ...                      Actor("B", (Demand("war", want="fight", weight=2),))))
    >>> s.space.size, s.actor("B").total_weight
    (2, 2.0)
    """

    name: str
    issues: tuple[Issue, ...]
    actors: tuple[Actor, ...]
    levers: tuple[Lever, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    observations: tuple[Observation, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    date: str = ""
    summary: str = ""
    seed: int = 0
    cloud_size: int = 20_000
    path: str | None = field(default=None, compare=False)
    uncertain: tuple[UncertainParameter, ...] = ()
    questions: tuple[Question, ...] = ()
    games: tuple[GameSpec, ...] = ()
    truces: tuple[TruceSpec, ...] = ()
    war: WarSpec | None = None
    bargaining: tuple[str, ...] = ()
    structural: tuple[StructuralChoice, ...] = ()
    judged: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("issues", "actors", "levers", "proposals", "observations", "constraints",
                     "uncertain", "questions", "games", "truces", "bargaining", "structural",
                     "judged"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.actors:
            raise ScenarioError("a scenario needs at least one actor", key="actors",
                                expected="one or more [actors.NAME] tables", found="none")
        if len(self.issues) > MAX_ISSUES:
            raise ScenarioError("the scenario has too many issues", key="issues",
                                expected=f"at most {MAX_ISSUES:,} issues (MAX_ISSUES)",
                                found=f"{len(self.issues):,}")
        check_names((i.id for i in self.issues), "issue", "issues")
        check_names((a.name for a in self.actors), "actor", "actors")
        check_names((lv.id for lv in self.levers), "lever", "levers")
        check_names((p.id for p in self.proposals), "proposal", "proposals")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ScenarioError("the seed must be a non-negative integer", key="analysis.seed",
                                expected="an integer >= 0", found=repr(self.seed))
        if isinstance(self.cloud_size, bool) or not isinstance(self.cloud_size, int) \
                or self.cloud_size < 0:
            raise ScenarioError("cloud_size must be a non-negative integer",
                                key="analysis.cloud_size", expected="an integer >= 0",
                                found=repr(self.cloud_size))
        space = self.space
        for k, c in enumerate(self.constraints):
            self._check_condition(c.forbid, f"constraints[{k}].forbid")
        for a in self.actors:
            for k, d in enumerate(a.demands):
                key = f"actors.{a.name}.demands[{k}]"
                issue = space.issue(d.issue, key=f"{key}.issue")
                for field_name in ("want", "avoid"):
                    for opt in getattr(d, field_name) or ():
                        issue.index(opt, key=f"{key}.{field_name}")
                for opt, _ in d.scores or ():
                    issue.index(opt, key=f"{key}.scores")
                self._check_condition(d.when, f"{key}.when")
        for k, lv in enumerate(self.levers):
            key = f"levers[{k}]"
            self.actor(lv.by, key=f"{key}.by")
            for name, _ in lv.effects:
                self.actor(name, key=f"{key}.effects.{name}")
            if isinstance(lv.trigger, Condition):
                self._check_condition(lv.trigger, f"{key}.trigger")
        for k, p in enumerate(self.proposals):
            key = f"proposals[{k}]"
            if p.by is not None:
                self.actor(p.by, key=f"{key}.by")
            outcome = self.outcome_of(p, key=f"{key}.terms")
            for c in self.constraints:
                if c.forbids(outcome):
                    raise ScenarioError("the proposal's outcome is ruled out by a constraint",
                                        key=f"{key}.terms", expected="an outcome no constraint forbids",
                                        found=f"{c.forbid.describe()} ({c.reason or 'no reason given'})")
        for k, o in enumerate(self.observations):
            key = f"observations[{k}]"
            self.actor(o.actor, key=f"{key}.actor")
            self.proposal(o.proposal, key=f"{key}.proposal")
        check_names((p.path for p in self.uncertain), "uncertain parameter", "uncertain")
        for p in self.uncertain:
            get_parameter(self, p.path, key=p.path)
        for k, q in enumerate(self.questions):
            key = f"questions[{k}]"
            parse_target(q.target, f"{key}.target").check(self, key=f"{key}.target")
            if q.parameter is not None:
                get_parameter(self, q.parameter, key=f"{key}.parameter")
        check_names((g.id for g in self.games), "game", "games")
        check_references(self)
        check_names((c.path for c in self.structural), "structural choice", "structural")
        for c in self.structural:
            self._check_choice(c)
        for path in self.judged:
            get_parameter(self, path, key=path)

    def _check_choice(self, choice: StructuralChoice) -> None:
        field, name, k = parse_structural_path(choice.path, choice.path)
        if field == "trigger":
            current = self.lever(name, key=choice.path).trigger
        else:
            actor = self.actor(name, key=choice.path)
            if not k < len(actor.demands):  # type: ignore[operator]
                raise ScenarioError(f"{actor.name} has no demand {k}", key=choice.path,
                                    expected=f"an index below {len(actor.demands)}",
                                    found=choice.path)
            demand = actor.demands[k]  # type: ignore[index]
            current = getattr(demand, field)
        for i, v in enumerate(choice.values):
            if isinstance(v, Condition):
                self._check_condition(v, f"{choice.path}[{i}]")
                if field == "when" and demand.issue in v.issues:
                    raise ScenarioError("a demand's condition cannot name its own issue",
                                        key=f"{choice.path}[{i}]",
                                        expected="a condition on other issues", found=demand.issue)
        point = choice.values[choice.point_index]
        if current != point:
            raise ScenarioError("the model must hold the most probable alternative",
                                key=choice.path, expected=repr(point), found=repr(current),
                                hint="set the field to the alternative with the highest p")

    def _check_condition(self, cond: Condition, key: str) -> None:
        for issue_id, opts in cond.terms:
            issue = self.space.issue(issue_id, key=f"{key}.{issue_id}")
            for opt in opts:
                issue.index(opt, key=f"{key}.{issue_id}")

    @cached_property
    def space(self) -> OutcomeSpace:
        """The outcome space (issues and constraints)."""
        return OutcomeSpace(self.issues, self.constraints)

    @cached_property
    def actor_names(self) -> tuple[str, ...]:
        """The actors' names, in order."""
        return tuple(a.name for a in self.actors)

    def actor(self, name: str, key: str | None = None) -> Actor:
        """The actor called ``name``."""
        return _find(self.actors, lambda a: a.name, name, f"unknown actor {name!r}", key)

    def proposal(self, proposal_id: str, key: str | None = None) -> Proposal:
        """The proposal with this id."""
        return _find(self.proposals, lambda p: p.id, proposal_id,
                     f"unknown proposal {proposal_id!r}", key)

    def lever(self, lever_id: str, key: str | None = None) -> Lever:
        """The lever with this id (the one place an unknown lever id is reported).

        Examples
        --------
        >>> from negsim.model import Demand
        >>> s = Scenario("toy", issues=(Issue("war", ("fight", "truce"), "fight"),),
        ...              actors=(Actor("A", (Demand("war", want="truce"),)),),
        ...              levers=(Lever("sanctions", by="A", effects={"A": -0.2}),))
        >>> s.lever("sanctions").by
        'A'
        """
        return _find(self.levers, lambda lv: lv.id, lever_id, f"unknown lever {lever_id!r}", key,
                     otherwise=f"to take a lever out, use scenario.without_levers({lever_id!r}), "
                     "which also drops its uncertain parameters, the questions about it and "
                     "the games that pull it")

    def outcome_of(self, proposal: Proposal, key: str | None = None) -> dict[str, Option]:
        """The full outcome of a proposal: its terms, and the status quo on every other issue."""
        rows = self.space.indices_of(dict(proposal.terms), fill_status_quo=True, key=key)
        return self.space.decode(rows)

    @property
    def no_deal(self) -> dict[str, Option]:
        """The outcome with no deal: every issue at its status quo."""
        return self.space.decode(self.space.status_quo)

    def without_levers(self, *ids: str) -> Scenario:
        """A copy without the named levers (all levers if none are named), and without the
        declared games whose leaves pull any of them, the uncertain parameters of those levers
        and the questions about them: "what if the threat were off the table".

        Examples
        --------
        >>> from negsim.model import Demand
        >>> s = Scenario("toy", issues=(Issue("war", ("fight", "truce"), "fight"),),
        ...              actors=(Actor("A", (Demand("war", want="truce"),)),),
        ...              levers=(Lever("sanctions", by="A", effects={"A": -0.2}),))
        >>> s.without_levers("sanctions").levers
        ()
        """
        known = [lv.id for lv in self.levers]
        for lv_id in ids:
            self.lever(lv_id, key="levers")
        drop = set(ids) if ids else set(known)
        games = tuple(g for g in self.games
                      if not any(set(n.levers) & drop for n in g.nodes))
        prefixes = tuple(f"levers.{lv_id}." for lv_id in drop)
        uncertain = tuple(p for p in self.uncertain if not p.path.startswith(prefixes))
        questions = tuple(q for q in self.questions
                          if not (q.parameter or "").startswith(prefixes))
        structural = tuple(c for c in self.structural
                           if c.path not in {f"levers.{lv_id}.trigger" for lv_id in drop})
        judged = tuple(p for p in self.judged if not p.startswith(prefixes))
        return replace(self, levers=tuple(lv for lv in self.levers if lv.id not in drop),
                       games=games, uncertain=uncertain, questions=questions,
                       structural=structural, judged=judged)

    def with_changes(self, **changes: object) -> Scenario:
        """A copy with some fields replaced (and checked again)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def parameter(self, path: str) -> float | None:
        """The current value of a parameter, e.g. ``"actors.Russia.demands[0].weight"``."""
        return get_parameter(self, path, key=path)

    def with_parameters(self, values: dict[str, float]) -> Scenario:
        """A copy with parameters (paths as in :mod:`negsim.model.parameters`) set to values.

        The record of uncertain parameters is kept; only the point values change.
        """
        return set_parameters(self, values)

    def uncertain_parameter(self, path: str) -> UncertainParameter:
        """The uncertain parameter at ``path``."""
        return _find(self.uncertain, lambda p: p.path, path,
                     f"{path!r} is not an uncertain parameter", path)


def _find(items: Sequence[_T], ident: Callable[[_T], str], wanted: str, message: str,
          key: str | None, otherwise: str | None = None) -> _T:
    """The item of ``items`` whose ``ident`` is ``wanted``; else the one located error for a
    name that is not there (the known names, a "did you mean", or ``otherwise`` as the fix)."""
    for item in items:
        if ident(item) == wanted:
            return item
    names = [ident(item) for item in items]
    raise ScenarioError(message, key=key, expected=f"one of {names}", found=repr(wanted),
                        hint=did_you_mean(wanted, names) or otherwise)


def _lever_index(scenario: Scenario, lever_id: str, key: str | None) -> int:
    scenario.lever(lever_id, key=key)  # raises the one "unknown lever" error
    return [lv.id for lv in scenario.levers].index(lever_id)


def get_parameter(scenario: Scenario, path: str, key: str | None = None) -> float | None:
    """The current (point) value of a parameter; ``None`` for a reservation left implicit.

    Examples
    --------
    >>> import negsim
    >>> s = negsim.examples.toy_scenario(weight=2.0)
    >>> get_parameter(s, "actors.A.demands[0].weight")
    2.0
    """
    ref = parse_path(path, key)
    if ref.lever is not None:
        lever = scenario.levers[_lever_index(scenario, ref.lever, key)]
        if ref.field == "credibility":
            return lever.credibility
        scenario.actor(ref.actor, key=key)  # type: ignore[arg-type]
        return dict(lever.effects).get(ref.actor, 0.0)  # type: ignore[arg-type]
    actor = scenario.actor(ref.actor, key=key)  # type: ignore[arg-type]
    if ref.field == "weight":
        if not ref.demand < len(actor.demands):  # type: ignore[operator]
            raise ScenarioError(f"{actor.name} has no demand {ref.demand}", key=key,
                                expected=f"an index below {len(actor.demands)}", found=path)
        return actor.demands[ref.demand].weight  # type: ignore[index]
    return getattr(actor, ref.field)


def set_parameters(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """A copy of the scenario with parameters set to the given values (checked as usual).

    Examples
    --------
    >>> import negsim
    >>> s = negsim.Scenario("toy", issues=(negsim.Issue("war", ("fight", "truce"), "fight"),),
    ...     actors=(negsim.Actor("A", (negsim.Demand("war", want="truce"),)),),
    ...     levers=(negsim.Lever("sanctions", by="A", effects={"A": -0.2}),))
    >>> set_parameters(s, {"levers.sanctions.effects.A": -0.5}).levers[0].effects
    (('A', -0.5),)
    """
    actors = list(scenario.actors)
    levers = list(scenario.levers)
    names = list(scenario.actor_names)
    for path, value in values.items():
        get_parameter(scenario, path, key=path)  # the path exists
        ref = parse_path(path)
        v = _finite_number(value, path)
        try:
            if ref.lever is not None:
                i = _lever_index(scenario, ref.lever, path)
                lv = levers[i]
                if ref.field == "credibility":
                    levers[i] = replace(lv, credibility=v)
                else:
                    eff = dict(lv.effects)
                    eff[ref.actor] = v  # type: ignore[index]
                    levers[i] = replace(lv, effects=tuple(eff.items()))
                continue
            i = names.index(ref.actor)  # type: ignore[arg-type]
            a = actors[i]
            if ref.field == "weight":
                ds = list(a.demands)
                ds[ref.demand] = replace(ds[ref.demand], weight=v)  # type: ignore[index]
                actors[i] = replace(a, demands=tuple(ds))
            else:
                actors[i] = replace(a, **{ref.field: v})
        except ScenarioError as exc:
            raise relocated(exc, key=path) from None
    return scenario.with_changes(actors=tuple(actors), levers=tuple(levers))
