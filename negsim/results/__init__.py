"""Every result type negsim returns: plain data that round-trips through JSON.

These modules import nothing of negsim but the plain-data helper (:mod:`negsim.plain`), the
shared names (:mod:`negsim.vocabulary`) and the print hooks (:mod:`negsim.results.display`).
"""
