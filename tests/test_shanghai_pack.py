"""The 上海 pack (templates/shanghai) and the national one (templates/national) on the 上海 fixture,
and the 上海 variants its golden text (tests/test_shanghai_golden.py) does not reach: a department
without “三公” costs or 机关运行经费, without 收入 contents, and the name each pack prints."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import docx
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt
import pytest

import docgen
from conftest import ROOT
from docgen.cli import main

FIXTURE = ROOT / "fixtures" / "shanghai-department-2024.json"


@pytest.mark.parametrize("region", ["shanghai", "national", "sichuan"])
def test_the_fixture_renders(region):
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region=region)))
    assert any("一般公共预算财政拨款支出" in p.text for p in document.paragraphs)


@pytest.mark.parametrize("region", ["shanghai", "national"])
def test_region_check_passes(region, capsys):
    assert main(["region", "check", region]) == 0
    assert f"{region}: ok" in capsys.readouterr().out


def _paragraphs(data) -> list[str]:
    document = docx.Document(io.BytesIO(docgen.render(data, region="shanghai")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def _without_costs() -> dict:
    """The fixture with no “三公” costs and no 机关运行经费 (their economic lines moved to 30299, so
    the tables still agree)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["three_public_costs"] = {}
    data["operating_costs"] = {"actual": "0", "prior_year": "0"}
    codes = {"30212", "30217", "30231"}
    for lines in (data["basic_spending"]["lines"], data["detail"]["project_lines"]):
        moved = sum(Decimal(line["amount"]) for line in lines if line["code"] in codes)
        lines[:] = [line for line in lines if line["code"] not in codes]
        other = next(line for line in lines if line["code"] == "30299")
        other["amount"] = str(Decimal(other["amount"]) + moved)
    return data


def test_none_sentences_of_a_department_without_costs():
    """p.18: 无“三公”经费财政拨款支出的部门 prints the one sentence in place of （一）（二）; p.20: 无机关运行
    经费支出的部门 its sentence under （一）."""
    paragraphs = _paragraphs(_without_costs())
    seven = paragraphs.index("七、财政拨款“三公”经费支出决算情况说明")
    assert paragraphs[seven + 1:seven + 3] == ["上海市绿色建筑推进局2024年度无“三公”经费财政拨款支出。",
                                              "八、政府性基金预算财政拨款收入支出决算情况说明"]
    eleven = paragraphs.index("十一、其他重要事项的情况说明")
    assert paragraphs[eleven + 1:eleven + 3] == ["（一）机关运行经费支出情况", "上海市绿色建筑推进局2024年度无机关运行经费支出。"]


def test_sichuan_keeps_its_sentences_for_a_department_without_costs():
    """The none variants are 上海's: sichuan, which words none, still states 0."""
    document = docx.Document(io.BytesIO(docgen.render(_without_costs(), region="sichuan")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "无“三公”经费财政拨款支出" not in text and "无机关运行经费支出" not in text
    assert "机关运行经费支出0" in text


def test_glossary_without_contents_keeps_the_bare_terms():
    """p.22: 无事业收入的单位保留事业收入的名词解释，但不列举主要内容 — so does a department whose data
    does not say what its income is."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    del data["income"]["contents"]
    paragraphs = _paragraphs(data)
    assert "二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。" in paragraphs
    assert "四、其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。" in paragraphs


def test_the_name_each_pack_prints():
    """[report] name: 上海 names the department in full (上海市XX局 throughout its template); the
    default is the short name."""
    report = docgen.load(FIXTURE)
    assert docgen.load_region("shanghai").department_name(report.department) == "上海市绿色建筑推进局"
    assert docgen.load_region("sichuan").department_name(report.department) == "市绿色建筑局"


def _rules_found(data, region: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in docgen.check(data, region=region):
        found.setdefault(finding.rule, set()).add(finding.path)
    return found


def test_fleet_classes_follow_the_pack_wording():
    """fleet-classes checks the classes a “三公” sentence prints beside the fleet: 上海 prints the fleet
    without classes (公务用车保有量为4辆) and sichuan names the fixture's six classes, so neither warns;
    sichuan-2020 names four (主要领导干部、机要通信、应急保障、执法执勤用车), so its sentence leaves out
    the fixture's 特种专业技术用车 and 其他用车."""
    assert "fleet-classes" not in _rules_found(FIXTURE, "shanghai")
    assert "fleet-classes" not in _rules_found(FIXTURE, "sichuan")
    assert _rules_found(FIXTURE, "sichuan-2020")["fleet-classes"] == {"$.assets.vehicles"}


def test_reason_unprinted_follows_the_pack_wording():
    """上海 八 states no change on last year, so the fund's change_reason is not the pack's to print
    (sichuan states it, with the reason); 上海 七's vehicles reason holds both the purchase's and the
    running costs' reasons. A reason 上海 has no place for although it states the figure (the “三公”
    total's change on last year) is still named."""
    shanghai = _rules_found(FIXTURE, "shanghai").get("reason-unprinted", set())
    assert "$.government_fund.change_reason" not in shanghai
    assert "$.three_public_costs.vehicle_operation.change_reason" not in shanghai
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region="sichuan")))
    assert any("既有建筑节能改造示范项目增加" in p.text for p in document.paragraphs)
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["three_public_costs"]["change_reason"] = "压减公务用车购置"
    assert "$.three_public_costs.change_reason" in _rules_found(data, "shanghai")["reason-unprinted"]


