"""Every value of a loaded report with its JSON path: the text rules read every text field, the
amount rules every amount, without a list of fields to keep current."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from ..model import Report


@attrs.frozen
class Leaf:
    """One value of the input: its JSON path, the field's name and the value."""

    path: str
    name: str
    value: Any


def leaves(value: Any, path: str = "$", name: str = "") -> Iterator[Leaf]:
    """Depth-first, in field order: texts, amounts (``Decimal``) and counts (``int``)."""
    fields = getattr(type(value), "__attrs_attrs__", None)
    if fields is not None:
        for a in fields:
            yield from leaves(getattr(value, a.name), f"{path}.{a.name}", a.name)
    elif isinstance(value, (tuple, list)):
        for i, entry in enumerate(value):
            yield from leaves(entry, f"{path}[{i}]", name)
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield from leaves(entry, f"{path}.{key}", name)
    elif value is not None:
        yield Leaf(path, name, value)


_LAST: list[Any] = [None, ()]


def report_leaves(report: Report) -> tuple[Leaf, ...]:
    """:func:`leaves` of a report, kept for the last report asked about (the text and amount rules
    and the self-check all read the same report in turn)."""
    last = _LAST[0]() if _LAST[0] is not None else None
    if last is not report:
        _LAST[:] = [weakref.ref(report), tuple(leaves(report))]
    return _LAST[1]


def texts(report: Report) -> Iterator[Leaf]:
    """Every text the department wrote (names, prose, reasons): all strings but codes."""
    for leaf in report_leaves(report):
        if isinstance(leaf.value, str) and leaf.name != "code":
            yield leaf


def amounts(report: Report) -> Iterator[Leaf]:
    """Every amount (and point score) of the input."""
    for leaf in report_leaves(report):
        if isinstance(leaf.value, Decimal):
            yield leaf


def numbers_in(value: Any, name: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Decimals, ints, Changes, Completions of a derived value (attrs objects, tuples, lists, dicts)."""
    from ..derive import Change, Completion

    if depth > 6 or value is None or isinstance(value, (str, bool)):
        return
    fields = getattr(type(value), "__attrs_attrs__", None)
    if isinstance(value, (Decimal, int, Change, Completion)):
        yield name, value
    elif fields is not None:
        for a in fields:
            yield from numbers_in(getattr(value, a.name), a.name, depth + 1)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            yield from numbers_in(entry, name, depth + 1)
    elif isinstance(value, dict):
        for entry in value.values():
            yield from numbers_in(entry, name, depth + 1)


def figure_numbers(figures: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of every public derived value of :class:`~docgen.figures.Figures` (totals,
    parts, changes, completions); a name holding ``share`` or ``rate`` names a percentage."""
    for name in dir(type(figures)):
        if name.startswith("_") or name in ("report", "catalogue"):
            continue
        value = getattr(figures, name)
        if not callable(value):
            yield from numbers_in(value, name)
