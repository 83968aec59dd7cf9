"""The statistical tables (公开表) as Word tables: layout of the numbers :mod:`docgen.statistics` derives.

Each table is a title, its ``公开NN表`` number, the department and ``单位：万元``, header rows with
merged group headings (repeated on every page), rows by classification code with the 类/款/项
hierarchy indented, amounts right-aligned with 2 decimals, and the table's note. An empty table
keeps its header and total rows (zeros) and says why it has no data. Which tables, in which order,
their titles, notes, empty statements, labels and orientation are the region pack's
(``[statistical_tables]``).

Wide tables go on landscape pages: section breaks are placed around them (see
:mod:`docgen.ooxml.sections`), and the body's own section properties, which govern the last
section, are turned to match the last table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs
from markupsafe import Markup

from .. import formatting as fmt
from ..errors import RegionError
from ..figures import PERSONNEL_CLASSES, Figures
from ..formatting import chinese_numeral
from ..ooxml import pages
from ..ooxml.sections import Orientation, PageSetup, section_break_xml
from ..ooxml.tables import (
    TEXT_BLOCK_TWIPS,
    Cell,
    Font,
    Row,
    Table,
    block_paragraph_xml,
    captioned_table_xml,
    fit_widths,
)
from ..pack.wording import entity_wording, fill
from ..regions import Region
from ..statistics import KINDS, Amount, Block, CodeRow, GrantSummary, PublicCosts, Statistics, Summary, statistics_for

TITLE_FONT = Font(east_asia="方正小标宋简体", half_points=32)
"""三号 title above each table."""
TITLE_OUTLINE_LEVEL = 1
"""A table's title is listed in the 目录 like a section (一、), under its part's heading."""
TEXT_FONT = Font()
"""五号 宋体: the table's cells, number, unit line and note."""
INDENT = "\u3000"
"""One full-width space per level below 类 in a 科目名称 cell."""
ORIENTATIONS = ("portrait", "landscape")
_FORBIDDEN_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Column widths (twips) of tables classified by code: 科目编码 fixed, amounts as wide as their heads
# need, 科目名称 the rest (56 mm or more holds 15 characters a line).
CODE_WIDTH, NAME_MIN = 1000, 3200
AMOUNT_TEXT = 4 * TEXT_FONT.half_points * 10
"""An amount of 8 figures (``12345.67``) in the table's font, twips: four ems."""
AMOUNT_AIR = TEXT_FONT.half_points * 5
"""Half an em beside the widest line of an amount column."""


def text_width(text: str, font: Font = TEXT_FONT) -> int:
    """Twips ``text`` takes in ``font`` (:func:`docgen.ooxml.lines.text_width`: an em for a CJK
    character, Times New Roman's width for a Latin one)."""
    return pages.text_width(text, font.half_points)


@lru_cache(maxsize=1024)
def _label_width(label: str) -> int:
    """Twips the longest line of a column head takes: the labels are the pack's, the same few
    dozen in every report, measured once each rather than at every table."""
    return max(text_width(line) for line in label.split("\n"))


ZERO = Decimal(0)
COSTS_COLUMNS = ("side", "category")


def _clean(text: str) -> str:
    return _FORBIDDEN_XML_CHARS.sub("", text)


