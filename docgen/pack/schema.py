"""The shape of ``region.toml``: attrs classes structured with cattrs, unknown keys refused.

Every field is optional in one file (a pack sets only what it changes); the resolved pack is
complete because ``base`` sets everything (checked in :mod:`docgen.pack.chain`). The
``[phrases]`` families are made from the catalogue in :mod:`docgen.pack.patterns`, so the schema
and the declared placeholders cannot drift apart. ``[charts]`` values and ``[rules]`` are checked
by their own modules (:mod:`docgen.charts`, :mod:`docgen.rules.config`); here only their keys.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs
from attrs import define, field

from .patterns import OTHER_PATTERNS, PHRASES, Wording

_TYPES = {"pattern": Optional[str], "pairs": Optional[list[list[str]]], "keys": Optional[list[str]]}


def _wording_class(name: str, keys: dict[str, Wording], extra: dict[str, Any] | None = None) -> type:
    fields = {key: field(type=_TYPES[w.kind], default=None) for key, w in keys.items()}
    fields |= {key: field(type=kind, default=None) for key, kind in (extra or {}).items()}
    return attrs.make_class(name, fields, frozen=True)


def _class_name(key: str) -> str:
    return "".join(part.title() for part in key.split("_"))


_PHRASE_CLASSES: dict[str, tuple[dict, type]] = {}


def phrase_class(family: str) -> type:
    """The attrs class of one ``[phrases.<family>]`` table (families can be declared by section units)."""
    keys = PHRASES[family]
    cached = _PHRASE_CLASSES.get(family)
    if cached is None or cached[0] is not keys:
        cached = (keys, _wording_class(_class_name(family) + "Phrases", keys))
        _PHRASE_CLASSES[family] = cached
    return cached[1]

NumberingLists = _wording_class("NumberingLists", OTHER_PATTERNS["numbering.lists"])
NumberingEnds = _wording_class("NumberingEnds", OTHER_PATTERNS["numbering.ends"])
Numbering = _wording_class("Numbering", OTHER_PATTERNS["numbering"], {
    "lists": Optional[NumberingLists], "ends": Optional[NumberingEnds], "run_in": Optional[bool]})
Glossary = _wording_class("Glossary", OTHER_PATTERNS["glossary"], {"codes": Optional[bool]})

FIGURE_IDS = ("totals_change", "income_structure", "spending_structure", "grant_totals_change",
              "general_budget_change", "general_budget_structure", "three_public_structure")
"""The report's figures, in print order (their captions in ``[figures]``, options in ``[charts]``)."""

Figures = attrs.make_class("Figures", {key: field(type=Optional[str], default=None) for key in FIGURE_IDS},
                           frozen=True)

CHART_OPTIONS = ("type", "categories", "series", "width_mm", "height_mm", "font", "latin_font", "font_size",
                 "colors", "legend", "labels", "label_position", "axis_title", "gap_width", "slice_label",
                 "zero_parts", "crowded", "when_empty", "empty_note")
ChartOptions = attrs.make_class("ChartOptions", {key: field(type=Any, default=None) for key in CHART_OPTIONS},
                                frozen=True)
Charts = attrs.make_class(
    "Charts", {"omit": field(type=Optional[list[str]], default=None)}
    | {key: field(type=Any, default=None) for key in CHART_OPTIONS if key not in ("type", "categories")}
    | {key: field(type=Optional[ChartOptions], default=None) for key in FIGURE_IDS}, frozen=True)


@define(frozen=True)
class Sections:
    """``[sections]``: which sections the report leaves out."""

    omit: Optional[list[str]] = None


@define(frozen=True)
class ReportOrder:
    """``[report]``: the sections in print order (a part's heading is a section of its own),
    whether the report speaks of a 部门 or a 单位 and by which of its names, its 目录 and where
    page 1 is."""

    order: Optional[list[str]] = None
    entity: Optional[str] = None
    name: Optional[str] = None
    contents: Optional[bool] = None
    """A 目录 after the cover (its heading is ``[headings] contents``)."""
    page_numbers: Optional[str] = None
    """``cover``: the cover is page 1 (unnumbered) and the body runs on from 2; ``body``: the cover
    (and the 目录) unnumbered, the body from 1."""


@define(frozen=True)
class TextSection:
    """``[texts.<id>]``: a section of free text the pack declares (no code): its heading, and the
    paragraphs printed unless the department's data gives its own (``own_sections.<id>``)."""

    heading: Optional[str] = None
    paragraphs: Optional[list[str]] = None


@define(frozen=True)
class Formats:
    """``[formats]``: how numbers print (see :class:`docgen.formatting.Formats`)."""

    integral_percent: Optional[str] = None
    amounts: Optional[str] = None


