"""Bridges to the field's other tools and formats: GENIUS export, pandas tables, NegMAS, Gambit.

Each bridge imports its optional package (pandas, negmas, pygambit, ipywidgets) only when called,
and says plainly what to install when it is missing.
"""
