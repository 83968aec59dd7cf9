"""A workbook's sheets as grids of values, with the merged ranges and the look-ups by label the
importers need (never a fixed address alone)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .cells import PROTECTED, WorkbookError, address, check_file, label, yuan
from .extent import MAX_CELLS


class Sheet:
    """One sheet: ``rows[r][c]`` (0-based) as calamine gives them, merged ranges filled for labels."""

    def __init__(self, name: str, rows: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]],
                 uncached: set[tuple[int, int]] = frozenset()):
        self.name = name
        self.rows = rows
        self.merged = merged
        self.uncached = uncached
        """Cells holding a formula without a computed value."""
        self._merges = _MergeIndex(merged)

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, col: int) -> Any:
        """The raw value; ``""`` outside the used area."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def text(self, row: int, col: int) -> str:
        """The label at a cell, a merged range's text in every cell it covers."""
        return label(self.value(*self._merges.owner(row, col)))

    def figure(self, row: int, col: int, read: Callable[[Any, str], Any] = yuan) -> Any:
        """The figure at a cell, read by ``read`` (元 → 万元 by default); a formula without a computed
        value is an error, not a zero."""
        if (row, col) in self.uncached:
            raise WorkbookError(f"{self.where(row, col)}: a formula without a computed value; open and save "
                                "the export in Excel (or LibreOffice) so that it is computed")
        return read(self.value(row, col), self.where(row, col))

    @property
    def short(self) -> str:
        """The sheet's code (``Z05`` of ``Z05 支出决算明细表(财决05表)``), as messages name it."""
        return self.name.split(" ")[0] or self.name

    def where(self, row: int, col: int) -> str:
        """``Z05!F9``."""
        return f"{self.short}!{address(row, col)}"

    def width(self, row: int) -> int:
        return len(self.rows[row]) if row < len(self.rows) else 0

    def find(self, wanted: str, rows: range | None = None) -> Iterator[tuple[int, int]]:
        """Cells whose label is ``wanted`` (top-left cell of a merged range only)."""
        for r in rows or range(self.height):
            for c in range(self.width(r)):
                if self._merges.owner(r, c) == (r, c) and label(self.value(r, c)) == wanted:
                    yield r, c

    def first(self, wanted: str, rows: range | None = None) -> tuple[int, int] | None:
        return next(self.find(wanted, rows), None)

    def merged_range_at(self, row: int, col: int) -> str | None:
        """``D12:F12`` when (row, col) lies in a merged range spanning more than that cell."""
        found = self._merges.at(row, col)
        if found is None:
            return None
        (r0, c0), (r1, c1) = found
        return f"{address(r0, c0)}:{address(r1, c1)}"


class _MergeIndex:
    """Which merged range covers a cell: one 4-byte entry per cell of the rectangle the ranges span
    (a dict of cells took some 180 bytes each). A later range wins where ranges overlap."""

    def __init__(self, merged: list[tuple[tuple[int, int], tuple[int, int]]]):
        self.merged = [m for m in merged if m[0][0] <= m[1][0] and m[0][1] <= m[1][1]]
        self.rows = max((r1 + 1 for _, (r1, _) in self.merged), default=0)
        self.cols = max((c1 + 1 for _, (_, c1) in self.merged), default=0)
        self.cover = array("i", [-1]) * (self.rows * self.cols)
        for index, ((r0, c0), (r1, c1)) in enumerate(self.merged):
            run = array("i", [index]) * (c1 - c0 + 1)
            for r in range(r0, r1 + 1):
                self.cover[r * self.cols + c0:r * self.cols + c1 + 1] = run

    def at(self, row: int, col: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        if 0 <= row < self.rows and 0 <= col < self.cols and (index := self.cover[row * self.cols + col]) >= 0:
            return self.merged[index]
        return None

    def owner(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the range covering (row, col), or the cell itself."""
        found = self.at(row, col)
        return found[0] if found else (row, col)


def _check_merged(path: Path, name: str, merged: list) -> None:
    """Merged ranges are filled cell by cell for the look-ups by label: their cells are bounded as a
    sheet's grid is (ranges that overlap, which Excel never writes, count each time)."""
    covered = sum(max(0, r1 - r0 + 1) * max(0, c1 - c0 + 1) for (r0, c0), (r1, c1) in merged)
    if covered > MAX_CELLS:
        raise WorkbookError(f"{path}: sheet {name}: its {len(merged):,} merged ranges cover {covered:,} cells (over "
                            f"{MAX_CELLS:,}): not a sheet of accounts; unmerge what lies beyond the tables")


def open_workbook(path: Path) -> list[Sheet]:
    """Every sheet of a .xls/.xlsx workbook; errors name the file and say what is wrong with it."""
    import python_calamine as calamine

    uncached = check_file(path)
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            merged = list(sheet.merged_cell_ranges or [])
            _check_merged(path, name, merged)
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append(Sheet(name, rows, merged, uncached.get(name, set())))
    except calamine.PasswordError:
        raise WorkbookError(f"{path}: {PROTECTED}") from None
    except (calamine.CalamineError, ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise WorkbookError(f"{path}: {PROTECTED}") from None
        raise WorkbookError(f"{path}: not a readable .xls/.xlsx workbook ({detail})") from None
    except BaseException as exc:
        # calamine's panics on a damaged file reach Python as pyo3's PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise WorkbookError(f"{path}: not a readable .xls/.xlsx workbook (the reader failed on it: "
                            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'})") from None
    if not any(any(label(v) for v in row) for sheet in sheets for row in sheet.rows):
        raise WorkbookError(f"{path}: the workbook is empty (no sheet holds anything)")
    return sheets
