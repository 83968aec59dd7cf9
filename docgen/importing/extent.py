"""How far an .xlsx's sheets reach, scanned before the reader lays them out.

python-calamine holds a sheet as a dense grid from A1 to its last cell: one cell written at
``ZZ200000`` (or a merged range ending there) makes a grid of 140 million cells, gigabytes for a
file of a few KB. The sheets' XML is streamed for the furthest cell, row and merged range first.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from .formulas import MAIN, _index

MAX_CELLS = 1_000_000
"""Rows × columns of one sheet's grid: a 财决 export's largest sheet has some 2,000 rows of 30
columns; a million cells take some 40 MB to read."""

_SHEETS = re.compile(r"xl/worksheets/[^/]+\.xml")
_REF = re.compile(r"[A-Z]{1,3}\d{1,7}")
_TAGS = (f"{MAIN}row", f"{MAIN}c", f"{MAIN}mergeCell")


def widest_sheet(book: zipfile.ZipFile) -> tuple[str, int, int] | None:
    """The part whose grid is largest, with its rows and columns, when one passes ``MAX_CELLS``."""
    for part in filter(_SHEETS.fullmatch, book.namelist()):
        with book.open(part) as xml:
            rows, cols = _reach(xml)
        if rows * cols > MAX_CELLS:
            return part, rows, cols
    return None


def _reach(xml) -> tuple[int, int]:
    """The rows and columns from A1 to the furthest cell or merged range (1-based counts)."""
    rows = cols = row = col = 0
    parser = etree.iterparse(xml, events=("start", "end"), tag=_TAGS, resolve_entities=False, no_network=True)
    for event, element in parser:
        if event == "end":
            _forget(element)
            continue
        if element.tag == _TAGS[0]:
            row, col = _number(element.get("r"), row + 1), 0
        elif element.tag == _TAGS[1]:
            row, col = _cell(element.get("r"), row, col + 1)
        else:
            row_end, col_end = _cell((element.get("ref") or "").rpartition(":")[2], 0, 0)
            rows, cols = max(rows, row_end), max(cols, col_end)
        rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _forget(element) -> None:
    """Drop what is read: the scan keeps one row in memory, not the sheet."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 8 else default


def _cell(ref: str | None, row: int, col: int) -> tuple[int, int]:
    """A cell reference's row and column (1-based); a cell without one follows the one before."""
    if not _REF.fullmatch(ref or ""):
        return row, col
    row, col = _index(ref)
    return row + 1, col + 1
