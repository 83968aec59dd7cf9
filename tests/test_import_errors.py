"""Bad workbooks: a clear error naming the sheet and cell, exit 2, nothing written or overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT
from docgen.cli import main
from export_writer import write_export

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
EXISTING = '{"department": {"year": 2023}, "overview": {"functions": ["负责测试。"]}}\n'


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return write_export(json.loads(COMPLETE.read_text(encoding="utf-8")), tmp_path_factory.mktemp("e") / "export.xlsx")


def sheet_of(book, prefix: str):
    return next(ws for ws in book.worksheets if ws.title.startswith(prefix + " "))


def item_row(sheet, code: str) -> int:
    return next(r for r in range(8, sheet.max_row + 1)
                if "".join(str(sheet.cell(r, c).value or "") for c in (1, 2, 3)) == code)


def renamed_sheet(book):
    sheet = sheet_of(book, "Z07")
    sheet.title = "Sheet7"
    sheet["A1"], sheet.cell(1, 8).value = "支出表", "表7"


def moved_header(book):
    sheet = sheet_of(book, "Z07")
    sheet["F5"] = "决算"  # the group header 决算数 retyped


def text_in_amount(book):
    sheet = sheet_of(book, "Z07")
    sheet.cell(item_row(sheet, "2130101"), 6).value = "见附表"


def merged_over_data(book):
    sheet = sheet_of(book, "Z07")
    row = item_row(sheet, "2130101")
    sheet.merge_cells(start_row=row, start_column=6, end_row=row, end_column=7)


def merged_over_row_data(book):
    sheet = sheet_of(book, "Z01")
    sheet.merge_cells("E6:E7")


def formula_in_a_figure(book):
    sheet = sheet_of(book, "Z07")
    row = item_row(sheet, "2130101")
    sheet.cell(row, 6).value = f"=G{row}+H{row}"  # openpyxl writes no computed value


def another_year(book):
    for sheet in book.worksheets:
        sheet["A2"] = "2022年度"


def no_year(book):
    for sheet in book.worksheets:
        sheet["A2"] = "本年度"


def mixed_years(book):
    sheet_of(book, "Z07")["A2"] = "2022年度"


CASES = {
    "renamed sheet": (renamed_sheet, r"export\.xlsx: no sheet \(财决07表\) 一般公共预算财政拨款收入支出决算表; the workbook has: .*Sheet7"),
    "moved header": (moved_header, r"Z07!D5: no column 决算数 › 合计 in the header"),
    "text in an amount cell": (text_in_amount, r"Z07!F\d+: expected a number, found the text '见附表'"),
    "merged cell over data": (merged_over_data, r"Z07!F(\d+):G\1: a merged cell over the data \(row 2130101, column 合计\)"),
    "merged cell over a row table's data": (merged_over_row_data, r"Z01!E6:E7: a merged cell over the data \(row 一般公共预算财政拨款收入"),
    "formula without a computed value": (formula_in_a_figure,
                                         r"Z07!F\d+: a formula without a computed value; open and save the export"),
    "export of another year": (another_year, r"the export is for 2022, but .*data.json holds the data of 2023"),
    "no year": (no_year, r"export\.xlsx: no year \(such as 2023年度\) in the title rows of any sheet"),
    "mixed years": (mixed_years, r"the export mixes years: Z07!A2 says 2022, Z01!A2 says \d{4}"),
}


def run(path: Path, tmp_path: Path, capsys) -> tuple[int, str, Path]:
    target = tmp_path / "data.json"
    target.write_text(EXISTING, encoding="utf-8")
    code = main(["import", str(path), "-o", str(target)])
    return code, capsys.readouterr().err, target


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_export_names_sheet_and_cell_and_writes_nothing(case, export, tmp_path, capsys):
    change, message = CASES[case]
    book = openpyxl.load_workbook(export)
    change(book)
    bad = tmp_path / "export.xlsx"
    book.save(bad)
    code, err, target = run(bad, tmp_path, capsys)
    assert code == 2
    assert err.startswith(f"docgen: {bad}: ") and "Traceback" not in err  # the file first, then sheet and cell
    assert re.search(message, err), err
    assert target.read_text(encoding="utf-8") == EXISTING
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "export.xlsx"]  # no temporary left


def test_an_empty_workbook(tmp_path, capsys):
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    code, err, target = run(tmp_path / "empty.xlsx", tmp_path, capsys)
    assert (code, err.strip()) == (2, f"docgen: {tmp_path / 'empty.xlsx'}: the workbook is empty (no sheet holds anything)")
    assert target.read_text(encoding="utf-8") == EXISTING


def test_a_password_protected_workbook(export, tmp_path, capsys):
    msoffcrypto = pytest.importorskip("msoffcrypto.format.ooxml")
    with export.open("rb") as plain, (tmp_path / "locked.xlsx").open("wb") as locked:
        msoffcrypto.OOXMLFile(plain).encrypt("secret", locked)
    code, err, target = run(tmp_path / "locked.xlsx", tmp_path, capsys)
    assert code == 2 and "locked.xlsx: the workbook is password-protected" in err
    assert target.read_text(encoding="utf-8") == EXISTING


@pytest.mark.parametrize("content", [b"PK\x03\x04 broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, b"hello"])
def test_a_corrupt_file(content, tmp_path, capsys):
    (tmp_path / "broken.xls").write_bytes(content)
    code, err, target = run(tmp_path / "broken.xls", tmp_path, capsys)
    assert code == 2 and "broken.xls: not a readable .xls/.xlsx workbook" in err
    assert target.read_text(encoding="utf-8") == EXISTING


def test_a_50_mb_workbook_is_refused_before_it_is_read(tmp_path, capsys):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is what is refused, before any parsing
    code, err, target = run(big, tmp_path, capsys)
    assert code == 2 and "big.xlsx: 50 MB is too large for a workbook of accounts (at most 20 MB is read)" in err
    assert target.read_text(encoding="utf-8") == EXISTING


def test_a_missing_export(tmp_path, capsys):
    code, err, target = run(tmp_path / "nowhere.xlsx", tmp_path, capsys)
    assert code == 2 and "nowhere.xlsx: No such file or directory" in err


def test_an_output_that_is_not_a_data_file_is_not_overwritten(export, tmp_path, capsys):
    target = tmp_path / "notes.json"
    target.write_text("会议纪要", encoding="utf-8")
    assert main(["import", str(export), "-o", str(target)]) == 2
    assert "notes.json: not a docgen data file" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "会议纪要"


def test_a_bad_fill_in_workbook_names_sheet_and_cell(tmp_path, capsys):
    from docgen.importing.workbook import write_workbook
    path = tmp_path / "fill.xlsx"
    path.write_bytes(write_workbook(json.loads(COMPLETE.read_text(encoding="utf-8"))))
    book = openpyxl.load_workbook(path)
    sheet = book["部门概况"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == '["overview", "staff", "civil_servants"]')
    row[2].value = "四十五"
    book.save(path)
    assert main(["check", str(path)]) == 2
    assert f"docgen: {path}: 部门概况!C{row[2].row}: expected a number, found the text '四十五'" in capsys.readouterr().err


def test_an_export_given_to_check_says_to_import_it(export, capsys):
    assert main(["check", str(export)]) == 2
    assert f"{export}: a 财决 export, not a fill-in workbook: read it with docgen import export.xlsx" in capsys.readouterr().err


def test_a_sheet_of_the_officers_own_is_ignored_a_broken_section_sheet_is_not(tmp_path, capsys):
    from docgen.importing.workbook import read_workbook, write_workbook
    path = tmp_path / "fill.xlsx"
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    path.write_bytes(write_workbook(data))
    book = openpyxl.load_workbook(path)
    book.create_sheet("我的备注")["A1"] = "记得核对三公经费"
    book.save(path)
    assert read_workbook(path) == data
    book["部门概况"]["B1"] = "名称"
    book.save(path)
    assert main(["check", str(path)]) == 2
    assert f"docgen: {path}: 部门概况!A1: not a sheet of docgen's fill-in workbook" in capsys.readouterr().err
