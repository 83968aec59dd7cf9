"""An estimate of the page each paragraph and table of a rendered body starts on.

Only Word (or LibreOffice) knows the true pages; this walks the body as a simple typesetter would:
the page's text block from each section's ``w:pgSz``/``w:pgMar``, a paragraph's lines from its
characters (a CJK or full-width character one em of its size, any other half an em) over the line
width less its indents, its line height (exact, or 1.3 × the font size for single spacing), space
before and after, page breaks before (``w:pageBreakBefore``, a section break, ``w:br w:type="page"``),
a heading kept with the line after it, charts by their drawn height, and table rows that do not
split, the header rows repeated on every page. It does not know fonts' real widths, kerning or
line breaking rules, widow control, floating objects or fields' results, so a page number may be
off by one where a page is nearly full; page breaks before every part and table set it right again.
"""

from __future__ import annotations

import math
import re
from typing import Any

import attrs
from attrs import frozen

from .tables import CELL_MARGIN

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_TWIP = 635
AUTO_LINE = 1.3
"""Single spacing as a multiple of the font size (CJK fonts' ascent and descent)."""


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _T, _TBL, _TC, _VAL = _w("p"), _w("t"), _w("tbl"), _w("tc"), _w("val")
_PSTYLE = f"{_w('pPr')}/{_w('pStyle')}"
_GRID_SPAN = f"{_w('tcPr')}/{_w('gridSpan')}"
CELL_MARGINS = 2 * CELL_MARGIN
"""A cell's left and right margins together (docgen's tables)."""
ROW_BORDERS = 20
"""A row's border and rounding, twips."""
TABLE_START = 600
"""What a paragraph kept with a table needs below it: the table's first rows, twips."""


def _int(element: Any, attribute: str, default: int = 0) -> int:
    if element is None:
        return default
    value = element.get(_w(attribute))
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

    def updated(self, ppr: Any, rpr: Any) -> Style:
        values = attrs.asdict(self)
        if rpr is not None:
            values["size"] = _int(rpr.find(_w("sz")), "val", values["size"])
            values["spacing"] = _int(rpr.find(_w("spacing")), "val", values["spacing"])
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
        return self.line if self.exact else round(self.size * 10 * AUTO_LINE * self.line / 240)


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


_WIDE = re.compile("[^\u0000-\u10ff]")
"""Characters set an em wide: CJK, full-width forms and the punctuation CJK fonts draw full width
(“”—…); Latin letters, digits and ASCII punctuation take half an em."""


def text_width(text: str, size: int, spacing: int = 0) -> int:
    """Twips ``text`` takes at ``size`` half-points: one em for wide characters, half for others,
    each with ``spacing`` twips added."""
    em = size * 10
    wide = len(_WIDE.findall(text))
    return wide * em + (len(text) - wide) * em // 2 + len(text) * spacing


class _Page:
    """The running position: page number and height used on it, and the text block."""

    def __init__(self) -> None:
        self.number = 1
        self.used = 0
        self.height = 13000
        self.width = 8845

    def new(self) -> None:
        if self.used > 0:
            self.number += 1
            self.used = 0

    def place(self, height: int, splits: bool = True, line: int = 0) -> None:
        """Take ``height``; a block that cannot split moves whole to the next page when it does not fit."""
        if self.used + height <= self.height:
            self.used += height
            return
        if not splits or line <= 0:
            self.new()
            self.used = min(height, self.height)
            return
        room = max(0, (self.height - self.used) // line) * line
        rest = height - room
        self.number += 1 + max(0, (rest - 1) // self.height)
        self.used = rest - (rest - 1) // self.height * self.height if rest > 0 else 0


def _geometry(sect_pr: Any, page: _Page) -> None:
    if sect_pr is None:
        return
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    height, width = _int(size, "h", 16838), _int(size, "w", 11906)
    page.height = height - _int(margins, "top", 1440) - _int(margins, "bottom", 1440)
    page.width = width - _int(margins, "left", 1440) - _int(margins, "right", 1440)


_DIRECT = frozenset(_w(n) for n in ("spacing", "ind", "pageBreakBefore", "keepNext"))
"""Direct paragraph properties the estimate reads."""
_RUN_SIZE = f"{_w('r')}/{_w('rPr')}/{_w('sz')}"


def _paragraph_style(paragraph: Any, styles: dict[str, Style]) -> Style:
    """The paragraph's style, with its own spacing, indents, breaks and largest run size."""
    ppr = paragraph.find(_w("pPr"))
    style_element = ppr.find(_w("pStyle")) if ppr is not None else None
    style = styles.get(style_element.get(_VAL) if style_element is not None else "", styles[""])
    if ppr is not None and any(child.tag in _DIRECT for child in ppr):
        style = style.updated(ppr, None)
    sizes = [_int(s, "val") for s in paragraph.iterfind(_RUN_SIZE)]
    if sizes:
        return attrs.evolve(style, size=max(sizes))
    rpr = ppr.find(_w("rPr")) if ppr is not None else None
    if rpr is not None and rpr.find(_w("sz")) is not None and not _text(paragraph):
        style = style.updated(None, rpr)  # an empty paragraph's height is its mark's
    return style


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_w("t")))


