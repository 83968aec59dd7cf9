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
border, the header rows repeated on every page. Single-spaced paragraphs on the document grid
are not snapped to it (docgen's own single-spaced paragraphs opt out of the grid).
It does not know kerning, floating objects or fields' results, and Word's metrics differ a
little from LibreOffice's, so a page that is nearly full may break a line earlier or later there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from attrs import frozen

from .lines import line_count, text_width
from .tables import CELL_MARGIN

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_TWIP = 635
AUTO_LINE = 1.3
"""Single spacing as a multiple of the font size, for a font :data:`SINGLE_LINE` does not know."""
SINGLE_LINE = {"宋体": 1.438, "方正小标宋简体": 1.438, "黑体": 1.448, "仿宋_GB2312": 1.152, "楷体_GB2312": 1.2}
"""Single spacing by East Asian font, as LibreOffice sets it with the fonts ``docgen/data/fonts.conf``
maps them to (Noto Serif/Sans CJK are tall: 10.5 pt 宋体 lines are 15.1 pt apart; AR PL UMing's
lines are as Liberation Serif's)."""


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _T, _TBL, _TC, _VAL = _w("p"), _w("t"), _w("tbl"), _w("tc"), _w("val")
_PSTYLE = f"{_w('pPr')}/{_w('pStyle')}"
_GRID_SPAN = f"{_w('tcPr')}/{_w('gridSpan')}"
CELL_MARGINS = 2 * CELL_MARGIN
"""A cell's left and right margins together (docgen's tables)."""
ROW_BORDERS = 10
"""A row's border (½ pt), twips."""
TABLE_EDGE = ROW_BORDERS
"""What a table takes on each page besides its rows: its top border."""


_QUALIFIED: dict[str, str] = {}


def _int(element: Any, attribute: str, default: int = 0) -> int:
    if element is None:
        return default
    value = element.get(_QUALIFIED.get(attribute) or _QUALIFIED.setdefault(attribute, _w(attribute)))
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@frozen
class Style:
    """What the estimate needs of a paragraph's formatting (twips and half-points)."""

    size: int = 21
    line: int = 240
    exact: bool = False
    before: int = 0
    after: int = 0
    first_line: int = 0
    left: int = 0
    right: int = 0
    page_break: bool = False
    keep_next: bool = False
    spacing: int = 0
    """Character spacing in twips (the body's text is condensed so that 28 characters fit a line)."""
    east_asia: str = ""
    """The East Asian font (``w:rFonts w:eastAsia``): its single line's height."""

    def updated(self, ppr: Any, rpr: Any) -> Style:
        values = attrs.asdict(self)
        if rpr is not None:
            values["size"] = _int(rpr.find(_w("sz")), "val", values["size"])
            values["spacing"] = _int(rpr.find(_w("spacing")), "val", values["spacing"])
            fonts = rpr.find(_w("rFonts"))
            if fonts is not None and fonts.get(_EAST_ASIA):
                values["east_asia"] = fonts.get(_EAST_ASIA)
        if ppr is not None:
            spacing = ppr.find(_w("spacing"))
            if spacing is not None:
                if spacing.get(_w("line")) is not None:
                    values["line"] = _int(spacing, "line", 240)
                    values["exact"] = spacing.get(_w("lineRule")) in ("exact", "atLeast")
                values["before"] = _int(spacing, "before", values["before"])
                values["after"] = _int(spacing, "after", values["after"])
            ind = ppr.find(_w("ind"))
            if ind is not None:
                chars = ind.get(_w("firstLineChars"))
                values["first_line"] = (int(chars) * values["size"] * 10 // 100 if chars is not None
                                        else _int(ind, "firstLine", values["first_line"]))
                values["left"] = _int(ind, "left", values["left"])
                values["right"] = _int(ind, "right", values["right"])
            for flag, tag in (("page_break", "pageBreakBefore"), ("keep_next", "keepNext")):
                element = ppr.find(_w(tag))
                if element is not None:
                    values[flag] = element.get(_w("val")) not in ("0", "false")
        return Style(**values)

    @property
    def line_height(self) -> int:
        single = SINGLE_LINE.get(self.east_asia, AUTO_LINE)
        return self.line if self.exact else round(self.size * 10 * single * self.line / 240)


def styles_of(styles: Any) -> dict[str, Style]:
    """Each paragraph style, resolved over ``w:basedOn`` from the document defaults."""
    defaults = styles.find(_w("docDefaults"))
    base = Style()
    if defaults is not None:
        base = base.updated(defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}"),
                            defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}"))
    elements = {s.get(_w("styleId")): s for s in styles.findall(_w("style")) if s.get(_w("type")) == "paragraph"}
    resolved: dict[str, Style] = {}

    def resolve(style_id: str, depth: int = 0) -> Style:
        if style_id in resolved:
            return resolved[style_id]
        element = elements.get(style_id)
        if element is None or depth > 20:
            return base
        parent = element.find(_w("basedOn"))
        start = resolve(parent.get(_w("val")), depth + 1) if parent is not None else base
        resolved[style_id] = start.updated(element.find(_w("pPr")), element.find(_w("rPr")))
        return resolved[style_id]

    for style_id in elements:
        resolve(style_id)
    default = next((s.get(_w("styleId")) for s in elements.values() if s.get(_w("default")) in ("1", "true")), None)
    resolved[""] = resolved.get(default, base) if default else base
    return resolved


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