class _Builder:
    """Lays out one table from its numbers, with the pack's labels and zero format."""

    def __init__(self, labels: Mapping[str, str], zero: str, width: int,
                 classes: Sequence[Sequence[str]] = (), costs_by: str = "side", total_last: bool = False,
                 numbered_carry_over: bool = False, groups: bool = True,
                 economic_rows: Sequence[Sequence[str]] = ()):
        self.labels = labels
        self.zero = zero
        self._amounts: dict[tuple[str, bool], Cell] = {}
        self.width = width
        self.total_last = total_last
        self.groups = groups
        self.economic_rows = economic_rows
        """``[statistical_tables] economic_rows``: [code, name] of every economic 类/款 the 基本支出表
        lists, 0 where the department has none (上海's form); empty, the department's 款 only."""
        """The entry's ``groups = false``: no group heading over the columns (本年支出 of a code table,
        人员经费 | 公用经费 of the 基本支出表: 上海)."""
        """The entry's ``total = "last"``: a code table's 合计 row after the rows (上海's 一般公共预算表)."""
        self.numbered_carry_over = numbered_carry_over
        """``carry_over_funds = "numbered"``: 财政拨款总表's three 年初 carry-overs 一、二、三、 (上海)."""
        self.costs_by = costs_by
        """``[statistical_tables] three_public_columns``: "side" (预算数 columns, then 决算数) or
        "category" (预算数 | 决算数 under each category, 上海's form)."""
        self.classes = classes
        """``[statistical_tables] classes``: [code, name] of every 类 the two 总表 list, 0 where the
        department has none (上海's form); empty, they list the department's 类 only."""

    def class_rows(self, rows: Sequence[CodeRow], width: int) -> list[tuple[str, object]]:
        """The 支出 side of a 总表: "一、name" and the row's values (``values[0]`` for one column)
        for the pack's fixed 类 then any other of the department's, else the department's 类."""
        by_code = {row.code: row for row in rows}
        named = [(code, name) for code, name in self.classes] + [
            (row.code, row.name) for row in rows if row.code not in dict(self.classes)]

        def values(code: str):
            row = by_code.get(code)
            found = row.values if row is not None else (ZERO,) * width
            return found[0] if width == 1 else found
        return [(f"{chinese_numeral(i)}、{name}", values(code)) for i, (code, name) in enumerate(named, 1)]

    def label(self, key: str, head: bool = False) -> str:
        """The pack's label; a ``\n`` in it (where a long column head breaks) only in a head cell."""
        try:
            label = self.labels[key]
        except KeyError:
            raise RegionError(f"[statistical_tables.labels] has no label '{key}'") from None
        return label if head else label.replace("\n", "")

    # Cells -------------------------------------------------------------------------------
    def amount(self, value: Amount, bold: bool = False) -> Cell:
        text = fmt.table_amount(value, self.zero)
        cell = self._amounts.get((text, bold))
        if cell is None:  # one cell for each amount printed (most tables repeat 0.00 in many rows)
            cell = self._amounts[text, bold] = Cell(text, align="right", bold=bold)
        return cell

    def head(self, key: str, span: int = 1, vmerge=None) -> Cell:
        return Cell(self.label(key, head=True), span=span, vmerge=vmerge, bold=True)

    def text(self, text: str, span: int = 1, bold: bool = False, align="left") -> Cell:
        return Cell(_clean(text), span=span, bold=bold, align=align)

    def code_cells(self, row: CodeRow) -> tuple[Cell, Cell]:
        return (Cell(row.code, align="left"), Cell(_clean(INDENT * row.depth + row.name), align="left"))

    def head_width(self, key: str) -> int:
        """Twips a head cell needs so that its label breaks only where the pack breaks it (a
        ``\n`` in the label), and an amount of 8 figures fits beside it."""
        longest = _label_width(self.labels[key]) if key in self.labels else 0
        return max(longest, AMOUNT_TEXT) + pages.CELL_MARGINS

    def widths(self, columns: Sequence[str]) -> tuple[int, ...]:
        """科目编码 wide enough for 7 digits and its heading; each amount column as wide as its head
        needs (:meth:`head_width`) and half an em more; 科目名称 the rest, so that long names wrap as
        little as the page allows (never narrower than ``NAME_MIN``: the amounts then share what is
        left in proportion)."""
        needs = [self.head_width(key) + AMOUNT_AIR for key in columns]
        room = self.width - CODE_WIDTH - NAME_MIN
        amounts = list(fit_widths(needs, room)) if sum(needs) > room else needs
        return (CODE_WIDTH, self.width - CODE_WIDTH - sum(amounts), *amounts)

    # Tables classified by code ------------------------------------------------------------
    def code_table(self, block: Block, columns: Sequence[str], groups: Sequence[tuple[str, int, int]] = (),
                   code_label: str = "code", name_label: str = "name") -> Table:
        """Two header rows: 项目 over 科目编码 | 科目名称, and the amount columns under their group
        headings (``groups``: label key, first column, span); a column without a group spans both
        header rows. Then the 合计 row and one row per code."""
        n = len(columns)
        top = [self.head("item", span=2)]
        bottom = [self.head(code_label), self.head(name_label)]
        grouped = {first: (key, span) for key, first, span in groups} if self.groups else {}
        i = 0
        while i < n:
            if i in grouped:
                key, span = grouped[i]
                top.append(self.head(key, span=span))
                bottom.extend(self.head(c) for c in columns[i:i + span])
                i += span
            else:
                top.append(self.head(columns[i], vmerge="restart"))
                bottom.append(Cell(vmerge="continue"))
                i += 1
        rows = [Row(tuple(top), header=True, keep_with_next=True), Row(tuple(bottom), header=True)]
        total = Row((self.text(self.label("total"), span=2, bold=True, align="center"),)
                    + tuple(self.amount(v, bold=True) for v in block.total))
        rows += [Row(self.code_cells(row) + tuple(self.amount(v) for v in row.values)) for row in block.rows]
        rows.insert(len(rows) if self.total_last else 2, total)
        return Table(self.widths(columns), tuple(rows), TEXT_FONT)

    # 收入支出决算总表 ----------------------------------------------------------------------
    def summary(self, s: Summary) -> Table:
        left = [(f"{chinese_numeral(i)}、{self.label(key)}", amount) for i, (key, amount) in enumerate(s.income, 1)]
        right = self.class_rows(s.spending, 1)
        rows = [Row((self.head("income_side", span=2), self.head("spending_side", span=2)), header=True,
                    keep_with_next=True),
                Row((self.head("item"), self.head("amount"), self.head("item"), self.head("amount")), header=True)]
        for k in range(max(len(left), len(right))):
            cells: list[Cell] = []
            for side in (left, right):
                label, value = side[k] if k < len(side) else ("", None)
                cells += [self.text(label), self.amount(value) if label else Cell("")]
            rows.append(Row(tuple(cells)))
        for (lkey, lvalue), (rkey, rvalue), bold in (
                (("income_this_year", s.income_this_year), ("spending_this_year", s.spending_this_year), True),
                (("non_grant_balance_used", s.non_grant_balance_used),
                 ("balance_distribution", s.balance_distribution), False),
                (("carry_over_start", s.carry_over_start), ("carry_over_end", s.carry_over_end), False),
                (("grand_total", s.income_total), ("grand_total", s.spending_total), True)):
            rows.append(Row((self.text(self.label(lkey), bold=bold, align="center" if bold else "left"),
                             self.amount(lvalue, bold),
                             self.text(self.label(rkey), bold=bold, align="center" if bold else "left"),
                             self.amount(rvalue, bold))))
        return Table(fit_widths((3.1, 0.85, 2.8, 0.85), self.width), tuple(rows), TEXT_FONT)

    # 财政拨款收入支出决算总表 --------------------------------------------------------------
    def grants(self, g: GrantSummary) -> Table:
        fund_keys = ("fund_general_budget", "fund_government", "fund_state_capital")
        left = [(f"{chinese_numeral(i)}、{self.label(key)}", amount)
                for i, (key, amount) in enumerate(zip(fund_keys, g.income[1:]), 1)]
        right = self.class_rows(g.spending, 4)
        rows = [Row((self.head("income_side", span=2), self.head("spending_side", span=5)), header=True,
                    keep_with_next=True),
                Row((self.head("item"), self.head("amount"), self.head("item"), self.head("column_total"))
                    + tuple(self.head(key) for key in fund_keys), header=True)]

        def right_cells(label: str, values: Sequence[Amount] | None, bold: bool = False) -> tuple[Cell, ...]:
            if values is None:
                return (Cell(""),) * 5
            return (self.text(label, bold=bold, align="center" if bold else "left"),) + tuple(
                self.amount(v, bold) for v in values)

        for k in range(max(len(left), len(right))):
            label, value = left[k] if k < len(left) else ("", None)
            rlabel, rvalues = right[k] if k < len(right) else ("", None)
            rows.append(Row((self.text(label), self.amount(value) if label else Cell(""))
                            + right_cells(rlabel, rvalues)))
        rows.append(Row((self.text(self.label("income_this_year"), bold=True, align="center"),
                         self.amount(g.income[0], True))
                        + right_cells(self.label("spending_this_year"), g.spending_this_year, True)))
        rows.append(Row((self.text(self.label("grant_carry_over_start")), self.amount(g.carry_over_start[0]))
                        + right_cells(self.label("grant_carry_over_end"), g.carry_over_end)))
        for i, (key, value) in enumerate(zip(fund_keys, g.carry_over_start[1:]), 1):
            label = f"{chinese_numeral(i)}、" if self.numbered_carry_over else INDENT
            rows.append(Row((self.text(label + self.label(key)), self.amount(value)) + right_cells("", None)))
        rows.append(Row((self.text(self.label("grand_total"), bold=True, align="center"),
                         self.amount(g.income_total[0], True))
                        + right_cells(self.label("grand_total"), g.spending_total, True)))
        amounts = [self.head_width(key) for key in ("amount", "column_total", *fund_keys)]
        label = (self.width - sum(amounts)) // 2
        return Table((label, amounts[0], self.width - sum(amounts) - label, *amounts[1:]), tuple(rows), TEXT_FONT)

    # 一般公共预算财政拨款基本支出决算表 ----------------------------------------------------
    def listed_rows(self, block: Block, personnel: bool) -> tuple[CodeRow, ...]:
        """A 基本支出 side's rows: the pack's economic rows of that side, the department's figures
        or 0, then any 款 of the department the pack does not list; the department's rows alone
        without ``economic_rows``."""
        if not self.economic_rows:
            return block.rows
        by_code = {row.code: row for row in block.rows}
        listed = [(code, name) for code, name in self.economic_rows if (code[:3] in PERSONNEL_CLASSES) == personnel]
        rows = [by_code.get(code) or CodeRow(code, name, 0 if len(code) == 3 else 1, (ZERO,)) for code, name in listed]
        return tuple(rows) + tuple(row for row in block.rows if row.code not in dict(listed))

    def basic(self, blocks: tuple[Block, Block]) -> Table:
        personnel, public = blocks
        sides = (self.listed_rows(personnel, True), self.listed_rows(public, False))
        rows = [Row((self.head("personnel", span=3), self.head("public", span=3)), header=True, keep_with_next=True)]
        rows = rows if self.groups else []  # groups = false: no 人员经费 | 公用经费 over the sides (上海)
        rows.append(Row((self.head("code"), self.head("name"), self.head("actual"),
                         self.head("code"), self.head("name"), self.head("actual")), header=True))
        for k in range(max(len(side) for side in sides)):
            cells: list[Cell] = []
            for side in sides:
                if k < len(side):
                    row = side[k]
                    cells += [*self.code_cells(row), self.amount(row.values[0])]
                else:
                    cells += [Cell(""), Cell(""), Cell("")]
            rows.append(Row(tuple(cells)))
        rows.append(Row((self.text(self.label("personnel_total"), span=2, bold=True, align="center"),
                         self.amount(personnel.total[0], True),
                         self.text(self.label("public_total"), span=2, bold=True, align="center"),
                         self.amount(public.total[0], True))))
        # The amounts as wide as the widest one or their head, the names (the longest texts) the rest.
        amounts = [cell.text for row in rows[1:] for cell in row.cells if cell.align == "right"]
        code = self.head_width("code")
        actual = max(text_width(text) for text in (self.label("actual"), *amounts)) + pages.CELL_MARGINS
        name = self.width // 2 - code - actual
        widths = (code, name, actual, code, self.width - 2 * code - 2 * actual - name, actual)
        return Table(widths, tuple(rows), TEXT_FONT)

    # “三公”经费 ----------------------------------------------------------------------------
    def public_costs(self, c: PublicCosts) -> Table:
        if self.costs_by == "category":
            return self.public_costs_by_category(c)
        top, middle, bottom = [], [], []
        for side in ("budget", "actual"):
            top.append(self.head(side, span=6))
            middle += [self.head("costs_total", vmerge="restart"), self.head("travel_abroad", vmerge="restart"),
                       self.head("vehicles", span=3), self.head("reception", vmerge="restart")]
            bottom += [Cell(vmerge="continue"), Cell(vmerge="continue"), self.head("subtotal"),
                       self.head("vehicle_purchase"), self.head("vehicle_operation"), Cell(vmerge="continue")]
        rows = [Row(tuple(top), header=True, keep_with_next=True), Row(tuple(middle), header=True, keep_with_next=True),
                Row(tuple(bottom), header=True),
                Row(tuple(self.amount(v) for v in (*c.budget, *c.actual)))]
        needs = [self.head_width(key) for key in ("costs_total", "travel_abroad", "subtotal", "vehicle_purchase",
                                                  "vehicle_operation", "reception")]
        return Table(fit_widths(needs * 2, self.width), tuple(rows), TEXT_FONT)

    def public_costs_by_category(self, c: PublicCosts) -> Table:
        """财政拨款“三公”经费 over the categories, 预算数 | 决算数 under each (上海 p.12)."""
        merged = (Cell(vmerge="continue", span=2),)
        rows = [Row((self.head("three_public_costs", span=12),), header=True, keep_with_next=True),
                Row((self.head("costs_total", span=2, vmerge="restart"),
                     self.head("travel_abroad", span=2, vmerge="restart"), self.head("vehicles", span=6),
                     self.head("reception", span=2, vmerge="restart")),
                    header=True, keep_with_next=True),
                Row(merged * 2 + (self.head("subtotal", span=2), self.head("vehicle_purchase", span=2),
                                  self.head("vehicle_operation", span=2)) + merged, header=True, keep_with_next=True),
                Row(tuple(self.head(side) for _ in range(6) for side in ("budget", "actual")), header=True),
                Row(tuple(self.amount(v) for pair in zip(c.budget, c.actual) for v in pair))]
        return Table(fit_widths((1.0,) * 12, self.width), tuple(rows), TEXT_FONT)

    def single_column(self, block: Block) -> Table:
        """科目编码 | 科目名称 | 决算数, by economic 类/款 (项目支出决算表)."""
        rows = [Row((self.head("economic_code"), self.head("name"), self.head("actual")), header=True),
                Row((self.text(self.label("total"), span=2, bold=True, align="center"),
                     self.amount(block.total[0], True)))]
        for row in block.rows:
            rows.append(Row(self.code_cells(row) + (self.amount(row.values[0]),)))
        return Table(fit_widths((1.0, 3.0, 1.4), self.width), tuple(rows), TEXT_FONT)