def paragraph_height(paragraph: Any, style: Style, width: int) -> tuple[int, int]:
    """(height, line height) of a paragraph laid out ``width`` twips wide."""
    drawn = sum(_int_attr(extent, "cy") for extent in paragraph.iter(f"{{{WP}}}extent")) // EMU_PER_TWIP
    line = style.line_height
    text = _text(paragraph)
    room = max(1, width - style.left - style.right)
    lines = line_count(text, style, room) if text else 1
    if drawn:
        return style.before + drawn + style.after, 0
    return style.before + lines * line + style.after, line


_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%+\-/:]+|.", re.S)
"""What a line cannot break inside: a number or a Latin word (``152.80``, ``8.06%``); any other
character stands alone (CJK text breaks between any two characters)."""


def line_count(text: str, style: Style, room: int) -> int:
    """Lines ``text`` takes ``room`` twips wide after its first-line indent: filled token by token,
    so a number that does not fit at the end of a line starts the next one, as Word and LibreOffice
    set it."""
    total = text_width(text, style.size, style.spacing) + style.first_line
    if total <= room:
        return 1
    lines, used = 1, style.first_line
    em, half = style.size * 10 + style.spacing, style.size * 5 + style.spacing
    for token in _UNBREAKABLE.findall(text):
        width = len(token) * half if len(token) > 1 or token < "\u1100" else em
        if used + width > room and used > 0:
            lines += 1
            used = 0
        used += width
    return lines


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(name) or 0)
    except ValueError:
        return 0


def _table_rows(table: Any, styles: dict[str, Style]) -> list[tuple[int, bool]]:
    """(height, header) of each row of a table: its tallest cell's lines, in the style of the
    table's first cell paragraph (docgen's tables set one style for all their cells)."""
    grid = [_int(col, "w") for col in table.iterfind(f"{_w('tblGrid')}/{_w('gridCol')}")]
    first = table.find(f".//{_PSTYLE}")
    style = styles.get(first.get(_VAL) if first is not None else "", styles[""])
    line = style.before + style.line_height + style.after
    rows = []
    for row in table.iterfind(_w("tr")):
        lines, column = 1, 0
        for cell in row.iterfind(_TC):
            span = _int(cell.find(_GRID_SPAN), "val", 1)
            width = max(1, sum(grid[column:column + span]) - CELL_MARGINS) if grid else 2000
            column += span
            text = "".join(t.text or "" for t in cell.iter(_T))
            if text:
                lines = max(lines, math.ceil(text_width(text, style.size) / width))
        trpr = row.find(_w("trPr"))
        at_least = _int(trpr.find(_w("trHeight")) if trpr is not None else None, "val")
        header = trpr is not None and trpr.find(_w("tblHeader")) is not None
        rows.append((max(lines * line, at_least) + ROW_BORDERS, header))
    return rows


def _place_table(table: Any, styles: dict[str, Style], page: _Page) -> int:
    """Lay out a table's rows; returns the page its first row is on."""
    rows = _table_rows(table, styles)
    header = sum(h for h, is_header in rows if is_header)
    first = None
    for height, is_header in rows:
        if page.used + height > page.height and page.used > 0:
            page.new()
            page.used = header if not is_header else 0
        page.used += height
        first = page.number if first is None else first
    return first if first is not None else page.number


def estimate_pages(body: Any, styles: Any) -> dict[Any, int]:
    """The page (1 being the document's first) each top-level paragraph and table starts on."""
    resolved = styles_of(styles)
    page = _Page()
    pages: dict[Any, int] = {}
    children = [c for c in body if c.tag in (_P, _TBL)]
    sections = _sections(children, body.find(_w("sectPr")))
    measured = [_measure(c, resolved, _text_width(sect)) if c.tag == _P else None
                for c, sect in zip(children, sections)]
    for i, element in enumerate(children):
        if i == 0 or sections[i] is not sections[i - 1]:
            if i:
                page.new()  # a section starts on a new page (w:type nextPage)
            _geometry(sections[i], page)
        if element.tag == _TBL:
            pages[element] = _place_table(element, resolved, page)
            continue
        style, height, line = measured[i]
        if style.page_break:
            page.new()
        if style.keep_next and page.used + _kept(measured, i) > page.height:
            page.new()
        elif line and height - style.before - style.after >= 2 * line and page.height - page.used < 2 * line:
            page.new()  # no lone first line at the foot of a page (widow and orphan control)
        if page.used == 0:
            height -= style.before  # space before is dropped at the top of a page
        page.place(height, splits=line > 0, line=line)
        pages[element] = page.number - _pages_spanned(page, height)
        for br in element.iter(_w("br")):
            if br.get(_w("type")) == "page":
                page.new()
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


def _measure(paragraph: Any, styles: dict[str, Style], width: int) -> tuple[Style, int, int]:
    style = _paragraph_style(paragraph, styles)
    return (style, *paragraph_height(paragraph, style, width))


def _kept(measured: list, i: int) -> int:
    """The height a paragraph kept with the next needs on its page: itself, the paragraphs kept
    with it in a chain (headings over headings), and two lines of the paragraph they lead to."""
    needed = 0
    for entry in measured[i:]:
        if entry is None:  # a table: its first rows
            return needed + TABLE_START
        style, height, line = entry
        if not style.keep_next:
            return needed + (min(height, 2 * line) if line else height)
        needed += height
    return needed


def _pages_spanned(page: _Page, height: int) -> int:
    """How many pages back the block of ``height`` just placed started."""
    if page.used >= height:
        return 0
    return 1 + max(0, (height - page.used - 1) // page.height)
