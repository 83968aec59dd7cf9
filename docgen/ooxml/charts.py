"""Native Word charts: a chart part, its embedded workbook, and the inline drawing that shows it.

A chart is described as plain data (:class:`ChartSpec`: kind, categories, series, labels, colours,
fonts, size) and becomes three things in the document's package:

- ``/word/charts/chartN.xml``: the chart, written as text (:func:`chart_xml`): the series and
  category caches and the cell formulas as python-pptx's chart writer lays them out, styled for
  Word (East Asian fonts, the chart language, the link to the workbook), every element in its
  schema order. A few kilobytes a chart: building them as elements and serialising them took
  longer than the rest of placing the chart;
- ``/word/embeddings/Microsoft_Excel_WorksheetN.xlsx``: the workbook the formulas point at
  (:mod:`docgen.ooxml.workbook`), so *Edit Data* in Word or WPS opens the very numbers the chart
  shows;
- a ``<w:drawing><wp:inline>`` run that places the chart in the paragraph, returned as text for
  a docxtpl template (:func:`template_run`).

Part names come from the package's next free number, so any number of charts (and charts the
template already holds) live side by side.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from attrs import frozen

from .workbook import category_workbook, column_name
from .xmltext import escape, escape_attribute, quoteattr

ChartKind = Literal["column", "bar", "line", "pie", "doughnut"]
LegendPosition = Literal["bottom", "top", "left", "right", "none"]
LabelPosition = Literal["outside_end", "inside_end", "center", "best_fit", "above"]

KINDS: tuple[str, ...] = ("column", "bar", "line", "pie", "doughnut")
ROUND_KINDS = frozenset({"pie", "doughnut"})
"""Kinds that draw one series, one slice per category."""
LEGEND_POSITIONS: tuple[str, ...] = ("bottom", "top", "left", "right", "none")
LABEL_POSITIONS: tuple[str, ...] = ("outside_end", "inside_end", "center", "best_fit", "above")

# Positions each kind accepts (Word refuses a file with any other): the first is the fallback.
_LABEL_POSITIONS_FOR = {
    "column": ("outside_end", "inside_end", "center"),
    "bar": ("outside_end", "inside_end", "center"),
    "line": ("above", "center"),
    "pie": ("best_fit", "outside_end", "inside_end", "center"),
    "doughnut": (),
}

AMOUNT_FORMAT = '[=0]0;0.00##'
"""Excel number format of an amount as the sentences print it: ``0``, ``10.00``, ``89.496``."""
EMU_PER_MM = 36000
TEXT_BLOCK = 156 * EMU_PER_MM
"""GB/T 9704 text block width, used when the document does not say."""
DEFAULT_COLORS = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")
_AXIS_LINE = "BFBFBF"
_GRIDLINE = "D9D9D9"


@frozen
class Series:
    name: str
    values: tuple[Decimal, ...]


@frozen
class TextStyle:
    """Font of every text in the chart: East Asian and Latin typefaces, size in points."""

    east_asia: str = "宋体"
    latin: str = "Times New Roman"
    size: float = 10.5
    color: str = "000000"


@frozen
class ChartSpec:
    """Everything one chart shows, resolved: no defaults are looked up after this point."""

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    width: int
    """EMU."""
    height: int
    """EMU."""
    colors: tuple[str, ...] = DEFAULT_COLORS
    """``RRGGBB``: one per series (column, bar, line) or one per slice (pie, doughnut), cycling."""
    legend: LegendPosition = "bottom"
    number_format: str = AMOUNT_FORMAT
    """Format of the values: workbook cells, the chart's cache and value labels."""
    labels: bool = True
    label_position: LabelPosition = "outside_end"
    point_labels: tuple[str | None, ...] | None = None
    """Fixed label text for each point of a pie's series (``None``: that point has no label);
    when not given, labels show each value in ``number_format``."""
    text: TextStyle = TextStyle()
    axis_title: str = ""
    """Title of the value axis (column, bar, line), written horizontally: ``万元``."""
    gap_width: int = 150
    description: str = ""
    """Alternative text of the drawing (read aloud by screen readers)."""

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if self.kind in ROUND_KINDS and len(self.series) != 1:
            raise ValueError(f"a {self.kind} chart draws one series, got {len(self.series)}")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"series {series.name!r}: {len(series.values)} values "
                                 f"for {len(self.categories)} categories")
        if self.point_labels is not None and len(self.point_labels) != len(self.categories):
            raise ValueError("one point label per category")


