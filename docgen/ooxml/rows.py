"""A table's rows as the page estimate (:mod:`docgen.ooxml.pages`) sees them: each as tall as its
tallest cell and its border, whether it repeats as a header and whether it keeps with the next.

A report's tables have some 2,000 cells: a table is read in one pass of lxml's own iteration over
its rows, cells and text (``iter`` with the tags wanted), keeping to local names and flat lists,
and one over its rows' and cells' properties; each distinct text and width is measured once.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from .blocks import CELL_MARGINS, ROW_BORDERS, W, ParagraphRead, Style, Styles, TableRow, int_of, text_lines
from .lines import surely_fitting


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _T, _BR, _CR, _PPR, _PSTYLE, _VAL, _TYPE = (_w(n) for n in ("p", "t", "br", "cr", "pPr", "pStyle", "val", "type"))
_TBL, _TR, _TC, _TR_HEIGHT, _TBL_HEADER, _SPAN, _KEEP_NEXT = (_w(n) for n in ("tbl", "tr", "tc", "trHeight",
                                                                               "tblHeader", "gridSpan", "keepNext"))
_TABLE_PARTS = (_TR, _TC, _T, _BR, _CR)
_ROW_PARTS = (_TR_HEIGHT, _TBL_HEADER, _SPAN, _KEEP_NEXT)
_FIRST_PPR = f"{_P}/{_PPR}"
_PLAIN_ROW = (0, False, False)
"""A row's own properties when it sets none: no height, not a header, not kept with the next."""


def table_rows(table: Any, styles: Styles) -> tuple[TableRow, ...]:
    """Each row of a table: its tallest cell's lines, in the style of the table's first cell
    paragraph (docgen's tables set one style for all their cells)."""
    grid = [int_of(col, "w") for col in table.iterfind(f"{_w('tblGrid')}/{_w('gridCol')}")]
    first = table.find(f".//{_PPR}/{_PSTYLE}")
    style = styles[first.get(_VAL) if first is not None else ""]._replace(first_line=0)
    return _read(table).rows(grid, style)


def _read(table: Any) -> _TableRead:
    """A table's rows in one pass over its rows, cells and text (a report's tables have 2,000
    cells: the loop keeps to local names and flat lists; a cell of more than one paragraph is read
    again) and one over its rows' and cells' properties. A table within a cell adds its text to
    the cell's; its rows and cells are not the table's. Rows and cells in a content control
    (``w:sdt``) are not read."""
    read = _TableRead()
    cells, texts, rows = read.cells, read.texts, read.rows_at
    row, parts = None, []
    for element in table.iter(*_TABLE_PARTS):
        tag = element.tag
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TC:
            parent = element.getparent()
            if parent is row:
                parts = []
                cells.append(element)
                texts.append(parts)
            elif parent.tag != _TR:
                parts = []  # a cell in a content control: not read, as a row is not
        elif tag == _TR:
            parent = element.getparent()
            if parent is table:
                row, parts = element, []
                rows[element] = len(cells)
            elif parent.tag != _TBL:
                parts = []
        elif element.get(_TYPE) in (None, "textWrapping"):
            parts.append("\n")
    for element in table.iter(*_ROW_PARTS):
        read.row_property(element)
    return read


class _TableRead:
    """What the passes over a table collect: its cells, each cell's text parts, its rows (each
    with where its cells start) and their own properties (height at least, header, keeps with
    the next); the cells' spans. Its rows' heights: each cell's lines in its columns' width, once
    for each text and width the table holds (its cells repeat 0.00, codes and names)."""

    def __init__(self) -> None:
        self.cells: list[Any] = []
        self.texts: list[list[str]] = []
        self.rows_at: dict[Any, int] = {}
        self.own: dict[Any, list] = {}
        self.spans: dict[Any, int] = {}

    def row_property(self, element: Any) -> None:
        """A row's height or header flag; the row keeps with the next when its first cell's
        first paragraph properties say so; a cell's span."""
        parent = element.getparent()
        owner = parent.getparent()
        tag = element.tag
        if tag == _SPAN:
            self.spans[owner] = int_of(element, "val", 1)
        elif tag == _KEEP_NEXT:
            row = owner.getparent().getparent() if owner.tag == _P else None
            cell = owner.getparent()
            if row in self.rows_at and self.cells[self.rows_at[row]] is cell and cell.find(_FIRST_PPR) is parent:
                self.own.setdefault(row, list(_PLAIN_ROW))[2] = True
        elif owner in self.rows_at:
            if tag == _TR_HEIGHT:
                self.own.setdefault(owner, list(_PLAIN_ROW))[0] = int_of(element, "val")
            else:
                self.own.setdefault(owner, list(_PLAIN_ROW))[1] = True

    def rows(self, grid: list[int], style: Style) -> tuple[TableRow, ...]:
        # a cell of several paragraphs is read as one paragraph holding them: each a new line
        texts = ["".join(parts) if len(cell) <= 2 else ParagraphRead(cell).text
                 for parts, cell in zip(self.texts, self.cells)]
        starts = list(self.rows_at.values())
        ends = starts[1:] + [len(texts)]
        columns = [_width(grid, column, 1) for column in range(len(grid))]
        widths: list[int] = []
        for start, end in zip(starts, ends):
            widths += self._widths(self.cells[start:end], grid, columns)
        cells = list(zip(texts, widths))
        fitting = {width: surely_fitting(style.size, width, style.spacing) for width in set(widths)}
        counted = {cell: 1 if len(cell[0]) <= fitting[cell[1]] and "\n" not in cell[0] else text_lines(*cell, style)
                   for cell in set(cells)}
        line = style.before + style.line_height + style.after
        heights = [max(map(counted.__getitem__, cells[start:end]), default=1) * line for start, end in zip(starts, ends)]
        own = map(self.own.get, self.rows_at, repeat(_PLAIN_ROW))
        return tuple(TableRow(max(height, at_least) + ROW_BORDERS, header, keep)
                     for height, (at_least, header, keep) in zip(heights, own))

    def _widths(self, cells: list[Any], grid: list[int], columns: list[int]) -> list[int]:
        """The widths of a row's cells: the grid's columns, a cell spanning several as wide as they."""
        if len(cells) <= len(columns) and not (self.spans and any(map(self.spans.__contains__, cells))):
            return columns[:len(cells)]
        widths, column = [], 0
        for cell in cells:
            span = self.spans.get(cell, 1)
            widths.append(_width(grid, column, span))
            column += span
        return widths


def _width(grid: list[int], column: int, span: int) -> int:
    return max(1, sum(grid[column:column + span]) - CELL_MARGINS) if grid else 2000
