"""The analyst's questions on top of :func:`negsim.analyze`: what changes between two analyses
(:func:`compare`), how dated configurations evolve (:func:`timeline`), what it would take to make
a proposal acceptable (:func:`concessions`), and which parameters tip a verdict
(:func:`tipping_points`)."""

from negsim.questions.compare import compare
from negsim.questions.concessions import concessions
from negsim.questions.timeline import timeline
from negsim.questions.tipping import tipping_points

__all__ = ["compare", "concessions", "timeline", "tipping_points"]
