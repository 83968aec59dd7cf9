"""The body read back in one pass (docgen.ooxml.reading) reads what a paragraph-by-paragraph reading
of the bytes reads, and the tables cell by cell as their tree holds them."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import docgen
from conftest import REFERENCE_FIXTURE, ROOT
from docgen import selfcheck
from docgen.ooxml.contents import CONTENTS_LINE
from docgen.ooxml.reading import read_body
from docgen.render import Rendered, render_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:(br|cr|tab)\b[^>]*/>")
_BREAKS = {"br": "\n", "cr": "\n", "tab": "\t"}


def _paragraph_by_paragraph(xml: bytes) -> list[tuple[int, str]]:
    """(number, text) of the paragraphs as the self-check read them before: the bytes cut at each
    </w:p>, each piece searched for its texts."""
    found = []
    for number, segment in enumerate(xml.split(b"</w:p>"), 1):
        if b"<w:t" not in segment or CONTENTS_LINE.encode() in segment:
            continue
        text = "".join(t or _BREAKS[b] for t, b in _TEXT.findall(segment.decode("utf-8")) if t or b)
        if text:
            found.append((number, html.unescape(text) if "&" in text else text))
    return found


def _tree_tables(root) -> list[tuple[str, list[list[str]]]]:
    """Every table's caption and rows of cell texts, from the tree (tables not nested)."""
    def text(cell):
        return "".join(t.text or "" for t in cell.iter(_W + "t"))

    tables = []
    for tbl in root.iter(_W + "tbl"):
        caption = tbl.find(f"{_W}tblPr/{_W}tblCaption")
        tables.append((caption.get(_W + "val", "") if caption is not None else "",
                       [[text(tc) for tc in tr.iter(_W + "tc")] for tr in tbl.iter(_W + "tr")]))
    return tables


def _read(xml: bytes):
    body = read_body(xml)
    return list(zip(body.numbers, body.paragraphs)), [(t.caption, t.rows) for t in body.tables]


@pytest.mark.parametrize("fixture, region", [(ROOT / "fixtures" / "complete-department-2024.json", "sichuan"),
                                             (REFERENCE_FIXTURE, "sichuan-2020"),
                                             (ROOT / "fixtures" / "shanghai-department-2024.json", "shanghai")],
                         ids=["complete", "reference", "shanghai"])
def test_a_rendered_body_reads_as_paragraph_by_paragraph_and_as_its_tree(fixture, region):
    prepared = docgen.prepare(fixture, region)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    xml = rendered.parts["word/document.xml"]
    paragraphs, tables = _read(xml)
    assert paragraphs == _paragraph_by_paragraph(xml)
    assert tables == _tree_tables(rendered.tree("word/document.xml"))
    assert any(caption for caption, _ in tables) and sum(len(rows) for _, rows in tables) > 50


# Generated bodies --------------------------------------------------------------------------------

_CHARS = st.text(alphabet="ab1.2万元年&<>\"' \t\n\r", max_size=6)
_ITEMS = st.lists(st.one_of(st.tuples(st.just("t"), _CHARS), st.sampled_from([("br",), ("cr",), ("tab",), ("t", "")])),
                  max_size=4)
_PARAGRAPHS = st.tuples(st.sampled_from([None, None, "TOC1", "Heading1"]), _ITEMS).map(lambda p: ("p", *p))


def _tables(blocks):
    cell = st.lists(blocks, min_size=1, max_size=2)
    caption = st.one_of(st.none(), st.just(False), _CHARS)  # False: no table properties at all
    return st.tuples(st.just("tbl"), caption,
                     st.lists(st.lists(cell, min_size=1, max_size=3), max_size=3))


_BLOCKS = st.recursive(_PARAGRAPHS, lambda blocks: st.one_of(_PARAGRAPHS, _tables(blocks)), max_leaves=12)


