"""Load input data (JSON file, JSON text or dict) into the typed model.

Numbers become exact ``Decimal``s: JSON numbers are parsed as Decimal, strings of digits are
accepted, binary floats from Python callers are refused. Unknown keys, duplicate keys, and a value
of the wrong kind (text for a list, true for a number) are refused. Every error names its JSON path.

Bounds, checked before the work they protect (docs/input-format.md, "Limits"): the file's size
before it is read, its encoding before it is parsed, the memory its values would take (estimated
from its text) before and while it is parsed, nesting depth right after parsing, the digits of a
number as it is parsed, and amounts, counts and text lengths as they are structured.
Text is normalised once, here (:func:`docgen.model._fields.clean_text`).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Mapping

import cattrs
import cattrs.cols
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .errors import InputError
from .model import Report
from .model._fields import clean_text

MAX_INPUT_BYTES = 4 * 2**20
"""A complete report's data is some 40 KB; 4 MiB leaves room for a hundred times that."""
MAX_DEPTH = 32
"""The model nests 6 levels deep."""
MAX_NUMBER_CHARS = 40
"""Digits (with sign, point and exponent) of one number: an amount to 6 decimals has under 20."""
MAX_AMOUNT = Decimal(10) ** 10
"""万元: some four times the national general budget's yearly spending (about 2.7×10⁹万元); beyond
it the figure is surely mistyped."""
MAX_DECIMALS = 6
"""万元 to the 分 needs 6 places; more are noise from a spreadsheet's binary arithmetic."""
MAX_COUNT = 10**9
MAX_LIST_ENTRIES = 5_000
"""Entries of one list: a county's largest department has a few hundred 项, a province's more than
a thousand; the report numbers list entries in Chinese numerals (一是…五千是, which go to 9,999)."""

MAX_VALUES = 200_000
"""Objects, arrays and numbers in one file: the complete fixture has under 1,000."""

MEMORY_PER_BYTE = 9
"""What a file's text and its parsed values may take together, per byte of the file: reading a
file over 1 MiB takes at most 10× its size (tests/test_memory.py measures it). A report's data
takes 3–5×; tiny values packed densely (``[0,0,…]``, ``[{},{},…]``) would take 20–80×."""
MEMORY_ALLOWANCE = 256 * 2**10
"""…plus this much for any file, so a small one is never refused for its density."""
_COST_CONTAINER, _COST_PAIR, _COST_TEXT, _COST_NUMBER = 72, 40, 80, 120
"""Bytes Python takes for a parsed object or list (empty), a key's entry in its object (and in the
parser's list of pairs), a text or key (without its characters), and a number (a Decimal), each
with its slot in the enclosing list or dict (CPython 3.11)."""

__all__ = ["load", "load_json", "converter"]


class _Unparsed(str):
    """A JSON number too long to parse safely; the structure hooks refuse it with its path."""

    def __repr__(self) -> str:
        return str.__str__(self) if len(self) <= 20 else f"a number of {len(self):,} characters"


def _parse_number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        return _Unparsed(text)
    return Decimal(text)


