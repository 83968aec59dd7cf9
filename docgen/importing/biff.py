"""How far a BIFF8 ``.xls``'s sheets reach, read with xlrd before python-calamine lays them out.

calamine reads an .xls whole when it opens it, every sheet at once as a dense grid from its first
to its last cell, after reserving as many cells as the sheet's DIMENSIONS record declares: a 5 KB
file declaring four billion rows makes it abort the process (no exception to catch), and two cells
at A1 and IV65536 take 1.2 GB. xlrd (pure Python) reads one sheet at a time (``on_demand``) and
each row only as far as its last cell (``ragged_rows``), so what it holds follows the cells that
are in the file (at most BIFF8's 65,536 rows of 256 columns: some 150 MB); each sheet is let go
before the next is read. With ``formatting_info`` it counts formatted empty cells too, as the
.xlsx scan does (:mod:`.extent`), and reads the merged ranges, so that a damaged MERGEDCELLS record
is refused here rather than panicking calamine.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from .extent import MAX_CELLS, MAX_SHEETS, far_cell, overreach

DIMENSIONS = 0x0200
EOF = 0x000A
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
            rows, cols, text = _measure(book.sheet_by_index(index))
            book.unload_sheet(index)
            where = f"sheet {name} reaches {far_cell(rows, cols)}, a grid of {rows:,} rows by {cols:,} columns"
            if rows * cols > MAX_CELLS:
                return f"{where} (over {MAX_CELLS:,} cells): not a sheet of accounts; delete what lies beyond the tables"
            if rows * cols > largest:
                largest, widest = rows * cols, where
            grid, shown = grid + rows * cols, shown + text
            rows, cols = _declared(book, index)
            if rows * cols > MAX_CELLS:
                return (f"sheet {name} declares {rows:,} rows by {cols:,} columns in its DIMENSIONS record (over "
                        f"{MAX_CELLS:,} cells), which the reader would set memory aside for: a damaged or made-up "
                        "file; open it in Excel and save it again")
    except Exception as exc:  # noqa: BLE001 - as above, for a damaged sheet
        raise Unreadable(_detail(exc)) from None
    finally:
        book.release_resources()
    size = path.stat().st_size
    return overreach(grid, shown, XML_TIMES * size, widest, f"the file's {max(1, size // 1024):,} KB (×{XML_TIMES}, as XML would take)")


def _measure(sheet) -> tuple[int, int, int]:
    """Rows and columns from A1 to the furthest cell or merged range, and the bytes of text shown
    (calamine copies a shared string into each cell that shows it; xlrd shares one str)."""
    rows, cols = sheet.nrows, sheet.ncols
    for _, row_end, _, col_end in sheet.merged_cells:  # ends exclusive
        rows, cols = max(rows, row_end), max(cols, col_end)
    shown = sum(len(value.encode("utf-8", "surrogatepass")) for r in range(sheet.nrows)
                for value in sheet.row_values(r) if isinstance(value, str))
    return rows, cols, shown


def _declared(book, index: int) -> tuple[int, int]:
    """The rows and columns a sheet's DIMENSIONS records declare, the largest, counted as calamine
    counts them (modulo 2³², as its unsigned arithmetic does). xlrd keeps only part of the record,
    so the sheet's records are walked with xlrd's own record reader."""
    book._position = book._sh_abs_posn[index]  # noqa: SLF001 - where xlrd found the sheet's records
    largest = (0, 0)
    while True:
        code, _, data = book.get_record_parts()
        if code == EOF:
            return largest
        if code == DIMENSIONS:
            extent = _extent(data)
            largest = max(largest, extent, key=lambda e: e[0] * e[1])


def _extent(data: bytes) -> tuple[int, int]:
    if len(data) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", data)
    elif len(data) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", data)
    else:
        return 0, 0  # calamine refuses the file itself
    if last_row < 1 or last_col < 1:
        return 1, 1
    return (last_row - first_row) % 2**32, (last_col - first_col) % 2**32


def _detail(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
