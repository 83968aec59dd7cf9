"""Native Word charts: a chart part, its embedded workbook, and the inline drawing that shows it.

A chart is described as plain data (:class:`ChartSpec`: kind, categories, series, labels, colours,
fonts, size) and becomes three things in the document's package:

- ``/word/charts/chartN.xml``: the chart. python-pptx writes its data-bearing skeleton
  (``pptx.chart.xmlwriter`` from ``CategoryChartData``: series and category caches, the cell
  formulas); this module styles it for Word through python-pptx's chart proxies and element
  classes (which keep the schema's child order) and adds what they lack (East Asian fonts, the
  chart language, the link to the workbook);
- ``/word/embeddings/Microsoft_Excel_WorksheetN.xlsx``: the workbook the formulas point at
  (:mod:`docgen.ooxml.workbook`), so *Edit Data* in Word or WPS opens the very numbers the chart
  shows;
- a ``<w:drawing><wp:inline>`` run that places the chart in the paragraph, returned as text for
  a docxtpl template (:func:`template_run`).

Part names come from the package's next free number, so any number of charts (and charts the
template already holds) live side by side.
"""

from __future__ import annotations

import copy
import math
import re
from functools import cache, lru_cache
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal
from .workbook import category_workbook
from .xmltext import escape, quoteattr

from attrs import frozen
from lxml import etree

ChartKind = Literal["column", "bar", "line", "pie", "doughnut"]
LegendPosition = Literal["bottom", "top", "left", "right", "none"]
LabelPosition = Literal["outside_end", "inside_end", "center", "best_fit", "above"]

KINDS: tuple[str, ...] = ("column", "bar", "line", "pie", "doughnut")
ROUND_KINDS = frozenset({"pie", "doughnut"})
"""Kinds that draw one series, one slice per category."""
LEGEND_POSITIONS: tuple[str, ...] = ("bottom", "top", "left", "right", "none")
LABEL_POSITIONS: tuple[str, ...] = ("outside_end", "inside_end", "center", "best_fit", "above")

_XL_KIND = {"column": "COLUMN_CLUSTERED", "bar": "BAR_CLUSTERED", "line": "LINE_MARKERS", "pie": "PIE",
            "doughnut": "DOUGHNUT"}
"""python-pptx's chart type (``XL_CHART_TYPE`` member) of each kind."""
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