def _parse_int(text: str) -> Any:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else _Unparsed(text)


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, whatever its size."""
    if isinstance(value, _Unparsed):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:40]}…({len(text):,} characters)"


_FINEST = Decimal(1).scaleb(-MAX_DECIMALS)


def _structure_decimal(value: Any, _type: type) -> Decimal:
    result = _decimal(value)
    if not result.is_finite():
        raise ValueError(f"expected a finite amount, got {_shown(value)}")
    if result.copy_abs() >= MAX_AMOUNT:
        raise ValueError(f"amount {_shown(value)} is beyond {MAX_AMOUNT:,}万元: check the unit and the digits")
    if result != result.quantize(_FINEST, rounding="ROUND_DOWN"):
        raise ValueError(f"amount {_shown(value)} has more than {MAX_DECIMALS} decimal places")
    return result


def _decimal(value: Any) -> Decimal:
    if isinstance(value, _Unparsed):
        raise ValueError(f"expected an amount, got {value!r}")
    if isinstance(value, bool):
        raise TypeError(f"expected an amount, got {json.dumps(value)}")
    if isinstance(value, float):
        raise TypeError(
            f"expected an exact amount, got the binary float {value!r}: pass a Decimal, an int or a string"
        )
    if isinstance(value, Decimal):
        return value  # the parser's own object: a copy would double an amount's memory
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        if len(value) > MAX_NUMBER_CHARS:
            raise ValueError(f"expected an amount, got a text of {len(value):,} characters")
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"expected an amount, got the text {value!r}") from None
    raise TypeError(f"expected an amount, got {_shown(value)}")


def _structure_int(value: Any, _type: type) -> int:
    if isinstance(value, (bool, _Unparsed)) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"expected a whole number, got {_shown(value)}")
    number = Decimal(value)
    if not number.is_finite() or number != number.to_integral_value():
        raise TypeError(f"expected a whole number, got {_shown(value)}")
    if number.copy_abs() >= MAX_COUNT:  # before int(): 1e999999999 would take a gigabyte
        raise ValueError(f"{_shown(value)} is beyond {MAX_COUNT:,}: check the digits")
    return int(number)


def _structure_str(value: Any, _type: type) -> str:
    if not isinstance(value, str) or isinstance(value, _Unparsed):
        raise TypeError(f"expected text, got {_shown(value)}")
    return clean_text(value)


def _structure_bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_shown(value)}")
    return value


def _strict_sequence(type_: Any, conv: cattrs.Converter) -> Any:
    """A list field must be given a list: cattrs would take a text as its characters."""
    elements = cattrs.cols.homogenous_tuple_structure_factory(type_, conv)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list [ … ], got {_shown(value)}")
        if len(value) > MAX_LIST_ENTRIES:
            raise ValueError(f"{len(value):,} entries: the limit is {MAX_LIST_ENTRIES}")
        return elements(value, _type)

    return structure


def _strict_mapping(type_: Any, conv: cattrs.Converter) -> Any:
    entries = cattrs.cols.mapping_structure_factory(type_, conv)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object {{ … }}, got {_shown(value)}")
        return entries(value, _type)

    return structure


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(cattrs.cols.is_sequence, _strict_sequence)
    conv.register_structure_hook_factory(cattrs.cols.is_mapping, _strict_mapping)
    conv.register_unstructure_hook(Decimal, str)
    return conv


converter = _make_converter()


def _describe(exc: BaseException, _type: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, AttributeError):
        # cattrs reads a record's fields with .get(): the value given is no object.
        return "expected an object { … }"
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
    if is_path(data):
        if Path(data).suffix.lower() in (".xlsx", ".xlsm"):
            from .importing.workbook import load_workbook  # the fill-in workbook (docgen workbook)
            return load_workbook(Path(data))
        try:
            # The text is parsed in a call of its own, so it is freed before the model is built.
            path = Path(data)
            return structure(parse_json(read_text(path), source=str(data), size=path.stat().st_size))
        except InputError as exc:
            raise exc.in_file(str(data)) from None
    return load_json(data)


def is_path(data: Any) -> bool:
    """Whether :func:`load` reads ``data`` as a file's path (not as a dict or JSON text)."""
    return isinstance(data, os.PathLike) or (isinstance(data, str) and not data.lstrip().startswith("{"))


