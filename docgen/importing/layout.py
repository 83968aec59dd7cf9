"""Finding the statements of a 财决 export: sheets by table number or title, tables by label text.

Two kinds of statement (domain §12):

* **row tables** (财决01, 01-1, 附01, 附03): a header row with ``项目`` (one per side-by-side
  block) and value columns named in the header (``决算数``, ``统计数``); each data row is read by
  the text of its ``项目`` cell;
* **code tables** (财决03, 04, 07, 08-1, 08-2, 09, 10): a header starting at ``科目编码`` (merged
  over the 类/款/项 columns), ``科目名称``, then value columns whose header may span two rows
  (``本年支出`` over ``合计 | 基本支出 | 项目支出``); each data row is read by its code (split over
  类/款/项 cells or whole) or by ``合计``.
"""

from __future__ import annotations

import re
from attrs import field, frozen

from .cells import WorkbookError, label
from .sheets import Sheet

_NUMBER = re.compile(r"[（(]财决(附)?(\d{2}(?:-\d)?)表[)）]")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
_OF_WHICH = re.compile(r"^其中[:：]")


def table_number(text: str) -> str | None:
    """``Z05_1 基本支出…(财决05-1表)`` → ``05-1``; ``(财决附01表)`` → ``附01``."""
    match = _NUMBER.search(text.replace(" ", ""))
    return f"{'附' if match[1] else ''}{match[2]}" if match else None


def find_sheet(sheets: list[Sheet], number: str, title: str) -> Sheet | None:
    """The sheet of 财决``number``表: by the suffix of its name, else by the title or the table
    number printed in its first rows (a sheet renamed by hand keeps those)."""
    for sheet in sheets:
        if table_number(sheet.name) == number:
            return sheet
    heads = [(sheet, "".join(sheet.text(r, c) for r in range(min(4, sheet.height)) for c in range(sheet.width(r))))
             for sheet in sheets]
    # The table number printed in the title rows first: a title may be part of another's
    # (支出决算表 in 一般公共预算财政拨款收入支出决算表).
    for sheet, head in heads:
        if f"财决{number}表" in head:
            return sheet
    for sheet, head in heads:
        if title in head:
            return sheet
    return None


def row_label(text: str) -> str:
    """A 项目 cell's text without its enumeration and ``其中：`` (``其中：外事接待费`` → ``外事接待费``)."""
    text = _OF_WHICH.sub("", _ENUMERATION.sub("", text))
    return _OF_WHICH.sub("", text)


@frozen
class RowTable:
    """A row table: ``cells[label][column]`` → (row, col) of the value."""

    sheet: Sheet
    cells: dict[str, dict[str, tuple[int, int]]]


def read_row_table(sheet: Sheet, columns: tuple[str, ...]) -> RowTable:
    """Every ``项目`` block of the sheet, each row's value cells under the given column labels."""
    header = next(sheet.find("项目", range(min(12, sheet.height))), None)
    if header is None:
        raise WorkbookError(f"{sheet.name}: no header cell 项目 in the first 12 rows (was the header moved?)")
    top = header[0]
    starts = [c for r, c in sheet.find("项目", range(top, top + 1))]
    cells: dict[str, dict[str, tuple[int, int]]] = {}
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else max(sheet.width(r) for r in range(sheet.height))
        where = {}
        for c in range(start + 1, end):
            for r in (top, top + 1, top + 2):
                if sheet.text(r, c) in columns and sheet.text(r, c) not in where:
                    where[sheet.text(r, c)] = c
        missing = [name for name in columns if name not in where]
        if missing:
            raise WorkbookError(f"{sheet.where(top, start)}: the block 项目 has no column {missing[0]}")
        for r in range(top + 1, sheet.height):
            # The raw cell, not the merged fill: 项目 is merged down over the header's second row.
            text = row_label(label(sheet.value(r, start)))
            if text and text not in ("栏次", "行次", "项目") and text not in cells:
                cells[text] = {name: (r, c) for name, c in where.items()}
    return RowTable(sheet, cells)


@frozen
class Column:
    index: int
    path: tuple[str, ...]
    """The header labels from the top (``("本年支出", "基本支出")``)."""

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    def matches(self, spec: str) -> bool:
        """``"本年支出/基本支出"`` or ``"基本支出"``: the path ends with the spec's parts."""
        parts = tuple(spec.split("/"))
        return self.path[-len(parts):] == parts


@frozen
class CodeRow:
    row: int
    code: str
    """3/5/7 digits, or ``合计``."""


@frozen
class CodeTable:
    sheet: Sheet
    columns: list[Column]
    rows: list[CodeRow]
    name_col: int
    header_row: int = field(default=0)

    def column(self, spec: str) -> Column | None:
        exact = [c for c in self.columns if "/".join(c.path) == spec]
        return exact[0] if exact else next((c for c in self.columns if c.matches(spec)), None)


def _code_at(sheet: Sheet, row: int, code_cols: range) -> str:
    digits = "".join(sheet.text(row, c) for c in code_cols)
    return digits if re.fullmatch(r"\d{3}|\d{5}|\d{7}", digits) else ""


def read_code_table(sheet: Sheet) -> CodeTable:
    """The code table of a sheet; its header must hold 科目编码 and 科目名称."""
    found = sheet.first("科目编码", range(min(15, sheet.height)))
    if found is None:
        raise WorkbookError(f"{sheet.name}: no header cell 科目编码 in the first 15 rows (was the header moved?)")
    top, code_col = found
    name_cell = sheet.first("科目名称", range(top, min(top + 3, sheet.height)))
    if name_cell is None:
        raise WorkbookError(f"{sheet.where(top, code_col)}: no 科目名称 column beside 科目编码")
    name_col = name_cell[1]
    code_cols = range(code_col, name_col)
    data = [r for r in range(top + 1, sheet.height)
            if _code_at(sheet, r, code_cols) or "合计" in (sheet.text(r, code_col), sheet.text(r, name_col))]
    if not data:
        raise WorkbookError(f"{sheet.where(top, code_col)}: no row below the header holds a code or 合计")
    first = data[0]
    columns = []
    for c in range(name_col + 1, max(sheet.width(r) for r in range(top, first))):
        path: list[str] = []
        for r in range(top, first):
            text = sheet.text(r, c)
            if text and text not in path and text not in ("栏次", "行次") and not text.isdigit():
                path.append(text)
        if path:
            columns.append(Column(c, tuple(path)))
    rows = [CodeRow(r, _code_at(sheet, r, code_cols) or "合计") for r in data]
    return CodeTable(sheet, columns, rows, name_col, top)


def refuse_merged_data(table: CodeTable) -> None:
    """A merged range over a value cell of a data row hides which figure belongs where."""
    for row in table.rows:
        for column in table.columns:
            span = table.sheet.merged_range_at(row.row, column.index)
            if span:
                raise WorkbookError(f"{table.sheet.short}!{span}: a merged cell over the data "
                                    f"(row {row.code}, column {column.name}); unmerge it")

