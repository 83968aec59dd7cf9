"""The fill-in workbook: what the department writes, as an .xlsx officers fill in Excel.

One sheet per section of the report. Every value of the data file is a row: hidden column A
holds its JSON path, B says what it is (项目), C holds the value — open for texts (reasons,
purposes, key work, functions, evaluation prose, indicators) and counts, locked for figures and
codes —, D shows the figures a text explains (read-only), E says what the field is for (说明),
hidden F the value's kind. The sheets are protected: only the C cells of texts and counts open.
Texts that are missing get an empty row to fill; lists of paragraphs get spare rows.

``read_workbook`` turns a filled workbook back into the data dict: the round trip data →
workbook → data gives the same dict.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..loader import MAX_LIST_ENTRIES
from ..model import Report
from .cells import WorkbookError, decimal_text, label, whole
from .fillin_rows import (AMOUNT, COUNT, EMPTY, HEADERS, INTEGER, LEVEL1, NONE, NUMBER, REVIEW_NOTE, SECTIONS,
                          rows_of)
from .layout import table_number
from .sheets import open_workbook


def write_workbook(data: dict[str, Any]) -> bytes:
    """The fill-in workbook of ``data`` as .xlsx bytes."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    locked = book.add_format({"text_wrap": True, "valign": "top", "bg_color": "#F2F2F2", "num_format": "@"})
    open_ = book.add_format({"text_wrap": True, "valign": "top", "locked": False, "num_format": "@", "border": 1})
    count = book.add_format({"valign": "top", "locked": False, "border": 1})
    review = book.add_format({"text_wrap": True, "valign": "top", "locked": False, "num_format": "@", "border": 1,
                              "bg_color": "#FFF2CC"})
    sheets: dict[str, Any] = {}
    for row in rows_of(data):
        sheet = sheets.get(SECTIONS[row.path[0]])
        if sheet is None:
            sheet = sheets[SECTIONS[row.path[0]]] = _sheet(book, SECTIONS[row.path[0]], head)
        r = sheet.dim_rowmax + 1
        sheet.write_string(r, 0, json.dumps(row.path, ensure_ascii=False))
        sheet.write_string(r, 1, row.what, locked)
        fmt = (review if row.review else open_) if row.editable else locked
        if row.kind in (NUMBER, INTEGER, AMOUNT) and row.editable:
            if row.value is None:
                sheet.write_blank(r, 2, None, count)
            else:
                sheet.write_string(r, 2, str(row.value), count)
            sheet.data_validation(r, 2, r, 2, {"validate": "decimal", "criteria": ">=", "value": 0,
                                               "error_message": "请填写金额（万元），不小于0"})
        elif row.kind == COUNT:
            sheet.write_number(r, 2, row.value or 0, count if row.editable else locked)
            if row.editable:
                sheet.data_validation(r, 2, r, 2, {"validate": "integer", "criteria": ">=", "value": 0,
                                                   "error_message": "请填写不小于0的整数"})
        elif row.value is None:
            sheet.write_blank(r, 2, None, fmt)
        else:
            sheet.write_string(r, 2, str(row.value), fmt)
        if row.path[-1] == "level1":
            sheet.data_validation(r, 2, r, 2, {"validate": "list", "source": LEVEL1, "error_type": "warning"})
        sheet.write_string(r, 3, row.figures, locked)
        sheet.write_string(r, 4, (REVIEW_NOTE + "。" if row.review else "") + row.note, locked)
        sheet.write_string(r, 5, row.kind)
    meta = {k: v for k, v in data.items() if str(k).startswith("$")}
    if meta:
        sheet = book.add_worksheet("元数据")
        sheet.write_string(0, 0, json.dumps(meta, ensure_ascii=False, default=str))
        sheet.hide()
        sheet.protect()
    book.close()
    return buffer.getvalue()


def _sheet(book, name: str, head):
    sheet = book.add_worksheet(name)
    for col, title in enumerate(HEADERS):
        sheet.write_string(0, col, title, head)
    sheet.set_column(0, 0, None, None, {"hidden": True})
    sheet.set_column(1, 1, 34)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 30)
    sheet.set_column(4, 4, 50)
    sheet.set_column(5, 5, None, None, {"hidden": True})
    sheet.freeze_panes(1, 2)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # printed: every column on the page, as many pages down as needed
    sheet.repeat_rows(0)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    return sheet


# reading back ---------------------------------------------------------------------------------
def _value(kind: str, cell: Any, where: str) -> Any:
    if kind == COUNT:
        return whole(cell, where)
    text = decimal_text(cell) or ("" if cell is None else str(cell))
    if kind == NONE:
        return text or None
    if kind in (NUMBER, INTEGER) and text.strip() == "":
        return ""
    if kind in (NUMBER, INTEGER):
        try:
            return Decimal(text) if kind == NUMBER else int(text)
        except (ArithmeticError, ValueError):
            raise WorkbookError(f"{where}: expected an amount, found {text!r}") from None
    return text


