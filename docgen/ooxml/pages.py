"""An estimate of the page each paragraph and table of a rendered body starts on.

Only Word (or LibreOffice) knows the true pages; this walks the body as a typesetter would, with
LibreOffice's rules (measured with LibreOffice 7.4; tools/contents_pages.py compares): the page's
text block from each section's ``w:pgSz``/``w:pgMar``, whole lines of its ``w:docGrid`` high; a
paragraph's lines from its characters over the line width less its indents
(:mod:`docgen.ooxml.lines`: widths, Asian–Latin spacing, where lines may break), its line height
(exact, or single spacing as tall as LibreOffice sets the East Asian font's substitute); space
before (dropped at the top of a page the text flowed onto, kept after a page break) and after;
page breaks before (``w:pageBreakBefore``, a section break, ``w:br w:type="page"``); widow and
orphan control (a paragraph split over two pages leaves two lines on each, so one of three lines
or fewer moves whole); paragraphs kept with the next in a chain (headings, a table's title) with
the first two lines of the paragraph they lead to, or the table rows kept together; charts by
their drawn height; table rows that do not split, each as tall as its tallest cell and its
border, the header rows repeated on every page (:mod:`docgen.ooxml.blocks` reads the paragraphs,
:mod:`docgen.ooxml.rows` the tables). Single-spaced paragraphs on the document grid
are not snapped to it (docgen's own single-spaced paragraphs opt out of the grid).
It does not know kerning, floating objects or fields' results, and Word's metrics differ a
little from LibreOffice's, so a page that is nearly full may break a line earlier or later there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .blocks import CELL_MARGINS, ROW_BORDERS, W, Block, ParagraphRead, Reader, Styles, TableRow, int_of
from .lines import text_width
from .rows import table_rows

__all__ = ["CELL_MARGINS", "estimate_pages", "text_width"]  # the statistical tables size their columns with these


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _PPR, _SECT_PR = _w("p"), _w("tbl"), _w("pPr"), _w("sectPr")
TABLE_EDGE = ROW_BORDERS
"""What a table takes on each page besides its rows: its top border."""


class _Page:
    """The running position: page number, height used on it, the text block, and whether the page
    began at a break the document asks for (where a paragraph keeps its space before)."""

    def __init__(self) -> None:
        self.number = 1
        self.used = 0
        self.height = 13000
        self.width = 8845
        self.hard = True

    def new(self, hard: bool = False) -> None:
        if self.used > 0:
            self.number += 1
            self.used = 0
        self.hard = self.hard or hard

    def take(self, height: int) -> None:
        self.used += height
        self.hard = False

    def place(self, block: Block) -> int:
        """Lay ``block`` out from the running position; returns the page it starts on."""
        before = block.before if self.used or self.hard else 0  # dropped at a page's top after a natural break
        start = self.number
        if self.used + before + block.body <= self.height:
            self.take(before + block.body + block.after)
            return start
        if not block.splits and not self.used:  # a drawing taller than the page: cut at its foot
            self.take(self.height)
            return start
        room = (self.height - self.used - before) // block.line if block.splits else 0
        if self.used and (room < ORPHANS or block.lines <= 2 * ORPHANS - 1):
            self.new()  # moves whole: a drawing, a first line alone at the foot or a last one at the top
            return self.place(block)
        rest = block.lines - max(1, min(room, block.lines - ORPHANS))
        per_page = max(1, self.height // block.line)
        while rest > per_page:
            self.number += 1
            rest -= max(1, min(per_page, rest - ORPHANS))
        self.number += 1
        self.used, self.hard = 0, False
        self.take(rest * block.line + block.after)
        return start


ORPHANS = 2
"""Lines a paragraph split over two pages keeps on each (LibreOffice's widow and orphan control)."""


def _geometry(sect_pr: Any, page: _Page) -> None:
    if sect_pr is None:
        return
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    height, width = int_of(size, "h", 16838), int_of(size, "w", 11906)
    page.height = height - int_of(margins, "top", 1440) - int_of(margins, "bottom", 1440)
    page.width = width - int_of(margins, "left", 1440) - int_of(margins, "right", 1440)
    grid = sect_pr.find(_w("docGrid"))
    pitch = int_of(grid, "linePitch") if grid is not None and grid.get(_w("type")) in _LINE_GRIDS else 0
    if pitch > 0:  # LibreOffice's text area holds whole lines of the grid (centred in the margins)
        page.height = max(pitch, page.height // pitch * pitch)


_LINE_GRIDS = ("lines", "linesAndChars", "snapToChars")


def _kept_rows(rows: Sequence[TableRow], start: int = 0) -> tuple[int, bool]:
    """(height, whether the chain runs on past the table) of the rows from ``start`` that keep
    together: each row kept with the next, up to the first that is not."""
    height = 0
    for row in rows[start:]:
        height += row.height
        if not row.keep_next:
            return height, False
    return height, True


def _place_table(rows: Sequence[TableRow], page: _Page) -> int:
    """Lay out a table's rows (none split, rows kept with the next moved together, the header
    rows repeated on each page it runs onto); returns the page its first row is on."""
    header = sum(row.height for row in rows if row.header)
    first, edge = None, TABLE_EDGE
    for i, row in enumerate(rows):
        repeated = 0 if row.header else header
        chain = _kept_rows(rows, i)[0] if row.keep_next and (i == 0 or not rows[i - 1].keep_next) else 0
        if page.used and (page.used + edge + row.height > page.height
                          or (page.used + edge + chain > page.height and TABLE_EDGE + repeated + chain <= page.height)):
            page.new()
            page.used = TABLE_EDGE + repeated
            edge = 0
        page.take(edge + row.height)
        edge = 0
        first = page.number if first is None else first
    return first if first is not None else page.number


def estimate_pages(body: Any, styles: Any) -> dict[Any, int]:
    """The page (1 being the document's first) each top-level paragraph and table starts on."""
    reader = Reader(Styles(styles))
    page = _Page()
    pages: dict[Any, int] = {}
    children = [c for c in body if c.tag in (_P, _TBL)]
    reads = [ParagraphRead(c) if c.tag == _P else None for c in children]
    sections = _sections(reads, body.find(_SECT_PR))
    widths = {id(sect): _text_width(sect) for sect in set(sections)}
    blocks = [Block(rows=table_rows(c, reader.styles)) if read is None else reader.paragraph(read, widths[id(sect)])
              for c, read, sect in zip(children, reads, sections)]
    for i, element in enumerate(children):
        if i == 0 or sections[i] is not sections[i - 1]:
            if i:
                page.new(hard=True)  # a section starts on a new page (w:type nextPage)
            _geometry(sections[i], page)
        block = blocks[i]
        if block.rows is not None:
            pages[element] = _place_table(block.rows, page)
            continue
        if block.page_break:
            page.new(hard=True)
        if block.keep_next and page.used and page.used + _kept(blocks, i, page) > page.height:
            page.new()
        pages[element] = page.place(block)
        if block.break_after:
            page.new(hard=True)
    return pages


def _sections(reads: list[ParagraphRead | None], final: Any) -> list[Any]:
    """The ``w:sectPr`` governing each child (``reads``: the paragraphs', None for a table): the
    first at or after it (a paragraph's own ends its section), else the body's (``final``)."""
    governing: list[Any] = []
    pending = 0
    for read in reads:
        pending += 1
        if read is not None and read.section_end is not None:
            governing += [read.section_end] * pending
            pending = 0
    return governing + [final] * pending


def _text_width(sect_pr: Any) -> int:
    if sect_pr is None:
        return _Page().width
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    return int_of(size, "w", 11906) - int_of(margins, "left", 1440) - int_of(margins, "right", 1440)


def _kept(blocks: list[Block], i: int, page: _Page) -> int:
    """The height a paragraph kept with the next needs on its page: itself, what is kept with it
    in a chain (headings over headings, a table's title over its rows kept together), and what
    the page must hold of the block the chain leads to: a table's first row, a drawing, a
    paragraph's first two lines (all of it when it has three or fewer: it does not split then)."""
    needed = 0
    for block in blocks[i:]:
        if block.rows is not None:
            height, runs_on = _kept_rows(block.rows)
            needed += TABLE_EDGE + height
            if runs_on:
                continue
            return needed
        if not block.keep_next:
            if not block.splits or block.lines <= 2 * ORPHANS - 1:
                return needed + block.before + block.body
            return needed + block.before + ORPHANS * block.line
        needed += block.height
    return needed
