"""How much an .xlsx's sheets lay out, measured before the reader lays them out.

python-calamine holds each sheet as a dense grid from A1 to its last cell, and copies a shared
string into every cell that shows it. One cell written at ``ZZ200000`` (or a merged range ending
there) makes a grid of 140 million cells, gigabytes for a file of a few KB; one string of 1 MB shown
by a thousand cells takes a gigabyte more. The sheets' XML is streamed first (one row in memory at
a time) for the furthest cell and merged range and the text the shared-string cells show, and the
workbook is refused when they pass the bounds below.

The bounds are relative to what the workbook unpacks to (its parts' sizes, counted as they are
read; a workbook under 1 MB is counted as 1 MB, so that a small one may reach as far as a real
export does): a cell of the grid takes some 40 bytes once read, a number 60, a shown text its
length twice over (UTF-8 in the reader, Python's str after) and some 100 bytes more. With at most
one grid cell per ``CELL_BYTES`` bytes unpacked and at most ``TEXT_TIMES`` bytes of shown text per
byte, reading a workbook takes at most some 10× its unpacked size over a tiny workbook's (measured in
tests/test_workbook_memory.py). A department's export lays out one cell per 50–80 bytes and shows
text of a tenth to a half of its size.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from typing import NamedTuple

from lxml import etree

from .xmlparts import MAIN, _index, sheet_list, streamed

MAX_CELLS = 1_000_000
"""Rows × columns of one sheet's grid: a 财决 export's largest sheet has some 2,000 rows of 30
columns; a million cells take some 40 MB to read."""
MAX_SHEETS = 100
"""A 财决 export has some 20 sheets, the fill-in workbook 13: each sheet costs the reader some 40 KB
whatever it holds."""
FLOOR = 2**20
"""The unpacked size a smaller workbook is counted at."""
CELL_BYTES = 10
"""Unpacked bytes per cell of the sheets' grids (A1 to the furthest cell), at least."""
TEXT_TIMES = 2
"""Bytes of text the shared-string cells show (a string counted at every cell that shows it) per
byte unpacked, at most."""

_REF = re.compile(r"[A-Z]{1,3}\d{1,7}")
_ROW, _CELL, _VALUE, _FORMULA, _MERGE = (f"{MAIN}{tag}" for tag in ("row", "c", "v", "f", "mergeCell"))
_SHARED = "xl/sharedStrings.xml"


class Extent(NamedTuple):
    """What the scan found: why the workbook is refused (``None``: it is read), and per sheet the
    cells (0-based) holding a formula without a computed value."""

    refusal: str | None
    uncached: dict[str, set[tuple[int, int]]]


class _Reach(NamedTuple):
    rows: int
    cols: int
    shown: int
    uncached: set[tuple[int, int]]


def measure(book: zipfile.ZipFile, unpacked: int) -> Extent:
    """The workbook's sheets scanned once, before the reader lays them out."""
    sheets = _sheet_list(book)
    if len(sheets) > MAX_SHEETS:
        return Extent(f"{len(sheets):,} sheets (at most {MAX_SHEETS} are read): not a workbook of accounts", {})
    lengths = _shared_lengths(book)
    reached: dict[str, _Reach] = {}
    present = set(book.namelist())
    for _, part in sheets:
        if part not in reached and part in present:
            with book.open(part) as xml:
                reached[part] = _reach(xml, lengths)
    measured = [(name, reached[part]) for name, part in sheets if part in reached]
    uncached = {name: reach.uncached for name, reach in measured if reach.uncached}
    if not measured:
        return Extent(None, uncached)
    name, (rows, cols, *_) = max(measured, key=lambda m: m[1].rows * m[1].cols)
    where = f"sheet {name} reaches {far_cell(rows, cols)}, a grid of {rows:,} rows by {cols:,} columns"
    if rows * cols > MAX_CELLS:
        return Extent(f"{where} (over {MAX_CELLS:,} cells): not a sheet of accounts; delete what lies beyond the "
                      "tables", uncached)
    grid = sum(reach.rows * reach.cols for _, reach in measured)
    return Extent(overreach(grid, sum(reach.shown for _, reach in measured), unpacked, where), uncached)


