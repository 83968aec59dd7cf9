"""The 目录 after the cover (a TOC field with its entries filled) and the body numbered from — 1 —.

The field, its entries against the headings they list, the bookmarks they link to, the sections
and footers around the cover and the 目录, and the pack options; with LibreOffice, what a reader
of the PDF sees: the entries and their page numbers against the pages the headings fall on.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, ROOT
from docgen.ooxml.contents import style_outline_levels

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan")))


def style_of(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def contents_lines(document) -> list:
    return [p for p in document.element.body.iterfind(qn("w:p")) if re.fullmatch(r"TOC\d", style_of(p))]


def listed_headings(document) -> list[tuple[int, str, object]]:
    """(level, text, paragraph) of every paragraph after the 目录 that it must list: parts and
    sections by their heading styles, the statistical tables' titles by their outline level."""
    levels = style_outline_levels(document.styles.element)
    body = list(document.element.body.iterfind(qn("w:p")))
    last_line = body.index(contents_lines(document)[-1])
    found = []
    for p in body[last_line + 1:]:
        own = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        level = int(own.get(qn("w:val"))) if own is not None else levels.get(style_of(p))
        if level is not None and level < 2 and text_of(p).strip():
            found.append((level + 1, text_of(p), p))
    return found


def test_the_contents_follow_the_cover(document):
    paragraphs = [p for p in document.paragraphs if p.text]  # a section break is an empty paragraph
    texts = [p.text for p in paragraphs]
    assert texts[:3] == ["某某县农业农村局", f"{texts[1][:4]}年度部门决算", "目\u3000录"]
    assert paragraphs[2].style.name == "TOC Heading" and paragraphs[3].style.name == "toc 1"
    # the cover's section ends before the 目录's heading: the 目录 starts a page
    assert document.paragraphs[2].text == "" and document.paragraphs[2]._p.pPr.find(qn("w:sectPr")) is not None


def test_a_toc_field_word_and_wps_update(document):
    lines = contents_lines(document)
    instructions = [t.text for p in lines for t in p.iter(qn("w:instrText"))]
    assert instructions[0].strip() == 'TOC \\o "1-2" \\h \\z \\u'
    # Every field opened in the 目录 closes in it: the TOC field and one PAGEREF per line.
    kinds = [c.get(qn("w:fldCharType")) for p in lines for c in p.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("separate") == kinds.count("end") == len(lines) + 1
    assert kinds[:2] == ["begin", "separate"] and kinds[-1] == "end"
    depth = 0
    for kind in kinds:
        depth += {"begin": 1, "end": -1}.get(kind, 0)
        assert depth >= 0
    assert depth == 0
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"  # Word refreshes the pages on opening


def test_entries_are_the_headings_in_order_each_linked_to_its_bookmark(document):
    lines = contents_lines(document)
    headings = listed_headings(document)
    assert len(lines) == len(headings)
    for line, (level, text, heading) in zip(lines, headings):
        assert style_of(line) == f"TOC{level}"
        link = line.find(qn("w:hyperlink"))
        shown = "".join(t.text or "" for t in link.findall(f"{qn('w:r')}/{qn('w:t')}"))
        assert shown.startswith(text) and shown[len(text):].isdigit()
        anchor = link.get(qn("w:anchor"))
        marks = [b.get(qn("w:name")) for b in heading.iter(qn("w:bookmarkStart"))]
        assert anchor in marks
        pageref = "".join(t.text for t in link.iter(qn("w:instrText")))
        assert pageref.split() == ["PAGEREF", anchor, "\\h"]
    texts = [text for _, text, _ in headings]
    assert texts[0] == "第一部分 部门概况" and "收入支出决算总表" in texts and "财政拨款“三公”经费支出决算表" in texts
    assert "一、项目概况" not in texts  # an attachment's own headings stay out of the 目录


def test_page_numbers_start_at_one_and_never_go_back(document):
    pages = [int(re.search(r"(\d+)$", p.findall(f".//{qn('w:t')}")[-1].text).group(1)) for p in contents_lines(document)]
    assert pages[0] == 1
    assert pages == sorted(pages)


def test_the_cover_is_unnumbered_the_contents_too_and_the_body_starts_at_one(document):
    sections = list(document.element.body.iter(qn("w:sectPr")))
    cover, contents, body = sections[0], sections[1], sections[2]
    assert cover.find(qn("w:titlePg")) is not None
    first_footer = next(r.get(qn("r:id")) for r in cover.iterfind(qn("w:footerReference"))
                        if r.get(qn("w:type")) == "first")
    footers = {r.get(qn("w:type")): r.get(qn("r:id")) for r in contents.iterfind(qn("w:footerReference"))}
    assert set(footers.values()) == {first_footer} and "default" in footers and "even" in footers
    assert contents.find(qn("w:titlePg")) is None
    assert body.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert all(s.find(qn("w:titlePg")) is None for s in sections[1:])
    assert all(s.find(qn("w:pgNumType")) is None for s in sections[3:])
    # The body's footers are the numbered ones.
    numbered = {r.get(qn("w:type")): r.get(qn("r:id")) for r in body.iterfind(qn("w:footerReference"))}
    assert numbered["default"] != first_footer


def test_the_2020_layout_has_no_contents_and_numbers_pages_as_before():
    document = docx.Document(io.BytesIO(docgen.render(REFERENCE_FIXTURE, force=True)))
    assert not contents_lines(document)
    assert not list(document.element.body.iter(qn("w:instrText")))
    assert document.settings.element.find(qn("w:updateFields")) is None
    assert not list(document.element.body.iter(qn("w:pgNumType")))
    assert "目\u3000录" not in [p.text for p in document.paragraphs]


def pack(tmp_path, body: str):
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "region.toml").write_text('extends = "sichuan-2020"\n' + body, encoding="utf-8")
    return folder


