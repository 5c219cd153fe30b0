"""How results print: one text renderer and one HTML renderer per result type.

Results are plain data and sit at the bottom of the package, while the words that describe them
live in :mod:`negsim.text`, above them.  So that ``str(result)`` is the text a user reads and
``result._repr_html_()`` the table a notebook shows, without results importing text, the text
layer registers its renderers here (``functools.singledispatch``) when it is imported, and
``import negsim`` imports it.  Without a registered renderer, a result prints its short repr.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Box:
...     n: int
>>> @render_text.register
... def _(box: Box) -> str:
...     return f"a box of {box.n}"
>>> render_text(Box(3))
'a box of 3'
"""

from __future__ import annotations

import html
from functools import singledispatch

__all__ = ["render_text", "render_html"]


@singledispatch
def render_text(result: object) -> str:
    """The text of a result, as ``negsim`` prints it (its repr when no renderer is registered)."""
    return repr(result)


@singledispatch
def render_html(result: object) -> str:
    """A compact HTML view of a result for notebooks (its escaped repr by default)."""
    return f"<pre>{html.escape(repr(result))}</pre>"