# ---------------------------------------------------------------------------------------------
# The chart XML and the workbook.
# ---------------------------------------------------------------------------------------------

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text without the characters XML 1.0 forbids (a category name comes from the data)."""
    return _NOT_XML.sub("", text)


def _text(text: str) -> str:
    """Element text as an XML parser reads it and writes it back: line ends as ``\\n``, ``&``,
    ``<`` and ``>`` as entities."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n"))


def workbook(spec: ChartSpec) -> bytes:
    """The embedded workbook: categories down column A, one column per series, names in row 1
    (where the chart's formulas point, :mod:`docgen.ooxml.workbook`)."""
    return category_workbook([_clean(c) for c in spec.categories],
                             [(_clean(s.name), s.values) for s in spec.series], spec.number_format)


def chart_xml(spec: ChartSpec, workbook_rid: str | None = None) -> bytes:
    """The chart part's XML; ``workbook_rid`` links it to its embedded workbook.

    Written as text, each element in its parent's schema order (Word refuses children out of
    order): the data-bearing skeleton python-pptx's chart writer gives each kind (series and
    category caches, the cell formulas, the axes), styled for Word (East Asian fonts, the chart
    language, the link to the workbook)."""
    if not spec.categories:
        raise ValueError("chart data contains no categories")
    round_kind = spec.kind in ROUND_KINDS
    legend = ("" if spec.legend == "none" else
              f'<c:legend><c:legendPos val="{_LEGEND_VALUES[spec.legend]}"/><c:overlay val="0"/></c:legend>')
    external = (f'<c:externalData r:id="{escape_attribute(workbook_rid)}">'
                '<c:autoUpdate val="0"/></c:externalData>' if workbook_rid else "")
    return "".join((
        _DECLARATION, f"<c:chartSpace {_NSDECLS}>",
        "" if spec.kind == "pie" else '<c:date1904 val="0"/>',
        '<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea>',
        "<c:layout/>" if spec.kind == "doughnut" else "",
        _round_plot(spec) if round_kind else _plot(spec) + _axes(spec),
        f'</c:plotArea>{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>',
        '<c:showDLblsOverMax val="0"/>' if spec.kind in ("line", "doughnut") else "",
        f"</c:chart><c:spPr>{_NO_LINE_NO_FILL}</c:spPr>{_text_properties(spec.text)}{external}</c:chartSpace>",
    )).encode("utf-8")


_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_NSDECLS = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_AXIS_IDS = {"column": (79456312, 33489208), "bar": (79456312, 33489208), "line": (2118791784, 2140495176)}
"""The category and value axis ids of python-pptx's skeleton of each kind (-2068027336 and
-2113994440 for bars, there), taken modulo 2**31: the schema's type is unsigned, and LibreOffice
reads an id as a signed 32-bit number (above 2**31 - 1 a bar chart loses its category labels and
draws its bars from the wrong end)."""
_NO_LINE_NO_FILL = "<a:noFill/><a:ln><a:noFill/></a:ln>"
_LABEL_BODY = ('<a:bodyPr rot="0" vert="horz" wrap="none" lIns="38100" tIns="19050" rIns="38100" bIns="19050" '
               'anchor="ctr"><a:spAutoFit/></a:bodyPr>')
"""Labels on one line each (Word and LibreOffice would otherwise wrap them at a narrow width)."""
_LABEL_TEXT = (f"<c:txPr>{_LABEL_BODY}<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>"
               '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')
_LABEL_FLAGS = ('<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
                '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')


def _plot(spec: ChartSpec) -> str:
    """``c:barChart`` or ``c:lineChart``: the series, their labels, the axes' ids."""
    category_axis, value_axis = _AXIS_IDS[spec.kind]
    series = "".join(_series(spec, i) for i in range(len(spec.series)))
    labels = _value_labels(spec) if spec.labels and spec.point_labels is None else ""
    ids = f'<c:axId val="{category_axis}"/><c:axId val="{value_axis}"/>'
    if spec.kind == "line":
        return (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}{labels}'
                f'<c:marker val="1"/><c:smooth val="0"/>{ids}</c:lineChart>')
    direction = "col" if spec.kind == "column" else "bar"
    return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
            f'{series}{labels}<c:gapWidth val="{spec.gap_width}"/><c:overlap val="0"/>{ids}</c:barChart>')


