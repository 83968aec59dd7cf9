"""The 目录 after the cover (a TOC field with its entries filled) and the body numbered from — 1 —.

The field, its entries against the headings they list, the bookmarks they link to, the sections
and footers around the cover and the 目录, and the pack options; with LibreOffice, what a reader
of the PDF sees: each entry's page number against the page the heading is printed on.
"""

from __future__ import annotations

import io
import json
import re
import shutil

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, ROOT, script
from docgen.catalogue import catalogue_for
from docgen.ooxml.contents import style_outline_levels

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
SHANGHAI = ROOT / "fixtures" / "shanghai-department-2024.json"
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


def _checker():
    return script("tools/contents_pages.py")


LONGER = ("其中2024年完成1.5万亩，同比增长12.30%", "主要用于办公设备购置、信息化运维等（含“三公”经费）",
          "截至12月31日累计完成98.6%，并按规定报财政部门备案")
"""Clauses that lengthen a text: Chinese with numbers, percentages and brackets."""


def lengthened(value, counter=None):
    """The data with every other long sentence of its texts a clause longer (they then end
    anywhere on their lines, and every later page starts elsewhere)."""
    counter = counter if counter is not None else iter(range(10**6))
    if isinstance(value, dict):
        return {key: lengthened(v, counter) if key not in ("name", "title") else v for key, v in value.items()}
    if isinstance(value, list):
        return [lengthened(v, counter) for v in value]
    if isinstance(value, str) and len(value) > 20 and value.endswith("。") and next(counter) % 2:
        return f"{value[:-1]}，{LONGER[len(value) % len(LONGER)]}。"
    return value


def more_items(data, count):
    """The data with ``count`` more 项 of 一般公共服务支出 in its 一般公共预算 spending (1.00 each,
    project spending; a 类 the data has none of): the tables by 功能分类 run over more pages."""
    year = data["department"]["year"]
    listed = {item["code"] for item in data["general_budget"]["items"]}
    codes = [code for code in catalogue_for(year).functional if len(code) == 7 and code.startswith("201")
             and code not in listed][:count]
    items = [{"code": code, "actual": "1.00", "budget": "1.00", "basic": "0", "project": "1.00", "reason": "按实际需要"}
             for code in codes]
    return dict(data, general_budget=dict(data["general_budget"], items=data["general_budget"]["items"] + items))


def _reports(folder):
    """(report, region) of the reports whose 目录 is checked against LibreOffice: the complete
    fixture, 上海's, the 2020 reference through the current Sichuan pack (its 2020 project table and
    assets sentence), and three varied ones: fewer projects and longer texts, 上海's texts longer,
    16 more 项 (a table then ends at the foot of a landscape page)."""
    complete = json.loads(COMPLETE.read_text(encoding="utf-8"))
    fewer = dict(complete, performance=dict(complete["performance"], projects=complete["performance"]["projects"][:1]),
                 overview=dict(complete["overview"], key_work=[t * 2 for t in complete["overview"]["key_work"]]))
    shanghai = json.loads(SHANGHAI.read_text(encoding="utf-8"))
    reference_pack = folder / "reference-pack"
    reference_pack.mkdir()
    (reference_pack / "region.toml").write_text(
        'extends = "sichuan"\n[performance_table]\nlayout = "completion"\n[rules.field-required]\nsections = []\n'
        '[phrases.assets]\nclasses = "截至{year}年12月31日，{department}共有车辆{vehicles}辆，其中：主要领导干部用车'
        '{leaders}辆、机要通信用车{confidential}辆、应急保障用车{emergency}辆、执法执勤用车{law_enforcement}辆、'
        '特种专业技术用车{special_technical}辆、离退休干部服务用车{retired_service}辆、其他用车{other}辆。"\n',
        encoding="utf-8")
    return {"complete": (COMPLETE, "sichuan"), "shanghai": (SHANGHAI, "shanghai"),
            "reference": (REFERENCE_FIXTURE, reference_pack), "fewer-projects-longer-texts": (fewer, "sichuan"),
            "shanghai-longer-texts": (lengthened(shanghai), "shanghai"),
            "more-items": (more_items(complete, 16), "sichuan")}


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    """Each report rendered and converted to PDF by LibreOffice (one run for all): name → (report
    path, text of each page)."""
    folder = tmp_path_factory.mktemp("contents")
    written = {}
    for name, (data, region) in _reports(folder).items():
        written[name] = folder / f"{name}.docx"
        docgen.render(data, written[name], region=region, force=True)  # the reference as published has errors
    pages = _checker().pdfs_pages(list(written.values()))
    return {name: (path, text) for (name, path), text in zip(written.items(), pages)}


needs_libreoffice = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                       reason="LibreOffice or poppler-utils not installed")


@needs_libreoffice
@pytest.mark.parametrize("name", ["complete", "shanghai", "reference", "fewer-projects-longer-texts",
                                  "shanghai-longer-texts", "more-items"])
def test_every_entry_states_the_page_libreoffice_prints_its_heading_on(pdf_pages, name):
    """LibreOffice lays the pages out itself: each 目录 line's page is the number printed on the
    page its heading starts (measured: all exact on these six, from 13 of 30 and 21 of 26 on the
    complete and 上海 fixtures before the estimate modelled Latin widths, Asian–Latin spacing,
    line-breaking punctuation, widow and orphan control and rows kept together)."""
    report, pages = pdf_pages[name]
    assert not re.search(r"—\s*\d+\s*—", pages[0])  # the cover
    assert "目录" in "".join(pages[1].split()) and not re.search(r"—\s*\d+\s*—", pages[1])  # the 目录, unnumbered
    entries = _checker().compare(_checker().contents_lines(report), pages)
    assert entries and all(e.actual is not None for e in entries), [e.text for e in entries if e.actual is None]
    wrong = [(e.text, e.estimated, e.actual) for e in entries if e.estimated != e.actual]
    assert not wrong, f"{len(entries) - len(wrong)} of {len(entries)} exact; off: {wrong}"


@needs_libreoffice
@pytest.mark.parametrize("name", ["shanghai", "shanghai-longer-texts"])
def test_shanghais_basic_spending_table_fits_one_page(pdf_pages, name):
    """上海's form prints its 一般公共预算财政拨款基本支出决算表 on one page (p.11): title, every row
    to the 合计 and the note on the page LibreOffice starts it on."""
    _, pages = pdf_pages[name]
    squeezed = ["".join(page.split()) for page in pages]
    page = next(p for p in squeezed if p.startswith("一般公共预算财政拨款基本支出决算表"))
    assert "人员经费合计" in page and "公用经费合计" in page and "31099" in page
    assert "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。" in page
