"""``docgen import``: the 财决 export generated from the complete fixture reads back to the fixture's
figures; import → render writes the same report as the fixture; a second import keeps the texts."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
from conftest import ROOT
from docgen.cli import main
from docgen.importing.cells import WorkbookError, yuan
from docgen.importing.export import read_export
from docgen.importing.cells import check_file
from export_writer import texts_only, to_xls, write_export

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


def fixture() -> dict:
    return json.loads(COMPLETE.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return write_export(fixture(), tmp_path_factory.mktemp("export") / "export.xlsx")


def leaves(value, path=""):
    """(path, value) of every scalar; list entries keyed by their code when they have one."""
    if isinstance(value, dict):
        for key, entry in value.items():
            yield from leaves(entry, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            key = entry.get("code", i) if isinstance(entry, dict) else i
            yield from leaves(entry, f"{path}[{key}]")
    else:
        yield path, value


def same(a, b) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return a == b


def test_amounts_are_exact_decimals_from_the_cell_text():
    assert yuan(8454400.0, "A1") == Decimal("845.44")
    assert yuan(1234.56, "A1") == Decimal("0.123456")
    assert yuan(1234.5600000000002, "A1") == Decimal("0.123456")  # a computed value, meant in cents
    assert yuan("1,234.50", "A1") == Decimal("0.12345")
    assert yuan("—", "A1") == yuan("", "A1") == Decimal(0)
    with pytest.raises(WorkbookError, match="Z05!F9: expected a number"):
        yuan("见附表", "Z05!F9")


def test_every_imported_figure_is_the_fixtures(export):
    imported = read_export(export)
    expected = dict(leaves(fixture()))
    got = list(leaves(imported.data))
    assert len(got) > 150
    wrong = [(path, value, expected.get(path)) for path, value in got
             if not same(value, expected.get(path, 0)) and not (value is None and path not in expected)]
    assert ("state_capital.three_public_costs", None) in got  # no “三公” paid from that fund
    assert wrong == []
    department = fixture()["department"]
    assert (imported.year, imported.department) == (department["year"], department["name"])
    assert imported.unread == []


def sheet_of(book, prefix: str):
    """A sheet by the start of its name (long names are cut at 31 characters, as Excel does)."""
    return next(ws for ws in book.worksheets if ws.title.startswith(prefix + " "))


def test_the_generated_export_has_the_documented_quirks(export):
    book = openpyxl.load_workbook(export)
    z01 = book["Z01 收入支出决算总表(财决01表)"]
    assert "A4:A5" in {str(r) for r in z01.merged_cells.ranges}
    assert "—" in [c.value for row in z01.iter_rows() for c in row]
    cached = openpyxl.load_workbook(export, data_only=True)["Z01 收入支出决算总表(财决01表)"]
    assert z01["E14"].value == "=SUM(E6:E13)" and cached["E14"].value is None  # no cached value
    assert (13, 4) in check_file(export)[z01.title]  # seen as such, and not read (a total)


def document_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    cells = [[cell.text for row in table.rows for cell in row.cells] for table in document.tables]
    return [p.text for p in document.paragraphs], cells


def test_import_then_render_writes_the_fixtures_report(export, tmp_path):
    texts = texts_only(fixture(), read_export(export).data)
    target = tmp_path / "data.json"
    target.write_text(json.dumps(texts, ensure_ascii=False, default=str), encoding="utf-8")
    assert main(["import", str(export), "-o", str(target)]) == 0
    imported = json.loads(target.read_text(encoding="utf-8"))
    assert document_text(docgen.render(imported)) == document_text(docgen.render(str(COMPLETE)))


def test_a_second_import_updates_figures_and_keeps_texts(export, tmp_path, capsys):
    target = tmp_path / "data.json"
    target.write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    edited = tmp_path / "edited.xlsx"
    book = openpyxl.load_workbook(export)
    sheet = sheet_of(book, "Z07")
    row = next(r for r in range(8, sheet.max_row + 1) if sheet.cell(r, 3).value == "02" and sheet.cell(r, 1).value == "213")
    sheet.cell(row, 6).value = 1250000  # 决算数 合计 of 2130102: 125.80 → 125.00 万元
    book.save(edited)
    assert main(["import", str(edited), "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    item = next(i for i in data["general_budget"]["items"] if i["code"] == "2130102")
    assert item["actual"] == "125" and item["reason"] == "部分农业综合执法设备采购跨年度实施，资金结转下年使用"
    assert data["overview"]["functions"] == fixture()["overview"]["functions"]
    assert "mapped  Z07: general_budget.items (9 项)" in capsys.readouterr().out


def test_an_unknown_column_is_named_with_its_cell(export, tmp_path, capsys):
    book = openpyxl.load_workbook(export)
    sheet = sheet_of(book, "Z08_1")
    col = sheet.max_column + 1
    sheet.cell(5, col, "自定义补助")
    sheet.cell(8, col, 100)
    book.save(tmp_path / "extra.xlsx")
    imported = read_export(tmp_path / "extra.xlsx")
    letter = openpyxl.utils.get_column_letter(col)
    assert imported.unread == [f"Z08_1!{letter}5: column 自定义补助 not recognised"]


def test_a_renamed_sheet_is_found_by_its_title(export, tmp_path):
    book = openpyxl.load_workbook(export)
    sheet_of(book, "Z07").title = "Sheet7"
    book.save(tmp_path / "renamed.xlsx")
    assert read_export(tmp_path / "renamed.xlsx").data["general_budget"] == read_export(export).data["general_budget"]


def test_the_xls_export_reads_the_same(export, tmp_path):
    copy_ = tmp_path / "export.xlsx"
    copy_.write_bytes(export.read_bytes())
    xls = to_xls(copy_)
    if xls is None:
        pytest.skip("LibreOffice Calc is needed to write BIFF8 .xls (no maintained Python writer exists)")
    assert xls.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE2 (BIFF8) file
    assert read_export(xls).data == read_export(export).data


def test_an_edited_export_imported_into_the_fill_in_workbook_keeps_what_was_written(export, tmp_path, capsys):
    from docgen.importing.workbook import read_workbook, write_workbook

    filled = tmp_path / "fill.xlsx"
    filled.write_bytes(write_workbook(fixture()))
    book = openpyxl.load_workbook(export)
    sheet = sheet_of(book, "F01")
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == "机关运行经费")
    sheet.cell(row, 4).value = 870000  # 机关运行经费 86.40 → 87.00 万元
    book.save(tmp_path / "edited.xlsx")
    assert main(["import", str(tmp_path / "edited.xlsx"), "-o", str(filled)]) == 0
    data = read_workbook(filled)
    assert data["operating_costs"]["actual"] == Decimal("87")
    expected = fixture()
    expected["operating_costs"]["actual"] = "87"
    assert docgen.load(data) == docgen.load(expected)


def test_a_total_that_disagrees_with_its_rows_is_reported(export, tmp_path):
    book = openpyxl.load_workbook(export)
    sheet = sheet_of(book, "Z04")
    row = next(r for r in range(8, sheet.max_row + 1) if sheet.cell(r, 1).value == "221" and sheet.cell(r, 3).value)
    for col in range(1, 4):
        sheet.cell(row, col).value = None  # the 项 row's code gone: the row is not read
    book.save(tmp_path / "lost.xlsx")
    unread = read_export(tmp_path / "lost.xlsx").unread
    assert any(line.startswith("Z04!") and "合计 724.49 differs from the sum of the 项 rows, 687.77" in line
               for line in unread), unread


def test_a_missing_optional_statement_and_an_unknown_row_are_said(export, tmp_path):
    book = openpyxl.load_workbook(export)
    book.remove(sheet_of(book, "Z01_1"))
    f01 = sheet_of(book, "F01")
    row = f01.max_row + 1
    f01.cell(row, 1, "会议费")
    f01.cell(row, 4, 52000)
    book.save(tmp_path / "partial.xlsx")
    imported = read_export(tmp_path / "partial.xlsx")
    assert imported.unread == ["(财决01-1表) 财政拨款收入支出决算总表: not in the export; kept as in the data",
                               f"F01!D{row}: row 会议费 not recognised"]
    assert "fiscal_grants" not in imported.data


def test_a_funds_three_public_costs_part_the_export_no_longer_has_goes(export, tmp_path):
    target = tmp_path / "data.json"
    data = fixture()
    data["government_fund"]["three_public_costs"]["reception"] = {"budget": "1", "actual": "1"}
    target.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    assert main(["import", str(export), "-o", str(target)]) == 0
    parts = json.loads(target.read_text(encoding="utf-8"))["government_fund"]["three_public_costs"]
    assert parts == {"vehicle_operation": {"budget": "1.5", "actual": "1.2"}}


def test_columns_are_found_by_their_labels_not_their_place(export, tmp_path):
    book = openpyxl.load_workbook(export)
    sheet = sheet_of(book, "Z07")
    for row in [6, *range(8, sheet.max_row + 1)]:  # 基本支出 and 项目支出 change places, headers with them
        basic, project = sheet.cell(row, 7).value, sheet.cell(row, 8).value
        sheet.cell(row, 7).value, sheet.cell(row, 8).value = project, basic
    assert sheet["G6"].value == "项目支出"
    book.save(tmp_path / "swapped.xlsx")
    assert read_export(tmp_path / "swapped.xlsx").data == read_export(export).data


@settings(max_examples=500, deadline=None)
@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_any_amount_in_cents_reads_back_exactly_from_its_float(amount):
    """What a spreadsheet stores for a typed amount (the nearest double) reads back to the typed
    amount: shortest round-trip text, then Decimal — 15 significant digits are within a double's."""
    assert yuan(float(amount), "A1") == amount.scaleb(-4)
