"""Every error of the commands that read or write workbooks names the file, and the sheet and cell
or JSON path where there is one: ``import`` (its export, the data file or workbook it updates,
``--prior``), ``init``, ``workbook``, and ``check``/``render`` reading a fill-in workbook. Each case
asserts the exit code (2 unusable input, 1 findings in the data), the message, no traceback, and
that no file was written or changed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, rezip, run_cli
from docgen.cli import main
from docgen.importing import extent
from docgen.loader import MAX_DEPTH, MAX_INPUT_BYTES
from docgen.importing.workbook import write_workbook
from export_writer import write_export

COMPLETE = json.loads((ROOT / "fixtures" / "complete-department-2024.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return write_export(COMPLETE, tmp_path_factory.mktemp("export") / "export.xlsx")


def _json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _raw(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _year(data: dict, year: int) -> dict:
    data = copy.deepcopy(data)
    data["department"]["year"] = year
    return data


def _filled(path: Path, edit: Callable[[openpyxl.Workbook], None] | None = None, data: dict | None = None) -> Path:
    path.write_bytes(write_workbook(copy.deepcopy(data or COMPLETE)))
    if edit:
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
    return path


def _without_key_work(data: dict) -> dict:
    """The data without 重点工作, a text the report needs: the workbook has an empty row for it."""
    data = copy.deepcopy(data)
    del data["overview"]["key_work"]
    return data


def _row(book: openpyxl.Workbook, sheet: str, key: str):
    return next(r for r in book[sheet].iter_rows(min_row=2) if r[0].value == key)


def _clear(sheet: str, key: str) -> Callable[[openpyxl.Workbook], None]:
    return lambda book: setattr(_row(book, sheet, key)[2], "value", None)


def _overlapping_merges(parts: dict[str, bytes]) -> None:
    """Ranges covering the same 1,000 cells again and again: a million cells to index from 25 KB."""
    merges = b'<mergeCell ref="H1:Q100"/>' * 1001
    parts["xl/worksheets/sheet2.xml"] = parts["xl/worksheets/sheet2.xml"].replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1001">' + merges + b"</mergeCells>", 1)


def _many_sheets(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    for i in range(extent.MAX_SHEETS):
        book.create_sheet(f"备注{i}")["A1"] = "x"
    book.save(path)


# (command's arguments from the folder and the export, exit code, fragments of the message)
CASES: dict[str, tuple[Callable[[Path, Path], list[str]], int, tuple[str, ...]]] = {
    "import into a data file with a list where an object belongs": (
        lambda d, e: ["import", str(e), "-o", str(_json(d / "data.json", {"department": [2024]}))],
        2, ("{d}/data.json: $.department: expected an object",)),
    "import into a data file with a number where a list belongs": (
        lambda d, e: ["import", str(e), "-o", str(_json(d / "data.json", {"department": {"year": 2024}, "codes": 5}))],
        2, ("{d}/data.json: $.codes: expected a list",)),
    "import into a data file whose year is text": (
        lambda d, e: ["import", str(e), "-o", str(_json(d / "data.json", {"department": {"year": "二〇二四"}}))],
        2, ("{d}/data.json: $.department.year: expected a whole number",)),
    "import into a fill-in workbook whose hidden path was changed": (
        lambda d, e: ["import", str(e), "-o", str(_filled(d / "fill.xlsx", lambda b: setattr(
            _row(b, "部门概况", '["overview", "functions", 0]')[0], "value", "[1]")))],
        2, ("{d}/fill.xlsx: 部门概况!A", ": the row's hidden path was changed")),
    "import with a prior data file that is incomplete": (
        lambda d, e: ["import", str(e), "-o", str(d / "new.json"), "--prior",
                      str(_json(d / "2023.json", {"department": {"year": 2023}}))],
        2, ("{d}/2023.json: $.department.name: required field missing",)),
    "import with a prior fill-in workbook missing a required text": (
        lambda d, e: ["import", str(e), "-o", str(d / "new.json"), "--prior",
                      str(_filled(d / "2023.xlsx", data=_without_key_work(_year(COMPLETE, 2023))))],
        2, ("{d}/2023.xlsx: $.overview.key_work: required field missing → 部门概况!C",)),
    "init from a prior data file of the wrong shape": (
        lambda d, e: ["init", "--prior", str(_json(d / "2023.json", {"department": "农业农村局"})), "-o", str(d / "new.json")],
        2, ("{d}/2023.json: $.department: expected an object",)),
    "workbook of a data file with a text where a list belongs": (
        lambda d, e: ["workbook", str(_json(d / "data.json", {"general_budget": {"items": "见附表"}})), "-o", str(d / "fill.xlsx")],
        2, ("{d}/data.json: $.general_budget.items: expected a list",)),
    "workbook of a data file whose list holds numbers": (
        lambda d, e: ["workbook", str(_json(d / "data.json", {"general_budget": {"items": [1, 2]}})), "-o", str(d / "fill.xlsx")],
        2, ("{d}/data.json: $.general_budget.items[0]",)),
    "workbook of a data file over the size bound": (
        lambda d, e: ["workbook", str(_raw(d / "data.json", b'{"a": "' + b"x" * (MAX_INPUT_BYTES + 1) + b'"}')), "-o",
                      str(d / "fill.xlsx")],
        2, (f"{{d}}/data.json: larger than {MAX_INPUT_BYTES // 2**20} MiB",)),
    "import into a data file saved as GBK": (
        lambda d, e: ["import", str(e), "-o", str(_raw(d / "data.json", '{"department": {"name": "农业农村局"}}'.encode("gbk")))],
        2, ("{d}/data.json: not UTF-8 (looks like GBK)", "{d}/data.json: not a docgen data file, or a damaged one; not overwritten")),
    "import into a data file nested too deep": (
        lambda d, e: ["import", str(e), "-o", str(_raw(d / "data.json", b'{"note": "' + b"x" * 20_000 + b'", "a": ' + b"[" * 3 * MAX_DEPTH
                                                      + b"]" * 3 * MAX_DEPTH + b"}"))],
        2, ("{d}/data.json: $.a[0][0]", f"nested deeper than {MAX_DEPTH} levels", "not overwritten")),
    "check a fill-in workbook missing a required text": (
        lambda d, e: ["check", str(_filled(d / "fill.xlsx", data=_without_key_work(COMPLETE)))],
        2, ("{d}/fill.xlsx: $.overview.key_work: required field missing → 部门概况!C",)),
    "render a fill-in workbook with text in a count": (
        lambda d, e: ["render", str(_filled(d / "fill.xlsx", lambda b: setattr(
            _row(b, "部门概况", '["overview", "staff", "civil_servants"]')[2], "value", "四十五"))), "-o", str(d / "out.docx")],
        2, ("{d}/fill.xlsx: 部门概况!C", ": expected a number, found the text '四十五'")),
    "check a fill-in workbook with a reason left empty": (
        lambda d, e: ["check", str(_filled(d / "fill.xlsx", _clear("一般公共预算支出", '["general_budget", "items", 4, "reason"]')))],
        1, ("$.general_budget.items[4].reason: ", "→ [fill.xlsx]一般公共预算支出!C")),
    "check --json a fill-in workbook with a reason left empty": (
        lambda d, e: ["check", "--json", str(_filled(d / "fill.xlsx", _clear("一般公共预算支出", '["general_budget", "items", 4, "reason"]')))],
        1, ('"path": "$.general_budget.items[4].reason"', '"cell": "[fill.xlsx]一般公共预算支出!C')),
    "render a fill-in workbook onto itself": (
        lambda d, e: ["render", str(_filled(d / "fill.xlsx")), "-o", str(d / "fill.xlsx")],
        2, ("{d}/fill.xlsx",)),
    "check a fill-in workbook whose merged ranges overlap a thousand times": (
        lambda d, e: ["check", str(_rezipped(_filled(d / "fill.xlsx"), _overlapping_merges))],
        2, ("{d}/fill.xlsx: sheet ", "merged ranges cover 1,001,000 cells (over 1,000,000)")),
    "check a fill-in workbook with over a hundred sheets": (
        lambda d, e: ["check", str(_with(_filled(d / "fill.xlsx"), _many_sheets))],
        2, ("{d}/fill.xlsx: ", "sheets (at most 100 are read)")),
    "import an export given as the fill-in workbook to update": (
        lambda d, e: ["import", str(e), "-o", str(_copy(e, d / "fill.xlsx"))],
        2, ("{d}/fill.xlsx: a 财决 export, not a fill-in workbook",)),
}


def _rezipped(path: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    rezip(path, change)
    return path


def _with(path: Path, change: Callable[[Path], None]) -> Path:
    change(path)
    return path


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", list(CASES))
def test_each_error_names_the_file_and_writes_nothing(case, export, tmp_path, capsys):
    arguments, code, fragments = CASES[case]
    args = arguments(tmp_path, export)
    before = _snapshot(tmp_path)
    exit_code, err, out = run_cli(args, capsys)
    message = out + err
    assert exit_code == code, message
    for fragment in fragments:
        assert fragment.format(d=tmp_path) in message, message
    assert "Traceback" not in message and "internal error" not in message
    if code == 2:
        assert all(line.startswith(f"docgen: {tmp_path}/") for line in err.splitlines()), err
    assert _snapshot(tmp_path) == before, "files written or changed"



def test_a_panic_of_the_reader_is_an_unreadable_workbook(tmp_path, monkeypatch, capsys):
    """calamine's panics on a damaged file reach Python as pyo3's PanicException, which derives
    from BaseException, not Exception: the reader standing in here raises one of that name."""
    import python_calamine

    class PanicException(BaseException):
        pass

    class Reader:
        @staticmethod
        def from_path(path):
            raise PanicException("range end index 2 out of range for slice of length 0")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Reader)
    path = _filled(tmp_path / "fill.xlsx")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == (f"docgen: {path}: not a readable .xls/.xlsx workbook (the reader failed on it: "
                                       "range end index 2 out of range for slice of length 0)\n")
