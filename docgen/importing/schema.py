"""The data file's JSON Schema, generated from the attrs model (never written by hand).

Each model class becomes a ``$defs`` entry: its attrs fields are the properties (with the
docstring under each field as the description), fields without a default are required, and no
other key is allowed — as the loader does. Amounts may be JSON numbers or strings of digits
(the loader reads both exactly); top-level keys starting with ``$`` (``$schema``, ``$review``)
are for editors and tools.
"""

from __future__ import annotations

import ast
import inspect
import types
import typing
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs

from ..model import Report
from ..model import _fields

DIALECT = "https://json-schema.org/draft/2020-12/schema"
AMOUNT = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*$"}],
          "description": "万元 (an exact decimal: a number or a string of digits)"}


@lru_cache(maxsize=None)
def field_docs(cls: type) -> dict[str, str]:
    """The docstring written under each field of ``cls`` (and of its attrs bases)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not attrs.has(klass):
            continue
        node = ast.parse(inspect.getsource(klass)).body[0]
        body = getattr(node, "body", [])
        for statement, following in zip(body, body[1:], strict=False):
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type(a, defs) for a in args if a is not type(None)]
        one = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [one, {"type": "null"}]} if type(None) in args else one
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1], defs)}
    if hint is Decimal:
        return dict(AMOUNT)
    if hint is int:
        return {"type": "integer"}
    if hint is str:
        return {"type": "string"}
    if attrs.has(hint):
        _define(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for {hint!r}")


def _digits(field: attrs.Attribute) -> str | None:
    """A code field's pattern from its validator (``code(3, 5, 7)``)."""
    closure = getattr(field.validator, "__closure__", None) or ()
    lengths = next((c.cell_contents for c in closure if isinstance(c.cell_contents, tuple)), None)
    if not lengths:
        return None
    return "^(" + "|".join("[0-9]{%d}" % n for n in lengths) + ")$"


NON_BLANK = r"\S"


def _constrain(field: attrs.Attribute, schema: dict[str, Any]) -> None:
    """The model's validators that JSON Schema can say: non-blank texts, names' length, counts of zero or more."""
    validator = field.validator
    if validator is getattr(_fields, "_non_blank", None) and schema.get("type") == "string":
        schema["pattern"] = NON_BLANK
    elif validator is getattr(_fields, "_name", None) and schema.get("type") == "string":
        schema.update(pattern=NON_BLANK, maxLength=_fields.MAX_NAME_CHARS)
    elif getattr(validator, "__qualname__", "").startswith("texts.") and schema.get("type") == "array":
        schema["items"]["pattern"] = NON_BLANK
    elif validator is getattr(_fields, "_non_negative", None) and schema.get("type") == "integer":
        schema["minimum"] = 0


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = entry = {}  # reserved first: the model may refer to a class twice
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    properties, required = {}, []
    for field in attrs.fields(cls):
        schema = _type(hints[field.name], defs)
        if field.name == "code" and (pattern := _digits(field)):
            schema["pattern"] = pattern
        _constrain(field, schema)
        if field.name in docs:
            schema["description"] = docs[field.name]
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    entry.update({"type": "object", "description": inspect.cleandoc(cls.__doc__ or cls.__name__),
                  "properties": properties, "required": required, "additionalProperties": False})


def schema() -> dict[str, Any]:
    """The JSON Schema of a docgen data file (draft 2020-12)."""
    defs: dict[str, Any] = {}
    _define(Report, defs)
    root = defs.pop("Report")
    root["patternProperties"] = {r"^\$": {}}
    return {"$schema": DIALECT, "title": "docgen data file (部门决算公开)", **root, "$defs": defs}

