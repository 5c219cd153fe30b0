"""The domain model: issues, demands, actors, levers, proposals, observations.

Every class here is a frozen dataclass that checks its own invariants when it is built, so a
scenario built in a notebook is held to the same rules as one loaded from a file.  Mappings given
by the user (``terms``, ``effects``, ``scores``, ``when``) are stored as sorted tuples of pairs so
that objects are immutable, hashable and picklable; each class offers a ``dict`` view.
"""

from negsim.model._values import Option, check_names, is_option, same_option
from negsim.model.actor import Actor
from negsim.model.demand import Demand
from negsim.model.issue import Condition, Constraint, Issue
from negsim.model.moves import RESPONSES, Lever, Observation, Proposal

__all__ = [
    "Option", "Condition", "Issue", "Constraint", "Demand", "Actor", "Lever", "Proposal",
    "Observation", "RESPONSES", "same_option", "check_names", "is_option",
]
