"""Rendering: the document reopens and parses strictly, writes are atomic, templates are sandboxed."""

from __future__ import annotations

import copy
import io
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from jinja2 import UndefinedError
from hypothesis import strategies as st
from lxml import etree

import docgen
from conftest import REFERENCE_FIXTURE, copy_pack, edit_template
from docgen.render import ReportEnvironment, verify_docx

STRICT = etree.XMLParser(recover=False, resolve_entities=False)


def parts_parse_strictly(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), STRICT)


def body_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_reference_renders_and_reopens(tmp_path):
    out = tmp_path / "report.docx"
    docgen.render(REFERENCE_FIXTURE, out, force=True)  # the reference as published has errors
    data = out.read_bytes()
    parts_parse_strictly(data)
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs[:3]] == ["中共广元市利州区委巡察办", "2020年度部门决算", "第一部分 部门概况"]
    assert [p.name for p in out.parent.iterdir()] == ["report.docx"]  # no temporary file left


def test_headings_use_heading_styles_and_sections_are_numbered():
    document = docx.Document(io.BytesIO(docgen.render(REFERENCE_FIXTURE, force=True)))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    part2 = texts[texts.index(("Heading 1", "第二部分 2020年度部门决算情况说明")):texts.index(("Heading 1", "第三部分 名词解释"))]
    h2 = [text for style, text in part2 if style == "Heading 2"]
    assert [t.split("、")[0] for t in h2] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def test_failed_render_leaves_existing_output_untouched(tmp_path, minimal):
    out = tmp_path / "report.docx"
    out.write_bytes(b"previous report")
    del minimal["income"]["total"]["change_reason"]
    with pytest.raises(docgen.FindingsError):
        docgen.render(minimal, out)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_template_failure_writes_nothing(tmp_path, minimal):
    pack = copy_pack(tmp_path)
    edit_template(pack, "{{ s.totals }}", "{{ s.no_such_sentence }}")
    out = tmp_path / "out.docx"
    with pytest.raises(docgen.RenderError, match="no_such_sentence"):
        docgen.render(minimal, out, region=pack)
    assert not out.exists()


def test_sandbox_blocks_python_internals(tmp_path, minimal):
    pack = copy_pack(tmp_path)
    edit_template(pack, "{{ s.totals }}", "{{ s.__class__.__mro__ }}")
    with pytest.raises(docgen.RenderError):
        docgen.render(minimal, region=pack)


def test_environment_is_sandboxed_autoescaping_strict_and_cached():
    env = ReportEnvironment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}") is env.from_string("{{ x }}")
    assert env.from_string("{{ x }}").render(x="a<b&c\x01") == "a&lt;b&amp;c"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_damaged_output_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body></w:document>")
    with pytest.raises(docgen.RenderError, match="damaged"):
        verify_docx(buffer.getvalue())


_NO_DIGITS = st.characters(blacklist_categories=("Nd", "No", "Cs"))
"""Any character but digits: the property is about XML, and a random digit would be a number
the self-check must place (its own tests cover that)."""

hostile_text = st.one_of(
    st.sampled_from(["a<b", "a&b", "]]>", "\"'", "<w:p>", "&amp;", "\x00\x01\x0b\x1f", "\ufffe", "{{ x }}",
                     "{% if %}", "a\r\nb", "\u2028", "x\u202ey", "\ud800"]),
    st.text(_NO_DIGITS, min_size=1, max_size=50),
    st.text(alphabet="人员增加<>&\"'\n\r\t\x0b", min_size=1, max_size=3000),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=hostile_text, function=hostile_text, name=hostile_text)
def test_any_text_renders_to_a_document_that_parses_strictly(minimal, reason, function, name):
    """Whatever the text, the report parses strictly, or the loader refuses the text naming its
    path. Rendered past the checker and the self-check: findings on random text (a doubled word)
    are not the point here, and the self-check has properties of its own."""
    from docgen.check import is_blocking
    from docgen.model._fields import clean_text
    from docgen.render import render_bytes

    minimal["income"]["total"]["change_reason"] = reason
    minimal["overview"]["functions"] = [function]
    minimal["department"]["short_name"] = name
    try:
        prepared = docgen.prepare(minimal)
    except docgen.InputError as exc:
        paths = ("$.income.total.change_reason", "$.overview.functions", "$.department.short_name")
        assert all(line.startswith(paths) for line in exc.lines), exc.lines
        return
    if any(is_blocking(f) for f in prepared.findings):
        return  # a reason that cleans to nothing is a missing reason: no report to parse
    data = render_bytes(prepared.region.template, prepared.context, prepared.attach)
    parts_parse_strictly(data)
    text = body_text(data)
    visible_reason = clean_text(reason).strip()
    for fragment in ("<", "&", "]]>"):
        if fragment in visible_reason:
            assert fragment in text


def test_rendering_one_prepared_report_twice_numbers_both_from_one():
    prepared = docgen.prepare(REFERENCE_FIXTURE)
    first = docgen.render_prepared(prepared, force=True)
    second = docgen.render_prepared(prepared, force=True)
    assert body_text(first) == body_text(second)
    assert "（图1：收、支决算总计变动情况图）" in body_text(second)


def test_damaged_xml_from_a_value_fails_instead_of_being_recovered(minimal):
    """docxtpl re-reads the body with a recovering parser; docgen checks the rendered XML first."""
    from markupsafe import Markup

    from docgen.render import render_bytes

    prepared = docgen.prepare(minimal)
    context = dict(prepared.context)
    sentences = copy.copy(context["s"])
    sentences.totals = Markup("<w:r><w:t>unclosed")
    context["s"] = sentences
    with pytest.raises(docgen.RenderError, match="damaged"):
        render_bytes(prepared.region.template, context, prepared.attach)


def test_written_report_gets_ordinary_permissions_or_keeps_the_old_ones(tmp_path, minimal):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.docx"
        docgen.render(minimal, fresh)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.docx"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        docgen.render(minimal, kept)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(umask)
