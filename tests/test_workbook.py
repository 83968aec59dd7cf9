"""``docgen workbook``: the fill-in workbook — exact round trip, locked figures, validation, and
``docgen check``/``render`` reading it back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import docgen
from conftest import REFERENCE_FIXTURE, ROOT
from docgen.cli import main
from docgen.importing.workbook import read_workbook, write_workbook

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


def data_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "fill.xlsx"
    path.write_bytes(write_workbook(data_of(COMPLETE)))
    return path


@pytest.mark.parametrize("fixture", [COMPLETE, REFERENCE_FIXTURE], ids=lambda p: p.name)
def test_data_to_workbook_to_data_is_exact(fixture, tmp_path):
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data_of(fixture)))
    assert read_workbook(path) == data_of(fixture)


def rows(sheet) -> dict[str, tuple]:
    """Path → (项目, 填写内容 cell, 相关数字, 说明) of every row."""
    return {row[0].value: (row[1].value, row[2], row[3].value, row[4].value)
            for row in sheet.iter_rows(min_row=2) if row[0].value}


def test_a_sheet_per_section_with_chinese_headers(filled):
    book = openpyxl.load_workbook(filled)
    assert book.sheetnames[:4] == ["单位", "部门概况", "收入支出", "一般公共预算支出"]
    assert "预算绩效" in book.sheetnames and "三公经费" in book.sheetnames
    sheet = book["部门概况"]
    assert [c.value for c in sheet[1]] == ["路径", "项目", "填写内容", "相关数字（只读）", "说明", "类型"]
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["F"].hidden


def test_texts_open_figures_locked_and_shown_beside_the_reason(filled):
    book = openpyxl.load_workbook(filled)
    sheet = book["一般公共预算支出"]
    assert sheet.protection.sheet
    table = rows(sheet)
    what, cell, figures, note = table['["general_budget", "items", 4, "reason"]']
    assert cell.value == "严格控制日常公用经费开支，节约办公经费" and not cell.protection.locked
    assert figures == "编码 2130101 · 决算数 386.52 · 预算数 390.00 · 基本支出 386.52 · 项目支出 0"
    assert note == "决算数大于或小于预算数的主要原因；决算数等于预算数可不填。"
    _, amount, _, _ = table['["general_budget", "items", 4, "actual"]']
    assert amount.value == "386.52" and amount.protection.locked


def test_validation_lists_and_whole_numbers(filled):
    book = openpyxl.load_workbook(filled)
    checks = book["预算绩效"].data_validations.dataValidation
    assert any(v.type == "list" and "产出指标" in v.formula1 for v in checks)
    assert any(v.type == "whole" for v in checks)


def test_spare_rows_for_more_paragraphs_and_an_empty_one_is_dropped(filled, tmp_path):
    book = openpyxl.load_workbook(filled)
    sheet = book["部门概况"]
    spare = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == '["overview", "key_work", 5]')
    spare[2].value = "推进农业招商引资。全年引进农业项目5个。"
    book.save(tmp_path / "more.xlsx")
    data = read_workbook(tmp_path / "more.xlsx")
    assert data["overview"]["key_work"][-1] == "推进农业招商引资。全年引进农业项目5个。"
    assert len(data["overview"]["key_work"]) == 6


def test_check_and_render_read_the_workbook(filled, tmp_path, capsys):
    code = main(["check", str(filled), "--region", "sichuan"])  # the pack the complete fixture is written for
    from_workbook = capsys.readouterr().out
    assert (code, from_workbook) == (main(["check", str(COMPLETE), "--region", "sichuan"]), capsys.readouterr().out)
    assert main(["render", str(filled), "-o", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "r.docx").is_file()
    assert docgen.load(filled) == docgen.load(COMPLETE)


def test_the_command_writes_the_workbook(tmp_path, capsys):
    assert main(["workbook", str(COMPLETE), "-o", str(tmp_path / "fill.xlsx")]) == 0
    assert read_workbook(tmp_path / "fill.xlsx") == data_of(COMPLETE)


def test_an_imported_file_without_texts_gets_rows_to_fill(tmp_path):
    data = {"department": {"name": "某某县农业农村局", "year": 2023},
            "general_budget": {"items": [{"code": "2130101", "actual": "386.52", "budget": "390"}]}}
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data))
    book = openpyxl.load_workbook(path)
    paths = {r[0].value for name in book.sheetnames for r in book[name].iter_rows(min_row=2)}
    for wanted in ('["department", "short_name"]', '["overview", "functions", 0]', '["overview", "key_work", 0]',
                   '["general_budget", "items", 0, "reason"]', '["income", "total", "change_reason"]'):
        assert wanted in paths
    assert read_workbook(path) == data


def test_check_points_each_finding_at_the_cell_to_write(filled, tmp_path, capsys):
    book = openpyxl.load_workbook(filled)
    sheet = book["一般公共预算支出"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == '["general_budget", "items", 4, "reason"]')
    row[2].value = None
    book.save(tmp_path / "unfilled.xlsx")
    assert main(["check", str(tmp_path / "unfilled.xlsx")]) == 1
    assert (f"$.general_budget.items[4].reason: 缺少原因说明：句式 phrases.variance.under 需要该内容 [reason-missing] "
            f"→ [unfilled.xlsx]一般公共预算支出!C{row[2].row}") in capsys.readouterr().out


def test_a_required_text_left_empty_is_named_with_its_cell(tmp_path, capsys):
    data = data_of(COMPLETE)
    del data["overview"]["key_work"]
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data))
    first = next(r for r in openpyxl.load_workbook(path)["部门概况"].iter_rows(min_row=2)
                 if r[0].value == '["overview", "key_work", 0]')
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == f"docgen: {path}: $.overview.key_work: required field missing → 部门概况!C{first[2].row}\n"


def test_a_new_project_with_its_indicators_is_written_in_the_spare_rows(tmp_path, capsys):
    data = data_of(COMPLETE)
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data))
    new = {"name": "农产品质量安全监测项目", "unit": "某某县农业农村局", "expected_goal": "完成例行监测1200批次。",
           "actual_goal": "完成例行监测1260批次。", "summary": "主要用于样品采集和检测。", "problems": "检测能力不足。",
           "improvements": "购置快检设备。"}
    values = {f'["performance", "projects", 4, "{k}"]': v for k, v in new.items()}
    values['["performance", "projects", 4, "budget", "grant"]'] = "12.5"
    values['["performance", "projects", 4, "execution", "grant"]'] = 12
    values.update({f'["performance", "projects", 4, "indicators", 0, "{k}"]': v for k, v in
                   {"level1": "产出指标", "level2": "数量指标", "level3": "监测批次", "expected": "1200批次",
                    "actual": "1260批次"}.items()})
    book = openpyxl.load_workbook(path)
    for row in book["预算绩效"].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    book.save(path)
    project = read_workbook(path)["performance"]["projects"][4]
    assert project["budget"] == {"grant": Decimal("12.5")} and project["execution"] == {"grant": Decimal("12")}
    assert project["indicators"] == [{"level1": "产出指标", "level2": "数量指标", "level3": "监测批次",
                                      "expected": "1200批次", "actual": "1260批次"}]
    report = docgen.load(path)
    assert report.performance.projects[4].name == "农产品质量安全监测项目"
    assert report.performance.projects[:4] == docgen.load(COMPLETE).performance.projects


def test_a_half_written_new_project_names_the_cells_still_empty(tmp_path, capsys):
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data_of(COMPLETE)))
    book = openpyxl.load_workbook(path)
    rows_ = {r[0].value: r for r in book["预算绩效"].iter_rows(min_row=2)}
    rows_['["performance", "projects", 4, "name"]'][2].value = "新项目"
    book.save(path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    unit = rows_['["performance", "projects", 4, "unit"]'][2].row
    assert f"docgen: {path}: $.performance.projects[4].unit: required field missing → 预算绩效!C{unit}" in err


def test_a_text_given_as_null_can_be_written_and_stays_null_when_not(tmp_path):
    data = data_of(COMPLETE)
    data["overview"]["organisation"] = None
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data))
    assert read_workbook(path) == data
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["部门概况"].iter_rows(min_row=2) if r[0].value == '["overview", "organisation"]')
    assert not row[2].protection.locked
    row[2].value = "内设办公室等7个股室。"
    book.save(path)
    assert read_workbook(path)["overview"]["organisation"] == "内设办公室等7个股室。"


def test_a_workbook_is_never_written_over(filled, tmp_path, capsys):
    target = tmp_path / "fill.xlsx"
    target.write_bytes(filled.read_bytes())
    assert main(["workbook", str(COMPLETE), "-o", str(target)]) == 2
    assert "fill.xlsx: exists; not overwritten" in capsys.readouterr().err
    assert target.read_bytes() == filled.read_bytes()


def test_a_packs_own_sections_round_trip_and_take_more_paragraphs(tmp_path):
    data = data_of(COMPLETE)
    data["own_sections"] = {"rural_revitalisation": ["巩固拓展脱贫攻坚成果。", "推进乡村振兴。"]}
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(data))
    assert read_workbook(path) == data
    book = openpyxl.load_workbook(path)
    spare = next(r for r in book["其他章节"].iter_rows(min_row=2)
                 if r[0].value == '["own_sections", "rural_revitalisation", 2]')
    spare[2].value = "第三段。"
    book.save(path)
    assert read_workbook(path)["own_sections"]["rural_revitalisation"][-1] == "第三段。"
