"""部门预算项目支出绩效自评表 in the 预算管理一体化 layout (domain.md §11): the structure of its two
Word tables, the scores from the figures, and the header that repeats."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import cell_grid, without_statistical_tables

PACK = "sichuan"   # the current Sichuan pack prints this layout by default
INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "level3": "免疫畜禽数量", "expected": "370", "actual": "386",
     "nature": "≥", "unit": "万头（只）", "weight": "30", "score": "30"},
    {"level1": "产出指标", "level2": "质量指标", "level3": "免疫密度", "expected": "90", "actual": "88",
     "nature": "≥", "unit": "%", "weight": "30", "score": "27", "shortfall_reason": "偏远乡镇补免延至次年"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "养殖户满意度", "expected": "满意",
     "actual": "满意", "nature": "定性", "weight": "30", "score": "30"},
]
PROJECT = {
    "name": "动物疫病防控专项经费", "project_code": "51000021R000000019951", "unit": "某某县动物疫病预防控制中心",
    "budget": {"grant": "12.00", "other": "0.50"}, "execution": {"grant": "9.60", "other": "0.40"},
    "expected_goal": "完成强制免疫。", "actual_goal": "基本完成强制免疫。", "summary": "主要用于采购疫苗。",
    "problems": "补免不及时。", "improvements": "加强补免。", "indicators": INDICATORS,
    "funds": {"initial_budget": {"fiscal": "10.00"}, "adjusted_budget": {"fiscal": "12.00", "unit": "0.50"},
              "executed": {"fiscal": "9.60", "unit": "0.40"}, "reason": "部分疫苗采购延至次年"},
    "conclusion": "项目完成情况良好。", "project_lead": "张三", "finance_lead": "李四",
}


def render(minimal, *projects, region=PACK):
    data = copy.deepcopy(minimal)
    n = len(projects)
    data["performance"] = {"goals_set": n, "monitored": n, "self_evaluated": n, "projects": list(projects)}
    document = docx.Document(io.BytesIO(docgen.render(data, region=region)))
    return document, without_statistical_tables(document.tables)


def header_flags(table) -> list[bool]:
    return [tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]


def texts(row):
    return [cell[0] for cell in row]


@pytest.fixture
def tables(minimal):
    return render(minimal, PROJECT)


def test_two_tables_of_one_grid_under_the_title(tables):
    document, (head, body) = tables
    paragraphs = [p.text for p in document.paragraphs]
    title = paragraphs.index("部门预算项目支出绩效自评表")
    assert paragraphs[title + 1] == "（2021年度）"
    widths = [[int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.findall(qn("w:gridCol"))] for t in (head, body)]
    assert widths[0] == widths[1] and len(widths[0]) == 10 and sum(widths[0]) == 8845
    # Title paragraphs and every row of the first table keep with what follows: the title stays with it.
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for t in (head, body) for tr in t._tbl.tr_lst)
    body_xml = document.element.body.xml
    between = body_xml[body_xml.index("</w:tbl>", body_xml.index("51000021R")):]
    assert between.index("<w:keepNext/>") < between.index("<w:tbl>")


def test_budget_execution_rows_by_source(tables):
    _, (head, _) = tables
    rows = cell_grid(head._tbl)
    assert rows[0] == [("项目名称", 2, None), ("51000021R000000019951-动物疫病防控专项经费", 8, None)]
    assert texts(rows[1]) == ["主管部门", "某某县测试局", "实施单位", "某某县动物疫病预防控制中心"]
    assert rows[2][0] == ("预算执行情况（10分）", 1, "restart")
    assert texts(rows[2])[2:] == ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
    assert texts(rows[3])[1:] == ["总额", "10.00", "12.50", "10.00", "80%", "10", "8", "部分疫苗采购延至次年"]
    assert texts(rows[4])[1:] == ["其中：财政资金", "10.00", "12.00", "9.60", "80%", "—", "—", ""]
    assert texts(rows[5])[1:] == ["财政专户管理资金", "0", "0", "0", "", "—", "—", ""]
    assert texts(rows[6])[1:6] == ["单位资金", "0", "0.50", "0.40", "80%"]
    assert texts(rows[7])[1] == "其他资金"
    assert all(row[0] == ("", 1, "continue") for row in rows[3:8])
    assert texts(rows[8]) == ["项目年度目标", "年度目标完成情况"]
    assert texts(rows[9]) == ["完成强制免疫。", "基本完成强制免疫。"]
    assert not any(header_flags(head))
    assert all(tr.trPr is not None and tr.xml.count("<w:keepNext/>") for tr in head._tbl.tr_lst)


def test_indicators_total_and_evaluation(tables):
    _, (_, body) = tables
    rows = cell_grid(body._tbl)
    assert rows[0] == [("绩效指标（90分）", 10, None)]
    assert texts(rows[1]) == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重",
                              "得分", "未完成原因分析"]
    assert texts(rows[3]) == ["", "质量指标", "免疫密度", "≥", "90", "%", "88", "30", "27", "偏远乡镇补免延至次年"]
    assert (rows[2][0][2], rows[3][0][2], rows[4][0][2]) == ("restart", "continue", None)
    assert texts(rows[4])[3] == "定性" and texts(rows[4])[5] == ""
    assert rows[5][0] == ("合计", 7, None) and texts(rows[5])[1:3] == ["100", "95"]  # 8 + 30 + 27 + 30
    assert [texts(r) for r in rows[6:9]] == [["评价结论", "项目完成情况良好。"], ["存在问题", "补免不及时。"],
                                            ["改进措施", "加强补免。"]]
    assert texts(rows[9]) == ["项目负责人", "张三", "财务负责人", "李四"]


def test_only_the_indicator_header_repeats(tables):
    _, (head, body) = tables
    assert header_flags(body)[:2] == [True, True] and not any(header_flags(body)[2:])
    assert not any(header_flags(head))


def test_a_long_table_runs_on_with_its_header(minimal):
    many = [{**INDICATORS[0], "level3": f"指标{i}", "weight": "3", "score": "3"} for i in range(30)]
    _, tables = render(minimal, {**PROJECT, "indicators": many})
    body = tables[1]
    assert len(body._tbl.tr_lst) == 2 + 30 + 1 + 3 + 1
    assert header_flags(body).count(True) == 2


def test_without_funds_by_source_the_total_comes_from_budget_and_execution(tmp_path, minimal):
    # sichuan requires the funds by source (field-required); a pack that does not still prints the table
    pack = tmp_path / "lenient"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan"\n[rules.field-required]\nsections = []\n', encoding="utf-8")
    _, (head, body) = render(minimal, {**PROJECT, "funds": None, "project_code": None, "initial_budget": "11.00"},
                             region=pack)
    rows = cell_grid(head._tbl)
    assert rows[0][1][0] == "动物疫病防控专项经费"
    assert texts(rows[3])[1:7] == ["总额", "11.00", "12.50", "10.00", "80%", "10"]
    assert texts(rows[4])[2:6] == ["", "", "", ""]


def test_sichuan_names_every_field_its_table_needs(minimal):
    data = copy.deepcopy(minimal)
    data["performance"] = {"goals_set": 1, "monitored": 1, "self_evaluated": 1,
                           "projects": [{**PROJECT, "funds": None, "project_lead": None}]}
    missing = [f.path for f in docgen.check(data, PACK) if f.rule == "field-required"]
    assert missing == ["$.performance.projects[0].funds", "$.performance.projects[0].project_lead"]


def test_two_projects_two_table_pairs(minimal):
    _, tables = render(minimal, PROJECT, {**PROJECT, "name": "乙项目"})
    assert len(tables) == 4


def test_a_pack_without_the_layout_labels_is_a_region_error(tmp_path, minimal):
    pack = tmp_path / "nolabels"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[performance_table]\nlayout = "integrated"\n',
                                      encoding="utf-8")
    data = copy.deepcopy(minimal)
    data["performance"] = {"goals_set": 1, "monitored": 1, "self_evaluated": 1, "projects": [PROJECT]}
    with pytest.raises(docgen.RegionError, match=r"performance_table.labels.integrated"):
        docgen.render(data, region=pack)


def test_the_older_layouts_print_a_value_with_its_sign_and_unit(minimal):
    data = copy.deepcopy(minimal)
    data["performance"] = {"goals_set": 1, "monitored": 1, "self_evaluated": 1, "projects": [PROJECT]}
    document = docx.Document(io.BytesIO(docgen.render(data)))
    _head, indicators = without_statistical_tables(document.tables)
    rows = [texts(r)[-2:] for r in cell_grid(indicators._tbl)[-3:]]
    assert rows == [["≥370万头（只）", "386万头（只）"], ["≥90%", "88%"], ["满意", "满意"]]
