"""Region packs: inheritance, rewording without code, sections left out renumber the rest."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import docx
import pytest

import docgen
from docgen.pack.wording import KEPT
from docgen.regions import load_region


def make_pack(tmp_path: Path, toml: str, name: str = "testland") -> Path:
    pack = tmp_path / name
    pack.mkdir()
    (pack / "region.toml").write_text(toml, encoding="utf-8")
    return pack


def test_sichuan_2020_extends_base():
    region = load_region("sichuan-2020")
    assert [p.name for p in region.chain] == ["sichuan-2020", "base"]
    assert region.template.name == "report.docx"
    assert region.phrases("income_structure")["omit_when_zero"] == ["state_capital_grant"]
    assert "totals" in region.settings["phrases"]


def test_a_pack_rewords_a_sentence_without_code(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[phrases.operating_costs]\n'
                               'equal = "{year}年{department}机关运行经费{actual}万元，与上年持平。"\n')
    s = docgen.prepare(minimal, pack).context["s"]
    assert s.operating_costs == "2021年测试局机关运行经费10.00万元，与上年持平。"


def test_a_pack_that_drops_reason_from_its_wording_needs_no_reason(tmp_path, minimal):
    del minimal["general_budget"]["items"][1]["reason"]
    assert docgen.check(minimal) != []
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[phrases.variance]\nunder = "决算数小于预算数。"\n')
    assert docgen.check(minimal, pack) == []


def test_omitted_sections_renumber_the_rest(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[sections]\nomit = ["government_fund", "state_capital"]\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=pack)))
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "八、其他重要事项的情况说明" in h2
    assert not any("政府性基金" in t for t in h2)


def test_unknown_placeholder_in_a_pack_is_a_region_error(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[phrases.procurement]\nsentence = "{year}年{nonsense}"\n')
    with pytest.raises(docgen.RegionError, match=r"\[phrases.procurement\] sentence: unknown placeholder "
                                                 r"\{nonsense\} \(this pattern receives \{year\}"):
        docgen.check(minimal, pack)


@pytest.mark.parametrize("pattern", ["{year.__class__}", "{reason!r}", "{rate:>9}", "{items[0]}", "未闭合{"])
def test_malformed_patterns_are_refused_when_the_pack_loads(tmp_path, pattern):
    # no_budget is a variant the minimal data never uses: the pack is still refused.
    pack = make_pack(tmp_path, f'extends = "sichuan-2020"\n[phrases.variance]\nno_budget = "{pattern}"\n')
    with pytest.raises(docgen.RegionError, match=r"\[phrases.variance\] no_budget"):
        load_region(pack)


def test_extends_loop_and_missing_template_are_reported(tmp_path):
    make_pack(tmp_path, 'extends = "b"\n', "a")
    make_pack(tmp_path, 'extends = "a"\n', "b")
    with pytest.raises(docgen.RegionError, match="loops"):
        load_region("a", [tmp_path])
    make_pack(tmp_path, 'template = "missing.docx"\n', "c")
    with pytest.raises(docgen.RegionError, match="not found"):
        load_region("c", [tmp_path])


def test_bad_toml_is_a_region_error(tmp_path):
    make_pack(tmp_path, 'extends = \n', "broken")
    with pytest.raises(docgen.RegionError, match="region.toml"):
        load_region("broken", [tmp_path])


def test_pack_found_by_name_in_a_search_folder(tmp_path, minimal):
    make_pack(tmp_path, 'extends = "sichuan-2020"\nname = "测试"\n', "mytown")
    assert load_region("mytown", [tmp_path]).name == "mytown"
    assert docgen.check(minimal, "mytown", [tmp_path]) == []


def test_a_changed_pack_is_reloaded(tmp_path, minimal):
    import os
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n')
    before = docgen.prepare(minimal, pack).context["s"].operating_costs
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[phrases.operating_costs]\nequal = "持平。"\n',
                                      encoding="utf-8")
    stat = (pack / "region.toml").stat()
    os.utime(pack / "region.toml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert docgen.prepare(minimal, pack).context["s"].operating_costs == "持平。" != before


def test_current_sichuan_extends_the_2020_pack_with_its_thirteen_tables():
    region = load_region("sichuan")
    assert [p.name for p in region.chain] == ["sichuan", "sichuan-2020", "base"]
    titles = [t["title"] for t in region.settings["statistical_tables"]["tables"]]
    assert len(titles) == 13
    assert titles[7] == "一般公共预算财政拨款基本支出决算明细表"
    assert titles[-1] == "财政拨款“三公”经费支出决算表"
    assert load_region().name == "sichuan-2020"


@pytest.mark.parametrize("toml, message", [
    ('[phrases.varaince]\nequal = "等于。"\n', r"region.toml: \[phrases.varaince\]: unknown section \(did you mean 'variance'\?\)"),
    ('[statistical_tables]\nzeroo = "0"\n', r"region.toml: \[statistical_tables\] zeroo: unknown key \(did you mean 'zero'\?\)"),
    ('[sectoins]\nomit = []\n', r"region.toml: \[sectoins\]: unknown section \(did you mean 'sections'\?\)"),
    ('[[statistical_tables.tables]]\nkind = "income"\ntitl = "收入"\n',
     r"\[statistical_tables.tables\[0\]\] titl: unknown key \(did you mean 'title'\?\)"),
    ('[charts.income_structure]\ntyp = "pie"\n', r"\[charts.income_structure\] typ: unknown key"),
    ('template = 1\n', r"region.toml: template: expected text, got 1"),
    ('[numbering]\nh1 = 3\n', r"region.toml: \[numbering\] h1: expected text, got 3"),
    ('[glossary]\nbefore_codes = "x"\n', r"region.toml: \[glossary\] before_codes"),
    ('[phrases]\nstructure = ""\n', r"region.toml: \[phrases\] structure: expected a table, got ''"),
    ('report = "x"\n', r"region.toml: report: expected a table, got 'x'"),
])
def test_a_mistyped_pack_is_refused_naming_file_and_key(tmp_path, toml, message):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n' + toml)
    with pytest.raises(docgen.RegionError, match=message):
        load_region(pack)


def test_extends_of_the_wrong_type_is_refused(tmp_path):
    pack = make_pack(tmp_path, 'extends = 1\n')
    with pytest.raises(docgen.RegionError, match=r"region.toml: extends: expected text, got 1"):
        load_region(pack)


def test_every_variant_is_checked_when_the_pack_loads(tmp_path):
    # increase_minor is used only for a small change without a reason: still checked at load.
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[phrases.change]\nincrease_minor = "{subject}{reason}"\n')
    with pytest.raises(docgen.RegionError, match=r"\[phrases.change\] increase_minor: unknown placeholder \{reason\}"):
        load_region(pack)


def test_the_new_placeholders_reach_their_sentences(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[phrases.totals]\n'
                               'sentence = "{department}{year}年度收入总计{income_total}万元。"\n'
                               '[phrases.general_budget]\nitem = "{item}（{code}）：预算{budget}万元，决算{actual}万元。"\n')
    s = docgen.prepare(minimal, pack).context["s"]
    assert s.totals.startswith("测试局2021年度收入总计")
    assert "预算" in s.general_budget_items[0] and "万元，决算" in s.general_budget_items[0]


def test_a_pack_chain_that_lacks_required_wording_is_refused(tmp_path):
    # A folder named base in a search folder stands in for the packaged one: the chain ends there.
    root = tmp_path / "packs"
    root.mkdir()
    make_pack(root, 'template = "t.docx"\n[phrases.totals]\nsentence = "{year}"\n', "base")
    (root / "base" / "t.docx").write_bytes(b"")
    with pytest.raises(docgen.RegionError, match=r"no pack in its chain sets \[phrases"):
        load_region("base", [root])


def test_each_list_takes_its_own_numbering_style(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[numbering.lists]\nfunctions = "{n}、"\n'
                               'items = "（{cn}）"\nglossary = "{cn}、"\nsecondary_units = "{circled}"\n')
    s = docgen.prepare(minimal, pack).context["s"]
    assert s.functions[0].startswith("1、")
    assert s.general_budget_items[0].startswith("（一）") and s.general_budget_items[1].startswith("（二）")
    assert s.glossary[0].startswith("一、") and s.glossary[2].startswith("三、")
    assert all(line.startswith(n) for line, n in zip(s.secondary_units, "①②③"))
    default = docgen.prepare(minimal).context["s"]
    assert default.functions[0].startswith("1.") and default.glossary[0].startswith("1.")


def test_number_formats_per_pack(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[formats]\nintegral_percent = "decimals"\n'
                               'amounts = "as_entered"\n')
    items = docgen.prepare(minimal, pack).context["s"].general_budget_items
    default = docgen.prepare(minimal).context["s"].general_budget_items
    assert "完成预算100%" in "".join(default) and "完成预算100.00%" in "".join(items)
    assert ".00万元" in "".join(default) and ".00万元" not in "".join(items)
    assert docgen.render(minimal, region=pack)[:2] == b"PK"  # the self-check reads both styles


def test_a_unit_report_says_unit_throughout_the_packs_wording(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan-2020"\n[report]\nentity = "单位"\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=pack)))
    texts = [p.text for p in document.paragraphs]
    assert "2021年度单位决算" in texts and "第一部分 单位概况" in texts
    # The pack's wording throughout, the statistical tables' notes included; the terms that name
    # another body or a classification (财政部门, 部门预算支出经济分类科目 …) keep their names.
    left = [t for t in texts if "部门" in functools.reduce(lambda text, term: text.replace(term, ""), KEPT, t)]
    assert left == []
    assert any("同级财政部门" in t for t in texts)


@pytest.mark.parametrize("toml, message", [
    ('[formats]\nintegral_percent = "round"\n', r"\[formats\] integral_percent: must be one of bare, decimals"),
    ('[report]\nentity = "机关"\n', r"\[report\] entity: must be one of 部门, 单位"),
    ('[numbering.lists]\nglosary = "{cn}、"\n', r"\[numbering.lists\] glosary: unknown key \(did you mean 'glossary'\?\)"),
    ('[numbering.lists]\nglossary = "{roman}"\n', r"\[numbering.lists\] glossary: unknown placeholder \{roman\}"),
])
def test_option_mistakes_are_refused(tmp_path, toml, message):
    with pytest.raises(docgen.RegionError, match=message):
        load_region(make_pack(tmp_path, 'extends = "sichuan-2020"\n' + toml))