def overreach(grid: int, shown: int, size: int, where: str, what: str = "") -> str | None:
    """The bounds relative to the size (see the module's note), for .xlsx and .xls alike; ``where``
    names the widest sheet, ``what`` what the size is (the unpacked size by default)."""
    allowed = max(size, FLOOR)
    counted = (what or f"the workbook's {_kb(size)} unpacked") + (
        f", counted as {FLOOR // 2**20} MB" if size < FLOOR else "")
    if grid * CELL_BYTES > allowed:
        return (f"{where}; its sheets' grids, from A1 to their furthest cells, come to {grid:,} cells, more than "
                f"one per {CELL_BYTES} bytes of {counted}: delete what lies beyond the tables")
    if shown > TEXT_TIMES * allowed:
        return (f"its cells show {_kb(shown)} of text, a shared text counted at every cell that shows it, more "
                f"than {TEXT_TIMES}× {counted}: not a workbook of accounts")
    return None


def _kb(size: int) -> str:
    return f"{max(1, size // 1024):,} KB"


def far_cell(rows: int, cols: int) -> str:
    """The furthest cell of a grid of ``rows`` × ``cols`` from A1 (``ZZ200000``)."""
    from .cells import address

    return address(rows - 1, cols - 1)


def _sheet_list(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of every sheet the workbook lists, as often as it lists it (the reader reads a
    part once per listing); the worksheet parts in the package when there is no readable list (the
    reader then says what is wrong)."""
    try:
        return sheet_list(book)
    except (KeyError, etree.XMLSyntaxError):
        return [(name, name) for name in book.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name)]


def _shared_lengths(book: zipfile.ZipFile) -> array:
    """The UTF-8 length of each shared string (runs of rich text joined)."""
    lengths = array("q")
    name = next((n for n in book.namelist() if n.lower() == _SHARED.lower()), None)
    if name is None:
        return lengths
    with book.open(name) as xml:
        for item in streamed(xml, (f"{MAIN}si",)):
            lengths.append(sum(len(t.encode("utf-8", "surrogatepass")) for t in item.itertext(f"{MAIN}t")))
    return lengths


def _reach(xml, lengths: array) -> _Reach:
    """The rows and columns from A1 to the furthest cell or merged range (1-based counts), the
    bytes of shared text the cells show, and the formulas without a computed value (a program that
    writes a workbook, not Excel, may leave the result out: the reader then sees an empty cell,
    which an importer must not take for zero). Every ``<c>`` counts wherever it stands (the reader
    takes one outside a row too)."""
    rows = cols = row = col = shown = 0
    uncached: set[tuple[int, int]] = set()
    current = None  # the element whose cells are being read (a row, as a rule)
    for element in streamed(xml, (_ROW, _CELL, _MERGE)):
        if element.tag == _CELL:
            parent = element.getparent()
            if parent is not current:
                current = parent
                row, col = (_number(parent.get("r"), row + 1) if parent.tag == _ROW else row), 0
            row, col = _cell(element.get("r"), row, col + 1)
            rows, cols = max(rows, row), max(cols, col)
            if element.get("t") == "s":
                shown += _shared(element.findtext(_VALUE), lengths)
            if element.find(_FORMULA) is not None and not element.findtext(_VALUE):
                uncached.add((row - 1, col - 1))
        elif element.tag == _ROW:
            if element is not current:  # a row without cells
                row = _number(element.get("r"), row + 1)
            rows, current = max(rows, row), None
        else:
            row_end, col_end = _cell((element.get("ref") or "").rpartition(":")[2], 0, 0)
            rows, cols = max(rows, row_end), max(cols, col_end)
    return _Reach(rows, cols, shown, uncached)


def _shared(index: str | None, lengths: array) -> int:
    number = _number(index, -1)
    return lengths[number] if 0 <= number < len(lengths) else 0


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 8 else default


def _cell(ref: str | None, row: int, col: int) -> tuple[int, int]:
    """A cell reference's row and column (1-based); a cell without one follows the one before."""
    if not _REF.fullmatch(ref or ""):
        return row, col
    row, col = _index(ref)
    return row + 1, col + 1
