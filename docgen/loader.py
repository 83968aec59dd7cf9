"""Load input data (JSON file, JSON text or dict) into the typed model.

Numbers become exact ``Decimal``s: JSON numbers are parsed as Decimal, strings of digits are
accepted, binary floats from Python callers are refused. Unknown keys are refused. Every error
names its JSON path.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Mapping

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .errors import InputError
from .model import Report

__all__ = ["load", "load_json", "converter"]


def _structure_decimal(value: Any, _type: type) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"expected an amount, got {json.dumps(value)}")
    if isinstance(value, float):
        raise TypeError(
            f"expected an exact amount, got the binary float {value!r}: pass a Decimal, an int or a string"
        )
    if isinstance(value, (int, Decimal)):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"expected an amount, got the text {value!r}") from None
    else:
        raise TypeError(f"expected an amount, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"expected a finite amount, got {value!r}")
    return result


def _structure_int(value: Any, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value != int(value):
        raise TypeError(f"expected a whole number, got {json.dumps(value, default=str)}")
    return int(value)


def _structure_str(value: Any, _type: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {json.dumps(value, default=str)}")
    return value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_unstructure_hook(Decimal, str)
    return conv


converter = _make_converter()


def _describe(exc: BaseException, _type: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        text = str(exc)
        # attrs' own type errors mention __init__; cattrs' generic ones are plain.
        return text.replace("__init__() ", "")
    return f"invalid value ({type(exc).__name__})"


_FIELD_RULE = re.compile(r"^([a-z_][a-z0-9_]*): (.*)$", re.S)


def _error_lines(exc: Exception) -> list[str]:
    lines = []
    for message in cattrs.transform_error(exc, format_exception=_describe):
        text, _, path = message.rpartition(" @ ")
        # A model validator names its field ("code: must be …"); attach it to the path.
        field_rule = _FIELD_RULE.match(text)
        if field_rule:
            path, text = f"{path}.{field_rule[1]}", field_rule[2]
        lines.append(f"{path}: {text}")
    return lines


def load(data: Mapping[str, Any] | str | os.PathLike) -> Report:
    """Build a :class:`Report` from a dict, a JSON text, or a path to a JSON file or a fill-in workbook."""
    if isinstance(data, Mapping):
        return structure(data)
    if isinstance(data, os.PathLike) or (isinstance(data, str) and not data.lstrip().startswith("{")):
        if Path(data).suffix.lower() in (".xlsx", ".xlsm"):
            from .importing.workbook import load_workbook  # the fill-in workbook (docgen workbook)
            return load_workbook(Path(data))
        return load_json(Path(data).read_text(encoding="utf-8"), source=str(data))
    return load_json(data)


def load_json(text: str, source: str = "<json>") -> Report:
    """Parse JSON text (numbers as Decimal) and structure it."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise InputError(f"$: expected a JSON object at the top of {source}")
    return structure(data)


def structure(data: Mapping[str, Any]) -> Report:
    # Top-level keys starting with "$" are for editors and tools ("$schema", "$review"), not data.
    data = {key: value for key, value in data.items() if not str(key).startswith("$")}
    try:
        return converter.structure(data, Report)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        lines = _error_lines(exc)
        raise InputError(lines[0], lines) from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"$: {exc}") from None
