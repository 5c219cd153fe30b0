"""The bargaining engine: verdicts, the acceptable set and its frontier, the solutions."""

from negsim.engine.analyze import analyze

__all__ = ["analyze"]