def _round_plot(spec: ChartSpec) -> str:
    """``c:pieChart`` or ``c:doughnutChart``: one series, a colour and a label per slice."""
    tag = "pieChart" if spec.kind == "pie" else "doughnutChart"
    hole = '<c:holeSize val="50"/>' if spec.kind == "doughnut" else ""
    return (f'<c:{tag}><c:varyColors val="1"/>{_series(spec, 0)}'
            f'<c:firstSliceAng val="{first_slice_angle(spec.series[0].values)}"/>{hole}</c:{tag}>')


def _series(spec: ChartSpec, i: int) -> str:
    """One ``c:ser``: its name, look, labels, categories and values (cells of the workbook)."""
    series = spec.series[i]
    column = column_name(i + 1)
    last_row = len(spec.categories) + 1
    name = (f'<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{_text(_clean(series.name))}</c:v></c:pt></c:strCache></c:strRef></c:tx>')
    categories = "".join(f'<c:pt idx="{k}"><c:v>{_text(_clean(c))}</c:v></c:pt>' for k, c in enumerate(spec.categories))
    values = "".join(f'<c:pt idx="{k}"><c:v>{v}</c:v></c:pt>' for k, v in enumerate(series.values) if v is not None)
    data = (f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last_row}</c:f><c:strCache>'
            f'<c:ptCount val="{len(spec.categories)}"/>{categories}</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${last_row}</c:f><c:numCache>'
            f'<c:formatCode>{_text(spec.number_format)}</c:formatCode><c:ptCount val="{len(series.values)}"/>'
            f"{values}</c:numCache></c:numRef></c:val>")
    if spec.kind in ROUND_KINDS:
        look = _slices(spec)
        labels = _point_labels(spec, on_slice=spec.kind == "doughnut"
                               or _label_position(spec) in ("inside_end", "center")) if spec.labels else ""
    else:
        look = _series_style(spec, i)
        labels = _point_labels(spec, on_slice=False) if i == 0 and spec.labels and spec.point_labels is not None else ""
    smooth = '<c:smooth val="0"/>' if spec.kind == "line" else ""
    return f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{name}{look}{labels}{data}{smooth}</c:ser>'


def _fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def _line(color: str | None, width_emu: int = 9525) -> str:
    inner = _fill(color) if color else "<a:noFill/>"
    return f'<a:ln w="{width_emu}">{inner}</a:ln>'


def _color(spec: ChartSpec, i: int) -> str:
    return spec.colors[i % len(spec.colors)]


def _label_position(spec: ChartSpec) -> str:
    allowed = _LABEL_POSITIONS_FOR[spec.kind]
    if not allowed:
        return ""
    return spec.label_position if spec.label_position in allowed else allowed[0]


_POSITION_VALUES = {"outside_end": "outEnd", "inside_end": "inEnd", "center": "ctr", "best_fit": "bestFit",
                    "above": "t"}


def _position_xml(spec: ChartSpec) -> str:
    position = _label_position(spec)
    return f'<c:dLblPos val="{_POSITION_VALUES[position]}"/>' if position else ""


_LEGEND_VALUES = {"bottom": "b", "top": "t", "left": "l", "right": "r"}


def _series_style(spec: ChartSpec, i: int) -> str:
    color = _color(spec, i)
    if spec.kind == "line":
        return (f"<c:spPr>{_line(color, 28575)}</c:spPr>"
                f'<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>{_fill(color)}{_line(color)}</c:spPr>'
                "</c:marker>")
    return f'<c:spPr>{_fill(color)}</c:spPr><c:invertIfNegative val="0"/>'


def _number_format(spec: ChartSpec) -> str:
    return f'<c:numFmt formatCode="{escape_attribute(spec.number_format)}" sourceLinked="0"/>'


def _value_labels(spec: ChartSpec) -> str:
    """Chart-level labels showing each value in the amount format (live: they follow edits)."""
    return (f"<c:dLbls>{_number_format(spec)}<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>{_LABEL_TEXT}"
            f"{_position_xml(spec)}{_LABEL_FLAGS}</c:dLbls>")


