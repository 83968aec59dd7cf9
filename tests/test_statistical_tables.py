"""The statistical tables (公开表): structure, totals against the model, empty tables, missing detail,
landscape sections, and the complete fixture that fills every table."""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, ROOT, cell_grid
from docgen.figures import Figures
from docgen.formatting import table_amount
from docgen.statistics import statistics_for

COMPLETE_FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"
D = Decimal

SICHUAN_TITLES = [
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "财政拨款支出决算明细表",
    "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款项目支出决算表", "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款“三公”经费支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]
NATIONAL_TITLES = [
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]


# Reading the rendered document ---------------------------------------------------------------

@cache
def rendered(fixture: Path, region: str = "sichuan-2020") -> bytes:
    return docgen.render(fixture, region=region)


def document(fixture: Path = COMPLETE_FIXTURE, region: str = "sichuan-2020"):
    return docx.Document(io.BytesIO(rendered(fixture, region)))


def caption(tbl) -> str | None:
    element = tbl.tblPr.find(qn("w:tblCaption"))
    return None if element is None else element.get(qn("w:val"))


def statistical(doc) -> dict[str, object]:
    """Title → the table's CT_Tbl, for the tables captioned 公开NN表."""
    found = {}
    for table in doc.tables:
        text = caption(table._tbl)
        if text and text.startswith("公开"):
            number, _, title = text.partition(" ")
            found[title] = table._tbl
    return found


def cells(tbl) -> list[list[tuple[str, int, str | None]]]:
    return cell_grid(tbl)


def texts(tbl) -> list[list[str]]:
    return [[c[0] for c in row] for row in cells(tbl)]


def header_rows(tbl) -> int:
    return sum(1 for tr in tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None)


def amounts(row: list[str]) -> list[Decimal]:
    return [D(t) if t else None for t in row]


def code_rows(tbl, first_amount: int = 2) -> dict[str, list[Decimal]]:
    """科目编码 → the row's amounts, for the rows that start with a code."""
    return {row[0]: amounts(row[first_amount:]) for row in texts(tbl) if row and row[0].isdigit()}


def total_row(tbl, label: str = "合计") -> list[Decimal]:
    for row in texts(tbl):
        if row[0] == label:
            return amounts(row[1:])
    raise AssertionError(f"no {label} row")


def section_of_tables(doc) -> dict[str, str]:
    """Title → orientation of the page the table is on (from the section it belongs to)."""
    body = doc.element.body
    pending: list[str] = []
    found: dict[str, str] = {}

    def close(sect_pr) -> None:
        size = sect_pr.find(qn("w:pgSz"))
        landscape = int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
        for title in pending:
            found[title] = "landscape" if landscape else "portrait"
        pending.clear()

    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            text = caption(child)
            if text and text.startswith("公开"):
                pending.append(text.partition(" ")[2])
        elif child.tag == qn("w:p"):
            sect_pr = child.find(qn("w:pPr") + "/" + qn("w:sectPr"))
            if sect_pr is not None:
                close(sect_pr)
        elif child.tag == qn("w:sectPr"):
            close(child)
    return found


# The complete fixture: consistent by construction (domain.md §5) --------------------------------

@pytest.fixture(scope="module")
def complete():
    return docgen.load(COMPLETE_FIXTURE)


@pytest.fixture(scope="session")
def national(tmp_path_factory) -> str:
    """A pack with base's wording and table set (the national nine) and the Sichuan template."""
    pack = tmp_path_factory.mktemp("packs") / "national"
    pack.mkdir()
    shutil.copy(ROOT / "templates" / "base" / "report.docx", pack / "report.docx")
    (pack / "region.toml").write_text('extends = "base"\ntemplate = "report.docx"\n', encoding="utf-8")
    return str(pack)


def test_complete_fixture_has_no_findings_at_all(national):
    assert docgen.check(COMPLETE_FIXTURE, "sichuan") == []
    # base's wording prints fewer reasons than the current Sichuan pack it is written for
    assert {f.rule for f in docgen.check(COMPLETE_FIXTURE, national)} == {"reason-unprinted"}


def test_complete_fixture_satisfies_every_identity(complete):
    r, f = complete, Figures(complete)
    # 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 支出总计
    assert f.income_total == f.income_this_year + r.income.non_grant_balance_used + r.income.carry_over_start
    assert f.spending_total == f.spending_this_year + r.spending.balance_distribution + r.spending.carry_over_end
    assert f.income_total == f.spending_total == D("1304.50")
    # every income source and every spending kind is present
    assert all(getattr(r.income.sources, k) > 0 for k in (
        "general_budget_grant", "government_fund_grant", "state_capital_grant", "superior_subsidy",
        "public_service", "business", "affiliate_remittance", "other"))
    assert all(getattr(r.spending.kinds, k) > 0 for k in (
        "basic", "project", "remitted_to_superior", "business", "affiliate_subsidy"))
    # 财政拨款 totals, and per fund type
    assert f.grant_income_total == f.grant_spending_total == D("1128.04")
    for fund in (r.government_fund, r.state_capital):
        assert fund.carry_over_start + fund.income == fund.actual + fund.carry_over_end
        assert fund.actual == sum(i.actual for i in fund.items) > 0
        assert fund.income == sum(i.income for i in fund.items)
        assert fund.carry_over_start == sum(i.carry_over_start for i in fund.items)
        assert fund.carry_over_end == sum(i.carry_over_end for i in fund.items)
    # 一般公共预算: Σ类 (stated) = Σ项 = 基本 + 项目; 基本 = 人员经费 + 公用经费
    gb = r.general_budget
    assert all(c.amount == c.derived for c in f.categories)
    assert f.general_budget_total == gb.actual == D("856.29")
    assert sum(i.basic for i in gb.items) == f.basic_total == f.personnel_total + f.public_total
    assert sum(i.project for i in gb.items) == sum(line.amount for line in r.detail.project_lines)
    assert all(i.basic + i.project == i.actual for i in gb.items)
    # “三公” = 出国 + 购置 + 运行 + 接待, every category non-zero
    c = r.three_public_costs
    assert c.actual == c.travel_abroad.actual + c.vehicle_purchase.actual + c.vehicle_operation.actual + c.reception.actual
    assert all(category.actual > 0 for category in c.categories)
    assert c.reception.foreign.amount > 0
    # the detail lines add up to the totals the narrative prints
    for key in ("general_budget_grant", "government_fund_grant", "state_capital_grant", "superior_subsidy",
                "public_service", "business", "affiliate_remittance", "other"):
        assert sum(getattr(line, key) for line in r.detail.income_lines) == getattr(r.income.sources, key)
    for key in ("basic", "project", "remitted_to_superior", "business", "affiliate_subsidy"):
        assert sum(getattr(line, key) for line in r.detail.spending_lines) == getattr(r.spending.kinds, key)
    # soft links (domain.md §5) hold too
    economic = {line.code: line.amount for line in r.basic_spending.lines}
    functional = {i.code: i.actual for i in gb.items}
    assert economic["30108"] == functional["2080505"]
    assert economic["30110"] + economic["30111"] == functional["2101101"] + functional["2101102"]
    assert economic["30113"] == functional["2210201"]
    # the narrative sections it fills
    assert len(r.performance.projects) >= 3 and r.performance.overall_evaluation is not None
    assert all(p.evaluation is not None and p.indicators for p in r.performance.projects)
    assert r.procurement.awarded_to_sme > 0 and r.assets.vehicles.total > 0


def test_complete_fixture_renders_reopens_and_fills_every_table():
    doc = document()
    tables = statistical(doc)
    assert list(tables) == SICHUAN_TITLES
    for title, tbl in tables.items():
        assert "说明：" not in "".join(t.text or "" for t in tbl.iter(qn("w:t"))), title
    paragraphs = [p.text for p in doc.paragraphs]
    assert "第五部分 附表" in paragraphs
    assert not any(p.startswith("说明：") for p in paragraphs)
    assert [caption(t._tbl) for t in doc.tables if caption(t._tbl)][:2] == ["公开01表 收入支出决算总表",
                                                                            "公开02表 收入决算表"]


def test_the_national_nine_in_the_base_pack(national):
    tables = statistical(document(region=national))
    assert list(tables) == NATIONAL_TITLES


# Structure and totals, table by table (complete fixture, Sichuan) -------------------------------

@pytest.fixture(scope="module")
def tables():
    return statistical(document())


def test_summary_is_two_sided_with_totals(tables):
    rows = texts(tables["收入支出决算总表"])
    grid = cells(tables["收入支出决算总表"])
    assert grid[0] == [("收入", 2, None), ("支出", 2, None)]
    assert rows[1] == ["项目", "金额", "项目", "金额"]
    assert header_rows(tables["收入支出决算总表"]) == 2
    assert rows[2][:2] == ["一、一般公共预算财政拨款收入", "845.44"]
    assert [r[2] for r in rows[2:8]] == ["一、社会保障和就业支出", "二、卫生健康支出", "三、城乡社区支出", "四、农林水支出",
                                         "五、住房保障支出", "六、国有资本经营预算支出"]
    by_label = {r[0]: r[1] for r in rows if len(r) == 4} | {r[2]: r[3] for r in rows if len(r) == 4}
    assert by_label["本年收入合计"] == "1226.50" and by_label["本年支出合计"] == "1234.99"
    assert by_label["使用非财政拨款结余"] == "4.00" and by_label["年初结转和结余"] == "74.00"
    assert by_label["结余分配"] == "2.10" and by_label["年末结转和结余"] == "67.41"
    assert rows[-1] == ["总计", "1304.50", "总计", "1304.50"]
    # the 类 rows add up to 本年支出合计
    assert sum(D(r[3]) for r in rows[2:8]) == D("1234.99")


def test_income_and_spending_tables_have_merged_headers_and_hierarchy(tables, complete):
    income = tables["收入决算表"]
    grid = cells(income)
    assert grid[0][0] == ("项目", 2, None) and all(c[2] == "restart" for c in grid[0][1:])
    assert grid[1][:2] == [("科目编码", 1, None), ("科目名称", 1, None)] and all(c[2] == "continue" for c in grid[1][2:])
    assert header_rows(income) == 2
    assert total_row(income) == [D("1226.50"), D("1072.44"), D("30.00"), D("86.50"), D("24.30"), D("8.00"),
                                     D("5.26")]
    rows = texts(income)
    names = {r[0]: r[1] for r in rows if r[0].isdigit()}
    assert names["213"] == "农林水支出" and names["21301"] == "\u3000农业农村" and names["2130101"] == "\u3000\u3000行政运行"
    spending = tables["支出决算表"]
    assert total_row(spending) == [D("1234.99"), D("724.49"), D("466.70"), D("6.00"), D("22.80"), D("15.00")]
    assert code_rows(spending)["2130104"] == [D("243.56"), D("214.76"), D("0"), D("6.00"), D("22.80"), D("0")]


@pytest.mark.parametrize("title", ["收入决算表", "支出决算表", "财政拨款支出决算明细表", "一般公共预算财政拨款支出决算表",
                                   "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"])
def test_category_equals_sum_of_sections_equals_sum_of_items(tables, title):
    rows = code_rows(tables[title])
    assert rows
    total = total_row(tables[title])
    categories = [c for c in rows if len(c) == 3]
    for column in range(len(total)):
        assert sum(rows[c][column] for c in categories) == total[column]
        for category in categories:
            sections = [c for c in rows if len(c) == 5 and c.startswith(category)]
            items = [c for c in rows if len(c) == 7 and c.startswith(category)]
            assert rows[category][column] == sum(rows[s][column] for s in sections) == sum(rows[i][column] for i in items)


def test_rows_come_in_code_order_with_each_item_under_its_section(tables):
    codes = [r[0] for r in texts(tables["支出决算表"]) if r[0].isdigit()]
    assert codes == sorted(codes)
    assert codes[:4] == ["208", "20805", "2080505", "2080506"]


def test_general_budget_table_matches_the_narrative(tables, complete):
    f = Figures(complete)
    gb = tables["一般公共预算财政拨款支出决算表"]
    grid = cells(gb)
    assert grid[0] == [("项目", 2, None), ("本年支出", 3, None)]
    assert [c[0] for c in grid[1]] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert total_row(gb) == [f.general_budget_total, f.basic_total, f.general_budget_total - f.basic_total]
    rows = code_rows(gb)
    for category in f.categories:
        assert rows[category.code.code][0] == category.amount
    for item in complete.general_budget.items:
        assert rows[item.code] == [item.actual, item.basic, item.project]


def test_grants_summary_by_fund_type(tables):
    g = tables["财政拨款收入支出决算总表"]
    rows = texts(g)
    assert cells(g)[0] == [("收入", 2, None), ("支出", 5, None)]
    assert rows[1] == ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    by_label = {r[2]: r[3:] for r in rows if len(r) == 7 and r[2]}
    assert by_label["本年支出合计"] == ["1088.79", "856.29", "220.50", "12.00"]
    assert by_label["年末财政拨款结转和结余"] == ["39.25", "24.75", "14.50", "0.00"]
    assert by_label["总计"] == ["1128.04", "881.04", "235.00", "12.00"]
    left = {r[0].strip("\u3000"): r[1] for r in rows if len(r) == 7 and r[0]}
    assert left["年初财政拨款结转和结余"] == "55.60" and left["一般公共预算财政拨款"] == "35.60"
    assert left["总计"] == "1128.04"


def test_basic_spending_table_in_two_column_groups(tables, complete):
    f = Figures(complete)
    basic = tables["一般公共预算财政拨款基本支出决算表"]
    grid = cells(basic)
    assert grid[0] == [("人员经费", 3, None), ("公用经费", 3, None)]
    assert [c[0] for c in grid[1]] == ["科目编码", "科目名称", "决算数"] * 2
    last = texts(basic)[-1]
    assert last == ["人员经费合计", table_amount(f.personnel_total), "公用经费合计", table_amount(f.public_total)]
    left = {r[0]: D(r[2]) for r in texts(basic)[2:-1] if r[0]}
    assert left["301"] == sum(l.amount for l in complete.basic_spending.lines if l.code.startswith("301"))
    assert left["301"] + left["303"] == f.personnel_total


def test_three_public_costs_tables(tables, complete, national):
    c = complete.three_public_costs
    gb = tables["一般公共预算财政拨款“三公”经费支出决算表"]
    grid = cells(gb)
    assert grid[0] == [("预算数", 6, None), ("决算数", 6, None)]
    assert grid[1][:4] == [("合计", 1, "restart"), ("因公出国（境）费", 1, "restart"),
                           ("公务用车购置及运行维护费", 3, None), ("公务接待费", 1, "restart")]
    assert [x[0] for x in grid[2][:6]] == ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]
    assert header_rows(gb) == 3
    values = amounts(texts(gb)[3])
    fund = complete.government_fund.three_public_costs.vehicle_operation
    assert values[6:] == [c.actual - fund.actual, c.travel_abroad.actual,
                          c.vehicle_purchase.actual + c.vehicle_operation.actual - fund.actual,
                          c.vehicle_purchase.actual, c.vehicle_operation.actual - fund.actual, c.reception.actual]
    gf = amounts(texts(tables["政府性基金预算财政拨款“三公”经费支出决算表"])[3])
    assert gf == [fund.budget, 0, fund.budget, 0, fund.budget, 0, fund.actual, 0, fund.actual, 0, fund.actual, 0]
    national = amounts(texts(statistical(document(region=national))["财政拨款“三公”经费支出决算表"])[3])
    assert national[0] == c.budget and national[6] == c.actual == D("33.51")


