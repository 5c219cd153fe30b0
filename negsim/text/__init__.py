"""The words: the summary ``negsim run`` prints, the games' and back-test's text, the brief.

Importing this package registers how results print (:mod:`negsim.results.display`); the brief
(:mod:`negsim.text.brief`) loads only when asked for, since it draws figures.
"""

from negsim.text import backtest, html, summary  # noqa: F401  (register the renderers)

__all__ = ["summary", "backtest", "html"]
