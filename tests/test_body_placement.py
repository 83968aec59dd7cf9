"""The rendered body is parsed where it stays (as the body of a copy of the document's root), not
parsed alone and moved in: lxml's move grows with the square of the body's ``xml:space``
attributes. Both ways give the same bytes; what only the move resolves falls back to it."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

import docgen
from conftest import ROOT, REFERENCE_FIXTURE
from docgen.ooxml import elements
from docgen.ooxml.elements import _Shell, plain_elements
from docgen.template import _parse_strictly

COMPLETE_FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"
SHANGHAI_FIXTURE = ROOT / "fixtures" / "shanghai-department-2024.json"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _moved(xml: str, document) -> bytes:
    """The body as lxml's move puts it in place: parsed alone, then replacing the document's."""
    body = etree.fromstring(xml.encode("utf-8"))
    root = document.element
    root.replace(root.body, body)
    return etree.tostring(root)


@pytest.mark.parametrize(("fixture", "region"), [(REFERENCE_FIXTURE, "sichuan-2020"), (COMPLETE_FIXTURE, "sichuan"),
                                                 (SHANGHAI_FIXTURE, "shanghai")])
def test_a_report_is_the_same_bytes_as_with_the_body_moved_in(fixture, region, monkeypatch):
    parsed_in_place = docgen.render(fixture, region=region, force=True)
    monkeypatch.setattr(_Shell, "of", classmethod(lambda cls, root, xml: cls()))
    assert docgen.render(fixture, region=region, force=True) == parsed_in_place


def _document():
    return docx.Document()


def _body(inner: str, declarations: str = f'xmlns:w="{W}" xmlns:wp="{WP}"') -> str:
    return f"<w:body {declarations}>{inner}<w:sectPr/></w:body>"


def test_redundant_declarations_within_the_body_are_left_out_as_the_move_leaves_them_out():
    xml = _body(f'<w:p><w:r><w:drawing><wp:inline xmlns:wp="{WP}" distT="0"/></w:drawing></w:r></w:p>')
    document = _document()
    body = _parse_strictly(xml, document)
    assert body.getparent() is not None and body.getparent().tag == f"{{{W}}}document"
    in_place = etree.tostring(body.getparent())
    assert in_place == _moved(xml, _document())
    assert in_place.count(b"xmlns:wp=") == 1  # on the root only


def test_text_that_reads_like_a_declaration_is_kept():
    text = ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = _parse_strictly(_body(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'), _document())
    assert body.getparent() is not None
    assert body.find(f".//{{{W}}}t").text == text


def test_a_body_rebinding_a_prefix_is_parsed_alone_and_left_to_the_move():
    xml = _body('<w:p><w:r><x:y xmlns:x="urn:a"/><wp:inline xmlns:wp="urn:other"/></w:r></w:p>')
    body = _parse_strictly(xml, _document())
    assert body.getparent() is None
    assert body.find(".//{urn:other}inline") is not None


def test_a_body_not_as_docxtpl_writes_it_is_parsed_alone():
    body = _parse_strictly(f'<?xml version="1.0"?>{_body("<w:p/>")}', _document())
    assert body.getparent() is None and body.tag == f"{{{W}}}body"


def test_damage_is_refused_either_way():
    with pytest.raises(docgen.RenderError, match="damaged"):
        _parse_strictly(_body("<w:p><w:r></w:p>"), _document())
    with pytest.raises(docgen.RenderError, match="damaged"):
        _parse_strictly(f'<?xml version="1.0"?>{_body("<w:p><w:r></w:p>")}', _document())


def test_the_body_is_fed_in_pieces_without_its_redundant_declarations(monkeypatch):
    monkeypatch.setattr(elements, "_FEED_CHARS", 7)
    xml = _body(f'<w:p><w:r><w:drawing><wp:inline xmlns:wp="{WP}" distT="0"/></w:drawing></w:r></w:p>' * 3)
    shell = _Shell.of(_document().element, xml)
    pieces = list(shell.pieces(xml))
    assert max(map(len, pieces)) <= 7
    assert "".join(pieces) == "<w:body>" + xml[xml.index(">") + 1:].replace(f' xmlns:wp="{WP}"', "")


def test_the_body_is_read_as_plain_elements_inside_the_block_and_as_python_docx_s_after():
    from docx.oxml.text.paragraph import CT_P

    document = _document()
    body = _parse_strictly(_body("<w:p/><w:p/>"), document)
    with plain_elements(body):
        assert [type(p) for p in body.iterchildren(f"{{{W}}}p")] == [etree._Element] * 2
    assert [type(p) for p in body.iterchildren(f"{{{W}}}p")] == [CT_P] * 2


def test_a_document_python_docx_parsed_is_never_switched():
    from docx.oxml.text.paragraph import CT_P

    document = _document()
    document.add_paragraph("x")
    body = document.element.body
    with plain_elements(body):
        assert type(next(body.iterchildren(f"{{{W}}}p"))) is CT_P
