"""Word tables written as OOXML: real merges, borders, repeated header rows, fitted widths.

A table is described as plain data (:class:`Table` of :class:`Row` of :class:`Cell`) and turned
into one ``<w:tbl>`` element by :func:`table_xml`. Placed in a template with ``{{p name }}``,
an object whose ``__html__`` returns that XML replaces the paragraph that holds the tag.

Borders, widths and layout are set on each table: single borders on every cell, fixed layout
with the given column widths, text wrapped inside cells. What every cell paragraph repeats — free
of the body's first-line indent and exact line spacing, the table's font and size — is a
paragraph style per font (``DocgenCell…``, based on the document's default paragraph style),
added to the document's styles when a rendered body uses it (:func:`add_cell_styles`): a cell
carries only its text, its alignment when not centred, and bold when bold. A report's
thousands of cells would otherwise repeat the same ~400 bytes each, and every pass over the
body (parse, save, the self-check) would read them.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal
from .xmltext import escape, escape_attribute

from attrs import field, frozen

TEXT_BLOCK_TWIPS = 8845
"""GB/T 9704 text block width: 156 mm."""
LANDSCAPE_TEXT_BLOCK_TWIPS = 12756
"""The text block of a landscape A4 page with the same margins: 225 mm."""

CELL_MARGIN = 57
"""A cell's left and right margin, twips (1 mm)."""
Align = Literal["left", "center", "right", "both"]
VMerge = Literal["restart", "continue"]


@frozen
class Font:
    """Font of a table's text: East Asian family, Latin family, size in half-points."""

    east_asia: str = "宋体"
    latin: str = "Times New Roman"
    half_points: int = 21
    """五号 = 10.5 pt."""
    line: int = 0
    """An exact line height, twips (固定值); 0 for single spacing, which a CJK font sets tall."""


@frozen
class Cell:
    text: str = ""
    span: int = 1
    """Grid columns this cell covers (``w:gridSpan``)."""
    vmerge: VMerge | None = None
    """``restart`` opens a vertical merge; ``continue`` cells below it join it (their text is ignored)."""
    align: Align = "center"
    bold: bool = False


@frozen
class Row:
    cells: tuple[Cell, ...]
    header: bool = False
    """Repeated at the top of every page the table runs onto (``w:tblHeader``)."""
    keep_with_next: bool = False
    """Keep this row on the same page as the next one."""


@frozen
class Table:
    widths: tuple[int, ...]
    """Column widths in twips; their sum is the table's width."""
    rows: tuple[Row, ...] = field()
    font: Font = Font()

    @rows.validator
    def _cover_the_grid(self, _attribute, rows) -> None:
        for i, row in enumerate(rows):
            covered = sum(cell.span for cell in row.cells)
            if covered != len(self.widths):
                raise ValueError(f"row {i} covers {covered} grid columns, the table has {len(self.widths)}")


def fit_widths(weights: Sequence[float], total: int = TEXT_BLOCK_TWIPS) -> tuple[int, ...]:
    """Column widths proportional to ``weights`` that add up exactly to ``total`` twips."""
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return tuple(widths)