def _layout(kind: str, numbers: Any, b: _Builder) -> Table:
    if kind == "income_spending":
        return b.summary(numbers)
    if kind == "grants":
        return b.grants(numbers)
    if kind == "basic_spending":
        return b.basic(numbers)
    if kind.endswith("three_public_costs"):
        return b.public_costs(numbers)
    if kind == "project_spending":
        return b.single_column(numbers)
    if kind == "income":
        return b.code_table(numbers, ("income_this_year", "fiscal_grant", "superior_subsidy", "public_service",
                                      "business", "affiliate_remittance", "other"))
    if kind == "spending":
        return b.code_table(numbers, ("spending_this_year", "basic", "project", "remitted_to_superior",
                                      "business_spending", "affiliate_subsidy"))
    if kind == "general_budget":
        return b.code_table(numbers, ("column_total", "basic", "project"), [("spending_group", 0, 3)])
    if kind == "general_budget_economic":
        return b.code_table(numbers, ("column_total", "basic", "project"), [("spending_group", 0, 3)],
                            code_label="economic_code")
    if kind == "grant_spending_detail":
        return b.code_table(numbers, ("column_total", "fund_general_budget", "fund_government",
                                      "fund_state_capital"), [("spending_group", 0, 4)])
    if kind in ("government_fund", "state_capital"):
        return b.code_table(numbers, ("carry_over_start", "fund_income", "column_total", "basic", "project",
                                      "carry_over_end"), [("spending_group", 2, 3)])
    if kind == "state_capital_spending":
        return b.code_table(numbers, ("column_total", "basic", "project"), [("spending_group", 0, 3)])
    raise RegionError(f"[statistical_tables] unknown table kind {kind!r}")


