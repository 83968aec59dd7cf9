"""项目支出绩效目标完成情况表 / 项目支出绩效自评表: structure of the Word tables (merges, spans, rows)."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, cell_grid, without_statistical_tables


def tables_of(data, region="sichuan-2020"):
    return without_statistical_tables(docx.Document(io.BytesIO(docgen.render(data, region=region, force=True))).tables)


def projects_of(data, region="sichuan-2020"):
    """Each project's two tables (head; indicators under their repeated head row), paired."""
    tables = tables_of(data, region)
    return list(zip(tables[::2], tables[1::2]))


def rows_of(pair) -> list[list[tuple[str, int, str | None]]]:
    """The rows of a project's two tables, read as one."""
    return grid(pair[0]) + grid(pair[1])


def grid(table) -> list[list[tuple[str, int, str | None]]]:
    return cell_grid(table._tbl)


def header_rows(table) -> int:
    return sum(1 for tr in table._tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None)


def project(indicators, **extra):
    base = {
        "name": "测试项目", "unit": "某某县测试局", "budget": {"grant": "12.50", "other": "0"},
        "execution": {"grant": "10.00"}, "expected_goal": "完成测试。", "actual_goal": "完成测试。",
        "summary": "主要用于测试。", "problems": "无。", "improvements": "无。", "indicators": indicators,
    }
    base.update(extra)
    return base


def indicator(level1, level2, level3="指标", expected="预期", actual="实际", **extra):
    return {"level1": level1, "level2": level2, "level3": level3, "expected": expected, "actual": actual, **extra}


def with_projects(minimal, *projects):
    data = copy.deepcopy(minimal)
    data["performance"] = {"goals_set": len(projects), "self_evaluated": len(projects), "projects": list(projects)}
    return data


def test_reference_has_four_tables_with_the_reference_layout():
    pairs = projects_of(REFERENCE_FIXTURE)
    assert len(pairs) == 4 and len(tables_of(REFERENCE_FIXTURE)) == 8
    rows = rows_of(pairs[0])
    assert len(rows) == 2 + 3 + 2 + 1 + 4
    assert rows[0] == [("项目名称", 1, None), ("常规巡察、集中抽调、交叉巡察工作专项经费", 5, None)]
    assert rows[2] == [("预算执行情况(万元)", 1, "restart"), ("预算数:", 1, None), ("89.496", 2, None),
                       ("执行数:", 1, None), ("89.496", 1, None)]
    assert rows[3][0] == ("", 1, "continue") and rows[4][0] == ("", 1, "continue")
    assert rows[4][2] == ("0", 2, None) and rows[4][4] == ("", 1, None)  # zero prints 0, empty stays empty
    assert rows[5] == [("年度目标完成情况", 1, "restart"), ("预期目标", 3, None), ("实际完成目标", 2, None)]
    assert rows[6][0] == ("", 1, "continue")
    assert rows[7][0] == ("绩效指标完成情况", 1, "restart")
    level1 = [(r[1][0], r[1][2]) for r in rows[8:]]
    assert level1 == [("项目完成指标", "restart"), ("", "continue"), ("效益指标", None), ("满意度指标", None)]
    assert all(r[0] == ("", 1, "continue") for r in rows[8:])
    # Only the indicators' head repeats on a new page: it opens the second table (Word repeats top rows only).
    head, indicators = pairs[0]
    assert header_rows(head) == 0 and header_rows(indicators) == 1
    assert grid(indicators)[0][0] == ("绩效指标完成情况", 1, "restart")
    assert indicators._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None


def test_the_head_keeps_with_the_indicators_and_the_title_with_the_head():
    head, _ = projects_of(REFERENCE_FIXTURE)[0]
    keeps = [p.pPr.find(qn("w:keepNext")) is not None for p in head._tbl.iter(qn("w:p"))]
    assert all(keeps)
    body = head._tbl.getparent()
    before = head._tbl.getprevious()
    assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None  # the title's (年度) line
    between = head._tbl.getnext()
    assert between.tag == qn("w:p") and between.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    assert between.getnext().tag == qn("w:tbl") and body is not None


def test_every_cell_has_borders_and_the_table_fits_the_text_block():
    for table in (t._tbl for t in projects_of(REFERENCE_FIXTURE)[0]):
        _bordered_and_fitted(table)


def _bordered_and_fitted(table) -> None:
    borders = table.tblPr.find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1] for b in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
    widths = [int(c.get(qn("w:w"))) for c in table.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == 8845  # 156 mm
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in table.tr_lst)


