"""Read the 部门决算 software's export (财决 workbook) into docgen's data: the figures only.

What the export holds, per statement (see docs/importing.md for the layout):

=========  =====================================================  ==============================
财决01      收入支出决算总表                                        income by source, carry-overs,
                                                                   spending by kind
财决01-1    财政拨款收入支出决算总表                                  grant carry-overs
财决03/04   收入决算表 / 支出决算表 (per 项)                          ``detail`` income/spending lines
财决07      一般公共预算财政拨款收入支出决算表 (per 项 and 类)          ``general_budget``
财决08-1/2  一般公共预算财政拨款基本/项目支出决算明细表 (by econ. code)  ``basic_spending``, project lines
财决09/10   政府性基金 / 国有资本经营预算财政拨款收入支出决算表          the two funds
财决附01    预算支出相关信息表                                        “三公”, 机关运行经费, 采购, 资产
财决附03    机构运行信息表                                            institutions, staff
=========  =====================================================  ==============================

The department's texts (reasons, functions, …) are not in the export: they stay for the workbook.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import define, field

from ..catalogue import catalogue_for
from . import labels
from .cells import WorkbookError, plain, whole, yuan
from .cells import label as label_of
from .layout import CodeTable, find_sheet, read_code_table, read_row_table, refuse_merged_data
from .sheets import Sheet, open_workbook

ZERO = Decimal(0)


@define
class Imported:
    """What an export gave: the figures as a nested data dict, and what was (not) read."""

    data: dict[str, Any] = field(factory=dict)
    year: int | None = None
    department: str | None = None
    mapped: list[str] = field(factory=list)
    """``Z07: general_budget.items (9 项), stated_category_totals (4 类)``."""
    unread: list[str] = field(factory=list)
    """``Z05!F9: column 委托业务费 not recognised``."""

    def put(self, path: str, value: Any) -> None:
        node = self.data
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value


def _columns(table: CodeTable, specs: dict[str, str], imported: Imported) -> dict[str, Any]:
    """Map the table's value columns to fields; report the columns no spec names."""
    found = {}
    for spec, name in specs.items():
        column = table.column(spec)
        if column is None:
            raise WorkbookError(f"{table.sheet.where(table.header_row, table.name_col)}: no column "
                                f"{spec.replace('/', ' › ')} in the header (was it renamed or moved?)")
        found[name] = column
    used = {c.index for c in found.values()}
    for column in table.columns:
        if column.index not in used and column.name not in labels.IGNORED_COLUMNS:
            imported.unread.append(f"{table.sheet.where(table.header_row, column.index)}: column "
                                   f"{'/'.join(column.path)} not recognised")
    refuse_merged_data(table)
    return found


def _code_rows(table: CodeTable, columns: dict[str, Any], length: int = 7) -> list[dict[str, Any]]:
    """One entry per row with a code of ``length`` digits: ``code`` and every non-zero figure."""
    entries = []
    for row in table.rows:
        if len(row.code) != length:
            continue
        entry: dict[str, Any] = {"code": row.code}
        for name, column in columns.items():
            amount = table.sheet.figure(row.row, column.index)
            if amount:
                entry[name] = amount
        entries.append(entry)
    return entries


def _check_sums(table: CodeTable, columns: dict[str, Any], imported: Imported) -> None:
    """The 合计 row against the sum of the 项 rows, per column: a difference means a 项 row was
    not read (or the export is inconsistent); reported, not fatal."""
    total = next((r for r in table.rows if r.code == "合计"), None)
    if total is None:
        return
    for column in columns.values():
        if (total.row, column.index) in table.sheet.uncached or table.sheet.value(total.row, column.index) in ("", None):
            continue
        stated = table.sheet.figure(total.row, column.index)
        summed = sum((table.sheet.figure(r.row, column.index) for r in table.rows if len(r.code) == 7), ZERO)
        if stated != summed:
            imported.unread.append(f"{table.sheet.where(total.row, column.index)}: 合计 {stated} differs from the "
                                   f"sum of the 项 rows, {plain(summed)} (a row not read?)")


def _total_row(table: CodeTable, columns: dict[str, Any]) -> dict[str, Decimal]:
    row = next((r for r in table.rows if r.code == "合计"), None)
    if row is None:
        raise WorkbookError(f"{table.sheet.name}: no 合计 row below the header")
    return {name: table.sheet.figure(row.row, c.index) for name, c in columns.items()}


# the statements ------------------------------------------------------------------------------
def _statement_01(sheet: Sheet, imported: Imported) -> None:
    table = read_row_table(sheet, ("决算数",))
    _rows(table, {label: [(path, "决算数", yuan)] for label, path in labels.TOTALS_01.items()}, imported,
          ignore=_function_names(imported))


