"""Native charts: seven chart parts with embedded workbooks, holding the model's own figures.

Each chart is read back twice (the chart XML's caches, and the embedded workbook through openpyxl)
and compared with what the derived figures say; the labels are compared with the sentences; packs
restyle, drop and replace figures without code.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path, PurePosixPath

import docx
import openpyxl
import pytest
from lxml import etree

import docgen
from conftest import REFERENCE_FIXTURE
from docgen.figures import Figures
from docgen.ooxml.charts import (TEXT_BLOCK, ChartSpec, Series, TextStyle, chart_xml, first_slice_angle,
                                  pie_labels_crowded)
from docgen.ooxml.workbook import category_workbook

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
WORD_DEFAULT_NAMES = {"销售额", "系列 1", "系列1", "列1", "Series 1", "Sales"}
STRICT = etree.XMLParser(recover=False, resolve_entities=False)


class RenderedChart:
    """One chart of a rendered document, in document order, read back from the package."""

    def __init__(self, archive: zipfile.ZipFile, partname: str, inline):
        self.partname = partname
        self.xml = etree.fromstring(archive.read(partname), STRICT)
        self.extent = inline.find("wp:extent", NS)
        self.description = inline.find("wp:docPr", NS).get("descr")
        rels = etree.fromstring(archive.read(_rels_name(partname)))
        (link,) = rels.findall("rel:Relationship", NS)
        assert link.get("Type").endswith("/package")
        self.workbook_name = _resolve(partname, link.get("Target"))
        rid = self.xml.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        assert rid == link.get("Id")
        self.workbook = openpyxl.load_workbook(io.BytesIO(archive.read(self.workbook_name)))

    @property
    def plot(self):
        return next(e for e in self.xml.find("c:chart/c:plotArea", NS) if e.tag.endswith("Chart"))

    @property
    def kind(self) -> str:
        tag = etree.QName(self.plot).localname
        if tag == "barChart":
            return "column" if self.plot.find("c:barDir", NS).get("val") == "col" else "bar"
        return tag.removesuffix("Chart")

    def cached(self) -> tuple[list[str], dict[str, list[Decimal]]]:
        """Categories and {series name: values} from the chart XML's caches."""
        series = {}
        categories = None
        for ser in self.plot.findall("c:ser", NS):
            name = ser.find("c:tx/c:strRef/c:strCache/c:pt/c:v", NS).text
            cats = [v.text for v in ser.findall("c:cat/c:strRef/c:strCache/c:pt/c:v", NS)]
            assert categories in (None, cats)
            categories = cats
            series[name] = [Decimal(v.text) for v in ser.findall("c:val/c:numRef/c:numCache/c:pt/c:v", NS)]
        return categories, series

    def from_workbook(self) -> tuple[list[str], dict[str, list[Decimal]]]:
        """The same, read from the cells the chart's formulas point at."""
        sheet = self.workbook.active
        categories = None
        series = {}
        for ser in self.plot.findall("c:ser", NS):
            name = _cells(sheet, ser.find("c:tx/c:strRef/c:f", NS).text)[0]
            cats = _cells(sheet, ser.find("c:cat/c:strRef/c:f", NS).text)
            assert categories in (None, cats)
            categories = cats
            series[name] = [Decimal(str(v)) for v in _cells(sheet, ser.find("c:val/c:numRef/c:f", NS).text)]
        return categories, series

    def point_labels(self) -> list[str | None]:
        """The fixed text of each point's label (None: no label)."""
        labels = {}
        for label in self.plot.findall("c:ser/c:dLbls/c:dLbl", NS):
            idx = int(label.find("c:idx", NS).get("val"))
            texts = ["".join(t.text for t in p.findall(".//a:t", NS)) for p in label.findall("c:tx/c:rich/a:p", NS)]
            labels[idx] = "\n".join(texts) if texts else None
        count = len(self.cached()[0])
        return [labels.get(i) for i in range(count)]


def _rels_name(partname: str) -> str:
    path = PurePosixPath(partname)
    return str(path.parent / "_rels" / f"{path.name}.rels")


def _resolve(source: str, target: str) -> str:
    parts = list(PurePosixPath(source).parent.parts)
    for piece in PurePosixPath(target).parts:
        if piece == "..":
            parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


