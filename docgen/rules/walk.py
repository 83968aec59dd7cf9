"""Every value of a loaded report with its JSON path: the text rules read every text field, the
amount rules every amount, without a list of fields to keep current."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from ..derive import Change, Completion
from ..model import Report

_NUMBERS = (Decimal, int, Change, Completion)


@attrs.frozen
class Leaf:
    """One value of the input: its JSON path, the field's name and the value."""

    path: str
    name: str
    value: Any


def leaves(value: Any, path: str = "$", name: str = "") -> Iterator[Leaf]:
    """Depth-first, in field order: texts, amounts (``Decimal``) and counts (``int``)."""
    found: list[Leaf] = []
    _leaves(value, path, name, found)
    return iter(found)


_SCALARS = frozenset({str, Decimal, int, bool, float})
"""Types that are leaves themselves: taken where they are met, not walked into."""
_NOT_ATTRS: tuple[str, ...] = ("not an attrs class",)
_FIELDS: dict[type, tuple[str, ...]] = {}
"""Each attrs class's field names, read once per class (``_NOT_ATTRS`` for any other type)."""


def _field_names(kind: type) -> tuple[str, ...] | None:
    names = _FIELDS.get(kind)
    if names is None:
        fields = getattr(kind, "__attrs_attrs__", None)
        names = _FIELDS[kind] = _NOT_ATTRS if fields is None else tuple(a.name for a in fields)
    return None if names is _NOT_ATTRS else names


def _leaves(value: Any, path: str, name: str, found: list[Leaf]) -> None:
    # A list filled by plain recursion (see _collect); a scalar child is taken without a call.
    fields = _field_names(type(value))
    if fields is not None:
        for field in fields:
            child = getattr(value, field)
            if type(child) in _SCALARS:
                found.append(Leaf(f"{path}.{field}", field, child))
            elif child is not None:
                _leaves(child, f"{path}.{field}", field, found)
    elif isinstance(value, (tuple, list)):
        for i, entry in enumerate(value):
            _leaves(entry, f"{path}[{i}]", name, found)
    elif isinstance(value, dict):
        for key, entry in value.items():
            _leaves(entry, f"{path}.{key}", name, found)
    elif value is not None:
        found.append(Leaf(path, name, value))


_LAST: list[Any] = [None, (), None]
"""The last report asked about (a weak reference), its leaves and its texts (once asked for)."""


def report_leaves(report: Report) -> tuple[Leaf, ...]:
    """:func:`leaves` of a report, kept for the last report asked about (the text and amount rules
    and the self-check all read the same report in turn)."""
    last = _LAST[0]() if _LAST[0] is not None else None
    if last is not report:
        _LAST[:] = [weakref.ref(report), tuple(leaves(report)), None]
    return _LAST[1]


def texts(report: Report) -> Iterator[Leaf]:
    """Every text the department wrote (names, prose, reasons): all strings but codes (picked
    out once for the text rules that read them in turn)."""
    found = report_leaves(report)
    if _LAST[2] is None:
        _LAST[2] = tuple(leaf for leaf in found if isinstance(leaf.value, str) and leaf.name != "code")
    return iter(_LAST[2])


def amounts(report: Report) -> Iterator[Leaf]:
    """Every amount (and point score) of the input."""
    for leaf in report_leaves(report):
        if isinstance(leaf.value, Decimal):
            yield leaf


def numbers_in(value: Any, name: str = "") -> Iterator[tuple[str, Any]]:
    """Decimals, ints, Changes, Completions of a derived value (attrs objects, tuples, lists, dicts)."""
    found: list[tuple[str, Any]] = []
    _collect(value, name, 0, found)
    return iter(found)


def _collect(value: Any, name: str, depth: int, found: list[tuple[str, Any]]) -> None:
    # A list filled by plain recursion: a chain of nested generators cost a third of the self-check.
    if depth > 6 or value is None or isinstance(value, (str, bool)):
        return
    if isinstance(value, _NUMBERS):
        found.append((name, value))
        return
    fields = getattr(type(value), "__attrs_attrs__", None)
    if fields is not None:
        for a in fields:
            _collect(getattr(value, a.name), a.name, depth + 1, found)
    elif isinstance(value, (list, tuple)):
        for entry in value:  # a row's amounts taken here: a call each was most of the walk
            if type(entry) is Decimal and depth < 6:
                found.append((name, entry))
            else:
                _collect(entry, name, depth + 1, found)
    elif isinstance(value, dict):
        for entry in value.values():
            _collect(entry, name, depth + 1, found)


_FIGURE_NUMBERS = "_docgen_figure_numbers"


def figure_numbers(figures: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of every public derived value of :class:`~docgen.figures.Figures` (totals,
    parts, changes, completions); a name holding ``share`` or ``rate`` names a percentage.

    Collected once for a figures object and kept on it (as its statistics are): the rules and
    the self-check read them in turn."""
    found = vars(figures).get(_FIGURE_NUMBERS)
    if found is None:
        collected: list[tuple[str, Any]] = []
        for name in dir(type(figures)):
            if name.startswith("_") or name in ("report", "catalogue"):
                continue
            value = getattr(figures, name)
            if not callable(value):
                collected += numbers_in(value, name)
        found = tuple(collected)
        setattr(figures, _FIGURE_NUMBERS, found)
    return iter(found)