def _statement_011(sheet: Sheet, imported: Imported) -> None:
    table = read_row_table(sheet, ("决算数",))
    _rows(table, {label: [(path, "决算数", yuan)] for label, path in labels.GRANTS_011.items()}, imported,
          ignore=_function_names(imported) | set(labels.TOTALS_01))


def _statement_f01(sheet: Sheet, imported: Imported) -> None:
    table = read_row_table(sheet, ("预算数", "统计数"))
    fund_rows = {fund + category for fund in labels.FUNDS for category in labels.CATEGORIES}
    _rows(table, labels.COSTS, imported, ignore=fund_rows)
    for fund, path in labels.FUNDS.items():
        _fund_costs(table, fund, path, imported)


def _fund_costs(table, fund: str, path: str, imported: Imported) -> None:
    """The part of “三公” paid from a fund (rows ``政府性基金预算财政拨款公务接待费`` …), when the
    statement has such rows: ``None`` when all are zero."""
    rows = {name: table.cells[fund + category] for category, name in labels.CATEGORIES.items()
            if fund + category in table.cells}
    if not rows:
        return
    parts = {}
    for name, cells in rows.items():
        amounts = {key: table.sheet.figure(*cells[column]) for key, column in (("budget", "预算数"), ("actual", "统计数"))}
        if any(amounts.values()):
            parts[name] = amounts
    imported.put(f"{path}.three_public_costs", parts or None)


def _statement_f03(sheet: Sheet, imported: Imported) -> None:
    _rows(read_row_table(sheet, ("统计数",)),
          {label: [(path, "统计数", whole)] for label, path in labels.INSTITUTIONS.items()}, imported)


def _rows(table, spec: dict[str, list[tuple[str, str, Callable]]], imported: Imported, ignore: set[str] = frozenset()) -> None:
    count = 0
    for label, targets in spec.items():
        cells = table.cells.get(label)
        if cells is None:
            raise WorkbookError(f"{table.sheet.name}: no row 项目 = {label} (was it renamed?)")
        for path, column, read in targets:
            row, col = cells[column]
            if span := table.sheet.merged_range_at(row, col):
                raise WorkbookError(f"{table.sheet.short}!{span}: a merged cell over the data (row {label}, "
                                    f"column {column}); unmerge it")
            imported.put(path, table.sheet.figure(row, col, read))
            count += 1
    for label, cells in table.cells.items():
        if label not in spec and label not in ignore and label not in labels.ROW_TOTALS:
            filled = [(r, c) for r, c in cells.values() if label_of(table.sheet.value(r, c)) not in ("", "—", "0", "0.0")]
            if filled:  # a row with a figure docgen does not know; an empty one is only a heading
                imported.unread.append(f"{table.sheet.where(*filled[0])}: row {label} not recognised")
    imported.mapped.append(f"{_short(table.sheet)}: {count} figure(s)")


def _statement_03(sheet: Sheet, imported: Imported) -> None:
    table = read_code_table(sheet)
    columns = _columns(table, labels.INCOME_LINE, imported)
    _check_sums(table, columns, imported)
    lines = _code_rows(table, columns)
    imported.put("detail.income_lines", lines)
    imported.mapped.append(f"{_short(sheet)}: detail.income_lines ({len(lines)} 项)")


def _statement_04(sheet: Sheet, imported: Imported) -> None:
    table = read_code_table(sheet)
    columns = _columns(table, labels.SPENDING_LINE, imported)
    _check_sums(table, columns, imported)
    lines = _code_rows(table, columns)
    imported.put("detail.spending_lines", lines)
    imported.mapped.append(f"{_short(sheet)}: detail.spending_lines ({len(lines)} 项)")


def _statement_07(sheet: Sheet, imported: Imported) -> None:
    table = read_code_table(sheet)
    columns = _columns(table, labels.GENERAL_ITEM, imported)
    _check_sums(table, columns, imported)
    items = []
    for row in table.rows:
        if len(row.code) == 7:
            item: dict[str, Any] = {"code": row.code}
            for name, column in columns.items():
                item[name] = sheet.figure(row.row, column.index)
            items.append(item)
    totals = {row.code: sheet.figure(row.row, columns["actual"].index)
              for row in table.rows if len(row.code) == 3}
    imported.put("general_budget.items", items)
    imported.put("general_budget.stated_category_totals", totals)
    imported.mapped.append(f"{_short(sheet)}: general_budget.items ({len(items)} 项), "
                           f"stated_category_totals ({len(totals)} 类)")