def test_fund_tables(tables):
    gf = tables["政府性基金预算财政拨款收入支出决算表"]
    grid = cells(gf)
    assert grid[0] == [("项目", 2, None), ("年初结转和结余", 1, "restart"), ("本年收入", 1, "restart"),
                       ("本年支出", 3, None), ("年末结转和结余", 1, "restart")]
    assert total_row(gf) == [D("20.00"), D("215.00"), D("220.50"), D("0"), D("220.50"), D("14.50")]
    assert code_rows(gf)["2120804"] == [D("20.00"), D("180.00"), D("185.50"), D("0"), D("185.50"), D("14.50")]
    assert total_row(tables["国有资本经营预算财政拨款支出决算表"]) == [D("12.00"), D("0"), D("12.00")]


def test_economic_detail_and_project_tables(tables, complete):
    economic = tables["一般公共预算财政拨款支出决算明细表"]
    assert total_row(economic) == [D("856.29"), D("662.09"), D("194.20")]
    rows = code_rows(economic)
    assert rows["30201"] == [D("24.70"), D("18.50"), D("6.20")]
    assert rows["302"][0] == sum(v[0] for c, v in rows.items() if len(c) == 5 and c.startswith("302"))
    project = tables["一般公共预算财政拨款项目支出决算表"]
    assert total_row(project) == [D("194.20")]
    assert texts(project)[0] == ["经济分类科目编码", "科目名称", "决算数"]


