"""The page estimate behind the 目录's numbers, on bodies whose pages can be counted by hand: the
master's 22 lines of 28 characters, page breaks, headings kept with what follows."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from conftest import ROOT
from docgen.ooxml.pages import estimate_pages, text_width

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
