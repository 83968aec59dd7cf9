"""The same input gives the same bytes; one render leaves nothing behind; docxtpl's skipped
passes change nothing they would have changed."""

from __future__ import annotations

import gc
import re
import io
import weakref
import zipfile

import docgen
from docgen.figures import Figures
from docgen.statistics import statistics_for

from conftest import ROOT, REFERENCE_FIXTURE

COMPLETE_FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"


def test_same_input_same_bytes():
    first = docgen.render(COMPLETE_FIXTURE)
    second = docgen.render(COMPLETE_FIXTURE)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        workbooks = [n for n in archive.namelist() if n.endswith(".xlsx")]
        assert workbooks
        with zipfile.ZipFile(io.BytesIO(archive.read(workbooks[0]))) as book:
            assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_report_is_the_zip_zipfile_writes_for_its_parts():
    # docgen writes the zip itself (docgen.ooxml.archive); a reader must see what zipfile writes:
    # parts deflated at level 1, those already compressed stored, the fixed time, the same order.
    data = docgen.render(COMPLETE_FIXTURE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    assert {info.compress_type for info, _ in entries} == {zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED}
    assert entries[0][0].filename == "[Content_Types].xml"
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w") as archive:
        for info, content in entries:
            fresh = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fresh.external_attr = 0o600 << 16
            fresh.compress_type = info.compress_type
            archive.writestr(fresh, content, compresslevel=1)
    assert again.getvalue() == data


def test_relationships_are_written_as_python_docx_writes_them():
    from docx.opc.rel import Relationships

    from docgen.ooxml.package import relationships_xml

    rels = Relationships("/word")
    assert relationships_xml(rels) == rels.xml  # none
    hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    for target in ("https://example.org/?a=1&b=<2>", 'say "hi"', "tab\tnew\nline\rend", "中文目标"):
        rels.get_or_add_ext_rel(hyperlink, target)
    assert relationships_xml(rels) == rels.xml


def test_an_entry_named_beyond_ascii_is_flagged_as_zipfile_flags_it():
    from docgen.ooxml.archive import archive, deflated, stored

    data = archive([("word/media/图一.png", stored(b"\x89PNG")), ("word/说明.xml", deflated(b"<a/>", 1))])
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w") as written:
        for name, content, kind in (("word/media/图一.png", b"\x89PNG", zipfile.ZIP_STORED),
                                    ("word/说明.xml", b"<a/>", zipfile.ZIP_DEFLATED)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = kind
            written.writestr(info, content, compresslevel=1)
    assert data == again.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive_read:
        assert archive_read.read("word/说明.xml") == b"<a/>"


def test_reference_renders_to_the_same_bytes_twice():
    assert docgen.render(REFERENCE_FIXTURE, force=True) == docgen.render(REFERENCE_FIXTURE, force=True)


def test_statistics_die_with_their_figures():
    prepared = docgen.prepare(COMPLETE_FIXTURE)
    figures = Figures(prepared.report, prepared.figures.catalogue)
    statistics_for(figures).general_budget
    assert statistics_for(figures) is statistics_for(figures)
    ref = weakref.ref(figures)
    del figures
    gc.collect()
    assert ref() is None


def test_a_line_break_in_a_value_still_becomes_a_word_line_break(minimal):
    minimal["income"]["total"]["change_reason"] = "第一行\n第二行\t完"
    data = docgen.render(minimal)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert '第一行</w:t><w:br/><w:t xml:space="preserve">第二行' in body
    assert "<w:tab/>" in body


def test_table_cells_name_a_style_the_document_defines_instead_of_repeating_properties():
    data = docgen.render(COMPLETE_FIXTURE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    cells = re.findall(r"<w:tc>.*?</w:tc>", body)
    assert len(cells) > 1000
    assert not [cell for cell in cells if "<w:rFonts" in cell or "<w:spacing" in cell]
    used = set(re.findall(r'w:pStyle w:val="(DocgenCell\w+)"', body))
    assert used
    for style_id in used:
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles).group(0)
        assert '<w:basedOn w:val="Normal"/>' in style and '<w:ind w:firstLine="0"' in style
        assert "<w:rFonts " in style and "<w:sz " in style
    assert 'w:eastAsia="宋体"' in styles


def test_import_docgen_leaves_the_heavy_libraries_for_when_they_are_used():
    import subprocess
    import sys

    heavy = ("docxtpl", "docx", "pptx", "xlsxwriter", "openpyxl", "python_calamine", "xlrd", "hypothesis", "tqdm",
             "subprocess", "urllib.request", "http.client", "concurrent.futures.process",
             "docgen.importing", "docgen.batch", "docgen.pdf", "docgen.cli")
    code = f"import sys, docgen; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_the_rendered_document_is_at_hand_beside_its_bytes():
    from docgen.render import render_bytes, render_document

    prepared = docgen.prepare(COMPLETE_FIXTURE)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    assert rendered.data == render_bytes(prepared.region.template, prepared.context, prepared.attach)
    texts = ["".join(t.text or "" for t in p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
             for p in rendered.document.element.body.iter(
                 "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]
    assert any("某某县农业农村局" in t for t in texts)