def _pack_over_shanghai(tmp_path, fund_words: str):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "region.toml").write_text(f'extends = "shanghai"\n[phrases.government_fund]\n{fund_words}\n',
                                      encoding="utf-8")
    return pack


def test_a_fund_item_is_one_pattern_whatever_its_layout(tmp_path):
    """One `item` pattern for every pack: 上海's 项 sentence laid out inline (the sentence's {items},
    as sichuan lays out its own) reads the same as in its numbered paragraph."""
    pack = _pack_over_shanghai(tmp_path, 'item_layout = "inline"\nitems = "{list}"\n'
                                         'sentence = "政府性基金预算财政拨款收入{income}万元，支出{actual}万元，其中：{items}"')
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region=pack)))
    line = ("政府性基金预算财政拨款收入150.00万元，支出158.00万元，其中：城乡社区支出（类）国有土地使用权出让收入安排的支出（款）"
            "城市建设支出（项）。主要用于：对完成竣工验收的既有公共建筑节能改造示范项目给予补贴。年初预算为160.00万元，"
            "支出决算为158.00万元。决算数小于预算数的主要原因：部分改造项目未完成竣工验收，资金结转下年使用。")
    texts = [p.text for p in document.paragraphs]
    assert line in texts
    assert not any(t.startswith("1、城乡社区支出（类）国有土地") for t in texts)


def test_an_unknown_item_layout_is_refused(tmp_path, capsys):
    pack = _pack_over_shanghai(tmp_path, 'item_layout = "table"')
    assert main(["render", str(FIXTURE), "--region", str(pack), "-o", str(tmp_path / "out.docx")]) == 2
    assert "item_layout: must be one of inline, lines, got 'table'" in capsys.readouterr().err
    assert not (tmp_path / "out.docx").exists()


