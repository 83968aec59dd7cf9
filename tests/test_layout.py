"""The pack orders the report; Word files lay it out: the master and one fragment per section,
resolved over the pack chain, and the committed files are what tools/build_template.py builds."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from types import SimpleNamespace

import docx
import pytest

import docgen
from conftest import ROOT, edit_template, script
from docgen.pack import patterns
from docgen.sections import SECTIONS, section

BASE = ROOT / "templates" / "base"


def _builder():
    return script("tools/build_template.py")


def _parts(path):
    with zipfile.ZipFile(path) as archive:
        # core.xml holds the build time; everything else must match byte for byte.
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_the_committed_layout_files_are_what_the_script_builds(tmp_path):
    built = _builder().build(tmp_path)
    committed = sorted(p.relative_to(BASE) for p in BASE.rglob("*.docx"))
    assert sorted(p.relative_to(tmp_path) for p in built) == committed
    for name in committed:
        assert _parts(tmp_path / name) == _parts(BASE / name), f"templates/base/{name} is stale: run tools/build_template.py"


def headings(data, region, level="Heading 2"):
    document = docx.Document(io.BytesIO(docgen.render(data, region=region)))
    return [p.text for p in document.paragraphs if p.style.name == level]


def make_pack(tmp_path, toml, name="p"):
    pack = tmp_path / name
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n' + toml, encoding="utf-8")
    return pack


def test_a_pack_reorders_and_regroups_without_code(tmp_path, minimal):
    pack = make_pack(tmp_path, '[report]\norder = ["overview", "glossary", "statement", "income_spending", '
                               '"other_matters", "grants"]\n')
    parts = headings(minimal, pack, "Heading 1")
    assert parts == ["第一部分 部门概况", "第二部分 名词解释", "第三部分 2021年度部门决算情况说明"]
    assert headings(minimal, pack)[-3:] == ["一、收入支出决算总体情况说明", "二、其他重要事项的情况说明",
                                            "三、财政拨款收入支出决算总体情况说明"]


def test_the_current_sichuan_pack_renames_section_seven(minimal):
    assert "七、财政拨款“三公”经费支出决算情况说明" in headings(minimal, "sichuan")
    assert "七、“三公”经费财政拨款支出决算情况说明" in headings(minimal, "sichuan-2020")


def test_an_unknown_section_in_the_order_is_refused_with_a_suggestion(tmp_path, minimal):
    pack = make_pack(tmp_path, '[report]\norder = ["overview", "glosary"]\n')
    with pytest.raises(docgen.RegionError, match=r"\[report\] order: unknown section 'glosary' \(did you mean 'glossary'\?\)"):
        docgen.check(minimal, pack)


def test_a_region_overrides_one_fragment_in_its_own_folder(tmp_path, minimal):
    pack = make_pack(tmp_path, "")
    (pack / "sections").mkdir()
    shutil.copy(BASE / "sections" / "glossary.docx", pack / "sections" / "glossary.docx")
    edit_template(pack, "{{ headings.glossary }}", "{{ headings.glossary }}（本地式样）")
    assert "第三部分 名词解释（本地式样）" in headings(minimal, pack, "Heading 1")
    assert "第三部分 名词解释" in headings(minimal, "sichuan-2020", "Heading 1")


@pytest.fixture
def new_section():
    """A section registered as its module would be: a unit, its declared wording; removed after."""
    patterns.declare("volunteers", {"sentence": patterns.pattern("year department count")})

    @section("volunteers", "志愿服务情况")
    def volunteers(book, f, s: SimpleNamespace) -> None:
        d = f.report.department
        s.volunteers = [book.fill("volunteers", "sentence", year=d.year, department=d.short_name,
                                   count=f.report.overview.institutions.total)]

    yield
    SECTIONS.pop("volunteers")
    patterns.PHRASES.pop("volunteers")


def test_a_new_section_needs_its_unit_its_wording_and_nothing_else(tmp_path, minimal, new_section):
    # The unit above, this pack's wording, order and heading (the base pack's, for a packaged
    # section), and this test: the generic fragment lays it out.
    pack = make_pack(tmp_path, '[report]\norder = ["overview", "statement", "income_spending", "volunteers"]\n'
                               '[headings]\nvolunteers = "志愿服务情况"\n'
                               '[phrases.volunteers]\nsentence = "{year}年，{department}组织志愿服务{count}次。"\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=pack)))
    texts = [p.text for p in document.paragraphs]
    at = texts.index("二、志愿服务情况")
    count = docgen.load(minimal).overview.institutions.total
    assert texts[at + 1] == f"2021年，测试局组织志愿服务{count}次。"


def test_a_pack_declares_a_free_text_section_the_department_writes(tmp_path, minimal):
    pack = make_pack(tmp_path, '[report]\norder = ["overview", "statement", "income_spending", "volunteering"]\n'
                               '[texts.volunteering]\nheading = "志愿服务情况"\nparagraphs = ["本年度无志愿服务。"]\n')
    texts = [p.text for p in docx.Document(io.BytesIO(docgen.render(minimal, region=pack))).paragraphs]
    assert texts[texts.index("二、志愿服务情况") + 1] == "本年度无志愿服务。"
    minimal["own_sections"] = {"volunteering": ["全年组织志愿服务12次，参与56人次。", "群众满意度较高。"]}
    texts = [p.text for p in docx.Document(io.BytesIO(docgen.render(minimal, region=pack))).paragraphs]
    at = texts.index("二、志愿服务情况")
    assert texts[at + 1:at + 3] == ["全年组织志愿服务12次，参与56人次。", "群众满意度较高。"]


def test_own_text_for_a_section_the_pack_does_not_declare_is_refused(tmp_path, minimal):
    minimal["own_sections"] = {"volunteerin": ["…"]}
    pack = make_pack(tmp_path, '[texts.volunteering]\nheading = "志愿服务情况"\n')
    with pytest.raises(docgen.InputError, match=r"\$.own_sections.volunteerin: .*did you mean 'volunteering'"):
        docgen.check(minimal, pack)


def _page_of(document, text: str) -> tuple[int, int]:
    """(width, height) of the page the paragraph holding ``text`` is on: the next section break's
    (the 目录's line of the same text is not the paragraph)."""
    from docx.oxml.ns import qn

    body = document.element.body
    found = False
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")).startswith("TOC"):
            continue
        found = found or text in "".join(t.text or "" for t in p.iter(qn("w:t")))
        sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if found and sect is not None:
            break
    else:
        sect = body.find(qn("w:sectPr"))
    size = sect.find(qn("w:pgSz"))
    return int(size.get(qn("w:w"))), int(size.get(qn("w:h")))


def test_tables_printed_before_the_narrative_give_its_page_back(tmp_path):
    order = ('["overview", "statistical_tables", "statement", "income_spending", "income", "spending", "grants", '
             '"general_budget", "basic_spending", "three_public_costs", "government_fund", "state_capital", '
             '"other_matters", "glossary", "attachments"]')
    pack = make_pack(tmp_path, f"[report]\norder = {order}\n", "tables_first")
    (pack / "region.toml").write_text(f'extends = "sichuan"\n[report]\norder = {order}\n', encoding="utf-8")
    fixture = ROOT / "fixtures" / "complete-department-2024.json"
    document = docx.Document(io.BytesIO(docgen.render(fixture, region=pack)))
    width, height = _page_of(document, "财政拨款“三公”经费支出决算表")  # the last table: landscape
    assert width > height
    year = json.loads(fixture.read_text(encoding="utf-8"))["department"]["year"]
    width, height = _page_of(document, f"{year}年度部门决算情况说明")
    assert width < height
    assert _page_of(document, "名词解释") == (width, height)


def test_part_and_section_numbers_are_computed_before_rendering(tmp_path, minimal):
    pack = make_pack(tmp_path, '[sections]\nomit = ["income", "grants"]\n')
    prepared = docgen.prepare(minimal, pack)
    numbers = {u.id: u.number for u in prepared.context["layout"]}
    assert numbers["overview"] == "第一部分" and numbers["statement"] == "第二部分"
    assert (numbers["income_spending"], numbers["income"], numbers["spending"], numbers["general_budget"]) == (
        "一、", "", "二、", "三、")
    assert numbers["glossary"] == "第三部分"


def test_performance_management_becomes_a_section_of_its_own_by_order_alone(tmp_path, minimal):
    order = ('["overview", "statement", "income_spending", "income", "spending", "grants", "general_budget", '
             '"basic_spending", "three_public_costs", "government_fund", "state_capital", "performance", '
             '"other_matters", "glossary"]')
    pack = make_pack(tmp_path, f"[report]\norder = {order}\n")
    h2 = headings(minimal, pack)
    assert h2[-2:] == ["十、预算绩效管理情况", "十一、其他重要事项的情况说明"]
    h3 = headings(minimal, pack, "Heading 3")
    assert "（四）预算绩效管理情况。" not in h3 and "（一）项目绩效目标完成情况。" in h3
    assert "（四）预算绩效管理情况。" in headings(minimal, "sichuan-2020", "Heading 3")


def test_a_broken_fragment_is_a_render_error_naming_it(tmp_path, minimal):
    pack = make_pack(tmp_path, "")
    (pack / "sections").mkdir()
    (pack / "sections" / "glossary.docx").write_bytes(b"not a docx")
    with pytest.raises(docgen.RenderError, match=r"glossary.docx: not a (readable )?.docx"):
        docgen.render(minimal, region=pack)
