"""The workbook embedded behind a chart (*Edit Data* in Word or WPS), written directly.

One sheet, ``Sheet1``, laid out as python-pptx lays out a category chart's data (the chart's
formulas point at these cells): categories down column A from row 2, one column per series from
column B with the series' name in row 1 and its values below, in the chart's number format.

A general spreadsheet writer (XlsxWriter) took about as long for this 3-by-8 table as the rest
of the chart; the six small parts below are all a spreadsheet program needs. Strings are inline
(no shared-string table); every zip entry has a fixed time, so the same data gives the same bytes.
The zip is written directly too (:mod:`docgen.ooxml.archive`): ``zipfile``'s machinery for six
entries of a few hundred bytes cost four times the deflating.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache, lru_cache

from .archive import Packed, archive, deflated
from .xmltext import escape, quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>")
_PACKAGE_RELS = (
    f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')


def _styles(number_format: str) -> str:
    """Two cell formats: 0 General (names), 1 the values' number format (custom id 164)."""
    return (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode={quoteattr(number_format)}/>'
        '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def column_name(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _number(value: Decimal | int | float) -> str:
    return format(Decimal(value), "f") if not isinstance(value, float) else repr(value)


def _sheet(categories: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal]]]) -> str:
    last = f"{column_name(len(series))}{len(categories) + 1}"
    rows = ['<row r="1">' + "".join(_text_cell(f"{column_name(i + 1)}1", name)
                                    for i, (name, _) in enumerate(series)) + "</row>"]
    for r, category in enumerate(categories, start=2):
        cells = [_text_cell(f"A{r}", category)]
        cells += [f'<c r="{column_name(i + 1)}{r}" s="1"><v>{_number(values[r - 2])}</v></c>'
                  for i, (_, values) in enumerate(series)]
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<cols><col min="1" max="1" width="24" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def category_workbook(categories: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal]]],
                      number_format: str = "General") -> bytes:
    """The .xlsx bytes of a category chart's data: ``series`` as (name, values), one value per category."""
    return archive((*_fixed_entries(), ("xl/styles.xml", _styles_entry(number_format)),
                    ("xl/worksheets/sheet1.xml", _deflated(_sheet(categories, series)))))


def _deflated(xml: str) -> Packed:
    return deflated((_DECLARATION + xml).encode("utf-8"))


@lru_cache(maxsize=8)
def _styles_entry(number_format: str) -> Packed:
    """The styles part, deflated once for each number format (the charts' is always the same)."""
    return _deflated(_styles(number_format))


@cache
def _fixed_entries() -> tuple[tuple[str, Packed], ...]:
    """The four parts that are the same in every workbook, deflated once."""
    return tuple((name, _deflated(xml)) for name, xml in (
        ("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS), ("xl/workbook.xml", _WORKBOOK),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)))