@frozen
class Block:
    """A paragraph as the page sees it: space before, lines of ``line`` twips (0 for a drawing),
    drawn height, space after; a table as its rows."""

    before: int = 0
    lines: int = 0
    line: int = 0
    drawn: int = 0
    after: int = 0
    keep_next: bool = False
    page_break: bool = False
    rows: tuple[TableRow, ...] | None = None

    @property
    def body(self) -> int:
        return self.lines * self.line + self.drawn

    @property
    def splits(self) -> bool:
        return self.line > 0 and not self.drawn

    @property
    def height(self) -> int:
        return self.before + self.body + self.after


def _geometry(sect_pr: Any, page: _Page) -> None:
    if sect_pr is None:
        return
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    height, width = _int(size, "h", 16838), _int(size, "w", 11906)
    page.height = height - _int(margins, "top", 1440) - _int(margins, "bottom", 1440)
    page.width = width - _int(margins, "left", 1440) - _int(margins, "right", 1440)
    grid = sect_pr.find(_w("docGrid"))
    pitch = _int(grid, "linePitch") if grid is not None and grid.get(_w("type")) in _LINE_GRIDS else 0
    if pitch > 0:  # LibreOffice's text area holds whole lines of the grid (centred in the margins)
        page.height = max(pitch, page.height // pitch * pitch)


_LINE_GRIDS = ("lines", "linesAndChars", "snapToChars")


_DIRECT = frozenset(_w(n) for n in ("spacing", "ind", "pageBreakBefore", "keepNext"))
"""Direct paragraph properties the estimate reads."""
_RUN_SIZE = f"{_w('r')}/{_w('rPr')}/{_w('sz')}"
_RUN_FONTS = f"{_w('r')}/{_w('rPr')}/{_w('rFonts')}"
_EAST_ASIA = _w("eastAsia")


def _paragraph_style(paragraph: Any, styles: dict[str, Style]) -> Style:
    """The paragraph's style, with its own spacing, indents, breaks and largest run size."""
    ppr = paragraph.find(_w("pPr"))
    style_element = ppr.find(_w("pStyle")) if ppr is not None else None
    style = styles.get(style_element.get(_VAL) if style_element is not None else "", styles[""])
    if ppr is not None and any(child.tag in _DIRECT for child in ppr):
        style = style.updated(ppr, None)
    fonts = paragraph.find(_RUN_FONTS)
    if fonts is not None and fonts.get(_EAST_ASIA):
        style = attrs.evolve(style, east_asia=fonts.get(_EAST_ASIA))
    sizes = [_int(s, "val") for s in paragraph.iterfind(_RUN_SIZE)]
    if sizes:
        return attrs.evolve(style, size=max(sizes))
    rpr = ppr.find(_w("rPr")) if ppr is not None else None
    if rpr is not None and rpr.find(_w("sz")) is not None and not _text(paragraph):
        style = style.updated(None, rpr)  # an empty paragraph's height is its mark's
    return style


_BR, _CR = _w("br"), _w("cr")


def _text(element: Any) -> str:
    """The text of a paragraph (or a cell's paragraphs), a line break (``w:br``, ``w:cr``) or a
    new paragraph as a new line."""
    parts = []
    for child in element.iter(_T, _BR, _CR, _P):
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _P:
            if parts:
                parts.append("\n")
        elif child.get(_TYPE) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


_TYPE = _w("type")


def _lines(text: str, style: Style, room: int) -> int:
    """Lines of ``text`` set in ``style`` ``room`` twips wide, each line break starting one."""
    if "\n" not in text:
        return line_count(text, style.size, room, style.spacing, style.first_line)
    return sum(line_count(piece, style.size, room, style.spacing, style.first_line if i == 0 else 0)
               for i, piece in enumerate(text.split("\n")))


def paragraph_block(paragraph: Any, style: Style, width: int) -> Block:
    """A paragraph laid out ``width`` twips wide."""
    drawn = sum(_int_attr(extent, "cy") for extent in paragraph.iter(f"{{{WP}}}extent")) // EMU_PER_TWIP
    flags = {"keep_next": style.keep_next, "page_break": style.page_break}
    if drawn:
        return Block(style.before, 0, 0, drawn, style.after, **flags)
    room = max(1, width - style.left - style.right)
    return Block(style.before, _lines(_text(paragraph), style, room), style.line_height, 0, style.after, **flags)


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(name) or 0)
    except ValueError:
        return 0