def _rich(text: str, style: TextStyle, color: str | None = None) -> str:
    defaults = f"<a:defRPr>{_fill(color)}</a:defRPr>" if color else "<a:defRPr/>"
    paragraphs = "".join(
        f'<a:p><a:pPr>{defaults}</a:pPr><a:r>{_run_properties(style, color)}'
        f"<a:t>{_text(_clean(line))}</a:t></a:r></a:p>"
        for line in text.split("\n"))
    return f"<c:rich>{_LABEL_BODY}<a:lstStyle/>{paragraphs}</c:rich>"


def first_slice_angle(values: Sequence[Decimal]) -> int:
    """Where the first slice starts (degrees clockwise from 12 o'clock), turned so that the
    slices other than the largest are centred on 3 o'clock: their labels then stack vertically
    beside the pie instead of crowding side by side above it."""
    total = sum(values, Decimal(0))
    if total <= 0:
        return 0
    largest = max(range(len(values)), key=lambda i: values[i])
    end_of_largest = sum(values[: largest + 1], Decimal(0)) * 360 / total
    rest = (total - values[largest]) * 360 / total
    return round((90 - (end_of_largest + rest / 2)) % 360) % 360


def _slices(spec: ChartSpec) -> str:
    """A pie's (or doughnut's) slices: one colour each, white edges."""
    # White edges part the slices; a whole pie (one slice) has none, or it shows a radius.
    edge = _line("FFFFFF") if sum(1 for v in spec.series[0].values if v) > 1 else _line(None)
    return "".join(f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>'
                   f'<c:spPr>{_fill(_color(spec, i))}{edge}</c:spPr></c:dPt>' for i in range(len(spec.categories)))


def _point_labels(spec: ChartSpec, on_slice: bool) -> str:
    """The series' labels: each point's fixed text (``spec.point_labels``), or its value. Text
    drawn on a slice takes black or white, whichever reads on the slice's colour."""
    position = _position_xml(spec)
    points = []
    if spec.point_labels is not None:
        for i, text in enumerate(spec.point_labels):
            if text is None:
                points.append(f'<c:dLbl><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>')
            else:
                color = _text_color_on(_color(spec, i)) if on_slice else None
                points.append(f'<c:dLbl><c:idx val="{i}"/><c:tx>{_rich(text, spec.text, color)}</c:tx>'
                              f'<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>{position}{_LABEL_FLAGS}</c:dLbl>')
        number_format = ""
    else:
        number_format = _number_format(spec)
    leader_lines = '<c:showLeaderLines val="1"/>' if spec.kind in ROUND_KINDS else ""
    return (f'<c:dLbls>{"".join(points)}{number_format}<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>'
            f'{_LABEL_TEXT}{position}{_LABEL_FLAGS}{leader_lines}</c:dLbls>')


def _text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (relative luminance, WCAG)."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(background[i:i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FFFFFF" if (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.05) else "000000"


def _axes(spec: ChartSpec) -> str:
    """``c:catAx`` and ``c:valAx``: no tick marks, a light category line and gridlines; a bar
    chart's categories read top to bottom. Columns that carry their amounts in words
    (``point_labels``) need no value axis, and the axis leaves room for the longest label."""
    category_axis, value_axis = _AXIS_IDS[spec.kind]
    bar = spec.kind == "bar"
    worded = spec.labels and spec.point_labels is not None
    top = _axis_room(spec) if worded else None
    gridlines = "" if worded else f"<c:majorGridlines><c:spPr>{_line(_GRIDLINE)}</c:spPr></c:majorGridlines>"
    title = ""
    if spec.axis_title and not worded:
        title = (f'<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>'
                 f"<a:defRPr/></a:pPr><a:r>{_run_properties(spec.text)}<a:t>{_text(_clean(spec.axis_title))}"
                 '</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>')
    return (
        f'<c:catAx><c:axId val="{category_axis}"/><c:scaling><c:orientation val="{"maxMin" if bar else "minMax"}"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="{"l" if bar else "b"}"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>{_line(_AXIS_LINE)}</c:spPr>'
        f'<c:crossAx val="{value_axis}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{value_axis}"/><c:scaling><c:orientation val="minMax"/>'
        + (f'<c:max val="{top}"/>' if top is not None else "")
        + f'<c:min val="0"/></c:scaling><c:delete val="{1 if worded else 0}"/><c:axPos val="{"b" if bar else "l"}"/>'
        f'{gridlines}{title}<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>{_line(None)}</c:spPr>'
        f'<c:crossAx val="{category_axis}"/><c:crosses val="{"max" if bar else "autoZero"}"/>'
        '<c:crossBetween val="between"/></c:valAx>'
    )


