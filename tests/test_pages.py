"""The page estimate behind the 目录's numbers, on bodies whose pages can be counted by hand: the
master's 22 lines of 28 characters, page breaks, headings kept with what follows, and the rules
of line breaking, spacing and widow control as LibreOffice 7.4 applies them (measured there)."""

from __future__ import annotations

import math

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import ROOT
from docgen.ooxml import blocks
from docgen.ooxml import pages as pages_module
from docgen.ooxml.lines import AUTOSPACE, line_count
from docgen.ooxml.pages import estimate_pages, text_width
from docgen.ooxml.tables import TEXT_BLOCK_TWIPS as BODY_WIDTH
from docgen.ooxml.tables import Cell, Row, Table, add_cell_styles, cell_style_id, table_xml

MASTER = ROOT / "templates" / "base" / "report.docx"
LINE = "一" * 26
"""A one-line body paragraph: 26 characters of 三号 after the two-character indent (28 a line)."""


def body_of(*paragraphs: tuple[str, str, bool]):
    """A document on the master's page holding ``(text, style, page break before)`` paragraphs."""
    document = docx.Document(str(MASTER))
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    for text, style, page_break in paragraphs:
        paragraph = document.add_paragraph(text, style=style)
        paragraph.paragraph_format.page_break_before = page_break or None
    return document


def pages(document) -> list[int]:
    found = estimate_pages(document.element.body, document.styles.element)
    return [found[p._p] for p in document.paragraphs]


def test_twenty_two_body_lines_fill_a_page():
    document = body_of(*[(LINE, "Normal", False)] * 23)
    assert pages(document) == [1] * 22 + [2]


def test_a_paragraph_of_two_lines_and_a_page_break():
    document = body_of((LINE + "一" * 28, "Normal", False), ("正文", "Normal", True), ("正文", "Normal", False))
    assert pages(document) == [1, 2, 2]


def test_a_heading_at_the_foot_of_a_page_moves_with_its_text():
    document = body_of(*[(LINE, "Normal", False)] * 21, ("一、标题", "Heading 2", False), (LINE * 3, "Normal", False))
    assert pages(document)[-2:] == [2, 2]


def test_widths_count_an_em_for_chinese_and_half_for_digits():
    assert text_width("收入", 32) == 640 and text_width("12", 32) == 320
    assert text_width("“三公”", 32) == 4 * 320


# Measured with LibreOffice 7.4 on the master's body text (三号, 28 characters a line):
def lines_of(text: str) -> int:
    return line_count(text, 32, BODY_WIDTH, spacing=-6)


def test_latin_characters_take_times_new_roman_widths():
    assert text_width("1304.50", 32) == 6 * 160 + 80  # a digit half an em, the point a quarter
    assert text_width("%", 32) == round(320 * 0.833)


def test_an_ideograph_and_a_digit_beside_it_are_spaced_apart():
    assert text_width("一2", 32) == math.ceil(320 + 160 + 320 * AUTOSPACE / 1000)
    assert text_width("，2", 32) == 320 + 160  # not beside punctuation
    assert lines_of("一" * 26 + "12") == 1 and lines_of("一" * 27 + "12") == 2  # 27 ideographs, the space, 12: too wide


def test_sentence_punctuation_hangs_after_an_ideograph_and_closing_brackets_pull_it_down():
    assert lines_of("一" * 28 + "，") == 1 and lines_of("一" * 28 + "。") == 1
    assert lines_of("一" * 27 + "1，") == 2  # after a number the comma does not hang: both go down
    assert lines_of("一" * 28 + "）") == 2 and lines_of("一" * 28 + "”") == 2
    assert lines_of("一" * 27 + "（二") == 2  # an opening bracket never ends a line


def test_a_number_is_never_split_over_two_lines():
    assert lines_of("一" * 26 + "1.5万元") == 2


def test_a_paragraph_of_three_lines_does_not_split_and_a_longer_one_leaves_two_on_each_page():
    three = LINE + "一" * 28 + "一" * 10
    assert pages(body_of(*[(LINE, "Normal", False)] * 20, (three, "Normal", False)))[-1] == 2  # 2 + 1 would split
    assert pages(body_of(*[(LINE, "Normal", False)] * 21, (three, "Normal", False)))[-1] == 2  # 1 + 2 too
    four = three + "一" * 18
    assert pages(body_of(*[(LINE, "Normal", False)] * 19, (four, "Normal", False), ("后", "Normal", False)))[-2:] == [1, 2]


def test_space_before_is_dropped_at_a_page_top_the_text_flowed_onto_and_kept_after_a_page_break():
    flowed = body_of(*[(LINE, "Normal", False)] * 22, ("标题", "Heading 1", False), *[(LINE, "Normal", False)] * 21)
    assert pages(flowed)[-22:] == [2] * 22
    broken = body_of(("正文", "Normal", False), ("标题", "Heading 1", True), *[(LINE, "Normal", False)] * 21)
    assert pages(broken)[-1] == 3


def _last_row_page(space: int, rows: int) -> int:
    """The page the last row of a table lands on, on the master's page under a paragraph ``space``
    twips high: a header row and ``rows`` rows of 五号 宋体 cells."""
    document = docx.Document(str(MASTER))
    cells = lambda *texts: tuple(Cell(t) for t in texts)  # noqa: E731
    table = Table((1000, 3000, 1500, 1500), (Row(cells("编码", "名称", "金额", "合计"), header=True),)
                  + tuple(Row(cells(str(i), f"第{i}行名称", "1.00", "2.00")) for i in range(rows)))
    element = parse_xml(table_xml(table).replace("<w:tbl>", f'<w:tbl {nsdecls("w")}>', 1))
    add_cell_styles(document.styles.element, [cell_style_id(table.font)])
    page = pages_module._Page()
    pages_module._geometry(document.element.body.find(qn("w:sectPr")), page)
    page.take(space)
    rows = blocks.Reader(blocks.Styles(document.styles.element)).table_rows(element)
    pages_module._place_table(rows, page)
    return page.number


def test_a_page_holds_whole_grid_lines_and_a_table_its_rows_borders_and_top_border():
    """Measured: LibreOffice's text area is 22 lines of the master's 579-twip grid (12738 of the
    12756 twips), a 五号 宋体 row 15.6 pt (its 15.1 pt line and ½ pt border), the table's top border
    ½ pt: a header and 38 rows fit under a 560-twip paragraph, not under a 564-twip one."""
    assert _last_row_page(560, 38) == 1
    assert _last_row_page(564, 38) == 2