@frozen
class TableRow:
    """A table row as the page sees it: its height, whether it repeats as a header on each page,
    and whether it keeps with the next row (its cells' paragraphs keep with the next)."""

    height: int
    header: bool = False
    keep_next: bool = False




_TR, _TRPR, _TCPR, _GRID_COL = _w("tr"), _w("trPr"), _w("tcPr"), f"{_w('tblGrid')}/{_w('gridCol')}"
_TR_HEIGHT, _TBL_HEADER, _SPAN, _PPR, _KEEP_NEXT = (_w("trHeight"), _w("tblHeader"), _w("gridSpan"), _w("pPr"),
                                                    _w("keepNext"))


def _table_rows(table: Any, styles: dict[str, Style]) -> tuple[TableRow, ...]:
    """Each row of a table: its tallest cell's lines, in the style of the table's first cell
    paragraph (docgen's tables set one style for all their cells)."""
    grid = [_int(col, "w") for col in table.iterfind(_GRID_COL)]
    first = table.find(f".//{_PSTYLE}")
    style = attrs.evolve(styles.get(first.get(_VAL) if first is not None else "", styles[""]), first_line=0)
    line = style.before + style.line_height + style.after
    plain = table.find(f".//{_BR}") is None and table.find(f".//{_CR}") is None
    return tuple(_row(row, grid, style, line, plain) for row in table.iterfind(_TR))


def _row(row: Any, grid: list[int], style: Style, line: int, plain: bool) -> TableRow:
    """One row: its cells read child by child (a report's tables have thousands); ``plain``: the
    table has no line breaks, so a cell of one paragraph is its text runs' text."""
    lines, column, at_least, header, keep = 1, 0, 0, False, None
    for child in row:
        if child.tag == _TRPR:
            at_least = _int(child.find(_TR_HEIGHT), "val")
            header = child.find(_TBL_HEADER) is not None
        elif child.tag == _TC:
            span_element = child[0].find(_SPAN) if len(child) and child[0].tag == _TCPR else None
            span = _int(span_element, "val", 1)
            width = max(1, sum(grid[column:column + span]) - CELL_MARGINS) if grid else 2000
            column += span
            text = "".join(child.itertext(_T)) if plain and len(child) <= 2 else _text(child)
            if text:
                lines = max(lines, _lines(text, style, width))
            if keep is None:
                ppr = child.find(f"{_P}/{_PPR}")
                keep = ppr is not None and ppr.find(_KEEP_NEXT) is not None
    return TableRow(max(lines * line, at_least) + ROW_BORDERS, header, bool(keep))


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
    resolved = styles_of(styles)
    page = _Page()
    pages: dict[Any, int] = {}
    children = [c for c in body if c.tag in (_P, _TBL)]
    sections = _sections(children, body.find(_w("sectPr")))
    widths = {id(sect): _text_width(sect) for sect in set(sections)}
    blocks = [_block(c, resolved, widths[id(sect)]) for c, sect in zip(children, sections)]
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
        for br in element.iter(_BR):
            if br.get(_w("type")) == "page":
                page.new(hard=True)
    return pages


def _sections(children: list[Any], final: Any) -> list[Any]:
    """The ``w:sectPr`` governing each child: the first at or after it (a paragraph's own ends its
    section), else the body's."""
    governing: list[Any] = []
    pending: list[Any] = []
    for child in children:
        pending.append(child)
        ends = child.find(f"{_w('pPr')}/{_w('sectPr')}") if child.tag == _P else None
        if ends is not None:
            governing += [ends] * len(pending)
            pending = []
    return governing + [final] * len(pending)


def _text_width(sect_pr: Any) -> int:
    if sect_pr is None:
        return _Page().width
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    return _int(size, "w", 11906) - _int(margins, "left", 1440) - _int(margins, "right", 1440)


def _text_width(sect_pr: Any) -> int:
    if sect_pr is None:
        return _Page().width
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    return _int(size, "w", 11906) - _int(margins, "left", 1440) - _int(margins, "right", 1440)


def _block(element: Any, styles: dict[str, Style], width: int) -> Block:
    if element.tag == _TBL:
        return Block(rows=_table_rows(element, styles))
    return paragraph_block(element, _paragraph_style(element, styles), width)


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