def _axis_room(spec: ChartSpec) -> float | None:
    """An axis maximum that leaves the longest fixed label room beside (or above) its bar."""
    values = [float(v) for v in spec.series[0].values]
    top = max(values, default=0)
    if top <= 0:
        return None
    if spec.kind == "bar":
        names = max((_text_mm(c, spec.text.size) for c in spec.categories), default=0)
        room = _emu_mm(spec.width) - names - 12
        need = max((_text_mm(t, spec.text.size) for t in spec.point_labels if t), default=0) + 4
    else:
        room = _emu_mm(spec.height) - 22
        need = _line_mm(spec.text.size) + 3
    share = min(0.6, need / room) if room > 0 else 0.6
    return round(top / (1 - share), 6)


def _emu_mm(emu: int) -> float:
    return emu / 36000


def _line_mm(points: float) -> float:
    """Height of a one-line label, insets included."""
    return points * 0.3528 * 1.15 + 0.6


def _text_mm(text: str, points: float) -> float:
    """Width of a one-line label: CJK and full-width characters one em, others about half."""
    em = points * 0.3528
    return sum(em if ord(ch) >= 0x2E80 else em * 0.55 for ch in text) + 1.1


def pie_labels_crowded(spec: ChartSpec) -> bool:
    """Whether a pie's labels, placed outside its slices, would run into each other or off the
    chart (an estimate of where Word and LibreOffice put them: the pie fills the height left by
    the legend, each label sits just outside the middle of its slice)."""
    if spec.kind not in ROUND_KINDS or not spec.labels or spec.point_labels is None:
        return False
    values = spec.series[0].values
    total = float(sum(values, Decimal(0)))
    if total <= 0:
        return False
    width, height = _emu_mm(spec.width), _emu_mm(spec.height)
    legend = 0.0
    if spec.legend in ("bottom", "top"):
        entries = sum(_text_mm(c, spec.text.size) + 6 for c in spec.categories)
        legend = -(-entries // (width * 0.8)) * (_line_mm(spec.text.size) + 0.5)
    radius = (height - legend - 8) / 2
    if spec.kind == "doughnut" or _label_position(spec) in ("inside_end", "center"):
        return False  # labels drawn on the slices: nothing to place outside
    centre_x = (width - (_longest(spec) if spec.legend in ("left", "right") else 0)) / 2
    start = first_slice_angle(values)
    boxes = []
    swept = 0.0
    for value, text in zip(values, spec.point_labels):
        middle = math.radians(start + (swept + float(value) / 2) * 360 / total)
        swept += float(value)
        if not text:
            continue
        w, h = _text_mm(text, spec.text.size), _line_mm(spec.text.size)
        x = centre_x + (radius + 2) * math.sin(middle) + w / 2 * math.sin(middle)
        y = height / 2 - (radius + 2) * math.cos(middle) - h / 2 * math.cos(middle)
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        if box[0] < 0 or box[2] > width:
            return True
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            return True
        boxes.append(box)
    return False


def _longest(spec: ChartSpec) -> float:
    return max((_text_mm(c, spec.text.size) for c in spec.categories), default=0) + 6


def _fonts(style: TextStyle) -> str:
    latin = escape_attribute(_clean(style.latin))
    east_asia = escape_attribute(_clean(style.east_asia))
    return f'<a:latin typeface="{latin}"/><a:ea typeface="{east_asia}"/><a:cs typeface="{latin}"/>'


def _run_properties(style: TextStyle, color: str | None = None) -> str:
    fill = _fill(color) if color else ""
    return f'<a:rPr lang="zh-CN" altLang="en-US">{fill}{_fonts(style)}</a:rPr>'


def _text_properties(style: TextStyle) -> str:
    """``c:txPr``: the chart's default run properties, East Asian font included."""
    return (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
        f'<a:defRPr sz="{round(style.size * 100)}" b="0" i="0">{_fill(style.color)}{_fonts(style)}</a:defRPr>'
        '</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )


# ---------------------------------------------------------------------------------------------
# Parts and the drawing.
# ---------------------------------------------------------------------------------------------

def chart_part(package, spec: ChartSpec, taken: set[str] | None = None) -> Any:
    """``/word/charts/chartN.xml`` (a python-docx ``Part``) related to its embedded workbook.

    Part names are the ones python-docx's ``next_partname`` gives; ``taken`` holds the package's
    part names when the caller keeps them (:func:`part_names`), and receives the two new ones."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    taken = part_names(package) if taken is None else taken
    part = Part(PackURI(_next_free("/word/charts/chart%d.xml", taken)), CT.DML_CHART, b"", package)
    sheet = Part(PackURI(_next_free("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx", taken)),
                 CT.SML_SHEET, workbook(spec), package)
    taken.update((part.partname, sheet.partname))
    part._blob = chart_xml(spec, part.relate_to(sheet, RT.PACKAGE))
    return part


def part_names(package) -> set[str]:
    """The names of the parts of ``package`` (a walk of all its relationships)."""
    return {p.partname for p in package.iter_parts()}


def _next_free(template: str, taken: set[str]) -> str:
    """``template`` with the lowest number ≥ 1 that no part of ``taken`` has."""
    n = 1
    while template % n in taken:
        n += 1
    return template % n


def add_chart(part, spec: ChartSpec, taken: set[str] | None = None) -> str:
    """Add a chart (and its workbook) to the package of ``part``; return ``part``'s relationship id
    (``taken``: see :func:`chart_part`)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return part.relate_to(chart_part(part.package, spec, taken), RT.CHART)


def inline_drawing(rid: str, spec: ChartSpec, shape_id: int = 1) -> str:
    """``<w:r><w:drawing>`` placing the chart related as ``rid``, at ``spec``'s size."""
    name = f"图表 {shape_id}"
    return (
        "<w:r><w:rPr><w:noProof/></w:rPr><w:drawing>"
        '<wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{spec.width}" cy="{spec.height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f"<wp:docPr id=\"{shape_id}\" name={quoteattr(name)} descr={quoteattr(_clean(spec.description))}/>"
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{escape(rid)}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def template_run(part, spec: ChartSpec, shape_id: int = 1, taken: set[str] | None = None) -> str:
    """The chart as docxtpl inserts it in place of a ``{{ … }}`` tag inside a run (as its
    ``InlineImage`` does): close the tag's run, add the drawing's run, reopen a run (``taken``:
    see :func:`chart_part`)."""
    drawing = inline_drawing(add_chart(part, spec, taken), spec, shape_id)
    return f'</w:t></w:r>{drawing}<w:r><w:t xml:space="preserve">'


# ---------------------------------------------------------------------------------------------
# What the document says about fonts and width.
# ---------------------------------------------------------------------------------------------

def document_fonts(document: Any) -> tuple[str | None, str | None]:
    """East Asian and Latin typeface of the document's body text: its default paragraph style,
    the styles that one is based on, then the document defaults (``None`` where none is set)."""
    from docx.oxml.ns import qn as wqn

    styles = document.styles.element
    east_asia = latin = None
    chain = []
    found = styles.xpath('w:style[@w:type="paragraph" and (@w:default="1" or @w:default="true")]')
    style = found[0] if found else None
    while style is not None and len(chain) < 10:
        chain.append(style.find(wqn("w:rPr")))
        based = style.find(wqn("w:basedOn"))
        style = styles.get_by_id(based.get(wqn("w:val"))) if based is not None else None
    defaults = styles.find(wqn("w:docDefaults"))
    if defaults is not None:
        chain.append(defaults.find(f"{wqn('w:rPrDefault')}/{wqn('w:rPr')}"))
    for rpr in chain:
        fonts = rpr.find(wqn("w:rFonts")) if rpr is not None else None
        if fonts is None:
            continue
        east_asia = east_asia or fonts.get(wqn("w:eastAsia"))
        latin = latin or fonts.get(wqn("w:ascii"))
    return east_asia, latin


def text_width(document: Any) -> int:
    """Width of the narrowest text block among the document's sections, in EMU."""
    widths = []
    for section in document.sections:
        if section.page_width is not None:
            widths.append(section.page_width - (section.left_margin or 0) - (section.right_margin or 0))
    return min(widths) if widths else TEXT_BLOCK


def mm(value: float | Decimal) -> int:
    """Millimetres to EMU."""
    return int(float(value) * EMU_PER_MM)


__all__: Sequence[str] = (
    "AMOUNT_FORMAT", "ChartSpec", "Series", "TextStyle", "chart_part", "part_names", "add_chart", "chart_xml",
    "workbook", "inline_drawing", "template_run", "document_fonts", "text_width", "mm",
)