def _is_empty(numbers: Any) -> bool:
    if isinstance(numbers, (Block, PublicCosts)):
        return numbers.empty
    if isinstance(numbers, tuple):  # 基本支出: 人员经费 and 公用经费
        return all(block.empty for block in numbers)
    if isinstance(numbers, Summary):
        return not any((numbers.income_total, numbers.spending_total, *(a for _, a in numbers.income)))
    if isinstance(numbers, GrantSummary):
        return not any((*numbers.income_total, *numbers.spending_total))
    return False


def _fill(pattern: str, where: str, **values: str) -> str:
    return fill(pattern, values, where)


class StatisticalTable:
    """One 公开表 with its title lines and note, placed in a template by ``{{p table }}``."""

    def __init__(self, kind: str, title: str, number: str, table: Table, empty: str | None, note: str,
                 orientation: Orientation):
        self.kind = kind
        self.title = title
        self.number = number
        self.table = table
        self.empty = empty
        """The statement printed under an empty table; ``None`` when the table has data."""
        self.note = note
        self.orientation = orientation
        self.page_break_before = False
        self.sect_pr = ""
        """Set when the table ends a section (the next table turns the page)."""
        self.caption = ""
        self.width = TEXT_BLOCK_TWIPS

    def __html__(self) -> str:
        parts = [
            block_paragraph_xml(self.title, TITLE_FONT, "center", keep_with_next=True,
                                page_break_before=self.page_break_before, space_after=120,
                                outline_level=TITLE_OUTLINE_LEVEL),
            # A pack whose tables carry no number (上海) leaves no empty line for it.
            block_paragraph_xml(self.number, TEXT_FONT, "right", keep_with_next=True) if self.number else "",
            block_paragraph_xml(self.caption, TEXT_FONT, "left", keep_with_next=True, right_tab=self.width,
                                space_after=60),
            captioned_table_xml(self.table, _clean(f"{self.number} {self.title}")),
        ]
        tail = [text for text in (self.empty, self.note) if text]
        if not tail and self.sect_pr:
            tail = [""]
        for i, text in enumerate(tail):
            last = i == len(tail) - 1
            parts.append(block_paragraph_xml(text, TEXT_FONT, "left", space_before=60 if i == 0 else 0,
                                             sect_pr=self.sect_pr if last else ""))
        return Markup("".join(parts))


