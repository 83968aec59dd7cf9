"""A rendered body's paragraphs as the page estimate (:mod:`docgen.ooxml.pages`) sees them: each
paragraph's style, spacing, lines and drawn height (its tables: :mod:`docgen.ooxml.rows`).

One estimate reads a body of some 400 paragraphs, so each is read in one walk over its
properties and runs (a ``find`` goes through lxml's Python ElementPath), a paragraph style is
resolved once for each style and direct formatting the body uses, and a text is measured once
for each width it is set in. Nothing outlives the estimate.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .lines import line_count
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
CELL_MARGINS = 2 * CELL_MARGIN
"""A cell's left and right margins together (docgen's tables)."""
ROW_BORDERS = 10
"""A row's border (½ pt), twips."""


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _R, _T, _BR, _CR, _PPR, _RPR = (_w(n) for n in ("p", "r", "t", "br", "cr", "pPr", "rPr"))
_PSTYLE, _SZ, _RFONTS, _VAL, _TYPE, _EAST_ASIA = (_w(n) for n in ("pStyle", "sz", "rFonts", "val", "type", "eastAsia"))
_SECT_PR, _SPACING = _w("sectPr"), _w("spacing")
_EXTENT = f"{{{WP}}}extent"
_DIRECT = frozenset(_w(n) for n in ("spacing", "ind", "pageBreakBefore", "keepNext"))
"""Direct paragraph properties the estimate reads."""
_QUALIFIED: dict[str, str] = {}


def int_of(element: Any, attribute: str, default: int = 0) -> int:
    """``element``'s ``w:`` ``attribute`` as a whole number, ``default`` when the element or the
    attribute is missing or not a number."""
    if element is None:
        return default
    value = element.get(_QUALIFIED.get(attribute) or _QUALIFIED.setdefault(attribute, _w(attribute)))
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Style(NamedTuple):
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
        """This style under a ``w:pPr``'s and a ``w:rPr``'s properties (either may be None)."""
        changes: dict[str, Any] = {}
        size = self.size
        if rpr is not None:
            props = _first_children(rpr)
            changes["size"] = size = int_of(props.get(_SZ), "val", self.size)
            changes["spacing"] = int_of(props.get(_SPACING), "val", self.spacing)
            fonts = props.get(_RFONTS)
            if fonts is not None and fonts.get(_EAST_ASIA):
                changes["east_asia"] = fonts.get(_EAST_ASIA)
        if ppr is not None:
            changes.update(self._paragraph_properties(_first_children(ppr), size))
        return self._replace(**changes)

    def _paragraph_properties(self, props: dict[str, Any], size: int) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        spacing = props.get(_SPACING)
        if spacing is not None:
            if spacing.get(_w("line")) is not None:
                changes["line"] = int_of(spacing, "line", 240)
                changes["exact"] = spacing.get(_w("lineRule")) in ("exact", "atLeast")
            changes["before"] = int_of(spacing, "before", self.before)
            changes["after"] = int_of(spacing, "after", self.after)
        ind = props.get(_w("ind"))
        if ind is not None:
            chars = ind.get(_w("firstLineChars"))
            changes["first_line"] = (int(chars) * size * 10 // 100 if chars is not None
                                     else int_of(ind, "firstLine", self.first_line))
            changes["left"] = int_of(ind, "left", self.left)
            changes["right"] = int_of(ind, "right", self.right)
        for flag, tag in (("page_break", "pageBreakBefore"), ("keep_next", "keepNext")):
            element = props.get(_w(tag))
            if element is not None:
                changes[flag] = element.get(_VAL) not in ("0", "false")
        return changes

    @property
    def line_height(self) -> int:
        single = SINGLE_LINE.get(self.east_asia, AUTO_LINE)
        return self.line if self.exact else round(self.size * 10 * single * self.line / 240)


def _first_children(element: Any) -> dict[str, Any]:
    """The first child of each tag (as ``find`` gives it, in one pass)."""
    first: dict[str, Any] = {}
    for child in element:
        first.setdefault(child.tag, child)
    return first


