"""What a reader sees of the page layout: column heads that break only where the pack breaks them,
a 科目名称 column wide enough, and lead-in paragraphs (…其中：) kept with what they lead into."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, ROOT
from docgen.ooxml.pages import text_width
from docgen.ooxml.tables import CELL_MARGIN
from docgen.tables.statistical import NAME_MIN, TEXT_FONT

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan")))


def statistical_tables(document):
    """(title, w:tbl) of each 公开表 (its w:tblCaption holds the number and title)."""
    found = []
    for tbl in document.element.body.iter(qn("w:tbl")):
        caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption is not None and caption.get(qn("w:val")).startswith("公开"):
            found.append((caption.get(qn("w:val")), tbl))
    return found


def cell_lines(tc) -> list[str]:
    """A cell's text, split where it breaks on purpose (``w:br``)."""
    lines = [""]
    for element in tc.iter(qn("w:t"), qn("w:br")):
        if element.tag == qn("w:br"):
            lines.append("")
        else:
            lines[-1] += element.text or ""
    return lines


def cell_width(tc) -> int:
    return int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))


def test_every_column_head_breaks_only_where_the_pack_breaks_it(document):
    tables = statistical_tables(document)
    assert len(tables) == 13
    for title, tbl in tables:
        for tr in tbl.iterfind(qn("w:tr")):
            if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
                continue
            for tc in tr.iterfind(qn("w:tc")):
                for line in cell_lines(tc):
                    assert text_width(line, TEXT_FONT.half_points) + 2 * CELL_MARGIN <= cell_width(tc), (title, line)


def test_the_name_column_holds_the_fixture_names_on_one_line(document):
    for title, tbl in statistical_tables(document):
        if title.split()[1] not in ("收入决算表", "支出决算表"):
            continue
        widths = [int(c.get(qn("w:w"))) for c in tbl.iterfind(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
        assert widths[1] >= NAME_MIN
        for tr in tbl.iterfind(qn("w:tr")):
            cells = tr.findall(qn("w:tc"))
            if len(cells) == len(widths):
                name = "".join(cell_lines(cells[1]))
                assert text_width(name, TEXT_FONT.half_points) + 2 * CELL_MARGIN <= widths[1], (title, name)


def test_a_row_label_prints_whole(document):
    rows = [[("".join(cell_lines(tc)), len(cell_lines(tc))) for tc in tr.iterfind(qn("w:tc"))]
            for title, tbl in statistical_tables(document) if "收入支出决算总表" in title
            for tr in tbl.iterfind(qn("w:tr"))]
    labels = {text: lines for row in rows for text, lines in row}
    assert labels["本年收入合计"] == 1 and labels["年初结转和结余"] == 1


@pytest.mark.parametrize("data, region", [(REFERENCE_FIXTURE, "sichuan-2020"), (COMPLETE, "sichuan")])
def test_a_paragraph_ending_on_a_lead_in_keeps_with_the_next(data, region):
    document = docx.Document(io.BytesIO(docgen.render(data, region=region, force=True)))
    leads = [p for p in document.paragraphs if p.text.rstrip().endswith(("其中：", "如下：", "包括："))]
    assert leads
    for paragraph in leads:
        assert paragraph._p.pPr.find(qn("w:keepNext")) is not None, paragraph.text