class StatisticalTables:
    """``statistics``: the region's statistical tables for the template.

    ``heading`` is the part heading's text (empty for none); ``opening`` a section break to place
    before that heading when the first table is landscape (else empty); ``tables`` the tables in
    the region's order.
    """

    def __init__(self, heading: str, opening: str, tables: list[StatisticalTable]):
        self.heading = heading
        self.opening = Markup(opening)
        self.tables = tables


def _settings(region: Region) -> Mapping[str, Any]:
    return region.section("statistical_tables")


def table_kinds(region: Region) -> list[str]:
    """The kinds of table the region lists (none when it omits the section)."""
    if "statistical_tables" in region.omitted:
        return []
    kinds = [entry.get("kind") for entry in _settings(region).get("tables", ())]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise RegionError(f"region {region.name}: [statistical_tables] unknown table kind {unknown[0]!r}; "
                          f"known kinds: {', '.join(KINDS)}")
    return kinds


def build_tables(stats: Statistics, region: Region, base: PageSetup | None = None) -> StatisticalTables:
    """Lay out the region's tables; ``base`` is the template's page (its body section)."""
    settings = _settings(region)
    where = f"region {region.name}: [statistical_tables]"
    department = stats.report.department.name
    labels = settings.get("labels", {})
    zero = settings.get("zero", "0.00")
    costs_by = settings.get("three_public_columns", "side")
    numbered_carry_over = settings.get("carry_over_funds", "indented") == "numbered"
    if settings.get("carry_over_funds", "indented") not in ("indented", "numbered"):
        raise RegionError(f"{where} carry_over_funds: must be one of indented, numbered, "
                          f"got {settings.get('carry_over_funds')!r}")
    if costs_by not in COSTS_COLUMNS:
        raise RegionError(f"{where} three_public_columns: must be one of {', '.join(COSTS_COLUMNS)}, got {costs_by!r}")
    unit = settings.get("unit", "单位：万元")
    caption = _fill(settings.get("department", "编制单位：{department}"), f"{where} department",
                    department=_clean(department)) + "\t" + unit
    base = base or PageSetup(11906, 16838, 2098, 1474, 1984, 1587)
    tables = []
    for position, entry in enumerate(settings.get("tables", ()), 1):
        kind = entry.get("kind")
        orientation = entry.get("orientation", "portrait")
        if orientation not in ORIENTATIONS:
            raise RegionError(f"{where} {kind}: orientation must be portrait or landscape, got {orientation!r}")
        page = base.oriented(orientation)
        numbers = KINDS[kind](stats)
        if entry.get("total", "first") not in ("first", "last"):
            raise RegionError(f"{where} {kind}: total must be first or last, got {entry.get('total')!r}")
        table = _layout(kind, numbers, _Builder(labels, zero, page.text_width, settings.get("classes", ()), costs_by,
                                                entry.get("total") == "last", numbered_carry_over,
                                                entry.get("groups", True), settings.get("economic_rows", ())))
        table = _with_line_height(table, entry.get("line_height"), f"{where} {kind}")
        number = entry.get("number") or _fill(settings.get("number", "公开{nn}表"), f"{where} number",
                                              n=str(position), nn=f"{position:02d}")
        empty = None
        if _is_empty(numbers):
            pattern = entity_wording(region, entry.get("empty") or settings.get("empty", ""))
            empty = _fill(pattern, f"{where} {kind} empty",
                          department=_clean(department), title=entry.get("title", ""))
        placed = StatisticalTable(kind, entry.get("title", ""), number, table, empty,
                                  entity_wording(region, entry.get("note", "")), orientation)
        placed.caption = caption
        placed.width = page.text_width
        tables.append(placed)
    heading = _fill(settings.get("heading", ""), f"{where} heading", department=_clean(department),
                    year=str(stats.report.department.year))
    opening = _place_sections(tables, base, bool(heading))
    if not _printed_last(region):
        _close(tables, base)
    return StatisticalTables(heading, opening, tables)


