"""Wording patterns: parsing them, and checking each against the placeholders it receives."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..errors import RegionError
from .patterns import OTHER_PATTERNS, PHRASES, Wording

_FORMATTER = string.Formatter()


def pattern_pieces(pattern: str, where: str) -> tuple[tuple[str, str | None], ...]:
    """Split a wording pattern into (literal text, placeholder name) pairs.

    Placeholders must be plain names: ``{a.b}``, ``{a[0]}``, ``{a!r}`` and ``{a:>3}`` would let a
    pack reach into objects or change number formats, so they are refused.
    """
    pieces = _parse(pattern)
    if isinstance(pieces, str):
        raise RegionError(f"{where}: {pieces}")
    return pieces


@lru_cache(maxsize=4096)
def _parse(pattern: str) -> tuple[tuple[str, str | None], ...] | str:
    """The pieces of ``pattern``, or why it is refused. The patterns are the pack's: a report
    fills the same few hundred, so each is parsed once rather than at every sentence."""
    try:
        parsed = list(_FORMATTER.parse(pattern))
    except ValueError as exc:
        return f"{exc} in {pattern!r}"
    pieces = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (not name.isidentifier() or spec or conversion):
            return f"only plain {{names}} are allowed, got {pattern!r}"
        pieces.append((literal, name))
    return tuple(pieces)


def fill(pattern: str, values: Mapping[str, Any], where: str, literal: Any = None) -> str:
    """The one pattern filler for plain wording: each ``{name}`` replaced by ``str(values[name])``
    (an unknown one is a RegionError naming ``where``); ``literal`` may reword the pack's own text."""
    out = []
    for text, name in pattern_pieces(pattern, where):
        out.append(literal(text) if literal is not None else text)
        if name is not None:
            if name not in values:
                offered = ", ".join(f"{{{v}}}" for v in values) or "no placeholders"
                raise RegionError(f"{where}: unknown placeholder {{{name}}} (this pattern receives {offered})")
            out.append(str(values[name]))
    return "".join(out)


def _table(data: Mapping[str, Any], dotted: str) -> Mapping[str, Any]:
    """The (possibly nested) table ``a.b`` of ``data``, or an empty one."""
    for key in dotted.split("."):
        data = data.get(key, {}) if isinstance(data, Mapping) else {}
    return data


def _check(text: str, wording: Wording, where: str) -> None:
    for _, name in pattern_pieces(text, where):
        if name is not None and name not in wording.placeholders:
            offered = ", ".join(f"{{{p}}}" for p in wording.placeholders) or "no placeholders"
            raise RegionError(f"{where}: unknown placeholder {{{name}}} (this pattern receives {offered})")


def check_patterns(data: Mapping[str, Any], file: str) -> None:
    """Every pattern of one ``region.toml`` against its declared placeholders (every variant, used or not)."""
    tables = [(f"phrases.{family}", data.get("phrases", {}).get(family, {}), keys)
              for family, keys in PHRASES.items()]
    tables += [(table, _table(data, table), keys) for table, keys in OTHER_PATTERNS.items()]
    for where, values, keys in tables:
        for key, wording in keys.items():
            text = values.get(key) if isinstance(values, Mapping) else None
            if wording.kind == "pattern" and isinstance(text, str):
                _check(text, wording, f"{file}: [{where}] {key}")
            elif wording.kind == "pairs" and isinstance(text, list):
                # [key, text] each (a glossary term may add a third: the amount it depends on)
                short = next((i for i, pair in enumerate(text, 1) if isinstance(pair, list) and len(pair) < 2), None)
                if short is not None:
                    raise RegionError(f"{file}: [{where}] {key}: entry {short} must be a pair [key, text]")


def missing_patterns(data: Mapping[str, Any]) -> list[str]:
    """The required wording keys a resolved pack lacks, as ``[table] key``."""
    missing = []
    for family, keys in PHRASES.items():
        values = data.get("phrases", {}).get(family, {})
        missing += [f"[phrases.{family}] {k}" for k, w in keys.items() if w.required and k not in values]
    for table, keys in OTHER_PATTERNS.items():
        missing += [f"[{table}] {k}" for k, w in keys.items() if w.required and k not in _table(data, table)]
    return missing


ENTITIES = ("部门", "单位")
NAMES = ("short", "full")


KEPT = ("主管部门", "财政部门", "上级部门", "有关部门", "部门预算支出经济分类", "部门预算项目")
"""Terms that name another body or a budget classification, not the reporting entity: a 单位决算
keeps them (its 主管部门, the 部门预算支出经济分类科目, the 部门预算项目支出绩效自评表)."""


def entity_wording(region: Any, literal: str) -> str:
    """The pack's own words for a 单位决算: ``[report] entity = "单位"`` turns its 部门 into 单位
    (本部门 → 本单位, 部门概况 → 单位概况, 部门（单位）概况 → 单位概况) but keeps the terms of
    :data:`KEPT`; the department's own text is never changed."""
    entity = region.entity
    if entity == "部门":
        return literal
    pieces = literal.replace(f"部门（{entity}）", "部门").split("部门")
    out = pieces[0]
    for piece in pieces[1:]:
        kept = any(out.endswith(term[:term.index("部门")]) and piece.startswith(term[term.index("部门") + 2:])
                   for term in KEPT)
        out += ("部门" if kept else entity) + piece
    return out