class Styles:
    """Each paragraph style, resolved over ``w:basedOn`` from the document defaults when first
    asked for (a body uses a few of the 50 or so a document defines); ``""`` (and a style the
    document does not define) is the default paragraph style."""

    def __init__(self, styles: Any) -> None:
        defaults = styles.find(_w("docDefaults"))
        self.base = Style()
        if defaults is not None:
            self.base = self.base.updated(defaults.find(f"{_w('pPrDefault')}/{_PPR}"),
                                          defaults.find(f"{_w('rPrDefault')}/{_RPR}"))
        self._elements = {s.get(_w("styleId")): s for s in styles.iterchildren(_w("style"))
                          if s.get(_w("type")) == "paragraph"}
        self._resolved: dict[str | None, Style] = {}
        default = next((i for i, s in self._elements.items() if s.get(_w("default")) in ("1", "true")), None)
        self._resolved[""] = self._resolve(default) if default else self.base

    def __getitem__(self, style_id: str | None) -> Style:
        found = self._resolved.get(style_id)
        if found is None:
            found = self._resolve(style_id) if style_id in self._elements else self._resolved[""]
        return found

    def _resolve(self, style_id: str | None, depth: int = 0) -> Style:
        if style_id in self._resolved:
            return self._resolved[style_id]
        element = self._elements.get(style_id)
        if element is None or depth > 20:
            return self.base
        parent = element.find(_w("basedOn"))
        start = self._resolve(parent.get(_VAL), depth + 1) if parent is not None else self.base
        self._resolved[style_id] = start.updated(element.find(_PPR), element.find(_RPR))
        return self._resolved[style_id]


class TableRow(NamedTuple):
    """A table row as the page sees it: its height, whether it repeats as a header on each page,
    and whether it keeps with the next row (its cells' paragraphs keep with the next). (Named
    tuples: an estimate makes hundreds of rows and blocks.)"""

    height: int
    header: bool = False
    keep_next: bool = False


class Block(NamedTuple):
    """A paragraph as the page sees it: space before, lines of ``line`` twips (0 for a drawing),
    drawn height, space after, whether a page break (``w:br w:type="page"``) follows it; a table
    as its rows."""

    before: int = 0
    lines: int = 0
    line: int = 0
    drawn: int = 0
    after: int = 0
    keep_next: bool = False
    page_break: bool = False
    rows: tuple[TableRow, ...] | None = None
    break_after: bool = False

    @property
    def body(self) -> int:
        return self.lines * self.line + self.drawn

    @property
    def splits(self) -> bool:
        return self.line > 0 and not self.drawn

    @property
    def height(self) -> int:
        return self.before + self.body + self.after


def text_lines(text: str, room: int, style: Style) -> int:
    """Lines of ``text`` set in ``style`` ``room`` twips wide, each line break starting one."""
    if "\n" not in text:
        return line_count(text, style.size, room, style.spacing, style.first_line)
    return sum(line_count(piece, style.size, room, style.spacing, style.first_line if i == 0 else 0)
               for i, piece in enumerate(text.split("\n")))


def _key(element: Any) -> tuple:
    """A property element's identity for the estimate: its tag and attributes."""
    return element.tag, tuple(element.items())


