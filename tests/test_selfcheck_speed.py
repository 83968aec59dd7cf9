"""The self-check's work: it reads the rendered document in memory, and its look-ups of the
department's own texts are linear (an index and one automaton, not a search per text) while
finding exactly what the searches found."""

from __future__ import annotations

import functools
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
from conftest import REFERENCE_FIXTURE, ROOT, script
from docgen import placement, selfcheck
from docgen.ooxml.reading import read_body
from docgen.render import Rendered, render_document
from docgen.template import ReportTemplate

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
CELL_STYLE = b'w:styleId="DocgenCell'


def _scanned_spans(text: str, short_texts: list[str]) -> set[tuple[int, int]]:
    """Every occurrence of every short text, by searching for each text in turn (the old way), but
    not one inside a longer number (a department's 1 does not excuse the 1 of 11)."""
    spans = set()
    for free in short_texts:
        start = text.find(free)
        while start != -1:
            end = start + len(free)
            cut = ((start > 0 and free[0].isdigit() and text[start - 1] in "0123456789.")
                   or (end < len(text) and free[-1].isdigit() and text[end] in "0123456789."))
            if not cut:
                spans.add((start, end))
            start = text.find(free, start + 1)
    return spans


def _searched_masks(paragraphs: list[str], own: list[str]) -> list[str]:
    """The paragraphs masked by searching for each own text in turn, longest first (the old way)."""
    flat = "".join(paragraphs)
    marks = bytearray(len(flat))
    for text in sorted({t for t in own if len(t) > placement.SHORT}, key=len, reverse=True):
        start = flat.find(text)
        while start != -1:
            end = start + len(text)
            cuts = (start > 0 and flat[start - 1].isdigit() and text[0].isdigit()) or \
                   (end < len(flat) and flat[end].isdigit() and text[-1].isdigit())
            if not cuts:
                marks[start:end] = b"\x01" * len(text)
            start = flat.find(text, end if not cuts else start + 1)
    out, at = [], 0
    for paragraph in paragraphs:
        out.append("".join(placement.MASK if marks[at + i] else c for i, c in enumerate(paragraph)))
        at += len(paragraph)
    return out


def _expected(free_texts) -> selfcheck.Expected:
    empty = frozenset()
    return selfcheck.Expected(amounts=empty, percents=empty, counts=empty, years=empty, codes=empty,
                              ordinals=empty, free_texts=tuple(sorted(free_texts, key=len, reverse=True)))


_SMALL = st.text(alphabet="12.年万元第a", min_size=1, max_size=40)
"""Texts over a few characters, so that texts recur in each other and overlap."""


@settings(max_examples=300, deadline=None)
@given(text=_SMALL, free=st.lists(st.text(alphabet="12.年万元第a", min_size=1, max_size=10), max_size=8),
       data=st.data())
def test_short_texts_around_a_number_are_the_occurrences_a_search_finds(text, free, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    expected = _expected(free)
    short = [t for t in free if len(t) <= placement.SHORT]
    overlapping = {(s, e) for s, e in _scanned_spans(text, short) if s < end and e > start}
    assert set(selfcheck._free_spans(text, start, end, expected)) == overlapping


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet="12年万元第aaaa", max_size=30), min_size=1, max_size=4),
       own=st.lists(st.text(alphabet="12年万元第aaaa", min_size=1, max_size=14), max_size=6))
def test_masking_finds_what_a_search_per_text_finds(paragraphs, own):
    assert placement.mask_own(paragraphs, own) == _searched_masks(paragraphs, own)


def test_the_look_up_around_a_number_does_not_grow_with_the_number_of_texts():
    class Counting(frozenset):
        looked_up = 0

        def __contains__(self, item):
            Counting.looked_up += 1
            return super().__contains__(item)

    text = "本单位" + "某某项目12.50万元，" * 50
    counts = []
    for many in (10, 10_000):
        expected = _expected([f"项目{n}" for n in range(many)])
        object.__setattr__(expected, "short_texts", Counting(expected.short_texts))
        Counting.looked_up = 0
        selfcheck._free_spans(text, 300, 305, expected)
        counts.append(Counting.looked_up)
    assert counts[0] == counts[1] <= (5 + placement.SHORT) * placement.SHORT


@pytest.mark.parametrize("fixture", [REFERENCE_FIXTURE, COMPLETE], ids=["reference", "complete"])
def test_the_self_check_reads_the_document_in_memory_as_it_reads_its_bytes(fixture, monkeypatch):
    prepared = docgen.prepare(fixture)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    assert rendered.trees["word/document.xml"] is rendered.document.element  # the tree rendering made
    from_bytes = selfcheck.problems(rendered.data, prepared.figures, prepared.region)

    def no_unzipping(*args, **kwargs):
        raise AssertionError("the self-check unzipped the document it has in memory")

    monkeypatch.setattr(zipfile, "ZipFile", no_unzipping)
    assert selfcheck.problems(rendered, prepared.figures, prepared.region) == from_bytes
    assert from_bytes == [] or fixture == REFERENCE_FIXTURE