def test_one_indicator(minimal):
    (pair,) = projects_of(with_projects(minimal, project([indicator("产出指标", "数量指标")])))
    rows = rows_of(pair)
    assert len(rows) == 9
    assert rows[8][1] == ("产出指标", 1, None) and rows[8][2] == ("数量指标", 1, None)


def test_twelve_indicators_in_three_groups_merge_by_level(minimal):
    indicators = ([indicator("产出指标", "数量指标")] * 3 + [indicator("产出指标", "质量指标")] * 2
                  + [indicator("产出指标", "时效指标")] + [indicator("效益指标", "社会效益指标")] * 4
                  + [indicator("满意度指标", "服务对象满意度指标")] * 2)
    (pair,) = projects_of(with_projects(minimal, project(indicators)))
    rows = rows_of(pair)[8:]
    assert len(rows) == 12
    assert [r[1][2] for r in rows] == ["restart"] + ["continue"] * 5 + ["restart"] + ["continue"] * 3 + ["restart", "continue"]
    assert [r[2][2] for r in rows] == (["restart", "continue", "continue", "restart", "continue", None,
                                        "restart", "continue", "continue", "continue", "restart", "continue"])
    assert [r[1][0] for r in rows if r[1][2] != "continue"] == ["产出指标", "效益指标", "满意度指标"]


def test_equal_level2_in_different_level1_groups_do_not_merge(minimal):
    indicators = [indicator("产出指标", "其他指标"), indicator("效益指标", "其他指标")]
    (pair,) = projects_of(with_projects(minimal, project(indicators)))
    assert [r[2][2] for r in rows_of(pair)[8:]] == [None, None]


def test_empty_level2_and_very_long_text(minimal):
    long = "很长的指标说明，" * 300
    indicators = [indicator("产出指标", "", "数量", long, long), indicator("产出指标", "", "质量")]
    (pair,) = projects_of(with_projects(minimal, project(indicators)))
    rows = rows_of(pair)[8:]
    assert rows[0][4][0] == long and rows[0][2] == ("", 1, "restart")


def test_projects_in_the_order_given_and_figures_shared_with_the_sentences(minimal):
    data = with_projects(minimal, project([indicator("产出指标", "数量指标")], name="乙项目"),
                         project([indicator("产出指标", "数量指标")], name="甲项目"))
    prepared = docgen.prepare(data)
    assert [t.project.name for t in prepared.context["tables"].performance] == ["乙项目", "甲项目"]
    sentence = prepared.context["s"].projects[0]
    assert "项目全年预算数12.50万元，执行数为10.00万元，完成预算的80%" in sentence
    rows = rows_of(projects_of(data)[0])
    assert rows[2][2][0] == "12.50" and rows[2][4][0] == "10.00"


def test_self_evaluation_layout_chosen_by_the_pack(tmp_path, minimal):
    pack = tmp_path / "selfeval"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[performance_table]\nlayout = "self_evaluation"\n',
                                      encoding="utf-8")
    indicators = [indicator("产出指标", "数量指标", weight="50", score="45"),
                  indicator("效益指标", "社会效益指标", weight="30", score="30"),
                  indicator("满意度指标", "满意度指标", weight="10", score="9.5", deviation="个别对象不满意")]
    data = with_projects(minimal, project(indicators, initial_budget="12.00"))
    document = docx.Document(io.BytesIO(docgen.render(data, region=pack)))
    head, indicators = without_statistical_tables(document.tables)
    rows = grid(head) + grid(indicators)
    assert len(head._tbl.tblGrid.findall(qn("w:gridCol"))) == 9
    assert header_rows(head) == 0 and header_rows(indicators) == 1 and grid(indicators)[0][0][0] == "绩效指标"
    assert "项目支出绩效自评表" in [p.text for p in document.paragraphs]
    funds = rows[3]
    assert [c[0] for c in funds[1:]] == ["年度资金总额", "12.00", "12.50", "10.00", "10", "80%", "8"]
    assert rows[-1][0] == ("总分", 6, None) and rows[-1][1][0] == "100" and rows[-1][2][0] == "92.50"
    last_indicator = rows[-2]
    assert [c[0] for c in last_indicator[-3:]] == ["10", "9.50", "个别对象不满意"]


def test_unknown_layout_is_a_region_error(tmp_path, minimal):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[performance_table]\nlayout = "fancy"\n', encoding="utf-8")
    data = with_projects(minimal, project([indicator("产出指标", "数量指标")]))
    with pytest.raises(docgen.RegionError, match="layout"):
        docgen.render(data, region=pack)