def _economic(sheet: Sheet, imported: Imported, path: str) -> None:
    table = read_code_table(sheet)
    names = {entry.name: code for code, entry in _catalogue(imported).economic.items()}
    columns = {}
    for column in table.columns:
        match = re.fullmatch(r"(\d{3}|\d{5})(.*)", column.name)
        code = match[1] if match else names.get(column.name)
        if code and len(code) == 5:
            columns[code] = column
        elif code is None and column.name not in labels.IGNORED_COLUMNS:
            imported.unread.append(f"{sheet.where(table.header_row, column.index)}: column {column.name} not recognised")
    refuse_merged_data(table)
    total = _total_row(table, columns)
    lines = [{"code": code, "amount": amount} for code, amount in total.items() if amount]
    imported.put(path, lines)
    imported.mapped.append(f"{_short(sheet)}: {path} ({len(lines)} 款)")


def _fund(sheet: Sheet, imported: Imported, path: str) -> None:
    table = read_code_table(sheet)
    columns = _columns(table, {**labels.FUND_ITEM, **{k: "total_" + v for k, v in labels.FUND_TOTALS.items() if k not in labels.FUND_ITEM}}, imported)
    items = _code_rows(table, {k: v for k, v in columns.items() if not k.startswith("total_")})
    total_columns = {v: columns[v if k in labels.FUND_ITEM else "total_" + v] for k, v in labels.FUND_TOTALS.items()}
    for name, amount in _total_row(table, total_columns).items():
        imported.put(f"{path}.{name}", amount)
    imported.put(f"{path}.items", items)
    imported.mapped.append(f"{_short(sheet)}: {path} (totals, {len(items)} 项)")


_STATEMENTS: tuple[tuple[str, str, bool, Callable[[Sheet, Imported], None]], ...] = (
    ("01", "收入支出决算总表", True, _statement_01),
    ("01-1", "财政拨款收入支出决算总表", False, _statement_011),
    ("03", "收入决算表", False, _statement_03),
    ("04", "支出决算表", False, _statement_04),
    ("07", "一般公共预算财政拨款收入支出决算表", True, _statement_07),
    ("08-1", "一般公共预算财政拨款基本支出决算明细表", True,
     lambda s, i: _economic(s, i, "basic_spending.lines")),
    ("08-2", "一般公共预算财政拨款项目支出决算明细表", False,
     lambda s, i: _economic(s, i, "detail.project_lines")),
    ("09", "政府性基金预算财政拨款收入支出决算表", False, lambda s, i: _fund(s, i, "government_fund")),
    ("10", "国有资本经营预算财政拨款收入支出决算表", False, lambda s, i: _fund(s, i, "state_capital")),
    ("附01", "预算支出相关信息表", False, _statement_f01),
    ("附03", "机构运行信息表", False, _statement_f03),
)


def _short(sheet: Sheet) -> str:
    return sheet.short


def _catalogue(imported: Imported):
    return catalogue_for(imported.year, ())


def _function_names(imported: Imported) -> set[str]:
    return {entry.name for entry in _catalogue(imported).functional.values()}


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_UNIT = re.compile(r"编制单位[:：]\s*(.+)")


def _heading(sheets: list[Sheet], imported: Imported) -> None:
    """The year and the department from the statements' title rows; every sheet the same year."""
    years: dict[int, str] = {}
    for sheet in sheets:
        for r in range(min(4, sheet.height)):
            for c in range(sheet.width(r)):
                text = str(sheet.value(r, c))
                if (match := _YEAR.search(text)) and int(match[1]) not in years:
                    years[int(match[1])] = sheet.where(r, c)
                if (unit := _UNIT.search(text)) and not imported.department:
                    imported.department = unit[1].strip()
    if len(years) > 1:
        first, second = sorted(years)[:2]
        raise WorkbookError(f"the export mixes years: {years[first]} says {first}, {years[second]} says {second}")
    if years:
        imported.year = next(iter(years))


def read_export(path: Path) -> Imported:
    """Read every statement docgen knows from the export at ``path``; errors name the file first."""
    try:
        return _read_export(path)
    except WorkbookError as exc:
        raise exc.in_file(str(path)) from None


def _read_export(path: Path) -> Imported:
    sheets = open_workbook(path)
    imported = Imported()
    _heading(sheets, imported)
    if imported.year is None:
        raise WorkbookError(f"{path}: no year (such as 2023年度) in the title rows of any sheet: is this a 财决 export?")
    for number, title, required, read in _STATEMENTS:
        sheet = find_sheet(sheets, number, title)
        if sheet is None:
            if required:
                names = "、".join(s.name for s in sheets)
                raise WorkbookError(f"{path}: no sheet (财决{number}表) {title}; the workbook has: {names}")
            imported.unread.append(f"(财决{number}表) {title}: not in the export; kept as in the data")
            continue
        read(sheet, imported)
    return imported