def test_every_statistical_table_repeats_its_header_rows(tables):
    for title, tbl in tables.items():
        assert header_rows(tbl) >= 1, title
        first = tbl.tr_lst[0]
        assert first.trPr.find(qn("w:tblHeader")) is not None


def test_amounts_right_aligned_with_two_decimals(tables):
    gb = tables["一般公共预算财政拨款支出决算表"]
    row = gb.tr_lst[3]  # the first code row
    for tc in row.tc_lst[2:]:
        jc = tc.find(qn("w:p") + "/" + qn("w:pPr") + "/" + qn("w:jc"))
        assert jc.get(qn("w:val")) == "right"
        text = "".join(t.text for t in tc.iter(qn("w:t")))
        assert text.count(".") == 1 and len(text.split(".")[1]) == 2


# Layout around the tables: numbers, department, unit, notes, pages -------------------------------

def test_title_number_department_unit_and_note_around_each_table():
    doc = document()
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("第五部分 附表")
    tail = paragraphs[start:]
    for n, title in enumerate(SICHUAN_TITLES, 1):
        i = tail.index(title)
        assert tail[i + 1] == f"公开{n:02d}表"
        assert tail[i + 2] == "编制单位：某某县农业农村局\t单位：万元"
    assert "注：本表反映部门本年度的总收支和年末结转结余情况。" in tail