class Reader:
    """Lays one body's paragraphs out as :class:`Block` s, in ``styles``: each style and direct
    formatting resolved once, each text measured once for each width."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._styles: dict[tuple, Style] = {}
        self._lines: dict[tuple, int] = {}

    def lines(self, text: str, style: Style, room: int) -> int:
        key = (text, style.size, style.spacing, style.first_line, room)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = text_lines(text, room, style)
        return found

    def paragraph(self, read: ParagraphRead, width: int) -> Block:
        """A paragraph laid out ``width`` twips wide."""
        style = self.style(read)
        drawn = read.drawn // EMU_PER_TWIP
        lines = self.lines(read.text, style, max(1, width - style.left - style.right)) if not drawn else 0
        return Block(style.before, lines, style.line_height if not drawn else 0, drawn, style.after, style.keep_next,
                     style.page_break, None, read.page_break_after)

    def style(self, read: ParagraphRead) -> Style:
        """The paragraph's style, with its own spacing, indents, breaks and largest run size."""
        mark = read.mark if not read.sizes and read.mark is not None and not read.text else None
        key = (read.style_id, tuple(read.direct), read.east_asia, max(read.sizes, default=None),
               tuple(map(_key, mark)) if mark is not None else None)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._style(read, read.style_id, bool(read.direct), mark)
        return style

    def _style(self, read: ParagraphRead, style_id: str | None, direct: bool, mark: Any) -> Style:
        style = self.styles[style_id]
        if direct:
            style = style.updated(read.ppr, None)
        if read.east_asia:
            style = style._replace(east_asia=read.east_asia)
        if read.sizes:
            return style._replace(size=max(read.sizes))
        return style.updated(None, mark) if mark is not None else style  # an empty paragraph's height is its mark's


class ParagraphRead:
    """What a walk over a paragraph finds: its ``w:pPr``, style, direct properties, mark's run
    properties when they set a size and the section it ends (``w:sectPr``); its text (a line
    break, ``w:br`` or ``w:cr``, or a paragraph within it a new line), drawn height (EMU), its own
    runs' sizes and the first run fonts' East Asian font, and whether a page break follows it. A
    paragraph is mostly its properties and a run or two: their children are walked, and only
    what else it holds (a drawing, a link) is searched through."""

    __slots__ = ("ppr", "style_id", "direct", "mark", "section_end", "text", "drawn", "sizes", "east_asia",
                 "page_break_after", "_parts", "_fonts")

    def __init__(self, paragraph: Any) -> None:
        self.ppr, self.style_id, self.direct, self.mark, self.section_end = None, "", [], None, None
        self.drawn, self.sizes, self.east_asia, self.page_break_after, self._fonts = 0, [], None, False, False
        self._parts: list[str] = []
        for child in paragraph:
            tag = child.tag
            if tag == _R:
                self._run(child)
            elif tag == _PPR:
                if self.ppr is None:
                    self._properties(child)
            elif len(child):
                self._search(child)
        self.text = "".join(self._parts)

    def _properties(self, ppr: Any) -> None:
        self.ppr = ppr
        styled, marked = False, False
        for child in ppr:
            tag = child.tag
            if tag == _PSTYLE:
                if not styled:
                    styled, self.style_id = True, child.get(_VAL)
            elif tag in _DIRECT:
                self.direct.append(_key(child))
            elif tag == _SECT_PR:
                self.section_end = self.section_end if self.section_end is not None else child
            elif tag == _RPR and not marked:  # the first: the mark's
                marked = True
                if any(prop.tag == _SZ for prop in child):
                    self.mark = child

    def _run(self, run: Any) -> None:
        for child in run:
            tag = child.tag
            if tag == _T:
                self._parts.append(child.text or "")
            elif tag == _RPR:
                for prop in child:
                    if prop.tag == _SZ:
                        self.sizes.append(int_of(prop, "val"))
                    elif prop.tag == _RFONTS and not self._fonts:
                        self._fonts, self.east_asia = True, prop.get(_EAST_ASIA)
            elif tag == _BR or tag == _CR:
                self._break(child, tag)
            elif len(child):
                self._search(child)

    def _search(self, element: Any) -> None:
        """Text, line breaks, paragraphs and drawings anywhere within ``element``."""
        parts = self._parts
        for child in element.iter(_T, _BR, _CR, _P, _EXTENT):
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _P:
                if parts:
                    parts.append("\n")
            elif tag == _EXTENT:
                self.drawn += _int_attr(child, "cy")
            else:
                self._break(child, tag)

    def _break(self, element: Any, tag: str) -> None:
        kind = element.get(_TYPE)
        if kind is None or kind == "textWrapping":
            self._parts.append("\n")
        elif kind == "page" and tag == _BR:
            self.page_break_after = True


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(name) or 0)
    except ValueError:
        return 0
