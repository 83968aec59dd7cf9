"""How far a BIFF8 ``.xls``'s sheets reach, read with xlrd before python-calamine lays them out.

calamine reads an .xls whole when it opens it, every sheet at once as a dense grid from its first
to its last cell, after reserving as many cells as the sheet's DIMENSIONS record declares: a 5 KB
file declaring four billion rows makes it abort the process (no exception to catch), and two cells
at A1 and IV65536 take 1.2 GB. xlrd (pure Python) reads one sheet at a time (``on_demand``) and
each row only as far as its last cell (``ragged_rows``), so what it holds follows the cells that
are in the file (at most BIFF8's 65,536 rows of 256 columns: some 260 MB); each sheet is let go
before the next is read, and measured by its DIMENSIONS record before its cells are read, so only a
file whose record understates its cells gets that far. With ``formatting_info`` it counts
formatted empty cells too, as the .xlsx scan does (:mod:`.extent`), and reads the merged ranges,
so that a damaged MERGEDCELLS record is refused here rather than panicking calamine.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from .extent import MAX_CELLS, MAX_SHEETS, far_cell, overreach

DIMENSIONS = 0x0200
EOF = 0x000A
BIFF8_ROWS, BIFF8_COLS = 65_536, 256
XML_TIMES = 3
"""An .xls holds a cell in 6–18 bytes, an .xlsx's XML in 15–40: an .xls counts as this many times its
size where :mod:`.extent`'s bounds say "unpacked size", so a dense export is read in either form."""
NO_WORKBOOK = "Can't find workbook in OLE2 compound document"
"""xlrd's words for a compound file holding no BIFF workbook stream."""


class Unreadable(Exception):
    """xlrd could not read the file: it is not a BIFF8 workbook, or a damaged one."""


def xls_refusal(path: Path) -> str | None:
    """What makes the workbook too much to read (without its file's name), or ``None``: the bounds
    of :mod:`.extent`, ``XML_TIMES`` the file's size standing for the unpacked size."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True, ragged_rows=True, formatting_info=True,
                                  logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if str(exc).startswith(NO_WORKBOOK):
            return None  # a compound file without a BIFF workbook (an encrypted .xlsx): calamine says which
        raise Unreadable(_detail(exc)) from None
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds (XLRDError, struct.error, AssertionError …) on a damaged file
        raise Unreadable(_detail(exc)) from None
    if book.nsheets > MAX_SHEETS:
        return f"{book.nsheets:,} sheets (at most {MAX_SHEETS} are read): not a workbook of accounts"
    grid = shown = largest = 0
    widest = ""
    try:
        for index, name in enumerate(book.sheet_names()):
            # The DIMENSIONS record first, read without laying out a cell: a file whose record is
            # true is refused here; one whose record lies is measured by its cells below.
            if refused := _refused_by_dimensions(name, *_declared(book, index)):
                return refused
            rows, cols, text = _measure(book.sheet_by_index(index))
            book.unload_sheet(index)
            where = _where(name, rows, cols)
            if rows * cols > MAX_CELLS:
                return f"{where} (over {MAX_CELLS:,} cells): not a sheet of accounts; delete what lies beyond the tables"
            if rows * cols > largest:
                largest, widest = rows * cols, where
            grid, shown = grid + rows * cols, shown + text
    except Exception as exc:  # noqa: BLE001 - as above, for a damaged sheet
        raise Unreadable(_detail(exc)) from None
    finally:
        book.release_resources()
    size = path.stat().st_size
    what = f"the file's {max(1, size // 1024):,} KB (×{XML_TIMES}, as XML would take)"
    return overreach(grid, shown, XML_TIMES * size, widest, what)


def _where(name: str, rows: int, cols: int) -> str:
    return f"sheet {name} reaches {far_cell(rows, cols)}, a grid of {rows:,} rows by {cols:,} columns"


def _refused_by_dimensions(name: str, reserved: tuple[int, int], reach: tuple[int, int]) -> str | None:
    """``reserved``: the cells calamine sets aside; ``reach``: the grid from A1 the record declares."""
    if max(reserved[0] * reserved[1], reach[0] * reach[1]) <= MAX_CELLS:
        return None
    if reach[0] <= BIFF8_ROWS and reach[1] <= BIFF8_COLS and reserved[0] * reserved[1] <= reach[0] * reach[1]:
        return (f"{_where(name, *reach)} (over {MAX_CELLS:,} cells): not a sheet of accounts; delete what lies "
                "beyond the tables")
    return (f"sheet {name} declares {reserved[0]:,} rows by {reserved[1]:,} columns in its DIMENSIONS record (over "
            f"{MAX_CELLS:,} cells), which the reader would set memory aside for: a damaged or made-up file; open it "
            "in Excel and save it again")


def _measure(sheet) -> tuple[int, int, int]:
    """Rows and columns from A1 to the furthest cell or merged range, and the bytes of text shown
    (calamine copies a shared string into each cell that shows it; xlrd shares one str)."""
    rows, cols = sheet.nrows, sheet.ncols
    for _, row_end, _, col_end in sheet.merged_cells:  # ends exclusive
        rows, cols = max(rows, row_end), max(cols, col_end)
    shown = sum(len(value.encode("utf-8", "surrogatepass")) for r in range(sheet.nrows)
                for value in sheet.row_values(r) if isinstance(value, str))
    return rows, cols, shown


def _declared(book, index: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The largest rows × columns a sheet's DIMENSIONS records declare, as calamine counts them
    (last minus first, modulo 2³² as its unsigned arithmetic does), and the largest grid from A1
    they declare. xlrd keeps only part of the record, so the sheet's records are walked with
    xlrd's own record reader."""
    book._position = book._sh_abs_posn[index]  # noqa: SLF001 - where xlrd found the sheet's records
    reserved = reach = (0, 0)
    while True:
        code, _, data = book.get_record_parts()
        if code == EOF:
            return reserved, reach
        if code == DIMENSIONS and len(data) in (10, 14):  # calamine refuses any other length itself
            first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH" if len(data) == 10 else "<IIHH", data)
            if last_row >= 1 and last_col >= 1:
                rows, cols = (last_row - first_row) % 2**32, (last_col - first_col) % 2**32
                reserved = max(reserved, (rows, cols), key=lambda e: e[0] * e[1])
                reach = max(reach, (last_row, last_col), key=lambda e: e[0] * e[1])


def _detail(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