def test_wide_tables_sit_on_landscape_pages():
    orientation = section_of_tables(document())
    landscape = {"收入决算表", "支出决算表", "财政拨款收入支出决算总表", "财政拨款支出决算明细表",
                 "一般公共预算财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                 "政府性基金预算财政拨款“三公”经费支出决算表"}
    assert {t for t, o in orientation.items() if o == "landscape"} == landscape
    assert len(orientation) == 13


def test_sections_keep_the_cover_unnumbered_and_margins_turn_per_gb9704(national):
    doc = document()
    sections = doc.sections
    assert sections[0].different_first_page_header_footer  # the cover's section
    assert all(not s.different_first_page_header_footer for s in sections[1:])
    portrait, landscape = sections[0], next(s for s in sections if s.page_width > s.page_height)
    assert landscape.page_width == portrait.page_height and landscape.page_height == portrait.page_width
    assert (landscape.top_margin, landscape.bottom_margin, landscape.left_margin, landscape.right_margin) == (
        portrait.left_margin, portrait.right_margin, portrait.bottom_margin, portrait.top_margin)
    assert sections[-1].page_width < sections[-1].page_height  # the Sichuan set ends portrait
    base = docx.Document(io.BytesIO(rendered(COMPLETE_FIXTURE, national))).sections
    assert base[-1].page_width > base[-1].page_height  # the national nine end landscape


def make_pack(tmp_path: Path, body: str, name: str = "pack") -> Path:
    pack = tmp_path / name
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n' + body, encoding="utf-8")
    return pack


def test_a_landscape_first_table_opens_with_a_section_break(tmp_path):
    pack = make_pack(tmp_path, '[statistical_tables]\nheading = ""\nzero = ""\n'
                               '[[statistical_tables.tables]]\nkind = "three_public_costs"\ntitle = "三公表"\n'
                               'orientation = "landscape"\n')
    doc = docx.Document(io.BytesIO(docgen.render(COMPLETE_FIXTURE, region=pack)))
    assert section_of_tables(doc) == {"三公表": "landscape"}
    assert len(doc.sections) == 2 and doc.sections[0].different_first_page_header_footer
    assert not doc.sections[1].different_first_page_header_footer
    assert "附表" not in [p.text for p in doc.paragraphs][-6:]
    (tbl,) = statistical(doc).values()
    assert texts(tbl)[0][0] == "预算数"


def test_a_region_may_omit_the_tables(tmp_path):
    pack = make_pack(tmp_path, '[sections]\nomit = ["statistical_tables"]\n')
    doc = docx.Document(io.BytesIO(docgen.render(COMPLETE_FIXTURE, region=pack)))
    assert statistical(doc) == {} and len(doc.sections) == 1
    assert doc.sections[0].different_first_page_header_footer


# Empty tables and missing detail ------------------------------------------------------------------

def test_empty_tables_still_appear_with_the_statement(minimal):
    doc = docx.Document(io.BytesIO(docgen.render(minimal)))
    tables = statistical(doc)
    assert list(tables) == SICHUAN_TITLES
    paragraphs = [p.text for p in doc.paragraphs]
    for statement in ("说明：某某县测试局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
                      "说明：某某县测试局本年度没有使用政府性基金预算财政拨款安排的“三公”经费，故本表无数据。",
                      "说明：某某县测试局本年度没有国有资本经营预算财政拨款支出，故本表无数据。",
                      "说明：某某县测试局本年度没有使用一般公共预算财政拨款安排的“三公”经费，故本表无数据。"):
        assert statement in paragraphs
    assert sum(p.startswith("说明：") for p in paragraphs) == 4
    gf = tables["政府性基金预算财政拨款收入支出决算表"]
    assert texts(gf)[2] == ["合计"] + ["0.00"] * 6 and len(texts(gf)) == 3
    assert texts(tables["政府性基金预算财政拨款“三公”经费支出决算表"])[3] == ["0.00"] * 12


def test_zero_format_is_the_packs_choice(tmp_path, minimal):
    pack = make_pack(tmp_path, '[statistical_tables]\nzero = ""\n')
    tables = statistical(docx.Document(io.BytesIO(docgen.render(minimal, region=pack))))
    assert texts(tables["政府性基金预算财政拨款收入支出决算表"])[2] == ["合计"] + [""] * 6


def test_a_grant_only_department_needs_no_detail(minimal):
    """All income is 一般公共预算财政拨款 with no carry-overs: 收入/支出决算表 rows follow from the 项."""
    assert docgen.check(minimal) == []
    tables = statistical(docx.Document(io.BytesIO(docgen.render(minimal))))
    assert code_rows(tables["收入决算表"])["2011101"] == [D("60.00"), D("60.00")] + [D("0")] * 5
    assert code_rows(tables["支出决算表"])["2011102"] == [D("40.00"), D("0"), D("40.00")] + [D("0")] * 3


def test_missing_detail_is_a_warning_with_its_path_and_nothing_is_invented(minimal):
    data = copy.deepcopy(minimal)
    for item in data["general_budget"]["items"]:
        item.pop("basic", None)
        item.pop("project", None)
    del data["detail"]
    data["government_fund"] = {"actual": "5", "budget": "5", "prior_year": "5", "income": "5"}
    data["spending"]["kinds"]["project"] = "45.00"
    data["income"]["sources"]["government_fund_grant"] = "5.00"
    for total in (data["fiscal_grants"]["income_total"], data["fiscal_grants"]["spending_total"],
                  data["income"]["total"], data["spending"]["total"]):
        total["prior_year"] = "85.00"  # last year's identities hold too
    prepared = docgen.prepare(data)
    found = {(f.rule, f.level, f.path) for f in prepared.findings}
    assert found == {
        ("detail-missing", "warning", "$.general_budget.items[0].basic"),
        ("detail-missing", "warning", "$.general_budget.items[1].basic"),
        ("detail-missing", "warning", "$.government_fund.items"),
        ("detail-missing", "warning", "$.detail.spending_lines"),
        ("detail-missing", "warning", "$.detail.income_lines"),
        ("detail-missing", "warning", "$.detail.project_lines"),
    }
    tables = statistical(docx.Document(io.BytesIO(docgen.render(data))))  # a warning never blocks
    gb = tables["一般公共预算财政拨款支出决算表"]
    assert code_rows(gb)["2011101"] == [D("60.00"), None, None]  # unknown split: empty, not guessed
    assert total_row(gb) == [D("100.00"), D("60.00"), D("40.00")]  # what is known: the totals
    spending = tables["支出决算表"]
    assert code_rows(spending) == {} and total_row(spending)[:2] == [D("105.00"), D("60.00")]
    gf = tables["政府性基金预算财政拨款收入支出决算表"]
    assert code_rows(gf) == {} and total_row(gf) == [D("0"), D("5.00"), D("5.00"), None, None, D("0")]


def test_reference_fixture_renders_with_warnings_only():
    findings = [f for f in docgen.check(REFERENCE_FIXTURE) if f.rule.startswith("detail-")]
    assert findings and all(f.level == "warning" for f in findings)
    paths = {f.path for f in findings if f.rule == "detail-missing"}
    assert {"$.detail.income_lines", "$.detail.project_lines", "$.general_budget.items[0].basic"} <= paths
    # The reference's 类 totals disagree with its 项 (domain.md §9.3): the tables print the 项's sums,
    # and the check says so (the checker's own rule when it has one for that figure, else ours).
    assert "$.general_budget.stated_category_totals.201" in {f.path for f in docgen.check(REFERENCE_FIXTURE)}
    rows = {row.code: row for row in statistics_for(docgen.prepare(REFERENCE_FIXTURE).figures).general_budget.rows}
    assert rows["201"].values[0] == D("382.48") == sum(rows[c].values[0] for c in ("2011101", "2011102", "2011199"))


def test_unknown_code_in_the_detail_is_an_error(minimal):
    minimal["detail"]["project_lines"] = [{"code": "39999", "amount": "40.00"}]
    assert [(f.rule, f.path) for f in docgen.check(minimal)] == [("code-unknown", "$.detail.project_lines[0].code")]
    minimal["detail"]["project_lines"] = [{"code": "39999", "amount": "40.00", "name": "本地科目"}]
    assert docgen.check(minimal) == []


def test_table_amount_format():
    assert table_amount(D("1234.565")) == "1234.57"
    assert table_amount(D("-0.004")) == "0.00"
    assert table_amount(D("0"), "") == ""
    assert table_amount(None) == ""
    assert table_amount(D("89.496")) == "89.50"


def test_statistics_are_computed_once_per_figures():
    prepared = docgen.prepare(COMPLETE_FIXTURE)
    assert statistics_for(prepared.figures) is statistics_for(prepared.figures)


# As a reader sees it ------------------------------------------------------------------------------

@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
                    reason="LibreOffice or poppler-utils not installed")
