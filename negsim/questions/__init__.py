"""The analyst's questions on top of :func:`negsim.analyze`: what changes between two analyses
(:mod:`~negsim.questions.compare`), how dated configurations evolve
(:mod:`~negsim.questions.timeline`), what it would take to make a proposal acceptable
(:mod:`~negsim.questions.concessions`), and which parameters tip a verdict
(:mod:`~negsim.questions.tipping`).

The functions are exported as ``negsim.compare``, ``negsim.timeline``, ``negsim.concessions`` and
``negsim.tipping_points``; this package does not re-export them, so that each submodule stays
reachable under its own name (a function of the same name would shadow it).
"""

__all__: list[str] = []
