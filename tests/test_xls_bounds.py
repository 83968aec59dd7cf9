"""A hostile or damaged BIFF8 .xls is refused before the reader lays it out: exit 2, the file and the
sheet named with the bound, nothing written, and the process neither aborted nor swollen.

python-calamine reads a whole .xls when it opens it and trusts what the file declares; these cases
made it take 1.2 GB (two cells at A1 and IV65536) or abort the process outright (a DIMENSIONS record
declaring billions of rows), so each runs ``docgen import`` in a subprocess. The .xls files are
LibreOffice Calc's conversions of .xlsx written here, some then edited record by record.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import peak_memory
from conftest import ROOT
from export_writer import to_xls, write_export

EXISTING = '{"department": {"year": 2023}}\n'
BIFF_HEADER = struct.Struct("<HH")
DIMENSIONS, MERGEDCELLS = 0x0200, 0x00E5

_IMPORT = "from docgen.cli import main\nexit_code = main(sys.argv[1:])"


def _xls(folder: Path, name: str, fill) -> Path:
    book = openpyxl.Workbook()
    fill(book.active)
    book.save(folder / f"{name}.xlsx")
    xls = to_xls(folder / f"{name}.xlsx")
    if xls is None:
        pytest.skip("LibreOffice Calc is needed to write BIFF8 .xls (no maintained Python writer exists)")
    (folder / f"{name}.xlsx").unlink()
    return xls


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xls")

    def small(sheet):
        sheet["A1"], sheet["C3"] = "2024年度", 5
        sheet.merge_cells("A1:B1")

    def far(sheet):
        sheet["A1"], sheet.cell(65536, 256).value = "2024年度", "x"

    def sparse(sheet):
        sheet["A1"], sheet["IV500"] = "2024年度", "x"

    def shown(sheet):
        for row in range(1, 701):
            sheet.cell(row, 1).value = "测" * 3000

    data = json.loads((ROOT / "fixtures" / "complete-department-2024.json").read_text(encoding="utf-8"))
    export = to_xls(write_export(data, folder / "export.xlsx"))
    return {"small": _xls(folder, "small", small), "far": _xls(folder, "far", far), "export": export,
            "sparse": _xls(folder, "sparse", sparse), "shown": _xls(folder, "shown", shown)}


def run(xls: Path, folder: Path) -> tuple[int, str, int]:
    """``docgen import`` in a subprocess: exit code, output, peak memory in bytes."""
    target = folder / "data.json"
    target.write_text(EXISTING, encoding="utf-8")
    code, output, peak = peak_memory.run(_IMPORT, "import", str(xls), "-o", str(target), timeout=120)
    assert target.read_text(encoding="utf-8") == EXISTING
    assert sorted(p.name for p in folder.iterdir()) == sorted([xls.name, "data.json"])
    return code, output, peak


def edited(source: Path, folder: Path, old: bytes, new: bytes) -> Path:
    raw = source.read_bytes()
    assert raw.count(old) == 1, "the record to edit is not found once"
    path = folder / "edited.xls"
    path.write_bytes(raw.replace(old, new))
    return path


def dimensions(rows: tuple[int, int], cols: tuple[int, int]) -> bytes:
    return BIFF_HEADER.pack(DIMENSIONS, 14) + struct.pack("<IIHHH", rows[0], rows[1], cols[0], cols[1], 0)


@pytest.fixture(scope="module")
def baseline(made, tmp_path_factory) -> int:
    """Peak memory of importing the tiny workbook (refused for its missing statements)."""
    folder = tmp_path_factory.mktemp("base")
    xls = folder / "small.xls"
    xls.write_bytes(made["small"].read_bytes())
    code, err, peak = run(xls, folder)
    assert code == 2 and "no sheet (财决01表)" in err, err
    return peak


def test_a_far_cell_is_refused_naming_file_sheet_cell_and_bound(made, tmp_path, baseline):
    xls = tmp_path / "far.xls"
    xls.write_bytes(made["far"].read_bytes())
    code, err, peak = run(xls, tmp_path)
    assert code == 2, err
    assert f"docgen: {xls}: sheet Sheet reaches IV65536, a grid of 65,536 rows by 256 columns (over 1,000,000 cells)" in err
    assert "Traceback" not in err
    if peak_memory.available():
        assert peak - baseline < 64 * 2**20, f"{(peak - baseline) // 2**20} MB over a tiny workbook's import"


def test_the_bounds_relative_to_the_size_hold_for_xls(made, tmp_path):
    """A grid of 128,000 cells from 6 KB, a text of 9 KB shown by 700 cells: within the absolute
    bounds, past those relative to the size (counted as at least 1 MB)."""
    for name, message in (("sparse", "sheet Sheet reaches IV500, a grid of 500 rows by 256 columns; its sheets' grids"),
                          ("shown", f"its cells show {700 * 3000 * 3 // 1024:,} KB of text")):
        xls = tmp_path / f"{name}.xls"
        xls.write_bytes(made[name].read_bytes())
        code, err, _ = run(xls, tmp_path)
        assert code == 2, err
        assert f"docgen: {xls}: {message}" in err and "counted as 1 MB" in err
        xls.unlink()


@pytest.mark.parametrize(("rows", "cols", "message"), [
    ((0, 0xFFFFFFF0), (0, 0xFF00), "sheet Sheet declares 4,294,967,280 rows by 65,280 columns in its DIMENSIONS record"),
    ((5, 2), (0, 3), "sheet Sheet declares 4,294,967,293 rows by 3 columns in its DIMENSIONS record"),
    ((0, 65536), (0, 256), "sheet Sheet reaches IV65536, a grid of 65,536 rows by 256 columns")],
    ids=["billions of rows", "rows inverted", "the whole BIFF8 grid"])
def test_a_dimensions_record_declaring_a_huge_grid_is_refused(made, tmp_path, rows, cols, message):
    """calamine sets aside the declared cells before reading any: four billion rows made it abort."""
    xls = edited(made["small"], tmp_path, dimensions((0, 3), (0, 3)), dimensions(rows, cols))
    code, err, _ = run(xls, tmp_path)
    assert code == 2, err
    assert f"docgen: {xls}: {message}" in err and "(over 1,000,000 cells)" in err
    assert "Traceback" not in err and "panicked" not in err


def test_cells_beyond_a_dimensions_record_that_lies_are_refused(tmp_path):
    """A record declaring one cell for a sheet whose cells reach IV65536: xlrd reads the cells
    (one sheet, each row as far as its last cell: the most it can hold is BIFF8's grid, some 260 MB
    for this file of 2 MB), then the file is refused before calamine lays it out."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("S")
    for _ in range(65_536):
        sheet.append([None] * 255 + [1])
    (tmp_path / "make").mkdir()
    book.save(tmp_path / "make" / "column.xlsx")
    made = to_xls(tmp_path / "make" / "column.xlsx")
    if made is None:
        pytest.skip("LibreOffice Calc is needed to write BIFF8 .xls")
    raw = made.read_bytes()
    shutil.rmtree(tmp_path / "make")
    start = raw.index(BIFF_HEADER.pack(DIMENSIONS, 14))
    xls = tmp_path / "column.xls"
    xls.write_bytes(raw[:start] + dimensions((0, 1), (0, 1)) + raw[start + 18:])
    code, err, peak = run(xls, tmp_path)
    assert code == 2, err
    assert f"docgen: {xls}: sheet S reaches IV65536, a grid of 65,536 rows by 256 columns (over 1,000,000 cells)" in err
    if peak_memory.available():
        assert peak < 320 * 2**20, f"{peak // 2**20} MB"


