"""negsim's version, in one place (the package, the results' ``version`` field and the CLI read it)."""

__all__ = ["VERSION"]

VERSION = "0.1.0"
