"""negsim: game-theoretic analysis of negotiations from the parties' stated demands."""

from negsim.errors import NegsimError, ScenarioError

__version__ = "0.1.0"

__all__ = ["NegsimError", "ScenarioError", "__version__"]