def test_a_damaged_merged_cells_record_is_refused_not_a_panic(made, tmp_path):
    """A MERGEDCELLS record counting 65,535 ranges and holding one made calamine panic."""
    one = BIFF_HEADER.pack(MERGEDCELLS, 10) + struct.pack("<H", 1)
    xls = edited(made["small"], tmp_path, one, one[:4] + struct.pack("<H", 0xFFFF))
    code, err, _ = run(xls, tmp_path)
    assert code == 2, err
    assert f"docgen: {xls}: not a readable .xls/.xlsx workbook" in err
    assert "Traceback" not in err and "panicked" not in err


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_xls_is_refused(made, tmp_path, fraction):
    if made["export"] is None:
        pytest.skip("LibreOffice Calc is needed to write BIFF8 .xls")
    raw = made["export"].read_bytes()
    xls = tmp_path / "export.xls"
    xls.write_bytes(raw[:int(len(raw) * fraction)])
    code, err, _ = run(xls, tmp_path)
    assert code == 2, err
    assert f"docgen: {xls}: not a readable .xls/.xlsx workbook" in err
    assert "Traceback" not in err


def test_the_export_as_xls_is_read_within_the_bounds(made, tmp_path):
    """The bounds leave a real export alone."""
    if made["export"] is None:
        pytest.skip("LibreOffice Calc is needed to write BIFF8 .xls")
    xls = tmp_path / "export.xls"
    xls.write_bytes(made["export"].read_bytes())
    target = tmp_path / "data.json"
    result = subprocess.run([sys.executable, "-m", "docgen", "import", str(xls), "-o", str(target)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "mapped  Z07" in result.stdout



def test_a_dense_xls_is_read_within_ten_times_what_it_counts_as(tmp_path):
    """500,000 numbers in 3 MB (BIFF8 packs them 6 bytes a cell): read, within 10× three times the
    file's size (``biff.XML_TIMES``) over a tiny workbook's reading."""
    from docgen.importing.biff import XML_TIMES

    (tmp_path / "make").mkdir()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("S")
    for row in range(2000):
        sheet.append([row * 100 + col + 0.5 for col in range(250)])
    book.save(tmp_path / "make" / "dense.xlsx")
    tiny = openpyxl.Workbook()
    tiny.active["A1"] = 1
    tiny.save(tmp_path / "make" / "tiny.xlsx")
    dense, small = to_xls(tmp_path / "make" / "dense.xlsx"), to_xls(tmp_path / "make" / "tiny.xlsx")
    if dense is None or not peak_memory.available():
        pytest.skip("LibreOffice Calc writes the .xls; peak memory is read from /proc")
    read = "from pathlib import Path\nfrom docgen.importing.sheets import open_workbook\nopen_workbook(Path(sys.argv[1]))"
    (code, output, peak), (_, _, base) = peak_memory.run(read, str(dense)), peak_memory.run(read, str(small))
    assert code == 0, output
    counted = XML_TIMES * dense.stat().st_size
    print(f"dense .xls: {(peak - base) / 2**20:.1f} MB over a tiny one's for {dense.stat().st_size:,} bytes: "
          f"{(peak - base) / dense.stat().st_size:.1f}× its size, {(peak - base) / counted:.1f}× what it counts as")
    assert peak - base <= 10 * counted
