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
from typing import Any

from markupsafe import Markup

from .. import formatting as fmt
from ..errors import RegionError
from ..figures import Figures
from ..formatting import chinese_numeral
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
TEXT_FONT = Font()
"""五号 宋体: the table's cells, number, unit line and note."""
INDENT = "\u3000"
"""One full-width space per level below 类 in a 科目名称 cell."""
ORIENTATIONS = ("portrait", "landscape")
_FORBIDDEN_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Column widths (twips) of tables classified by code: 科目编码 fixed, amounts between a floor and
# a cap, 科目名称 the rest (56 mm or more holds 15 characters a line).
CODE_WIDTH, NAME_MIN, AMOUNT_MIN, AMOUNT_MAX = 1000, 3200, 1000, 1350


def _clean(text: str) -> str:
    return _FORBIDDEN_XML_CHARS.sub("", text)


class _Builder:
    """Lays out one table from its numbers, with the pack's labels and zero format."""

    def __init__(self, labels: Mapping[str, str], zero: str, width: int):
        self.labels = labels
        self.zero = zero
        self.width = width

    def label(self, key: str) -> str:
        try:
            return self.labels[key]
        except KeyError:
            raise RegionError(f"[statistical_tables.labels] has no label '{key}'") from None

    # Cells -------------------------------------------------------------------------------
    def amount(self, value: Amount, bold: bool = False) -> Cell:
        return Cell(fmt.table_amount(value, self.zero), align="right", bold=bold)

    def head(self, key: str, span: int = 1, vmerge=None) -> Cell:
        return Cell(self.label(key), span=span, vmerge=vmerge, bold=True)

    def text(self, text: str, span: int = 1, bold: bool = False, align="left") -> Cell:
        return Cell(_clean(text), span=span, bold=bold, align=align)

    def code_cells(self, row: CodeRow) -> tuple[Cell, Cell]:
        return (Cell(row.code, align="left"), Cell(_clean(INDENT * row.depth + row.name), align="left"))

    def widths(self, amounts: int) -> tuple[int, ...]:
        """科目编码 wide enough for 7 digits and its heading, amount columns as wide as the width
        allows up to a cap, 科目名称 the rest (never narrower than ``NAME_MIN``)."""
        amount = max(AMOUNT_MIN, min(AMOUNT_MAX, (self.width - CODE_WIDTH - NAME_MIN) // amounts))
        return (CODE_WIDTH, self.width - CODE_WIDTH - amount * amounts) + (amount,) * amounts

    # Tables classified by code ------------------------------------------------------------
    def code_table(self, block: Block, columns: Sequence[str], groups: Sequence[tuple[str, int, int]] = (),
                   code_label: str = "code", name_label: str = "name") -> Table:
        """Two header rows: 项目 over 科目编码 | 科目名称, and the amount columns under their group
        headings (``groups``: label key, first column, span); a column without a group spans both
        header rows. Then the 合计 row and one row per code."""
        n = len(columns)
        top = [self.head("item", span=2)]
        bottom = [self.head(code_label), self.head(name_label)]
        grouped = {first: (key, span) for key, first, span in groups}
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
        rows.append(Row((self.text(self.label("total"), span=2, bold=True, align="center"),)
                        + tuple(self.amount(v, bold=True) for v in block.total)))
        for row in block.rows:
            rows.append(Row(self.code_cells(row) + tuple(self.amount(v) for v in row.values)))
        return Table(self.widths(n), tuple(rows), TEXT_FONT)

    # 收入支出决算总表 ----------------------------------------------------------------------
    def summary(self, s: Summary) -> Table:
        left = [(f"{chinese_numeral(i)}、{self.label(key)}", amount) for i, (key, amount) in enumerate(s.income, 1)]
        right = [(f"{chinese_numeral(i)}、{row.name}", row.values[0]) for i, row in enumerate(s.spending, 1)]
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
        right = [(f"{chinese_numeral(i)}、{row.name}", row.values) for i, row in enumerate(g.spending, 1)]
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
        for key, value in zip(fund_keys, g.carry_over_start[1:]):
            rows.append(Row((self.text(INDENT + self.label(key)), self.amount(value)) + right_cells("", None)))
        rows.append(Row((self.text(self.label("grand_total"), bold=True, align="center"),
                         self.amount(g.income_total[0], True))
                        + right_cells(self.label("grand_total"), g.spending_total, True)))
        return Table(fit_widths((2.4, 1.0, 2.4, 1.0, 1.0, 1.0, 1.0), self.width), tuple(rows), TEXT_FONT)

    # 一般公共预算财政拨款基本支出决算表 ----------------------------------------------------
    def basic(self, blocks: tuple[Block, Block]) -> Table:
        personnel, public = blocks
        rows = [Row((self.head("personnel", span=3), self.head("public", span=3)), header=True, keep_with_next=True),
                Row((self.head("code"), self.head("name"), self.head("actual"),
                     self.head("code"), self.head("name"), self.head("actual")), header=True)]
        for k in range(max(len(personnel.rows), len(public.rows))):
            cells: list[Cell] = []
            for block in (personnel, public):
                if k < len(block.rows):
                    row = block.rows[k]
                    cells += [*self.code_cells(row), self.amount(row.values[0])]
                else:
                    cells += [Cell(""), Cell(""), Cell("")]
            rows.append(Row(tuple(cells)))
        rows.append(Row((self.text(self.label("personnel_total"), span=2, bold=True, align="center"),
                         self.amount(personnel.total[0], True),
                         self.text(self.label("public_total"), span=2, bold=True, align="center"),
                         self.amount(public.total[0], True))))
        return Table(fit_widths((0.85, 2.4, 0.95) * 2, self.width), tuple(rows), TEXT_FONT)

    # “三公”经费 ----------------------------------------------------------------------------
    def public_costs(self, c: PublicCosts) -> Table:
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
                                page_break_before=self.page_break_before, space_after=120),
            block_paragraph_xml(self.number, TEXT_FONT, "right", keep_with_next=True),
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
        table = _layout(kind, numbers, _Builder(labels, zero, page.text_width))
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
