"""The JSON Schema of the scenario format, generated from :data:`SCENARIO_FORMAT`.

Editors validate and complete scenario files with it; it is never a second, hand-written copy
of the format.  ``negsim schema`` prints it and the package ships it as ``scenario.schema.json``.
"""

from __future__ import annotations

from typing import Any

from negsim.loading.schema import SCENARIO_FORMAT, Key
from negsim.model.distributions import DISTRIBUTIONS

__all__ = ["json_schema"]


_OPTION_SCHEMA = {"type": ["string", "number"]}
_OPTIONS_SCHEMA = {"anyOf": [_OPTION_SCHEMA, {"type": "array", "items": _OPTION_SCHEMA,
                                              "minItems": 1}]}


def _dist_schema() -> dict[str, Any]:
    variants = []
    for name, (required, optional) in DISTRIBUTIONS.items():
        keys = ("value", *required, *optional)
        variants.append({
            "type": "object",
            "properties": {"dist": {"const": name}, **{k: {"type": "number"} for k in keys}},
            "required": ["dist", *required], "additionalProperties": False})
    return {"oneOf": variants, "description": "A distribution; its mean (or value) is the point "
            "value the deterministic analysis uses."}


_DIST_SCHEMA = _dist_schema()


def _key_schema(spec: Key) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind == "str":
        out = {"type": "string"}
        if spec.enum:
            out["enum"] = list(spec.enum)
    elif kind == "number":
        out = {"type": "number", **_bounds(spec)}
    elif kind == "int":
        out = {"type": "integer", **_bounds(spec)}
    elif kind == "number_or_dist":
        out = {"anyOf": [{"type": "number", **_bounds(spec)}, _DIST_SCHEMA]}
        if spec.name == "credibility":
            out["anyOf"].append({"type": "object", "required": ["from_game"],
                                 "properties": {"from_game": {"type": "string"}},
                                 "additionalProperties": False})
    elif kind == "numbers_or_dists":
        out = {"type": "object",
               "additionalProperties": {"anyOf": [{"type": "number"}, _DIST_SCHEMA]}}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "bool_or_probability":
        out = {"anyOf": [{"type": "boolean"}, {"type": "number", **_bounds(spec)}]}
    elif kind == "option":
        out = dict(_OPTION_SCHEMA)
    elif kind == "options":
        out = dict(_OPTIONS_SCHEMA)
    elif kind == "condition":
        out = {"type": "object", "additionalProperties": _OPTIONS_SCHEMA}
    elif kind in ("numbers", "scores"):
        out = {"type": "object", "additionalProperties": {"type": "number", **_bounds(spec)}}
    elif kind == "trigger":
        out = {"anyOf": [{"const": "no_deal"},
                         {"type": "object", "additionalProperties": _OPTIONS_SCHEMA}]}
    elif kind == "strings":
        out = {"type": "array", "items": {"type": "string"}}
    elif kind == "labels":
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    elif kind == "string_lists":
        out = {"type": "object", "additionalProperties": {"type": "array",
                                                          "items": {"type": "string"}}}
    elif kind == "arrays":
        out = {"type": "object", "additionalProperties": {"type": "array"}}
    else:
        table = _table_schema(spec.fields, spec.alternatives)
        if kind == "table":
            out = table
        elif kind == "tables":
            out = {"type": "array", "items": table}
        else:
            out = {"type": "object", "additionalProperties": table}
    out["description"] = spec.doc
    return out


def _bounds(spec: Key) -> dict[str, float]:
    names = {"minimum": spec.minimum, "maximum": spec.maximum,
             "exclusiveMinimum": spec.exclusive_minimum, "exclusiveMaximum": spec.exclusive_maximum}
    return {k: v for k, v in names.items() if v is not None}


def _table_schema(fields: tuple[Key, ...],
                  alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
                  ) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _key_schema(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    if alternatives:
        out["oneOf"] = []
        for needs, forbids in alternatives:
            out["oneOf"].append({"required": list(needs),
                                 "not": {"anyOf": [{"required": [k]} for k in forbids]}})
    return out


def json_schema() -> dict[str, Any]:
    """The scenario format as a JSON Schema (draft 2020-12), generated from SCENARIO_FORMAT.

    Examples
    --------
    >>> schema = json_schema()
    >>> sorted(schema["properties"])[:3]
    ['actors', 'analysis', 'bargaining']
    """
    schema = _table_schema(SCENARIO_FORMAT)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "negsim scenario"
    return schema