def read_text(path: Path) -> str:
    """A data file's text: size checked before reading, encoding named when it is not UTF-8."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB: not a report's data")
        # A pipe or device has no size to check beforehand; a file is read with a buffer its size
        # (the largest would take 4 MiB for a file of a few bytes).
        raw = handle.read((info.st_size if stat.S_ISREG(info.st_mode) else MAX_INPUT_BYTES) + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB: not a report's data")
    return decode(raw, str(path))


_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_GUESSES = ("gbk", "gb18030", "big5", "shift_jis")


def decode(raw: bytes, source: str) -> str:
    """UTF-8, with or without the BOM Windows Notepad writes; any other encoding is named."""
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        pass
    raise InputError(f"{source}: not UTF-8 ({_guess_encoding(raw)}): save it as UTF-8")


def _guess_encoding(raw: bytes) -> str:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"looks like {name}"
    if raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4:
        return "looks like UTF-16"
    if b"\x00" not in raw:
        for name in _GUESSES:
            try:
                raw.decode(name)
            except UnicodeDecodeError:
                continue
            return f"looks like {name.upper()}"
    return "not text at all"


def load_json(text: str, source: str = "<json>") -> Report:
    """Parse JSON text (numbers as Decimal), check its shape and structure it."""
    return structure(parse_json(text, source))


def parse_json(text: str, source: str = "<json>", size: int = 0) -> dict[str, Any]:
    """JSON text as a dict (numbers as Decimal), its size, depth and keys checked. ``size``: the
    bytes of the file it was read from (memory is bounded relative to it; else to its characters)."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: larger than {MAX_INPUT_BYTES // 2**20} MiB: not a report's data")
    # Counted before parsing ("[" and "{" inside texts count too: a bound, not a census), and
    # numbers as they are parsed, so a file of tiny records is refused before it takes the memory.
    containers = text.count("{") + text.count("[")
    if containers > MAX_VALUES:
        raise InputError(f"{source}: more than {MAX_VALUES:,} objects and lists: not a report's data")
    texts = text.count('"') // 2  # keys and texts: two quotes each
    if texts > 2 * MAX_VALUES:
        raise InputError(f"{source}: more than {2 * MAX_VALUES:,} keys and texts: not a report's data")
    # Bounded relative to the bytes of the file, or of the text as a file would hold it.
    size = size or len(text.encode("utf-8", "surrogatepass"))
    memory = _memory_left(text, size, containers, texts)
    if memory < 0:  # the parser keeps one copy of each key: count the repeated ones before refusing
        memory += _repeated_keys(text) * _COST_TEXT
    if memory < 0:
        raise InputError(f"{source}: {containers:,} objects and lists and {texts:,} keys and texts in "
                         f"{size:,} bytes: packed too densely to be a report's data")
    numbers = _NumberBudget(min(MAX_VALUES - containers, memory // _COST_NUMBER))
    try:
        data = json.loads(text, parse_float=numbers.counted(_parse_number), parse_int=numbers.counted(_parse_int),
                          parse_constant=_Unparsed, object_pairs_hook=_object)
    except _TooManyValues:
        raise InputError(f"{source}: more than {numbers.limit:,} numbers beside {containers:,} objects and lists "
                         f"and {texts:,} keys and texts in {size:,} bytes: not a report's data") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError(f"{source}: nested deeper than {MAX_DEPTH} levels: not a report's data") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: $: expected a JSON object at the top, got {_shown(data)}")
    problems = _shape_problems(data)
    if problems:
        raise InputError(problems[0], problems)
    return data


def _memory_left(text: str, size: int, containers: int, texts: int) -> int:
    """What the parsed values may still take once the text (1–4 bytes a character, and the texts
    parsed from it as much again), the containers, the pairs and every text are counted."""
    return (MEMORY_PER_BYTE * size + MEMORY_ALLOWANCE - 2 * sys.getsizeof(text)
            - containers * _COST_CONTAINER - text.count(":") * _COST_PAIR - texts * _COST_TEXT)


_KEY = re.compile(r'(?<!\\)"([^"\\,:]{1,64})"\s*:')
"""A key as the parser reads it. Its text has no quote, backslash, comma or colon: between the end
of one JSON text and the start of the next there is always a comma or a colon, so what this matches
is always a whole key, never a stretch between two texts (a match there could hide real keys)."""


def _repeated_keys(text: str) -> int:
    """Keys that repeat one seen before: json's parser memoizes keys, so each costs its entry in the
    object but no text of its own (a report repeats a few hundred keys over every 项 and project).
    Only keys this can be sure of are counted; the rest stay counted as texts."""
    seen: set[str] = set()
    matches = 0
    for match in _KEY.finditer(text):
        matches += 1
        seen.add(match.group(1))
    return matches - len(seen)


class _TooManyValues(Exception):
    pass


class _NumberBudget:
    """How many more numbers one parse may make."""

    def __init__(self, limit: int):
        self.limit = self.left = limit

    def counted(self, parse: Any) -> Any:
        def parse_counted(text: str) -> Any:
            self.left -= 1
            if self.left < 0:
                raise _TooManyValues
            return parse(text)
        return parse_counted


class _Object(dict):
    """A JSON object that repeated a key (the last value would silently win)."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) < len(pairs):
        result = _Object(result)
        seen: set[str] = set()
        result.repeated = sorted({key for key, _ in pairs if key in seen or seen.add(key)})
    return result


def _shape_problems(data: dict) -> list[str]:
    """Repeated keys and excess depth, with their paths. Depth first with one iterator per level
    (no recursion to exhaust, and memory for the depth only, not for every value's path)."""
    if _well_shaped(data, 1):
        return []  # nearly every file: no path to name
    problems = _repeated(data, "$")
    names, stack = ["$"], [_children(data)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            names.pop()
            stack.pop()
            continue
        key, value = entry
        if isinstance(value, (dict, list)):
            names.append(f"[{key}]" if isinstance(key, int) else f".{key}")
            if len(names) > MAX_DEPTH:
                return [f"{''.join(names)}: nested deeper than {MAX_DEPTH} levels: not a report's data"]
            problems += _repeated(value, names)
            stack.append(_children(value))
    return problems


def _well_shaped(value: dict | list, depth: int) -> bool:
    """Whether no object under ``value`` (at ``depth``) repeats a key and none lies deeper than
    ``MAX_DEPTH``: the containers alone visited, no path built (recursion bounded by MAX_DEPTH)."""
    if type(value) is _Object:
        return False
    for child in value.values() if isinstance(value, dict) else value:
        if isinstance(child, (dict, list)) and (depth == MAX_DEPTH or not _well_shaped(child, depth + 1)):
            return False
    return True


def _children(value: dict | list) -> Any:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _repeated(value: Any, names: list[str] | str) -> list[str]:
    if not isinstance(value, _Object):
        return []
    return [f"{''.join(names)}: the key {key!r} appears twice or more: keep one" for key in value.repeated]


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