def test_the_body_can_start_at_one_without_contents(tmp_path, minimal):
    region = pack(tmp_path, '[report]\npage_numbers = "body"\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=region)))
    assert not contents_lines(document)
    sections = list(document.element.body.iter(qn("w:sectPr")))
    assert sections[0].find(qn("w:titlePg")) is not None
    assert sections[1].find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert sections[1].find(qn("w:titlePg")) is None


def test_a_pack_turns_the_contents_on_with_its_own_heading(tmp_path, minimal):
    region = pack(tmp_path, '[report]\ncontents = true\n[headings]\ncontents = "目录"\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=region)))
    assert [p.text for p in document.paragraphs if p.text][2] == "目录"
    assert contents_lines(document)


@pytest.mark.parametrize("setting, message", [
    ('contents = "yes"', r"\[report\] contents.*expected true or false"),
    ('page_numbers = "middle"', r"\[report\] page_numbers: must be one of cover, body, got 'middle'"),
])
def test_a_wrong_option_is_refused_naming_file_and_key(tmp_path, minimal, setting, message):
    region = pack(tmp_path, f"[report]\n{setting}\n")
    with pytest.raises(docgen.RegionError, match=message) as caught:
        docgen.check(minimal, region)
    assert "region.toml" in str(caught.value)


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or poppler-utils not installed")
@pytest.mark.parametrize("data, region", [(COMPLETE, "sichuan"),
                                          (ROOT / "fixtures" / "shanghai-department-2024.json", "shanghai")])
def test_the_pdf_shows_the_entries_and_their_pages_within_one(tmp_path, data, region):
    """LibreOffice lays the pages out itself: the estimated page of each entry is at most one off
    (measured with LibreOffice 7.4: 13 of 30 exact through sichuan, 21 of 26 through shanghai, the
    others one page early)."""
    report = tmp_path / "report.docx"
    report.write_bytes(docgen.render(data, region=region))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f")]
    assert not re.search(r"—\s*\d+\s*—", text.split("\f")[0])  # the cover
    first = next(i for i, page in enumerate(pages) if "第一部分" in page and "—1—" in page)
    assert "目录" in pages[1] and not re.search(r"—\d+—", pages[1])  # the 目录, unnumbered
    lines = [p for p in docx.Document(str(report)).paragraphs if p.style.name.startswith("toc")]
    offsets = []
    for line in lines:
        title, _, page = line.text.rpartition("\t")
        squeezed = "".join(title.split())
        assert squeezed in "".join(pages[1:first])  # the PDF shows the entry
        actual = next(i for i in range(first, len(pages)) if squeezed in pages[i]) - first + 1
        offsets.append(int(page) - actual)
    assert all(abs(o) <= 1 for o in offsets), offsets
