"""The scenario file format, defined once.

:data:`SCENARIO_FORMAT` describes every table and key a scenario file may hold.  The loader checks
files against it (unknown keys, wrong types, missing keys, with "did you mean"), (:mod:`negsim.loading.checking`), and
:func:`negsim.loading.json_schema.json_schema` turns the same description into a JSON Schema for editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Key", "SCENARIO_FORMAT", "MERGED_BY_ID", "format_of", "required_missing"]


@dataclass(frozen=True)
class Key:
    """One key of the format.

    ``kind`` is one of: ``str``, ``number``, ``int``, ``bool``, ``option`` (string or number),
    ``options`` (an option or a list of options), ``condition`` (table issue → option(s)),
    ``numbers`` (table name → number), ``scores`` (table option → number), ``number_or_dist``
    (a number or a distribution table such as ``{dist = "uniform", low = 0, high = 1}``),
    ``numbers_or_dists`` (table name → number or distribution), ``trigger``
    (``"no_deal"`` or a condition), ``strings`` (list of strings), ``labels`` (table name →
    string), ``string_lists`` (table name → list of strings), ``arrays`` (table name → nested list
    of numbers), ``table``, ``tables`` (array of tables) and ``named_tables`` (table of tables
    keyed by name).
    """

    name: str
    kind: str
    doc: str
    required: bool = False
    fields: tuple[Key, ...] = ()
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    """For a table: the ways it may be written, each as (keys it requires, keys it forbids);
    exactly one must hold.  The bounds and the alternatives go into the JSON Schema only; the
    model classes enforce them with their own messages."""


def _k(name: str, kind: str, doc: str, required: bool = False, *fields: Key,
       enum: tuple[str, ...] = (), minimum: float | None = None, maximum: float | None = None,
       exclusive_minimum: float | None = None, exclusive_maximum: float | None = None,
       alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()) -> Key:
    return Key(name, kind, doc, required, tuple(fields), enum, minimum, maximum,
               exclusive_minimum, exclusive_maximum, alternatives)


_SOURCE = (
    _k("source", "str", "Where it was said: a file in the sources folder, or an outlet and date."),
    _k("quote", "str", "The words, copied exactly from the source."),
)

DEMAND = (
    _k("issue", "str", "The issue the demand is about.", True),
    _k("want", "options", "The option(s) the actor wants; on an ordered issue the score falls "
       "linearly with the rank distance to the nearest wanted option."),
    _k("avoid", "options", "The option(s) the actor rejects (score 0; 1 elsewhere)."),
    _k("scores", "scores", "Explicit scores in [0, 1] per option; unlisted options score 0.",
       minimum=0, maximum=1),
    _k("weight", "number_or_dist", "How much the demand matters (> 0, default 1).",
       exclusive_minimum=0),
    _k("hard", "bool_or_probability", "A red line: every outcome where the demand applies and is "
       "not fully met is vetoed by the actor.  A probability p in [0, 1] makes it a red line in "
       "a share p of the ensemble's draws and a soft demand in the rest (the point analysis uses "
       "the more likely reading; p = 0.5 counts as a red line).", minimum=0, maximum=1),
    _k("when", "condition", "The demand applies only where this holds (counts as met elsewhere)."),
    _k("when_alternatives", "tables", "Alternative readings of the condition, drawn by the "
       "ensemble; instead of when.  The point analysis uses the most probable one.", False,
       _k("when", "condition", "The condition under this reading ({} for: always applies).", True),
       _k("p", "number", "Probability of this reading; the p values sum to 1.", True,
          minimum=0, maximum=1),
       _k("label", "str", "A name for this reading."),
       *_SOURCE),
    _k("label", "str", "A short name for tables and figures."),
    *_SOURCE,
)

SCENARIO_FORMAT: tuple[Key, ...] = (
    _k("scenario", "table", "What the scenario is.", False,
       _k("name", "str", "A title for people."),
       _k("date", "str", "The date the scenario describes (YYYY-MM-DD)."),
       _k("summary", "str", "One paragraph on the situation."),
       _k("extends", "strings", "Files this one builds on, relative to this file; merged in "
          "order, this file last.")),
    _k("analysis", "table", "Analysis settings.", False,
       _k("seed", "int", "Seed of every random choice (samples for figures).", minimum=0),
       _k("cloud_size", "int", "How many outcomes the result keeps for plots.", minimum=0)),
    _k("issues", "tables", "The dimensions of a deal.", False,
       _k("id", "str", "Identifier used in demands, terms and conditions.", True),
       _k("label", "str", "A name for people."),
       _k("description", "str", "What the options mean."),
       _k("options", "options", "The options (strings or numbers), in order if ordered."),
       _k("ordered", "bool", "Whether the options lie on a scale."),
       _k("labels", "labels", "Display text of options (option → text), e.g. "
          "{\"10_15y\" = \"10 to 15 years\"}."),
       _k("low", "number", "Numeric range: lowest value."),
       _k("high", "number", "Numeric range: highest value."),
       _k("steps", "int", "Numeric range: number of evenly spaced options.", minimum=2),
       _k("status_quo", "option", "The option that holds with no deal."),
       alternatives=((("options", "status_quo"), ("low", "high", "steps")),
                     (("low", "high", "steps"), ("options",)))),
    _k("constraints", "tables", "Combinations of options that cannot occur.", False,
       _k("forbid", "condition", "Outcomes where all of these hold are impossible.", True),
       _k("reason", "str", "Why.")),
    _k("actors", "named_tables", "The parties, keyed by name.", False,
       _k("label", "str", "Display name."),
       _k("power", "number_or_dist", "Bargaining weight (> 0, default 1).", exclusive_minimum=0),
       _k("patience", "number_or_dist", "Discount factor in (0, 1) (default 0.9).",
          exclusive_minimum=0, exclusive_maximum=1),
       _k("reservation", "number_or_dist", "Explicit walk-away utility; by default derived from the "
          "no-deal outcome and the levers."),
       _k("color", "str", "Colour in figures, e.g. \"#b2182b\"."),
       _k("demands", "tables", "What the actor has said it wants.", False, *DEMAND,
          alternatives=((("want",), ("avoid", "scores")), (("avoid",), ("want", "scores")),
                        (("scores",), ("want", "avoid"))))),
    _k("levers", "tables", "Unilateral moves that change payoffs when triggered.", False,
       _k("id", "str", "Identifier.", True),
       _k("label", "str", "A name for people."),
       _k("by", "str", "The actor who pulls it.", True),
       _k("trigger", "trigger", "\"no_deal\" or a condition on the outcome (default \"no_deal\")."),
       _k("trigger_alternatives", "tables", "Alternative readings of the trigger, drawn by the "
          "ensemble; instead of trigger.  The point analysis uses the most probable one.", False,
          _k("trigger", "trigger", "\"no_deal\" or a condition under this reading.", True),
          _k("p", "number", "Probability of this reading; the p values sum to 1.", True,
             minimum=0, maximum=1),
          _k("label", "str", "A name for this reading."),
          *_SOURCE),
       _k("credibility", "number_or_dist", "Probability it is carried out, in [0, 1] (default 1), "
          "or { from_game = \"ID\" }: from the equilibrium of that declared game.",
          minimum=0, maximum=1),
       _k("effects", "numbers_or_dists", "Utility change per actor.", True),
       *_SOURCE),
    _k("proposals", "tables", "Deals on the table.", False,
       _k("id", "str", "Identifier.", True),
       _k("label", "str", "A name for people."),
       _k("by", "str", "The actor who put it forward."),
       _k("terms", "condition", "Option per issue; unnamed issues stay at the status quo.", True),
       _k("date", "str", "When it was put forward."),
       *_SOURCE),
    _k("observations", "tables", "Recorded responses of actors to proposals.", False,
       _k("actor", "str", "Who responded.", True),
       _k("proposal", "str", "To which proposal.", True),
       _k("response", "str", "What they said.", True, enum=("accept", "reject")),
       _k("date", "str", "When."),
       _k("must_match", "bool", "Whether a back-test fails when the model misses it (default true)."),
       _k("note", "str", "Context."),
       *_SOURCE),
    _k("questions", "tables", "What to ask of the uncertain parameters.", False,
       _k("kind", "str", "\"tipping_point\" (where does the target's verdict flip as the "
          "parameter moves?) or \"sensitivity\" (which uncertain parameters move the target "
          "most?).", True, enum=("tipping_point", "sensitivity")),
       _k("target", "str", "margin:PROPOSAL:ACTOR, margin:PROPOSAL (smallest margin), "
          "reservation:ACTOR or utility:SOLUTION:ACTOR.", True),
       _k("parameter", "str", "A parameter path, e.g. levers.ID.effects.NAME or "
          "actors.NAME.demands[K].weight (tipping points)."),
       _k("low", "number", "Lowest value to search (default: the parameter's range)."),
       _k("high", "number", "Highest value to search (default: the parameter's range)."),
       _k("threshold", "number", "Value of the target where the verdict flips (default 0)."),
       _k("label", "str", "A name for people.")),
    _k("games", "tables", "Games declared explicitly: normal form with payoff matrices, or "
       "sequential (a tree of nodes whose leaves take payoffs from the preference models).", False,
       _k("id", "str", "Identifier.", True),
       _k("kind", "str", "normal_form (default) or sequential.", enum=("normal_form", "sequential")),
       _k("label", "str", "A name for people."),
       _k("players", "strings", "Normal form: the players, in the order of the payoff tables' "
          "dimensions (default: the keys of payoffs)."),
       _k("strategies", "string_lists", "Normal form: each player's strategy names (default 1, 2, "
          "...)."),
       _k("payoffs", "arrays", "Normal form: each player's payoff table, a nested list indexed by "
          "every player's strategy in players order (a matrix for two players)."),
       _k("root", "str", "Sequential: the id of the first node (default: the first node)."),
       _k("repeated", "table", "Sequential: the game is played again and again (reputation).",
          False,
          _k("patience", "number", "The threatener's patience (default: its actor's).",
             minimum=0, maximum=1),
          _k("rounds", "int", "Rounds still to come (default: no last round).", minimum=0),
          _k("continuation", "number", "Probability the relationship goes on after a round "
             "(default 1).", minimum=0, maximum=1)),
       _k("nodes", "tables", "Sequential: the nodes of the tree.", False,
          _k("id", "str", "Identifier, used by actions.", True),
          _k("label", "str", "A name for people."),
          _k("player", "str", "Who moves here (omit for a move of chance)."),
          _k("actions", "labels", "Action name = id of the node it leads to, in order."),
          _k("probabilities", "numbers", "Chance node: probability of each action.",
             minimum=0, maximum=1),
          _k("threat", "str", "An action here whose credibility to assess."),
          _k("info_set", "str", "Decision node: the information set (nodes the player cannot "
             "tell apart; same player and actions)."),
          _k("outcome", "str", "Leaf: a proposal id, or \"no_deal\"."),
          _k("levers", "strings", "Leaf: the levers pulled (their full effects apply)."),
          _k("payoffs", "numbers", "Leaf: explicit payoffs per player (textbook games)."),
          _k("adjust", "numbers", "Leaf with an outcome: added to the model's payoffs there "
             "(what the outcome is worth to a type beyond the model).")),
       *_SOURCE),
    _k("truces", "tables", "Proposals to test as truces (grim-trigger stability).", False,
       _k("proposal", "str", "The proposal that is the truce.", True),
       _k("label", "str", "A name for people."),
       _k("detection", "number", "Probability q that a violation is detected (default 1, or "
          "from verification).", minimum=0, maximum=1),
       _k("false_alarm", "number", "Probability that compliance is taken for a violation "
          "(default 0).", minimum=0, maximum=1),
       _k("count_in_verdicts", "bool", "Value the truce in the verdicts at its expected value "
          "given that it may not hold (default false)."),
       _k("hold_belief", "numbers", "An actor's own probability that the truce holds (default: "
          "1 if the grim-trigger analysis says it holds, else 0).", minimum=0, maximum=1),
       _k("verification", "table", "An issue whose option sets the detection probability.", False,
          _k("issue", "str", "The verification issue.", True),
          _k("q", "numbers", "Detection probability per option.", True, minimum=0, maximum=1)),
       _k("issues", "strings", "The issues a party can break the truce on (default: those the "
          "proposal moves from the status quo)."),
       _k("parties", "strings", "The parties bound by the truce (default: every actor)."),
       *_SOURCE),
    _k("war", "table", "Fearon's war between two actors (bargaining range).", False,
       _k("actors", "strings", "The two sides; p is the first one's chance of winning.", True),
       _k("p", "number", "The first actor's probability of winning.", True, minimum=0, maximum=1),
       _k("costs", "numbers", "Each side's cost of war, in shares of the good.", True, minimum=0),
       _k("p_after", "number", "The first actor's probability of winning after a truce (a "
          "shift in power: Powell's commitment problem).", minimum=0, maximum=1),
       *_SOURCE),
    _k("bargaining", "table", "Rubinstein alternating offers.", False,
       _k("actors", "strings", "First proposer and responder (default: the first two actors).")),
)

MERGED_BY_ID = ("issues", "levers", "proposals", "games")
"""Arrays whose entries merge by id across ``extends``: their required keys (but ``id``) are
checked after merging, since a later file may override only some keys of an entry."""


def required_missing(fields: tuple[Key, ...], table: dict[str, Any]) -> Key | None:
    """The first required key that ``table`` lacks, or ``None``."""
    return next((f for f in fields if f.required and f.name not in table), None)


def format_of(name: str) -> tuple[Key, ...]:
    """The keys of a top-level table or array of tables (``"levers"``, ``"actors"`` ...)."""
    return next(f.fields for f in SCENARIO_FORMAT if f.name == name)