@define(frozen=True)
class TableEntry:
    """One ``[[statistical_tables.tables]]`` entry."""

    kind: Optional[str] = None
    title: Optional[str] = None
    note: Optional[str] = None
    empty: Optional[str] = None
    orientation: Optional[str] = None
    number: Optional[str] = None
    total: Optional[str] = None
    groups: Optional[bool] = None
    line_height: Optional[float] = None


TABLE_LABELS = (
    "item", "code", "economic_code", "name", "amount", "actual", "total", "column_total", "grand_total",
    "income_side", "spending_side", "general_budget_grant", "government_fund_grant", "state_capital_grant",
    "superior_subsidy", "public_service", "business", "affiliate_remittance", "other", "fiscal_grant",
    "fund_general_budget", "fund_government", "fund_state_capital", "income_this_year", "non_grant_balance_used",
    "carry_over_start", "spending_this_year", "balance_distribution", "carry_over_end", "basic", "project",
    "remitted_to_superior", "business_spending", "affiliate_subsidy", "grant_carry_over_start",
    "grant_carry_over_end", "fund_income", "spending_group", "personnel", "public", "personnel_total",
    "public_total", "budget", "costs_total", "travel_abroad", "vehicles", "subtotal", "vehicle_purchase",
    "vehicle_operation", "reception", "three_public_costs")
TableLabels = attrs.make_class("TableLabels", {k: field(type=Optional[str], default=None) for k in TABLE_LABELS},
                               frozen=True)
StatisticalTables = _wording_class("StatisticalTables", OTHER_PATTERNS["statistical_tables"], {
    "unit": Optional[str], "zero": Optional[str], "three_public_columns": Optional[str],
    "carry_over_funds": Optional[str],
    "tables": Optional[list[TableEntry]], "labels": Optional[TableLabels]})

PERFORMANCE_LABELS = {
    "completion": ("name", "unit", "funds", "budget", "execution", "grant", "other", "goals", "expected_goal",
                   "actual_goal", "indicators", "level1", "level2", "level3", "expected", "actual"),
    "self_evaluation": ("name", "department", "unit", "funds", "initial_budget", "budget_total",
                        "execution_total", "weight", "execution_rate", "score", "funds_total", "grant_this_year",
                        "carried_over", "other", "goals", "expected_goal", "actual_goal", "indicators", "level1",
                        "level2", "level3", "target", "achieved", "deviation", "total"),
    "integrated": ("name", "department", "unit", "funds", "initial_budget", "adjusted_budget", "executed",
                   "execution_rate", "weight", "score", "reason", "funds_total", "fiscal", "special_account",
                   "unit_funds", "other_funds", "expected_goal", "actual_goal", "indicators", "level1", "level2",
                   "level3", "nature", "target", "measure", "achieved", "shortfall", "total", "conclusion",
                   "problems", "improvements", "project_lead", "finance_lead"),
}
"""The performance tables' layouts and the labels each prints."""


def _labels(name: str, keys) -> type:
    return attrs.make_class(name, {k: field(type=Optional[str], default=None) for k in keys}, frozen=True)


PerformanceTitles = _labels("PerformanceTitles", PERFORMANCE_LABELS)
PerformanceLabels = attrs.make_class("PerformanceLabels", {
    layout: field(type=Optional[_labels(_class_name(layout) + "Labels", keys)], default=None)
    for layout, keys in PERFORMANCE_LABELS.items()}, frozen=True)
PerformanceTable = _wording_class("PerformanceTable", OTHER_PATTERNS["performance_table"], {
    "layout": Optional[str], "title": Optional[PerformanceTitles], "labels": Optional[PerformanceLabels]})


@define(frozen=True)
class Pack:
    """One ``region.toml``, or the resolved pack (every layer of the chain merged)."""

    name: Optional[str] = None
    extends: Optional[str] = None
    template: Optional[str] = None
    sections: Optional[Sections] = None
    report: Optional[ReportOrder] = None
    headings: Optional[dict[str, str]] = None
    formats: Optional[Formats] = None
    texts: Optional[dict[str, TextSection]] = None
    numbering: Optional[Numbering] = None  # type: ignore[valid-type]
    figures: Optional[Figures] = None  # type: ignore[valid-type]
    charts: Optional[Charts] = None  # type: ignore[valid-type]
    phrases: Optional[dict[str, Any]] = None
    """Family → its class (:func:`phrase_class`), structured by :func:`docgen.pack.chain.structure_pack`."""
    glossary: Optional[Glossary] = None  # type: ignore[valid-type]
    performance_table: Optional[PerformanceTable] = None  # type: ignore[valid-type]
    statistical_tables: Optional[StatisticalTables] = None  # type: ignore[valid-type]
    rules: Optional[dict[str, Any]] = None