def test_the_summary_tables_list_the_packs_classes_then_the_departments_others(tmp_path):
    """[statistical_tables] classes: the 类 of the form in its order, 0.00 where the department has
    none, then any 类 of the department the form does not list (no spending is dropped)."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "shanghai"\n[statistical_tables]\n'
                                      'classes = [["201", "一般公共服务支出"], ["212", "城乡社区支出"]]\n', encoding="utf-8")
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region=pack)))
    summary = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert [row[2:] for row in summary[2:8]] == [
        ["一、一般公共服务支出", "0.00"], ["二、城乡社区支出", "1732.60"], ["三、社会保障和就业支出", "134.40"],
        ["四、卫生健康支出", "59.80"], ["五、住房保障支出", "52.80"], ["", ""]]


@pytest.mark.parametrize("option, message", [
    ('three_public_columns = "paired"', "three_public_columns: must be one of side, category, got 'paired'"),
    ('carry_over_funds = "bulleted"', "carry_over_funds: must be one of indented, numbered, got 'bulleted'"),
    ('[[statistical_tables.tables]]\nkind = "general_budget"\ntotal = "top"', "general_budget: total must be first or last"),
    ('classes = [["201"]]', "[statistical_tables] classes: entry 1 must be a pair [key, text]"),
    ('[[statistical_tables.tables]]\nkind = "basic_spending"\nline_height = 0',
     "basic_spending: line_height must be a number of points from 1 to 72, got 0"),
    ('[glossary]\ncontents_of = [["事业收入", "fees"]]',
     "[glossary] contents_of: '事业收入' names 'fees', not one of income.contents (public_service, business, other)"),
])
def test_a_mistyped_option_is_refused(tmp_path, capsys, option, message):
    """The 上海 options of a pack, mistyped: refused by name (exit 2), nothing written."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "region.toml").write_text(f'extends = "shanghai"\n[statistical_tables]\n{option}\n', encoding="utf-8")
    assert main(["render", str(FIXTURE), "--region", str(pack), "-o", str(tmp_path / "out.docx")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.docx").exists()


def test_income_parts_take_the_grants_as_one_or_as_three(tmp_path, capsys):
    """fiscal_grants (财政拨款收入) stands for the three grant parts: a pack listing it with one of them
    is refused by name, not with a crash."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "shanghai"\n[phrases.income_structure]\n'
                                      'parts = [["fiscal_grants", "财政拨款收入"], ["general_budget_grant", "一般"]]\n',
                                      encoding="utf-8")
    assert main(["render", str(FIXTURE), "--region", str(pack), "-o", str(tmp_path / "out.docx")]) == 2
    assert "parts: 'general_budget_grant' is not one of the parts (fiscal_grants, " in capsys.readouterr().err


def test_the_basic_table_lists_the_packs_rows_then_the_departments_others(tmp_path):
    """[statistical_tables] economic_rows: the form's 类/款 on their side (301/303 人员经费, 302/310
    公用经费), 0.00 where the department has none, then the department's other 款."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "shanghai"\n[statistical_tables]\neconomic_rows = [["30114", "医疗费"], '
                                      '["302", "商品和服务支出"], ["30203", "咨询费"]]\n', encoding="utf-8")
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region=pack)))
    basic = next(t for t in document.tables if t.rows[-1].cells[0].text == "人员经费合计")
    rows = [[c.text.strip("　") for c in row.cells] for row in basic.rows][1:4]  # under the one heading row
    assert rows == [["30114", "医疗费", "0.00", "302", "商品和服务支出", "147.00"],
                    ["301", "工资福利支出", "692.00", "30203", "咨询费", "0.00"],
                    ["30101", "基本工资", "168.00", "30201", "办公费", "22.40"]]


def test_the_basic_tables_lines_are_set_exactly_so_its_rows_fit_one_page():
    """line_height = 12 (p.11 on one page): the 基本支出表's cells in a style of exact 12 pt lines;
    the other tables keep single spacing."""
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region="shanghai")))

    def style(table):
        return table.rows[1].cells[0].paragraphs[0].style

    tables = document.tables
    basic = next(t for t in tables if t.rows[-1].cells[0].text == "人员经费合计")
    assert style(basic).paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert style(basic).paragraph_format.line_spacing == Pt(12)
    others = [style(t) for t in tables if t is not basic and style(t).name.startswith("docgen 表格文字")]
    assert others and all(s.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE for s in others)


def test_a_vehicle_purchase_says_what_was_bought():
    """p.18: 公务用车购置支出为XX万元。主要用于XXXXXXXX，列明公务用车购置数量 (the fixture bought none:
    its golden text has the amount alone)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["three_public_costs"]["vehicle_purchase"].update(
        {"budget": "22.00", "actual": "22.00", "vehicles": 1, "purpose": "更新1辆已达报废年限的执法执勤用车"})
    lines = data["detail"]["project_lines"]
    other = next(line for line in lines if line["code"] == "30299")
    other["amount"] = str(Decimal(other["amount"]) - Decimal("22.00"))
    lines.append({"code": "31013", "amount": "22.00"})
    assert "公务用车购置支出为22.00万元。主要用于更新1辆已达报废年限的执法执勤用车，购置公务用车1辆。" in _paragraphs(data)


def test_what_the_shanghai_sentences_lack_is_named_by_its_path():
    """Data without 年初预算 or 预算绩效管理 figures: each text-missing finding names the field to fill,
    none the whole file ($)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    del data["performance"]["management"]
    for item in data["general_budget"]["items"]:
        del item["initial_budget"]
    paths = {f.path for f in docgen.check(data, region="shanghai") if f.rule == "text-missing"}
    assert "$" not in paths
    assert {"$.performance.management", "$.general_budget.items[*].initial_budget",
            "$.general_budget.items[0].initial_budget"} <= paths