def _put(data: dict, path: list, value: Any) -> None:
    node: Any = data
    for key, following in zip(path, path[1:], strict=False):
        if isinstance(key, int):
            while len(node) <= key:
                node.append(None)
            if node[key] is None:
                node[key] = [] if isinstance(following, int) else {}
            node = node[key]
        else:
            node = node.setdefault(key, [] if isinstance(following, int) else {})
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def _compact(value: Any) -> Any:
    """Lists without the spare rows left empty."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def json_path(key: list) -> str:
    """``["general_budget", "items", 3, "reason"]`` → ``$.general_budget.items[3].reason``."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in key)


def cells_of(path: Path) -> dict[str, str]:
    """JSON path of each row → its 填写内容 cell (``一般公共预算支出!C45``), to point at findings."""
    cells = {}
    for sheet in open_workbook(path):
        if tuple(label(sheet.value(0, c)) for c in range(len(HEADERS))) == HEADERS:
            for r in range(1, sheet.height):
                try:
                    cells[json_path(_hidden_path(sheet, r))] = sheet.where(r, 2)
                except WorkbookError:
                    continue
    return cells


def _hidden_path(sheet: Any, row: int) -> list:
    """The JSON path a row fills (column A, hidden): keys and list positions the model can have."""
    try:
        key = json.loads(str(sheet.value(row, 0)))
    except (json.JSONDecodeError, RecursionError):
        key = None
    if not (isinstance(key, list) and key and isinstance(key[0], str)
            and all(isinstance(k, str) or type(k) is int and 0 <= k < MAX_LIST_ENTRIES for k in key)):
        raise WorkbookError(f"{sheet.where(row, 0)}: the row's hidden path was changed")
    return key


def read_workbook(path: Path) -> dict[str, Any]:
    """The data dict of a filled-in workbook (see :func:`write_workbook`); errors name the file, the
    sheet and the cell."""
    try:
        return _read_workbook(path)
    except WorkbookError as exc:
        raise exc.in_file(str(path)) from None


def _read_workbook(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = {}
    sheets = open_workbook(path)
    if any(table_number(sheet.name) for sheet in sheets):
        raise WorkbookError(f"{path}: a 财决 export, not a fill-in workbook: read it with "
                            f"docgen import {path.name} -o DATA.json")
    for sheet in sheets:
        if sheet.name == "元数据":
            data.update(_metadata(sheet))
            continue
        if tuple(label(sheet.value(0, c)) for c in range(len(HEADERS))) != HEADERS:
            if sheet.name not in SECTIONS.values():
                continue  # a sheet of the officer's own (notes, a calculation)
            raise WorkbookError(f"{sheet.where(0, 0)}: not a sheet of docgen's fill-in workbook "
                                f"(row 1 should read {' | '.join(HEADERS)})")
        for r in range(1, sheet.height):
            where = sheet.where(r, 2)
            key = _hidden_path(sheet, r)
            kind = str(sheet.value(r, 5))
            value = _value(kind, sheet.value(r, 2), where)
            if value == "" and kind != EMPTY:
                continue  # left empty: the field is not given (a text given as "" stays "")
            try:
                _put(data, key, value)
            except (AttributeError, TypeError, KeyError):  # a path that crosses another row's
                raise WorkbookError(f"{sheet.where(r, 0)}: the row's hidden path was changed") from None
    if not data:
        raise WorkbookError(f"{path}: the workbook holds no data rows")
    return _compact(data)


def _metadata(sheet: Any) -> dict:
    try:
        meta = json.loads(str(sheet.value(0, 0)) or "{}")
    except (json.JSONDecodeError, RecursionError):
        meta = None
    if not isinstance(meta, dict):
        raise WorkbookError(f"{sheet.where(0, 0)}: the workbook's hidden data was changed")
    return meta


def load_workbook(path: Path) -> Report:
    """The report of a filled-in workbook; an input error names the file and points at the cell to
    fill as well."""
    from ..errors import InputError
    from ..loader import structure

    data = read_workbook(path)
    try:
        return structure(data)
    except InputError as exc:
        cells = cells_of(path)
        lines = []
        for line in exc.lines:
            where, _, _ = line.partition(": ")
            cell = cells.get(where) or cells.get(f"{where}[0]")
            lines.append(f"{line} → {cell}" if cell else line)
        raise InputError(lines[0], lines).in_file(str(path)) from None
