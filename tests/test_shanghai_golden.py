"""The golden test of the 上海 pack: every paragraph and every table cell of the fixture's report
against tests/shanghai/expected.txt, the text derived by hand from the city's 2024 template, where
each deliberate difference from the template carries its reason."""

from __future__ import annotations

import difflib
import io

import docx
from docx.oxml.ns import qn

import docgen
from conftest import ROOT

FIXTURE = ROOT / "fixtures" / "shanghai-department-2024.json"
EXPECTED = ROOT / "tests" / "shanghai" / "expected.txt"


def body_lines(document) -> list[str]:
    """The document body in order: each non-empty paragraph, and each table row as
    ``table N row R: cell | cell | …``."""
    lines, tables = [], 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text.strip():
                lines.append(text)
        elif element.tag == qn("w:tbl"):
            tables += 1
            for r, row in enumerate(element.iter(qn("w:tr")), 1):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                lines.append(f"table {tables} row {r}: " + " | ".join(cells))
    return lines


def expected_lines() -> tuple[list[str], list[str]]:
    """The expected lines, and the annotation errors: a "# template:" comment must be followed by its
    "# why:" or "# not reproduced:" before the line it explains."""
    lines, errors, open_note = [], [], None
    for number, line in enumerate(EXPECTED.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# template:"):
            open_note = number
        elif line.startswith(("# why:", "# not reproduced:")):
            open_note = None
        elif not line.startswith("#") and line:
            if open_note is not None:
                errors.append(f"expected.txt line {open_note}: a template difference without its reason")
                open_note = None
            lines.append(line)
    return lines, errors


def test_every_paragraph_and_cell_as_the_template_words_it():
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region="shanghai")))
    actual = body_lines(document)
    expected, errors = expected_lines()
    assert errors == []
    diff = "\n".join(difflib.unified_diff(expected, actual, "tests/shanghai/expected.txt", "rendered", lineterm=""))
    assert actual == expected, "the 上海 report differs from its golden text:\n" + diff


def test_each_difference_from_the_template_has_its_reason():
    lines = EXPECTED.read_text(encoding="utf-8").splitlines()
    notes = sum(line.startswith("# template:") for line in lines)
    reasons = sum(line.startswith(("# why:", "# not reproduced:")) for line in lines)
    assert notes >= 20 and reasons == notes