def _element(block):
    if block[0] == "p":
        _, style, items = block
        p = etree.Element(_W + "p")
        if style:
            etree.SubElement(etree.SubElement(p, _W + "pPr"), _W + "pStyle").set(_W + "val", style)
        for item in items:
            run = etree.SubElement(p, _W + "r")
            if item[0] == "t":
                etree.SubElement(run, _W + "t").text = item[1]
            else:
                etree.SubElement(run, _W + item[0])
        return p
    _, caption, rows = block
    tbl = etree.Element(_W + "tbl")
    if caption is not False:
        properties = etree.SubElement(tbl, _W + "tblPr")
        etree.SubElement(etree.SubElement(properties, _W + "tblBorders"), _W + "top").set(_W + "val", "single")
        if caption is not None:
            etree.SubElement(properties, _W + "tblCaption").set(_W + "val", caption)
    for row in rows:
        tr = etree.SubElement(tbl, _W + "tr")
        for cell in row:
            tc = etree.SubElement(tr, _W + "tc")
            etree.SubElement(etree.SubElement(tc, _W + "tcPr"), _W + "tcW").set(_W + "w", "100")
            tc.extend(_element(inner) for inner in cell)
    return tbl


def _texts(block) -> str:
    """A block's w:t texts run together."""
    if block[0] == "p":
        return "".join(item[1] for item in block[2] if item[0] == "t")
    return "".join(_texts(inner) for row in block[2] for cell in row for inner in cell)


def _expected_tables(blocks) -> list[tuple[str, list[list[str]]]]:
    """Each table in the order it starts, its rows of cell texts: a nested table is a table of its
    own, and its texts are the outer cell's too."""
    found = []
    for block in blocks:
        if block[0] == "tbl":
            _, caption, rows = block
            found.append((caption or "", [["".join(_texts(inner) for inner in cell) for cell in row] for row in rows]))
            found += _expected_tables(inner for row in rows for cell in row for inner in cell)
    return found


def _body(blocks) -> bytes:
    document = etree.Element(_W + "document", nsmap={"w": W})
    body = etree.SubElement(document, _W + "body")
    body.extend(_element(block) for block in blocks)
    etree.SubElement(body, _W + "sectPr")
    return etree.tostring(document, encoding="UTF-8", standalone=True)


@settings(max_examples=300, deadline=None)
@given(blocks=st.lists(_BLOCKS, max_size=5))
def test_any_body_reads_as_paragraph_by_paragraph_with_its_tables_cell_by_cell(blocks):
    xml = _body(blocks)
    paragraphs, tables = _read(xml)
    assert paragraphs == _paragraph_by_paragraph(xml)
    assert tables == _expected_tables(blocks)


def test_a_nested_table_is_read_as_a_table_of_its_own():
    inner = ("tbl", "2 内表", [[[("p", None, [("t", "5")])], [("p", None, [("t", "6")])]]])
    bare = ("tbl", False, [[[("p", None, [("t", "8")])]]])  # no properties: the next caption is not its
    outer = ("tbl", "1 外表", [[[("p", None, [("t", "项目名称")])], [("p", None, [("t", "甲")]), inner]],
                              [[("p", None, [("t", "7")])]]])
    paragraphs, tables = _read(_body([bare, outer, ("p", None, [("t", "后")])]))
    assert tables == [("", [["8"]]), ("1 外表", [["项目名称", "甲56"], ["7"]]), ("2 内表", [["5", "6"]])]
    assert [text for _, text in paragraphs] == ["8", "项目名称", "甲", "5", "6", "7", "后"]


def test_a_page_break_alone_and_the_contents_lines_are_not_read():
    toc = ("p", "TOC1", [("t", "第一部分"), ("tab",), ("t", "3")])
    paragraphs, _ = _read(_body([("p", None, [("t", "甲")]), ("p", None, [("br",)]), toc, ("p", None, [("t", "乙")])]))
    assert paragraphs == [(1, "甲"), (4, "乙")]


def test_an_empty_text_element_is_read_as_nothing():
    """Word writes <w:t></w:t> where a run's text was deleted; a document edited after rendering
    may hold one (the self-check used to fail on it)."""
    prepared = docgen.prepare(REFERENCE_FIXTURE)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    xml = rendered.parts["word/document.xml"]
    assert b"</w:r></w:p>" in xml
    edited = xml.replace(b"</w:r></w:p>", b"</w:r><w:r><w:t></w:t></w:r></w:p>", 1)
    assert _read(edited)[0] == _read(xml)[0]
    altered = Rendered(rendered.data, None, {**rendered.parts, "word/document.xml": edited}, {})
    assert selfcheck.problems(altered, prepared.figures, prepared.region) == \
        selfcheck.problems(rendered, prepared.figures, prepared.region)
