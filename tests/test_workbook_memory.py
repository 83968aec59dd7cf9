"""Peak memory while reading a workbook stays within 10× what it unpacks to (counted as at least
1 MB), on the worst .xlsx workbooks the reader accepts.

The worst are those that make the reader hold the most for the bytes they take: small cells packed
densely, distinct shared strings, one shared text shown by many cells up to the text bound, a grid
reaching as far as the grid bound allows, as many sheets as are read, merged ranges over a whole
grid. Each is built at its bound (one step further is refused, which the test checks too) and read
by ``open_workbook`` in a fresh process; its peak memory, less a tiny workbook's, is compared with
its unpacked size (``extent``'s ``FLOOR`` at least) and, for the report, with its file size.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import peak_memory
from docgen.importing import extent
from docgen.importing.cells import MAX_UNPACKED, address

RATIO = 10
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SLACK = 64 * 1024
"""Room left under ``MAX_UNPACKED`` for the package's other parts."""

_READ = """
from pathlib import Path
from docgen.errors import InputError
from docgen.importing.sheets import open_workbook
try:
    open_workbook(Path(sys.argv[1]))
    print("read")
except InputError as exc:
    print(exc)
"""


def package(path: Path, sheets: list[str], strings: list[str] | None = None, merges: str = "",
            padding: int = 0, elements: int = 0) -> int:
    """An .xlsx of these sheet bodies (``<row>``s) and shared strings; ``padding`` bytes in a part
    the reader ignores; ``elements`` empty elements in workbook.xml and after the first sheet's
    cells. Returns what it unpacks to."""
    book = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(sheets) + 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{DOC_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(sheets) + 1))
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_REL}"><sheets>{book}</sheets>{"<a/>" * elements}</workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>',
    }
    for i, body in enumerate(sheets, 1):
        tail = (merges + "<a/>" * elements) if i == 1 else ""
        parts[f"xl/worksheets/sheet{i}.xml"] = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData>{tail}</worksheet>'
    if strings is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    if padding:
        parts["docProps/padding.xml"] = "<p>" + " " * (padding - 7) + "</p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return sum(len(text.encode("utf-8")) for text in parts.values())


def rows(count: int, cells: str) -> str:
    return "".join(f'<row r="{r}">{cells}</row>' for r in range(1, count + 1))


def far(rows_: int, cols: int) -> str:
    """A value at A1 and one at the far corner of a grid of ``rows_`` × ``cols``."""
    return f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{rows_}"><c r="{address(rows_ - 1, cols - 1)}"><v>1</v></c></row>'


def shown_text(times: int, length: int, padding: int = 0) -> tuple:
    """One shared text of ``length`` CJK characters shown by ``times`` cells."""
    return ([rows(times, '<c t="s"><v>0</v></c>')], ["测" * length], "", padding)


TEXT = 1000
"""Characters of the shared text (3 bytes each in UTF-8)."""
_BIG_TEXT = (MAX_UNPACKED - SLACK) // 3
_COLS = 1000
_GRID_ROWS = extent.FLOOR // extent.CELL_BYTES // _COLS
_FULL_GRID_ROWS = (MAX_UNPACKED - SLACK) // extent.CELL_BYTES // _COLS


def _dense() -> tuple:
    per_row = len("<c><v>1</v></c>") * _COLS + 20
    return ([rows((MAX_UNPACKED - SLACK) // per_row, "<c><v>1</v></c>" * _COLS)], None, "", 0)


def _distinct_strings() -> tuple:
    count = (MAX_UNPACKED - SLACK) // 56
    body = "".join(f'<row r="{r + 1}">' + "".join(f'<c t="s"><v>{r * 100 + c}</v></c>' for c in range(100)) + "</row>"
                   for r in range(count // 100))
    return ([body], [str(i) for i in range(count // 100 * 100)], "", 0)


def _merged(rows_: int) -> tuple:
    merges = "".join(f'<mergeCell ref="A{r}:{address(r - 1, _COLS - 1)}"/>' for r in range(1, rows_ + 1))
    return ([far(rows_, _COLS)], None, f'<mergeCells count="{rows_}">{merges}</mergeCells>', 0)


KINDS = {
    # kind: (the worst accepted, one step further: refused, or None where a size cap bounds it)
    "dense small numbers": (_dense, None),
    "distinct shared strings": (_distinct_strings, None),
    "one shared text shown to the text bound": (
        lambda: shown_text(extent.TEXT_TIMES * extent.FLOOR // (3 * TEXT), TEXT),
        lambda: shown_text(extent.TEXT_TIMES * extent.FLOOR // (3 * TEXT) + 2, TEXT)),
    "one long shared text shown to the text bound, 8 MB": (
        lambda: shown_text(extent.TEXT_TIMES, _BIG_TEXT),
        lambda: shown_text(extent.TEXT_TIMES + 1, _BIG_TEXT)),
    "a grid to the grid bound": (
        lambda: ([far(_GRID_ROWS, _COLS)], None, "", 0),
        lambda: ([far(_GRID_ROWS + 1, _COLS)], None, "", 0)),
    "a grid to the grid bound, 8 MB": (
        lambda: ([far(_FULL_GRID_ROWS, _COLS)], None, "", MAX_UNPACKED - SLACK),
        lambda: ([far(_FULL_GRID_ROWS + 2, _COLS)], None, "", MAX_UNPACKED - SLACK)),
    "as many sheets as are read": (
        lambda: ([far(10, 10)] * extent.MAX_SHEETS, None, "", 0),
        lambda: ([far(10, 10)] * (extent.MAX_SHEETS + 1), None, "", 0)),
    "merged ranges over a grid at the grid bound": (lambda: _merged(_GRID_ROWS), lambda: _merged(_GRID_ROWS + 1)),
    "parts padded with empty elements, 8 MB": (lambda: ([far(1, 1)], None, "", 0, (MAX_UNPACKED - SLACK) // 8), None),
}


def _read(path: Path) -> tuple[str, int]:
    code, output, peak = peak_memory.run(_READ, str(path))
    assert code == 0, output
    return output.strip(), peak


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> int:
    path = tmp_path_factory.mktemp("tiny") / "tiny.xlsx"
    package(path, [far(1, 1)])
    outcome, peak = _read(path)
    assert outcome == "read"
    return peak


@pytest.mark.skipif(not peak_memory.available(), reason="peak memory is read from /proc")
@pytest.mark.parametrize("kind", list(KINDS))
def test_reading_the_worst_accepted_workbooks_takes_at_most_ten_times_their_unpacked_size(kind, tiny, tmp_path):
    worst, further = KINDS[kind]
    path = tmp_path / "worst.xlsx"
    unpacked = package(path, *worst())
    outcome, peak = _read(path)
    assert outcome == "read", outcome
    used = peak - tiny
    counted = max(unpacked, extent.FLOOR)
    print(f"{kind}: {used / 2**20:.1f} MB over a tiny workbook's; {used / path.stat().st_size:.0f}× the file "
          f"({path.stat().st_size:,} bytes), {used / unpacked:.1f}× the unpacked size ({unpacked:,} bytes), "
          f"{used / counted:.1f}× as counted")
    assert used <= RATIO * counted, f"{used / counted:.1f}× its unpacked size"
    if further:
        unpacked = package(path, *further())
        outcome, _ = _read(path)
        assert outcome != "read", f"one step further is read too ({unpacked:,} bytes): not the worst accepted"