def test_a_broken_figure_is_found_in_memory_as_in_bytes():
    prepared = docgen.prepare(COMPLETE)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    part = rendered.parts["word/document.xml"]
    total = str(prepared.figures.income_total)
    wrong = part.replace(f"{total}万元".encode(), f"9{total}万元".encode(), 1)
    assert wrong != part
    altered = Rendered(rendered.data, rendered.document, {**rendered.parts, "word/document.xml": wrong},
                       dict(rendered.trees))
    found = selfcheck.problems(altered, prepared.figures, prepared.region)
    assert any(f"the number 9{total} is not an amount" in line for line in found)


def test_the_template_styles_are_shared_and_never_changed():
    prepared = docgen.prepare(COMPLETE)
    ReportTemplate._parsed.clear()
    first = render_document(prepared.region.template, prepared.context, prepared.attach)
    (entry,) = ReportTemplate._parsed.values()
    pristine = entry.fixed[entry.styles][1]
    second = render_document(prepared.region.template, prepared.context, prepared.attach)
    assert first.data == second.data
    written = second.parts["word/styles.xml"]
    assert CELL_STYLE in written and CELL_STYLE not in pristine  # the cell styles, added to a copy
    from docx.opc.oxml import serialize_part_xml

    assert serialize_part_xml(entry.styles) == pristine  # the shared styles as the template has them
    assert written == serialize_part_xml(second.document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles").element)


def test_a_glossary_longer_than_the_general_budget_items_passes():
    """名词解释 numbers one entry per 项 of every fund: with hundreds of 一般公共预算 项 and the
    funds' own, its numbers run past the count of 一般公共预算 项 alone (the scaling run found it)."""
    data = script("bench/scaling.py").grown("items", 375)
    prepared = docgen.prepare(data)
    assert prepared.report.government_fund.items or prepared.report.state_capital.items
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    assert selfcheck.problems(rendered, prepared.figures, prepared.region) == []


@given(texts=st.lists(st.text(alphabet="a1\r\n\x00\x01\x0b\ufffe年", max_size=8), max_size=6))
def test_texts_cleaned_together_as_one_by_one(texts):
    assert selfcheck._clean_all(texts) == [selfcheck._clean(text) for text in texts]


def test_a_style_added_in_place_is_written(monkeypatch):
    """Code that adds a style to the rendered document's styles directly (not through a copy)
    changes the shared element: its bytes are serialised again, not taken as they were."""
    from docx.oxml import parse_xml

    prepared = docgen.prepare(COMPLETE)
    ReportTemplate._parsed.clear()
    render_document(prepared.region.template, prepared.context, prepared.attach)
    original = ReportTemplate._add_cell_styles
    marker = ('<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'w:type="paragraph" w:styleId="AddedInPlace"><w:name w:val="Added in place"/></w:style>')

    def adding_in_place(self, body_xml):
        self.docx.styles.element.append(parse_xml(marker))
        original(self, body_xml)

    monkeypatch.setattr(ReportTemplate, "_add_cell_styles", adding_in_place)
    try:
        rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
        assert b'w:styleId="AddedInPlace"' in rendered.parts["word/styles.xml"]
        monkeypatch.setattr(ReportTemplate, "_add_cell_styles", original)
        rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
        assert b'w:styleId="AddedInPlace"' not in rendered.parts["word/styles.xml"]  # the template read afresh
    finally:
        ReportTemplate._parsed.clear()


@pytest.mark.parametrize("pattern, lead", [("收入总计(?<!财政拨款收入总计)5", "收入总计"), ("ab?c", "a"), ("a|b", ""),
                                           ("对(x|y)个", "对"), (r"\d{4}年", ""), ("[对]象", ""), ("(a|b)c|d", ""),
                                           (r"a\|b", "a")])
def test_a_pattern_is_tried_where_its_leading_words_stand(pattern, lead):
    from docgen.placement.sentences import _lead

    assert _lead(pattern) == lead


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_sentence_anchors_found_by_their_leading_words_are_those_a_search_finds(data):
    from docgen.placement.sentences import _Anchors, _matches

    prepared = _complete_prepared()
    text = _complete_text()
    pieces = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 80)), max_size=30))
    spliced = "".join(text[start:start + length] for start, length in pieces)
    patterns = [pattern for pattern, _, _ in _Anchors(prepared.figures).build().entries]
    assert [[(m.span(), m.groups()) for m in found] for found in _matches(patterns, spliced)] == \
        [[(m.span(), m.groups()) for m in pattern.finditer(spliced)] for pattern in patterns]


@pytest.mark.parametrize("text", ["ababa", "abab", "aabaaba", "xyzabc"])
def test_matches_found_by_leading_words_do_not_overlap_as_a_search_finds_them(text):
    import re

    from docgen.placement.sentences import _matches

    patterns = [re.compile(p) for p in ("aba", "ab(a|$)", "a+b", "b?a", "x|a")]
    assert [[m.span() for m in found] for found in _matches(patterns, text)] == \
        [[m.span() for m in pattern.finditer(text)] for pattern in patterns]


@functools.lru_cache(maxsize=1)
def _complete_prepared():
    return docgen.prepare(COMPLETE)


@functools.lru_cache(maxsize=1)
def _complete_text() -> str:
    prepared = _complete_prepared()
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    return placement.SEP.join(read_body(rendered.parts["word/document.xml"]).paragraphs)