def _cells(sheet, formula: str) -> list:
    """The values of ``Sheet1!$A$2:$A$5`` (or a single cell), in order."""
    reference = formula.split("!", 1)[1].replace("$", "")
    if ":" not in reference:
        return [sheet[reference].value]
    return [row[0].value for row in sheet[reference]] if reference[0] == reference.split(":")[1][0] else \
        [cell.value for cell in sheet[reference][0]]


def charts_of(data: bytes) -> list[RenderedChart]:
    """The document's charts in the order the body places them."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(archive.read("word/document.xml"))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): _resolve("word/document.xml", r.get("Target")) for r in rels}
    charts = []
    for inline in body.iter(f"{{{NS['wp']}}}inline"):
        chart = inline.find("a:graphic/a:graphicData/c:chart", NS)
        if chart is not None:
            charts.append(RenderedChart(archive, targets[chart.get(f"{{{NS['r']}}}id")], inline))
    return charts


def captions(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def make_pack(tmp_path: Path, toml: str, name: str = "chartland") -> Path:
    pack = tmp_path / name
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n' + toml, encoding="utf-8")
    return pack


@pytest.fixture(scope="module")
def reference_docx() -> bytes:
    return docgen.render(REFERENCE_FIXTURE, force=True)  # the reference as published has errors


@pytest.fixture(scope="module")
def figures() -> Figures:
    return docgen.prepare(REFERENCE_FIXTURE).figures


# The reference report ---------------------------------------------------------------------------

def test_the_reference_has_seven_charts_of_the_right_kinds_at_their_captions(reference_docx):
    charts = charts_of(reference_docx)
    assert [c.kind for c in charts] == ["column", "pie", "pie", "column", "column", "pie", "pie"]
    assert captions(reference_docx) == [
        "（图1：收、支决算总计变动情况图）", "（图2：收入决算结构图）", "（图3：支出决算结构图）",
        "（图4：财政拨款收、支决算总计变动情况）", "（图5：一般公共预算财政拨款支出决算变动情况）",
        "（图6：一般公共预算财政拨款支出决算结构）", "（图7：“三公”经费财政拨款支出结构）"]
    # Each chart sits in the paragraph right above its caption.
    document = docx.Document(io.BytesIO(reference_docx))
    paragraphs = document.paragraphs
    for i, p in enumerate(paragraphs):
        if p.style.name == "Caption":
            assert paragraphs[i - 1]._p.findall(".//c:chart", NS), p.text
            assert paragraphs[i - 1].text == ""
    assert [c.description for c in charts] == [
        "收、支决算总计变动情况图", "收入决算结构图", "支出决算结构图", "财政拨款收、支决算总计变动情况",
        "一般公共预算财政拨款支出决算变动情况", "一般公共预算财政拨款支出决算结构", "“三公”经费财政拨款支出结构"]


def test_part_names_are_distinct_and_every_part_parses_strictly(reference_docx):
    archive = zipfile.ZipFile(io.BytesIO(reference_docx))
    names = archive.namelist()
    assert len(names) == len(set(names))
    assert sorted(n for n in names if n.startswith("word/charts/chart")) == [f"word/charts/chart{i}.xml" for i in range(1, 8)]
    assert len([n for n in names if n.startswith("word/embeddings/") and n.endswith(".xlsx")]) == 7
    for name in names:
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name), STRICT)
    types = archive.read("[Content_Types].xml").decode()
    assert types.count("drawingml.chart+xml") == 7
    assert 'Extension="xlsx"' in types
    body = etree.fromstring(archive.read("word/document.xml"))
    ids = [d.get("id") for d in body.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == len(set(ids)) == 7


def expected_figures(f: Figures, region) -> list[tuple[list[str], dict[str, list[Decimal]]]]:
    """What each chart must hold, straight from the derived figures and the sentences' labels."""
    year, prior = f.report.department.year, f.report.department.prior_year
    income_labels = dict(region.phrases("income_structure")["parts"])
    spending_labels = dict(region.phrases("spending_structure")["parts"])
    words = region.phrases("three_public_costs")

    def pie(parts, labels):
        shown = [(labels(p.key), p.amount) for p in parts if p.amount != 0]
        return [label for label, _ in shown], {"金额（万元）": [a for _, a in shown]}

    return [
        (["收入", "支出"], {f"{prior}年": [f.income_change.prior, f.spending_change.prior],
                            f"{year}年": [f.income_total, f.spending_total]}),
        pie(f.income_parts, income_labels.get),
        pie(f.spending_parts, spending_labels.get),
        (["收入", "支出"], {f"{prior}年": [f.grant_income_change.prior, f.grant_spending_change.prior],
                            f"{year}年": [f.grant_income_total, f.grant_spending_total]}),
        ([f"{prior}年", f"{year}年"], {"一般公共预算财政拨款支出": [f.general_budget_change.prior,
                                                                  f.general_budget_total]}),
        ([c.code.name for c in f.categories], {"金额（万元）": [c.amount for c in f.categories]}),
        pie(f.three_public_parts, lambda key: words[f"{key}_label"]),
    ]


