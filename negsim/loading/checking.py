"""Checking one table of a scenario file against the format (:mod:`negsim.loading.schema`).

Unknown keys (with "did you mean"), values of the wrong kind and missing required keys each raise
one located :class:`~negsim.errors.ScenarioError` naming the file, the key, what was expected and
what was found.
"""

from __future__ import annotations

import math
from typing import Any

from negsim.errors import ScenarioError, did_you_mean, relocated, short_repr
from negsim.loading.schema import MERGED_BY_ID, Key
from negsim.model import is_option
from negsim.model.distributions import Distribution

__all__ = ["check_table"]

_KIND_TEXT = {
    "str": "a string", "number": "a number", "int": "an integer", "bool": "true or false",
    "option": "a string or a number", "options": "an option or a list of options",
    "condition": "a table of issue = option(s)", "numbers": "a table of name = number",
    "scores": "a table of option = score", "trigger": '"no_deal" or a condition table',
    "strings": "a list of strings", "table": "a table",
    "bool_or_probability": "true, false or a probability in [0, 1]", "tables": "an array of tables ([[...]])",
    "number_or_dist": "a number or a distribution table",
    "numbers_or_dists": "a table of name = number or distribution",
    "named_tables": "a table of tables", "labels": "a table of name = string",
    "string_lists": "a table of name = list of strings",
    "arrays": "a table of name = nested list of numbers",
}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_array(v: Any) -> bool:
    if _is_number(v):
        return math.isfinite(v)
    return isinstance(v, list) and bool(v) and all(_is_array(x) for x in v)


def _check_value(spec: Key, value: Any, key: str, file: str | None) -> None:
    def fail(extra: str | None = None) -> None:
        raise ScenarioError(f"{spec.name} has the wrong type", file=file, key=key,
                            expected=_KIND_TEXT[spec.kind], found=short_repr(value), hint=extra)

    kind = spec.kind
    if kind == "str":
        if not isinstance(value, str):
            fail()
        if spec.enum and value not in spec.enum:
            raise ScenarioError(f"unknown {spec.name}", file=file, key=key,
                                expected=" or ".join(repr(e) for e in spec.enum),
                                found=short_repr(value), hint=did_you_mean(value, spec.enum))
    elif kind == "number":
        if not _is_number(value):
            fail()
        if isinstance(value, float) and math.isnan(value):
            raise ScenarioError(f"{spec.name} is not a number", file=file, key=key,
                                expected="a finite number", found="nan")
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            fail()
    elif kind == "number_or_dist":
        if isinstance(value, dict) and spec.name == "credibility" and "from_game" in value:
            pass  # credibility = { from_game = "ID" }: checked when the lever is built
        elif isinstance(value, dict):
            _check_dist(value, key, file)
        else:
            _check_value(Key(spec.name, "number", spec.doc), value, key, file)
    elif kind == "numbers_or_dists":
        if not isinstance(value, dict):
            fail()
        for k, v in value.items():
            _check_value(Key(spec.name, "number_or_dist", spec.doc), v, f"{key}.{k}", file)
    elif kind == "bool":
        if not isinstance(value, bool):
            fail()
    elif kind == "bool_or_probability":
        if not isinstance(value, bool):
            if not _is_number(value):
                fail()
            if not 0.0 <= value <= 1.0:  # also rejects nan
                raise ScenarioError(f"{spec.name} as a probability must lie in [0, 1]", file=file,
                                    key=key, expected="true, false or a number in [0, 1]",
                                    found=short_repr(value),
                                    hint="hard = 0.8 means a red line in 80% of the draws")
    elif kind == "option":
        if not is_option(value):
            fail()
    elif kind == "options":
        items = value if isinstance(value, list) else [value]
        if not items or not all(is_option(v) for v in items):
            fail()
    elif kind in ("condition", "numbers", "scores"):
        if not isinstance(value, dict):
            fail()
        for k, v in value.items():
            ok = (_is_number(v) if kind != "condition"
                  else (is_option(v) or (isinstance(v, list) and v and all(map(is_option, v)))))
            if not ok:
                raise ScenarioError(f"{spec.name} has a value of the wrong type", file=file,
                                    key=f"{key}.{k}",
                                    expected="a number" if kind != "condition"
                                    else "an option or a list of options", found=short_repr(v))
    elif kind == "trigger":
        if value != "no_deal" and not isinstance(value, dict):
            fail()
        if isinstance(value, dict):
            _check_value(Key(spec.name, "condition", spec.doc), value, key, file)
    elif kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail()
    elif kind in ("labels", "string_lists", "arrays"):
        if not isinstance(value, dict):
            fail()
        for k, v in value.items():
            ok = isinstance(v, str) if kind == "labels" else \
                (isinstance(v, list) and all(isinstance(x, str) for x in v)) \
                if kind == "string_lists" else _is_array(v)
            if not ok:
                raise ScenarioError(f"{spec.name} has a value of the wrong type", file=file,
                                    key=f"{key}.{k}", expected=_KIND_TEXT[kind][len("a table of name = "):],
                                    found=short_repr(v))
    elif kind == "table":
        if not isinstance(value, dict):
            fail()
        check_table(spec.fields, value, key, file)
    elif kind == "tables":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            fail(f"write each entry as [[{key.rsplit('.', 1)[-1]}]]")
        for i, item in enumerate(value):
            check_table(spec.fields, item, f"{key}[{i}]", file,
                        partial=key in MERGED_BY_ID)
    elif kind == "named_tables":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            fail(f"write each entry as [{key}.NAME]")
        for name, item in value.items():
            check_table(spec.fields, item, f"{key}.{name}", file)
    else:  # pragma: no cover - the format above uses only the kinds listed
        raise AssertionError(kind)


def _check_dist(value: dict[str, Any], key: str, file: str | None) -> None:
    try:
        Distribution.from_table(value, key)
    except ScenarioError as exc:
        raise relocated(exc, file=file) from None


def check_table(fields: tuple[Key, ...], table: dict[str, Any], prefix: str,
                file: str | None, partial: bool = False) -> None:
    """Check one table of a file against its keys: unknown keys, types, required keys.

    With ``partial``, only ``id`` is required (entries that merge by id across files).
    """
    known = {f.name: f for f in fields}
    for name, value in table.items():
        if name.startswith("__"):
            continue
        key = f"{prefix}.{name}" if prefix else name
        spec = known.get(name)
        if spec is None:
            raise ScenarioError(f"unknown key {name!r}", file=file, key=key,
                                expected=f"one of {sorted(known)}", found=repr(name),
                                hint=did_you_mean(name, known))
        _check_value(spec, value, key, file)
    for spec in fields:
        if spec.required and spec.name not in table and (not partial or spec.name == "id"):
            raise ScenarioError(f"missing key {spec.name!r}", file=file,
                                key=f"{prefix}.{spec.name}" if prefix else spec.name,
                                expected=_KIND_TEXT[spec.kind], found="nothing")