def _with_line_height(table: Table, points: Any, where: str) -> Table:
    """The table with its cells' lines ``points`` high exactly (固定值), when the entry sets
    ``line_height``: a table the form prints on one page fits there although a CJK font's single
    line is tall (Noto Serif CJK, LibreOffice's 宋体, sets 10.5 pt text 15 pt apart)."""
    if points is None:
        return table
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not 1 <= points <= 72:
        raise RegionError(f"{where}: line_height must be a number of points from 1 to 72, got {points!r}")
    return attrs.evolve(table, font=attrs.evolve(table.font, line=round(points * 20)))


def _printed_last(region: Region) -> bool:
    """Whether the tables end the report in the pack's order (a pack may print them earlier)."""
    order = [s for s in region.order if s not in region.omitted]
    return not order or order[-1] == "statistical_tables"


def _close(tables: list[StatisticalTable], base: PageSetup) -> None:
    """Tables followed by more of the report: the last one ends its section when its page is turned,
    so what follows is back on the body's page."""
    if tables and tables[-1].orientation != base.orientation and not tables[-1].sect_pr:
        tables[-1].sect_pr = base.oriented(tables[-1].orientation).sect_pr_xml(title_page=False)


def _place_sections(tables: list[StatisticalTable], base: PageSetup, heading: bool) -> str:
    """Page breaks and section breaks between the tables; returns the opening break (or "").

    The section holding the cover keeps its different first page (``titlePg``); every later
    section numbers its first page too.
    """
    if not tables:
        return ""
    opening = ""
    cover_section_open = True
    if tables[0].orientation != base.orientation:
        opening = section_break_xml(base, title_page=base.title_page)
        cover_section_open = False
    after_break = bool(opening)
    for i, table in enumerate(tables):
        table.page_break_before = not after_break and not (i == 0 and heading)
        after_break = False
        following = tables[i + 1].orientation if i + 1 < len(tables) else None
        if following is not None and following != table.orientation:
            page = base.oriented(table.orientation)
            table.sect_pr = page.sect_pr_xml(title_page=base.title_page and cover_section_open)
            cover_section_open = False
            after_break = True
    return opening


