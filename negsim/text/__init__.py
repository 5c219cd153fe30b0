"""The words: the run summary, the text of games, back-tests and calibrations, the brief.

Importing this package registers how results print (:mod:`negsim.results.display`); the brief
(:mod:`negsim.text.brief`) loads only when asked for, since it draws figures.
"""

# importing these registers the renderers
from negsim.text import (backtest, calibration, ensemble, html, questions,  # noqa: F401
                         summary)

__all__ = ["summary", "backtest", "calibration", "html", "questions", "ensemble"]