def test_complete_report_converts_to_pdf_and_png(tmp_path):
    report = tmp_path / "complete.docx"
    report.write_bytes(rendered(COMPLETE_FIXTURE))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "complete.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].split("x") for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    landscape = sum(1 for w, h in sizes if float(w) > float(h))
    assert landscape >= 7  # one page or more per landscape table
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "公开13表" in text.replace(" ", "")
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(len(sizes) - 1), str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    assert list(tmp_path.glob("page-*.png"))


def test_complete_fixture_is_valid_json_with_codes_for_its_fund_lines():
    data = json.loads(COMPLETE_FIXTURE.read_text(encoding="utf-8"))
    added = {c["code"] for c in data["codes"]}
    assert {"2120804", "2120899", "2230105"} <= added
    assert all(c.get("explanation") for c in data["codes"])


def test_a_template_without_the_tables_keeps_its_page(tmp_path):
    """A region's own template may not place the tables: its last section is left as it is, even
    when the pack's last table is landscape."""
    pack = tmp_path / "tiny"
    pack.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{{ d.name }}{{ d.year }}年度部门决算")
    doc.add_paragraph("{{ s.totals }}")
    doc.save(pack / "tiny.docx")
    (pack / "region.toml").write_text('extends = "base"\ntemplate = "tiny.docx"\n', encoding="utf-8")
    rendered_doc = docx.Document(io.BytesIO(docgen.render(COMPLETE_FIXTURE, region=pack)))
    (section,) = rendered_doc.sections
    assert section.page_width < section.page_height
    assert statistical(rendered_doc) == {}