def test_each_chart_holds_the_models_figures_in_its_cache_and_its_workbook(reference_docx, figures):
    region = docgen.load_region("sichuan-2020")
    charts = charts_of(reference_docx)
    for chart, expected in zip(charts, expected_figures(figures, region), strict=True):
        assert chart.cached() == expected, chart.partname
        assert chart.from_workbook() == expected, chart.workbook_name


def test_the_reference_numbers_themselves(reference_docx):
    charts = charts_of(reference_docx)
    assert charts[0].cached() == (["收入", "支出"], {"2019年": [Decimal("247.2"), Decimal("237.54")],
                                                   "2020年": [Decimal("421.06"), Decimal("429.51")]})
    assert charts[1].cached() == (["一般公共预算财政拨款收入"], {"金额（万元）": [Decimal("421.06")]})
    assert charts[4].cached() == (["2019年", "2020年"],
                                  {"一般公共预算财政拨款支出": [Decimal("237.54"), Decimal("429.51")]})
    assert charts[5].cached()[0] == ["一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    assert charts[6].cached() == (["公务接待费"], {"金额（万元）": [Decimal("0.67")]})


def test_no_chart_keeps_words_default_names(reference_docx):
    for chart in charts_of(reference_docx):
        categories, series = chart.from_workbook()
        assert not (set(series) | set(categories)) & WORD_DEFAULT_NAMES
        assert None not in categories


def test_slice_labels_print_the_sentences_amounts_and_shares(reference_docx, figures):
    charts = charts_of(reference_docx)
    s = docgen.prepare(REFERENCE_FIXTURE).context["s"]
    structure = charts[5]
    assert structure.point_labels() == ["386.49万元，89.98%", "19.76万元，4.60%", "9.13万元，2.13%",
                                        "14.13万元，3.29%"]
    assert sum(c.share for c in figures.categories) == 100
    # The very pairs the sentence prints (§9.5: the reference's chart said 2.12 where the text said 2.13).
    for name, label in zip(structure.cached()[0], structure.point_labels()):
        amount, share = label.split("，")
        assert f"{name}{amount}，占{share}" in s.general_budget_structure
    assert charts[2].point_labels() == ["278.91万元，64.94%", "150.60万元，35.06%"]
    assert charts[6].point_labels() == ["0.67万元，100%"]


def test_column_labels_use_the_amount_format_and_show_values(reference_docx):
    for chart in charts_of(reference_docx):
        if chart.kind != "column":
            continue
        labels = chart.plot.find("c:dLbls", NS)
        assert labels.find("c:numFmt", NS).get("formatCode") == "[=0]0;0.00##"
        assert labels.find("c:showVal", NS).get("val") == "1"


def test_charts_fit_the_text_block_and_take_the_templates_east_asian_font(reference_docx):
    for chart in charts_of(reference_docx):
        assert 0 < int(chart.extent.get("cx")) <= 150 * 36000
        font = chart.xml.find("c:txPr/a:p/a:pPr/a:defRPr", NS)
        assert font.find("a:ea", NS).get("typeface") == "仿宋_GB2312"
        assert font.find("a:latin", NS).get("typeface") == "Times New Roman"
        assert chart.xml.find("c:lang", NS).get("val") == "zh-CN"
        legend = chart.xml.find("c:chart/c:legend/c:legendPos", NS)
        assert legend is not None and legend.get("val") == "b"


def test_the_chart_paragraph_is_off_the_line_grid_and_not_indented():
    fragments = sorted((docgen.load_region("sichuan-2020").template.parent / "sections").glob("*.docx"))
    holders = [p for f in fragments for p in docx.Document(str(f)).paragraphs
               if re.fullmatch(r"\{\{ charts\.\w+ \}\}", p.text)]
    assert len(holders) == 7
    for p in holders:
        ppr = p._p.pPr
        spacing = ppr.find(f"{{{NS['w']}}}spacing")
        assert spacing.get(f"{{{NS['w']}}}lineRule") == "auto"
        assert ppr.find(f"{{{NS['w']}}}snapToGrid").get(f"{{{NS['w']}}}val") == "0"
        assert ppr.find(f"{{{NS['w']}}}ind").get(f"{{{NS['w']}}}firstLine") == "0"
        assert p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_rendering_twice_gives_two_complete_documents():
    first, second = docgen.render(REFERENCE_FIXTURE, force=True), docgen.render(REFERENCE_FIXTURE, force=True)
    for data in (first, second):
        assert len(charts_of(data)) == 7
        docx.Document(io.BytesIO(data))
    assert [c.cached() for c in charts_of(first)] == [c.cached() for c in charts_of(second)]


def test_the_document_reopens_and_resaves_in_python_docx(reference_docx, tmp_path):
    document = docx.Document(io.BytesIO(reference_docx))
    out = tmp_path / "resaved.docx"
    document.save(out)
    assert len(charts_of(out.read_bytes())) == 7


# Zero values, dropped and replaced figures -------------------------------------------------------

def test_a_single_source_of_income_is_a_whole_pie(minimal):
    data = docgen.render(minimal)
    income = charts_of(data)[1]
    assert income.kind == "pie"
    assert income.cached() == (["一般公共预算财政拨款收入"], {"金额（万元）": [Decimal("100.00")]})
    assert income.point_labels() == ["100.00万元，100%"]


def test_an_all_zero_figure_is_left_out_and_the_rest_close_up(minimal):
    # The minimal data has no “三公” spending at all: no 图7, and no number spent on it.
    data = docgen.render(minimal)
    assert len(charts_of(data)) == 6
    assert captions(data)[-1] == "（图6：一般公共预算财政拨款支出决算结构）"
    assert not any("“三公”" in c for c in captions(data))


def test_a_pack_can_print_a_sentence_instead_of_an_all_zero_figure(tmp_path, minimal):
    pack = make_pack(tmp_path, '[charts.three_public_structure]\nwhen_empty = "note"\n')
    data = docgen.render(minimal, region=pack)
    assert len(charts_of(data)) == 6
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "2021年度“三公”经费财政拨款支出为0，不附图。" in texts
    assert not any("“三公”" in c for c in captions(data))


def test_zero_parts_can_be_kept_in_the_data_without_labels(tmp_path):
    pack = make_pack(tmp_path, '[charts.spending_structure]\nzero_parts = "keep"\n')
    spending = charts_of(docgen.render(REFERENCE_FIXTURE, region=pack, force=True))[2]
    assert spending.cached()[0] == ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    assert spending.point_labels() == ["278.91万元，64.94%", "150.60万元，35.06%", None, None, None]
    assert spending.from_workbook() == spending.cached()


def test_a_pack_that_drops_a_figure_renumbers_the_rest(tmp_path):
    pack = make_pack(tmp_path, '[charts]\nomit = ["income_structure"]\n')
    data = docgen.render(REFERENCE_FIXTURE, region=pack, force=True)
    assert [c.kind for c in charts_of(data)] == ["column", "pie", "column", "column", "pie", "pie"]
    assert captions(data)[:3] == ["（图1：收、支决算总计变动情况图）", "（图2：支出决算结构图）",
                                  "（图3：财政拨款收、支决算总计变动情况）"]
    assert captions(data)[-1] == "（图6：“三公”经费财政拨款支出结构）"


def test_a_pack_renames_and_restyles_without_code(tmp_path):
    pack = make_pack(tmp_path, """
[figures]
totals_change = "收支总计对比"

[charts]
legend = "right"
crowded = "keep"
font = "黑体"
width_mm = 400
height_mm = 60

[charts.totals_change]
type = "bar"
colors = ["C00000", "0070C0"]
series = ["上年", "本年"]

[charts.spending_structure]
type = "doughnut"
slice_label = "{label}{share}%"
""")
    data = docgen.render(REFERENCE_FIXTURE, region=pack, force=True)
    charts = charts_of(data)
    assert captions(data)[0] == "（图1：收支总计对比）"
    totals = charts[0]
    assert totals.kind == "bar"
    assert list(totals.cached()[1]) == ["上年", "本年"]
    fills = [s.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for s in totals.plot.findall("c:ser", NS)]
    assert fills == ["C00000", "0070C0"]
    assert charts[2].kind == "doughnut"
    assert charts[2].point_labels() == ["基本支出64.94%", "项目支出35.06%"]
    for chart in charts:
        assert chart.xml.find("c:chart/c:legend/c:legendPos", NS).get("val") == "r"
        assert chart.xml.find("c:txPr/a:p/a:pPr/a:defRPr/a:ea", NS).get("typeface") == "黑体"
        assert abs(int(chart.extent.get("cx")) - TEXT_BLOCK) < 36000  # 400 mm narrowed to the 156 mm text block
        assert int(chart.extent.get("cy")) == 60 * 36000


@pytest.mark.parametrize(("toml", "message"), [
    ('[charts.totals_change]\ntype = "pie"\n', "draws one series"),
    ('[charts]\nlegend = "middle"\n', "legend must be one of"),
    ('[charts]\nomit = ["income"]\n', "unknown figure 'income'"),
    ('[charts.income_structure]\nslice_label = "{amount}{rate}"\n', "unknown placeholder {rate}"),
    ('[charts.totals_change]\ncolour = ["C00000"]\n', "[charts.totals_change] colour: unknown key (did you mean 'colors'?)"),
    ('[charts.totals_change]\ncategories = ["收入"]\n', "needs 2 text"),
    ('[charts.income_structure]\nseries = ["a", "b"]\n', "series needs 1 text"),
    ('[charts]\ncolors = ["red"]\n', "RRGGBB"),
])
def test_pack_mistakes_are_region_errors(tmp_path, minimal, toml, message):
    pack = make_pack(tmp_path, toml)
    with pytest.raises(docgen.RegionError, match=re.escape(message)):
        docgen.render(minimal, region=pack)


CROWDED = '[charts.general_budget_structure]\nheight_mm = 45\n'
"""图6 made small: its three small slices' labels (4.60%, 2.13%, 3.29%) would run into each other."""


def test_a_pie_whose_labels_would_collide_becomes_labelled_bars(tmp_path):
    data = docgen.render(REFERENCE_FIXTURE, region=make_pack(tmp_path, CROWDED), force=True)
    structure = charts_of(data)[5]
    assert structure.kind == "bar"
    assert structure.cached()[0] == ["一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    assert structure.from_workbook() == structure.cached()
    assert structure.point_labels() == ["386.49万元，89.98%", "19.76万元，4.60%", "9.13万元，2.13%", "14.13万元，3.29%"]
    assert structure.xml.find("c:chart/c:legend", NS) is None
    axes = structure.xml.find("c:chart/c:plotArea", NS)
    assert axes.find("c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"  # print order, top down
    assert axes.find("c:valAx/c:delete", NS).get("val") == "1"
    assert captions(data)[5] == "（图6：一般公共预算财政拨款支出决算结构）"
    assert [c.kind for c in charts_of(data)][:5] == ["column", "pie", "pie", "column", "column"]


def test_a_pack_can_keep_a_crowded_pie(tmp_path):
    pack = make_pack(tmp_path, CROWDED + 'crowded = "keep"\n')
    assert charts_of(docgen.render(REFERENCE_FIXTURE, region=pack, force=True))[5].kind == "pie"


def test_crowding_is_judged_from_where_the_labels_would_sit():
    def pie(values, height_mm=80):
        labels = tuple(f"{v}万元，{v}%" for v in values)
        return ChartSpec("pie", tuple(f"第{i}类" for i in range(len(values))),
                         (Series("金额", tuple(Decimal(v) for v in values)),), 150 * 36000, height_mm * 36000,
                         point_labels=labels)
    assert not pie_labels_crowded(pie(["386.49", "19.76", "9.13", "14.13"]))
    assert pie_labels_crowded(pie(["386.49", "19.76", "9.13", "14.13"], height_mm=45))
    assert pie_labels_crowded(pie(["300", "5", "3", "50", "2", "1", "0.5"]))
    assert not pie_labels_crowded(pie(["0.67"]))
    assert not pie_labels_crowded(pie(["278.91", "150.60"]))


def test_small_slices_are_turned_to_the_side():
    # 89.98 / 4.60 / 2.13 / 3.29: the three small slices end up centred on 3 o'clock.
    values = [Decimal("386.49"), Decimal("19.76"), Decimal("9.13"), Decimal("14.13")]
    angle = first_slice_angle(values)
    total = sum(values)
    small_centre = angle + float(values[0] / total * 360) + float(sum(values[1:]) / total * 180)
    assert round(small_centre % 360) == 90


def test_names_from_the_data_cannot_break_a_chart(minimal):
    # A 类 renamed by the data, with markup and a control character, names a pie slice.
    minimal["codes"] = [{"code": "201", "name": "一般<公共>&服务\x01支出"}]
    data = docgen.render(minimal)
    structure = charts_of(data)[5]
    assert structure.cached()[0] == ["一般<公共>&服务支出"]
    assert structure.from_workbook() == structure.cached()


def test_text_in_the_chart_xml_reads_back_as_given():
    # Written as text, not through an XML library: quotes, markup and line ends in names, labels
    # and typefaces must still parse strictly and read back as the same text.
    spec = ChartSpec(kind="pie", categories=('甲"乙\'', "a<b>&c"), series=(Series("金额\r\n（万元）", (Decimal(1), Decimal(3))),),
                     width=TEXT_BLOCK, height=TEXT_BLOCK // 2, point_labels=("1万元，25%", None),
                     text=TextStyle(east_asia='仿"宋', latin="Times & <New>\tRoman"))
    root = etree.fromstring(chart_xml(spec, 'rId"1'), etree.XMLParser(recover=False))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert root.xpath("//c:cat//c:v/text()", namespaces=ns) == ['甲"乙\'', "a<b>&c"]
    assert root.xpath("//c:tx/c:strRef//c:v/text()", namespaces=ns) == ["金额\n（万元）"]
    assert set(root.xpath("//a:ea/@typeface", namespaces=ns)) == {'仿"宋'}
    assert set(root.xpath("//a:latin/@typeface", namespaces=ns)) == {"Times & <New>\tRoman"}
    assert root.xpath("//c:dLbl[c:idx/@val='0']//a:t/text()", namespaces=ns) == ["1万元，25%"]
    assert root.xpath("//c:dLbl[c:idx/@val='1']/c:delete/@val", namespaces=ns) == ["1"]


def test_the_embedded_workbook_is_the_zip_zipfile_writes():
    data = category_workbook(["收入", "支出"], [("2023年", (Decimal("1.50"), Decimal(2)))], "0.00")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    assert [info.filename for info, _ in entries] == [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml"]
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w") as archive:
        for info, content in entries:
            fresh = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fresh.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(fresh, content)
    assert again.getvalue() == data


# As a reader sees it -----------------------------------------------------------------------------

@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or poppler-utils not installed")
def test_libreoffice_draws_the_charts_with_their_labels(reference_docx, tmp_path):
    report = tmp_path / "report.docx"
    report.write_bytes(reference_docx)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    squeezed = "".join(text.split())
    for label in ("一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出", "基本支出", "项目支出",
                  "公务接待费", "一般公共预算财政拨款收入", "2019年", "2020年",
                  "386.49万元，89.98%", "9.13万元，2.13%", "0.67万元，100%", "421.06", "237.54"):
        assert label in squeezed, label


def test_check_reports_a_broken_charts_table_without_rendering(tmp_path):
    pack = tmp_path / "brokencharts"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[charts]\nwidth_mm = -5\n', encoding="utf-8")
    with pytest.raises(docgen.RegionError, match="width_mm must be positive"):
        docgen.check(REFERENCE_FIXTURE, pack)