@cache
def _pptx() -> Any:
    """python-pptx's chart writer, imported on the first chart (it was a third of ``import
    docgen``, and checking a report draws no chart)."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE

    return CategoryChartData, ChartXmlWriter, XL_CHART_TYPE


def _chart_data(spec: ChartSpec) -> Any:
    data = _pptx()[0](number_format=spec.number_format)
    data.categories = [_clean(c) for c in spec.categories]
    for series in spec.series:
        data.add_series(_clean(series.name), series.values)
    return data


def workbook(spec: ChartSpec) -> bytes:
    """The embedded workbook: categories down column A, one column per series, names in row 1
    (where python-pptx's chart formulas point, :mod:`docgen.ooxml.workbook`)."""
    return category_workbook([_clean(c) for c in spec.categories],
                             [(_clean(s.name), s.values) for s in spec.series], spec.number_format)


def chart_xml(spec: ChartSpec, workbook_rid: str | None = None) -> bytes:
    """The chart part's XML; ``workbook_rid`` links it to its embedded workbook."""
    _data, xml_writer, chart_types = _pptx()
    skeleton = xml_writer(getattr(chart_types, _XL_KIND[spec.kind]), _chart_data(spec)).xml
    space = etree.fromstring(skeleton.encode("utf-8"), _PARSER)
    chart = space.find(_c("chart"))
    plot_area = chart.find(_c("plotArea"))
    plot = next(child for child in plot_area if child.tag.endswith("Chart"))
    _put(chart, _el('<c:autoTitleDeleted val="1"/>'))
    _legend(chart, spec)
    if spec.kind in ROUND_KINDS:
        _put(plot, _el('<c:varyColors val="1"/>'))
        _slices(plot.find(_c("ser")), spec)
        _put(plot, _el(f'<c:firstSliceAng val="{first_slice_angle(spec.series[0].values)}"/>'))
        for old in plot.findall(_c("dLbls")):  # the series' own labels rule
            plot.remove(old)
    else:
        _put(plot, _el('<c:varyColors val="0"/>'))
        for i, series in enumerate(plot.findall(_c("ser"))):
            _series_style(series, spec, i)
        if spec.kind in ("column", "bar"):
            _put(plot, _el(f'<c:gapWidth val="{spec.gap_width}"/>'))
            _put(plot, _el('<c:overlap val="0"/>'))
        if spec.labels and spec.point_labels is not None:
            _point_labels(plot.find(_c("ser")), spec, on_slice=False)
        elif spec.labels:
            _put(plot, _value_labels(spec))
        _axes(plot_area, spec)
        _unsigned_axis_ids(plot_area)
    _put(chart, _el('<c:plotVisOnly val="1"/>'))
    _put(space, _el('<c:lang val="zh-CN"/>'))
    _put(space, _el('<c:roundedCorners val="0"/>'))
    _put(space, _el(f"<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>"))
    _put(space, _el(_text_properties(spec.text)))
    if workbook_rid:
        _put(space, _el(f'<c:externalData r:id="{escape(workbook_rid)}"><c:autoUpdate val="0"/></c:externalData>'))
    return etree.tostring(space, encoding="UTF-8", xml_declaration=True, standalone=True)


# Child order of the chart elements this module writes into (CT_ChartSpace, CT_Chart, the plot
# types, CT_*Ser, the axes, CT_Legend, CT_DLbls, CT_Scaling): Word refuses children out of order.
# Where element types differ (bar/line/pie series, category/value axes) the sequences are merged;
# their differing members never occur together.
_ORDER = {
    "chartSpace": ("date1904", "lang", "roundedCorners", "AlternateContent", "style", "clrMapOvr",
                   "pivotSource", "protection", "chart", "spPr", "txPr", "externalData", "printSettings",
                   "userShapes", "extLst"),
    "chart": ("title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall",
              "plotArea", "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst"),
    "plot": ("barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap", "serLines",
             "dropLines", "hiLowLines", "upDownBars", "marker", "smooth", "firstSliceAng", "holeSize",
             "axId", "extLst"),
    "ser": ("idx", "order", "tx", "spPr", "invertIfNegative", "pictureOptions", "marker", "explosion",
            "dPt", "dLbls", "trendline", "errBars", "cat", "val", "shape", "smooth", "extLst"),
    "axis": ("axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title", "numFmt",
             "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx", "crosses",
             "crossesAt", "crossBetween", "auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip",
             "majorUnit", "minorUnit", "dispUnits", "noMultiLvlLbl", "extLst"),
    "scaling": ("logBase", "orientation", "max", "min", "extLst"),
}
_PARENT_ORDER = {
    "chartSpace": "chartSpace", "chart": "chart", "barChart": "plot", "lineChart": "plot",
    "pieChart": "plot", "doughnutChart": "plot", "ser": "ser", "catAx": "axis", "valAx": "axis",
    "scaling": "scaling",
}
_RANKS = {kind: {name: i for i, name in enumerate(order)} for kind, order in _ORDER.items()}
"""Each child's place in its parent's schema order."""
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_NSDECLS = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_PARSER = etree.XMLParser(remove_blank_text=True)
_TAG_NAME = re.compile(r"<[\w:]+")
_NO_LINE_NO_FILL = "<a:noFill/><a:ln><a:noFill/></a:ln>"
_LABEL_BODY = ('<a:bodyPr rot="0" vert="horz" wrap="none" lIns="38100" tIns="19050" rIns="38100" bIns="19050" '
               'anchor="ctr"><a:spAutoFit/></a:bodyPr>')
"""Labels on one line each (Word and LibreOffice would otherwise wrap them at a narrow width)."""
_LABEL_TEXT = (f"<c:txPr>{_LABEL_BODY}<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>"
               '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')
_LABEL_FLAGS = ('<c:showLegendKey val="0"/><c:showVal val="{val}"/><c:showCatName val="0"/>'
                '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')


def _c(tag: str) -> str:
    return _C + tag


def _local(element) -> str:
    return element.tag.rpartition("}")[2]


def _el(xml: str):
    """One element from its XML, written with the ``c:``, ``a:`` and ``r:`` prefixes (a copy of
    the parsed snippet: copying is cheaper than parsing, and most snippets recur chart after chart)."""
    return copy.deepcopy(_parsed(xml))


@lru_cache(maxsize=512)
def _parsed(xml: str):
    end = _TAG_NAME.match(xml).end()
    return etree.fromstring(f"{xml[:end]} {_NSDECLS}{xml[end:]}")


def _put(parent, child) -> None:
    """Replace ``parent``'s children of ``child``'s tag by ``child``, at its place in the schema
    order (after every earlier sibling kind, before every later one)."""
    rank = _RANKS[_PARENT_ORDER[_local(parent)]]
    mine = rank[_local(child)]
    for old in parent.findall(child.tag):
        parent.remove(old)
    for i, sibling in enumerate(parent):
        if rank.get(_local(sibling), -1) > mine:
            parent.insert(i, child)
            return
    parent.append(child)


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


def _legend(chart, spec: ChartSpec) -> None:
    for old in chart.findall(_c("legend")):
        chart.remove(old)
    if spec.legend != "none":
        _put(chart, _el(f'<c:legend><c:legendPos val="{_LEGEND_VALUES[spec.legend]}"/>'
                        '<c:overlay val="0"/></c:legend>'))


_LEGEND_VALUES = {"bottom": "b", "top": "t", "left": "l", "right": "r"}


def _series_style(series, spec: ChartSpec, i: int) -> None:
    color = _color(spec, i)
    if spec.kind == "line":
        _put(series, _el(f"<c:spPr>{_line(color, 28575)}</c:spPr>"))
        _put(series, _el(f'<c:marker><c:symbol val="circle"/><c:size val="6"/>'
                         f"<c:spPr>{_fill(color)}{_line(color)}</c:spPr></c:marker>"))
        _put(series, _el('<c:smooth val="0"/>'))
    else:
        _put(series, _el(f"<c:spPr>{_fill(color)}</c:spPr>"))
        _put(series, _el('<c:invertIfNegative val="0"/>'))


def _value_labels(spec: ChartSpec):
    """Chart-level labels showing each value in the amount format (live: they follow edits)."""
    return _el(f'<c:dLbls><c:numFmt formatCode={quoteattr(spec.number_format)} sourceLinked="0"/>'
               f"<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>{_LABEL_TEXT}{_position_xml(spec)}"
               f"{_LABEL_FLAGS.format(val=1)}</c:dLbls>")


def _rich(text: str, style: TextStyle, color: str | None = None) -> str:
    fill = _fill(color) if color else ""
    paragraphs = "".join(
        f'<a:p><a:pPr><a:defRPr>{fill}</a:defRPr></a:pPr><a:r>{_run_properties(style, color)}'
        f"<a:t>{escape(_clean(line))}</a:t></a:r></a:p>"
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


def _slices(series, spec: ChartSpec) -> None:
    """A pie's (or doughnut's) slices: one colour each, white edges, labels per point."""
    # White edges part the slices; a whole pie (one slice) has none, or it shows a radius.
    edge = _line("FFFFFF") if sum(1 for v in spec.series[0].values if v) > 1 else _line(None)
    for i in range(len(spec.categories)):
        series_point = _el(f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>'
                           f'<c:spPr>{_fill(_color(spec, i))}{edge}</c:spPr></c:dPt>')
        _insert_repeated(series, series_point)
    if spec.labels:
        _point_labels(series, spec, on_slice=spec.kind == "doughnut"
                      or _label_position(spec) in ("inside_end", "center"))


def _point_labels(series, spec: ChartSpec, on_slice: bool) -> None:
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
                              f'<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>{position}'
                              f"{_LABEL_FLAGS.format(val=1)}</c:dLbl>")
        number_format = ""
    else:
        number_format = f'<c:numFmt formatCode={quoteattr(spec.number_format)} sourceLinked="0"/>'
    leader_lines = '<c:showLeaderLines val="1"/>' if spec.kind in ROUND_KINDS else ""
    _put(series, _el(f'<c:dLbls>{"".join(points)}{number_format}<c:spPr>{_NO_LINE_NO_FILL}</c:spPr>'
                     f'{_LABEL_TEXT}{position}{_LABEL_FLAGS.format(val=1)}{leader_lines}</c:dLbls>'))


def _text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (relative luminance, WCAG)."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(background[i:i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FFFFFF" if (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.05) else "000000"


def _insert_repeated(parent, child) -> None:
    """Add one more of a repeatable child (``c:dPt``) after its last sibling of the same kind."""
    same = parent.findall(child.tag)
    if same:
        same[-1].addnext(child)
    else:
        _put(parent, child)


def _unsigned_axis_ids(plot_area) -> None:
    """python-pptx's skeleton numbers its axes with negative ids (-2068027336); the schema's type
    is unsigned. Taken modulo 2**32 they stay distinct and pair up as before."""
    for element in plot_area.iter(_c("axId"), _c("crossAx")):
        element.set("val", str(int(element.get("val")) % 2**32))


def _axes(plot_area, spec: ChartSpec) -> None:
    category, value = plot_area.find(_c("catAx")), plot_area.find(_c("valAx"))
    _put(category, _el('<c:majorTickMark val="none"/>'))
    _put(category, _el(f"<c:spPr>{_line(_AXIS_LINE)}</c:spPr>"))
    _put(value, _el(f"<c:majorGridlines><c:spPr>{_line(_GRIDLINE)}</c:spPr></c:majorGridlines>"))
    _put(value, _el('<c:numFmt formatCode="General" sourceLinked="0"/>'))
    _put(value, _el('<c:majorTickMark val="none"/>'))
    _put(value, _el(f"<c:spPr>{_line(None)}</c:spPr>"))
    _put(value, _el('<c:crossBetween val="between"/>'))
    scaling = value.find(_c("scaling"))
    _put(scaling, _el('<c:orientation val="minMax"/>'))
    _put(scaling, _el('<c:min val="0"/>'))
    if spec.kind == "bar":
        # Categories read top to bottom in print order; the value axis stays at the bottom.
        _put(category.find(_c("scaling")), _el('<c:orientation val="maxMin"/>'))
        _put(value, _el('<c:crosses val="max"/>'))
    if spec.labels and spec.point_labels is not None:
        # Each column carries its amount in words: no value axis, and room for the longest label.
        _put(value, _el('<c:delete val="1"/>'))
        for old in value.findall(_c("majorGridlines")):
            value.remove(old)
        top = _axis_room(spec)
        if top is not None:
            _put(scaling, _el(f'<c:max val="{top}"/>'))
        return
    if spec.axis_title:
        _put(value, _el(f'<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>'
                        f"<a:defRPr/></a:pPr><a:r>{_run_properties(spec.text)}<a:t>{escape(_clean(spec.axis_title))}"
                        '</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'))


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
    return (f"<a:latin typeface={quoteattr(_clean(style.latin))}/><a:ea typeface={quoteattr(_clean(style.east_asia))}/>"
            f"<a:cs typeface={quoteattr(_clean(style.latin))}/>")


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

def chart_part(package, spec: ChartSpec) -> Any:
    """``/word/charts/chartN.xml`` (a python-docx ``Part``) related to its embedded workbook."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part

    part = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, b"", package)
    sheet = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                 CT.SML_SHEET, workbook(spec), package)
    part._blob = chart_xml(spec, part.relate_to(sheet, RT.PACKAGE))
    return part


def add_chart(part, spec: ChartSpec) -> str:
    """Add a chart (and its workbook) to the package of ``part``; return ``part``'s relationship id."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return part.relate_to(chart_part(part.package, spec), RT.CHART)


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


def template_run(part, spec: ChartSpec, shape_id: int = 1) -> str:
    """The chart as docxtpl inserts it in place of a ``{{ … }}`` tag inside a run (as its
    ``InlineImage`` does): close the tag's run, add the drawing's run, reopen a run."""
    drawing = inline_drawing(add_chart(part, spec), spec, shape_id)
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
    "AMOUNT_FORMAT", "ChartSpec", "Series", "TextStyle", "chart_part", "add_chart", "chart_xml",
    "workbook", "inline_drawing", "template_run", "document_fonts", "text_width", "mm",
)