def last_section(tables: Sequence[StatisticalTable], base: PageSetup) -> tuple[PageSetup, bool] | None:
    """How the body's own section properties must change for the last table: its page, and whether
    it keeps the different first page; ``None`` when no change is needed."""
    if not tables:
        return None
    breaks = any(t.sect_pr for t in tables) or tables[0].orientation != base.orientation
    last = base.oriented(tables[-1].orientation)
    if not breaks and last == base:
        return None
    return last, base.title_page and not breaks


def _uses_statistics(document) -> bool:
    """Whether the template places the tables (a region's own template may not): itself, or through
    the sections' fragments it includes (the pack's order then holds ``statistical_tables``)."""
    body = document.element.body
    return bool(body.xpath('.//w:t[contains(., "statistics") or contains(., "layout")]'))


def statistical_tables(doc: Any, figures: Figures, region: Region) -> StatisticalTables:
    """The ``statistics`` context entry, bound to the document being rendered (``doc``, a
    ``DocxTemplate``): tables laid out for its page, its last section turned if need be."""
    if "statistical_tables" in region.omitted:
        return StatisticalTables("", "", [])
    document = doc.get_docx()
    sect_pr = document.element.body.sectPr
    base = PageSetup.from_sect_pr(sect_pr) if sect_pr is not None else None
    view = build_tables(statistics_for(figures), region, base)
    if base is not None and _uses_statistics(document) and _printed_last(region):
        change = last_section(view.tables, base)
        if change is not None:
            page, title_page = change
            page.apply_to(sect_pr, title_page)
    return view