@lru_cache(maxsize=64)
def _run_properties(font: Font, bold: bool) -> str:
    return (f'<w:rPr><w:rFonts w:ascii="{font.latin}" w:hAnsi="{font.latin}" w:eastAsia="{font.east_asia}"/>'
            + ("<w:b/>" if bold else "")
            + f'<w:sz w:val="{font.half_points}"/><w:szCs w:val="{font.half_points}"/></w:rPr>')


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CELL_STYLE_PREFIX = "DocgenCell"
_CELL_STYLES: dict[str, Font] = {}
"""Each cell style id handed out, and its font (ids follow from the font: the same in every process)."""
_CELL_PARAGRAPH = ('<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                   '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>')


@lru_cache(maxsize=64)
def cell_style_id(font: Font) -> str:
    """The id of the paragraph style of text in ``font`` (see :func:`add_cell_styles`)."""
    key = f"{font.east_asia}|{font.latin}|{font.half_points}{f'|{font.line}' if font.line else ''}".encode("utf-8")
    style_id = f"{CELL_STYLE_PREFIX}{zlib.crc32(key):08X}"
    _CELL_STYLES[style_id] = font
    return style_id


def cell_style_xml(style_id: str, font: Font, based_on: str | None) -> str:
    """``<w:style>`` of a cell paragraph: no indent, single spacing (or the font's exact line) off
    the grid, centred, ``font``."""
    base = f'<w:basedOn w:val="{escape_attribute(based_on)}"/>' if based_on else ""
    name = escape_attribute(f"docgen 表格文字 {font.east_asia} {font.half_points / 2:g}"
                            + (f" 行距{font.line / 20:g}" if font.line else ""))
    paragraph = (_CELL_PARAGRAPH.replace('w:line="240" w:lineRule="auto"', f'w:line="{font.line}" w:lineRule="exact"')
                 if font.line else _CELL_PARAGRAPH)
    return (f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{base}<w:pPr>{paragraph}</w:pPr>'
            f"{_run_properties(font, False)}</w:style>")


def missing_cell_styles(styles: Any, body_xml: str) -> tuple[str, ...]:
    """The cell paragraph styles ``body_xml`` (a rendered body) uses that ``styles`` (a python-docx
    ``w:styles`` element) lacks, in the order :func:`add_cell_styles` adds them."""
    return tuple(style_id for style_id in _CELL_STYLES
                 if f'"{style_id}"' in body_xml and styles.get_by_id(style_id) is None)


def add_cell_styles(styles: Any, style_ids: Sequence[str]) -> None:
    """Add the cell paragraph styles ``style_ids`` to ``styles`` (a python-docx ``w:styles`` element)."""
    from docx.oxml import parse_xml

    default = styles.xpath('w:style[@w:type="paragraph" and (@w:default="1" or @w:default="true")]/@w:styleId')
    for style_id in style_ids:
        styles.append(parse_xml(cell_style_xml(style_id, _CELL_STYLES[style_id], default[0] if default else None)))


_BOLD_RUN = "<w:rPr><w:b/></w:rPr>"


def paragraph_xml(text: str, font: Font, align: Align = "center", bold: bool = False,
                  keep_with_next: bool = False) -> str:
    """A paragraph free of the body's indent and exact spacing (cells and table titles), in the
    cell style of ``font``."""
    return _paragraph(text, cell_style_id(font), align, bold, keep_with_next)


def _paragraph(text: str, style_id: str, align: Align, bold: bool, keep_with_next: bool) -> str:
    if "\n" not in text:  # nearly every cell: one run
        return f"{_one_run_start(style_id, align, bold, keep_with_next)}{escape(text)}{_ONE_RUN_END}"
    keep = "<w:keepNext/>" if keep_with_next else ""
    jc = "" if align == "center" else f'<w:jc w:val="{align}"/>'
    ppr = f'<w:pPr><w:pStyle w:val="{style_id}"/>{keep}{jc}</w:pPr>'
    rpr = _BOLD_RUN if bold else ""
    runs = f"<w:r>{rpr}<w:br/></w:r>".join(
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in text.split("\n"))
    return f"<w:p>{ppr}{runs}</w:p>"


def _one_run_start(style_id: str, align: Align, bold: bool, keep_with_next: bool) -> str:
    """A paragraph of one run up to its text (:data:`_ONE_RUN_END` closes it)."""
    keep = "<w:keepNext/>" if keep_with_next else ""
    jc = "" if align == "center" else f'<w:jc w:val="{align}"/>'
    rpr = _BOLD_RUN if bold else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{jc}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">'


_ONE_RUN_END = "</w:t></w:r></w:p>"


def block_paragraph_xml(text: str, font: Font, align: Align = "left", bold: bool = False, *,
                        keep_with_next: bool = False, page_break_before: bool = False,
                        right_tab: int | None = None, space_before: int = 0, space_after: int = 0,
                        sect_pr: str = "", outline_level: int | None = None) -> str:
    """A paragraph around a table (its title, number, unit line, note), free of the body's indent
    and exact spacing.

    A tab character in ``text`` jumps to a right-aligned tab stop at ``right_tab`` twips (the
    text block's width puts what follows it flush right: ``编制单位：…\t单位：万元``). ``sect_pr``
    (a ``<w:sectPr>``, see :mod:`docgen.ooxml.sections`) makes the paragraph end a section.
    ``outline_level`` (0 for a part, 1 for a section) lists it in the navigation pane and the 目录.
    """
    keep = "<w:keepNext/>" if keep_with_next else ""
    page = "<w:pageBreakBefore/>" if page_break_before else ""
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>' if right_tab else ""
    ppr = (f"<w:pPr>{keep}{page}{tabs}<w:snapToGrid w:val=\"0\"/>"
           f'<w:spacing w:before="{space_before}" w:after="{space_after}" w:line="240" w:lineRule="auto"/>'
           '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
           f'<w:jc w:val="{align}"/>'
           + (f'<w:outlineLvl w:val="{outline_level}"/>' if outline_level is not None else "")
           + f"{_run_properties(font, bold)}{sect_pr}</w:pPr>")
    runs = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            runs.append(f"<w:r>{_run_properties(font, bold)}<w:tab/></w:r>")
        if piece:
            runs.append(f'<w:r>{_run_properties(font, bold)}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


_CELL_END = _ONE_RUN_END + "</w:tc>"
_MERGES = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}


def _rows_xml(rows: Sequence[Row], widths: Sequence[int], style_id: str) -> str:
    """The ``<w:tr>`` of each row. A report has thousands of cells and a few kinds of them: each
    cell's properties and its paragraph's are written once per kind (width, span, merge; alignment,
    bold, kept with the next row), then reused."""
    properties: dict[tuple[int, int, str | None], str] = {}
    starts: dict[tuple[str, bool, bool], str] = {}
    out = []
    for row in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if row.header
                   else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        keep, column = row.keep_with_next, 0
        for cell in row.cells:
            span, vmerge = cell.span, cell.vmerge
            key = (column, span, vmerge)
            tc_pr = properties.get(key)
            if tc_pr is None:
                width = sum(widths[column:column + span])
                grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                tc_pr = properties[key] = (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{_MERGES[vmerge]}'
                                           '<w:vAlign w:val="center"/></w:tcPr>')
            column += span
            text = "" if vmerge == "continue" else cell.text
            if "\n" in text:
                out += (tc_pr, _paragraph(text, style_id, cell.align, cell.bold, keep), "</w:tc>")
                continue
            look = (cell.align, cell.bold, keep)
            start = starts.get(look)
            if start is None:
                start = starts[look] = _one_run_start(style_id, *look)
            out += (tc_pr, start, escape(text), _CELL_END)
        out.append("</w:tr>")
    return "".join(out)


_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def table_xml(table: Table) -> str:
    """The ``<w:tbl>`` element of ``table`` (namespace prefixes as in the document part)."""
    width = sum(table.widths)
    tblpr = (f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
             f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
             f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
             f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000"/></w:tblPr>')
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in table.widths) + "</w:tblGrid>"
    style_id = cell_style_id(table.font)
    return f"<w:tbl>{tblpr}{grid}{_rows_xml(table.rows, table.widths, style_id)}</w:tbl>"


def captioned_table_xml(table: Table, caption: str, description: str = "") -> str:
    """:func:`table_xml` with a title (``w:tblCaption``, Word's alternative-text title) and an
    optional description: screen readers announce it, and code can find the table by it."""
    xml = table_xml(table)
    alt = f'<w:tblCaption w:val="{escape_attribute(caption)}"/>'
    if description:
        alt += f'<w:tblDescription w:val="{escape_attribute(description)}"/>'
    # w:tblCaption and w:tblDescription are the last children of w:tblPr.
    return xml.replace("</w:tblPr>", alt + "</w:tblPr>", 1)


def vertical_groups(values: Sequence[str]) -> list[VMerge | None]:
    """Merge markers for a column: consecutive equal values merge (``restart`` then ``continue``)."""
    markers: list[VMerge | None] = []
    for i, value in enumerate(values):
        if i and value == values[i - 1]:
            markers.append("continue")
            if markers[i - 1] is None:
                markers[i - 1] = "restart"
        else:
            markers.append(None)
    return markers
