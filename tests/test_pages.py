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
from docgen.ooxml.rows import table_rows
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
    rows = table_rows(element, blocks.Styles(document.styles.element))
    pages_module._place_table(rows, page)
    return page.number


def test_a_page_holds_whole_grid_lines_and_a_table_its_rows_borders_and_top_border():
    """Measured: LibreOffice's text area is 22 lines of the master's 579-twip grid (12738 of the
    12756 twips), a 五号 宋体 row 15.6 pt (its 15.1 pt line and ½ pt border), the table's top border
    ½ pt: a header and 38 rows fit under a 560-twip paragraph, not under a 564-twip one."""
    assert _last_row_page(560, 38) == 1
    assert _last_row_page(564, 38) == 2


# What the reader takes from a body's XML (docgen/ooxml/blocks.py), on hand-made paragraphs and tables.
W_NS = nsdecls("w", "wp")


def _styles():
    return blocks.Styles(docx.Document(str(MASTER)).styles.element)


def _rows(inner: str, grid: str = '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'):
    table = parse_xml(f"<w:tbl {W_NS}>{grid}{inner}</w:tbl>")
    return table_rows(table, _styles())


def _cell(*paragraphs: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>" + "".join(f"<w:p>{p}</w:p>" for p in paragraphs) + "</w:tc>"


def _run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def test_a_row_is_as_tall_as_its_cell_of_most_lines():
    one, two, three = _rows("<w:tr>" + _cell(_run("一")) + _cell(_run("二")) + "</w:tr>"
                            "<w:tr>" + _cell(_run("一"), _run("二")) + _cell(_run("三")) + "</w:tr>"
                            "<w:tr>" + _cell(_run("一") + "<w:r><w:br/><w:t>二</w:t><w:br/><w:t>三</w:t></w:r>")
                            + _cell() + "</w:tr>")
    line = two.height - one.height
    assert line > 0 and three.height - one.height == 2 * line  # two paragraphs; a paragraph of three lines


def test_a_table_in_a_cell_adds_its_text_to_the_cell_and_its_rows_are_not_the_tables():
    nested = f"<w:tbl><w:tr>{_cell(_run('甲'), _run('乙'))}</w:tr><w:tr>{_cell(_run('丙'))}</w:tr></w:tbl>"
    plain, holding = _rows("<w:tr>" + _cell(_run("一")) + "</w:tr>"
                           f"<w:tr><w:tc><w:tcPr/>{nested}<w:p>{_run('丁')}</w:p></w:tc></w:tr>")
    assert holding.height > plain.height  # its four paragraphs: four lines


def test_rows_and_cells_in_a_content_control_are_not_read():
    long = _run("一" * 60)
    wrapped_cell = "<w:tr>" + _cell(_run("一")) + f"<w:sdt><w:sdtContent>{_cell(long)}</w:sdtContent></w:sdt></w:tr>"
    wrapped_row = f"<w:sdt><w:sdtContent><w:tr>{_cell(long)}</w:tr></w:sdtContent></w:sdt>"
    plain_row = "<w:tr>" + _cell(_run("一")) + "</w:tr>"
    plain, wrapped_cell, before_wrapped_row = _rows(plain_row + wrapped_cell + plain_row + wrapped_row)
    assert wrapped_cell.height == before_wrapped_row.height == plain.height  # and the wrapped row is no row


def test_a_cell_spanning_columns_is_as_wide_as_they():
    text = _run("一" * 12)  # 五号: 2520 twips, wider than a column of 2000 and narrower than two
    spanning, alone = _rows("<w:tr>" + _cell(text, props='<w:gridSpan w:val="2"/>') + "</w:tr>"
                            "<w:tr>" + _cell(text) + _cell() + "</w:tr>")
    assert alone.height > spanning.height


def test_a_rows_height_header_and_keep_come_from_its_own_properties_and_first_cell():
    kept = '<w:pPr><w:keepNext/></w:pPr>'
    high, header, keeps, later = _rows(
        '<w:tr><w:trPr><w:trHeight w:val="2000"/></w:trPr>' + _cell(_run("一")) + "</w:tr>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + _cell(_run("一")) + "</w:tr>"
        "<w:tr>" + _cell(kept + _run("一")) + _cell(_run("二")) + "</w:tr>"
        "<w:tr>" + _cell(_run("一")) + _cell(kept + _run("二")) + "</w:tr>")
    assert high.height == 2000 + blocks.ROW_BORDERS and not high.header and not high.keep_next
    assert header.header and not header.keep_next
    assert keeps.keep_next and not later.keep_next  # only the first cell's paragraph says so


SINGLE = '<w:spacing w:line="240" w:lineRule="auto"/>'
"""Single spacing: a line as tall as its font is large (the master's body text is spaced exactly)."""


def _paragraph(inner: str, width: int = 8845):
    reader = blocks.Reader(_styles())
    return reader.paragraph(blocks.ParagraphRead(parse_xml(f"<w:p {W_NS}>{inner}</w:p>")), width)


def test_a_paragraph_reads_its_links_breaks_drawings_and_largest_run():
    plain = _paragraph(_run("一"))
    linked = _paragraph(f'<w:hyperlink w:anchor="x">{_run("一" * 60)}</w:hyperlink>')
    assert linked.lines > plain.lines == 1  # a link's text is the paragraph's
    assert _paragraph(_run("一") + '<w:r><w:br/><w:t>二</w:t></w:r>').lines == 2
    assert _paragraph(_run("一") + '<w:r><w:br w:type="page"/></w:r>').break_after
    drawn = _paragraph('<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="635000"/></wp:inline></w:drawing></w:r>')
    assert drawn.drawn == 1000 and drawn.lines == 0
    single = _paragraph(f"<w:pPr>{SINGLE}</w:pPr>" + _run("一"))
    larger = _paragraph(f'<w:pPr>{SINGLE}</w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>一</w:t></w:r>' + _run("二"))
    assert larger.line > single.line  # the largest run sets the line


def test_an_empty_paragraph_is_as_tall_as_its_mark():
    marked = f'<w:pPr>{SINGLE}<w:rPr><w:sz w:val="44"/></w:rPr></w:pPr>'
    assert _paragraph(marked).line > _paragraph(f"<w:pPr>{SINGLE}</w:pPr>").line
    assert _paragraph(marked + _run("一")).line == _paragraph(f"<w:pPr>{SINGLE}</w:pPr>" + _run("一")).line
