"""What a template sees: the department, the sentences, section switches and the numbering.

Templates hold no arithmetic and no wording of their own beyond headings: they ask for
``{{ s.totals }}`` and number headings with ``{{ n.h1() }}``, so a section a region leaves out
closes up the numbering of the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from . import formatting as fmt
from .charts import Charts
from .charts import check_options as check_chart_options
from .figures import Figures
from .ooxml.contents import Contents
from .ooxml.keep import keep_lead_ins
from .ooxml.sections import PageSetup
from .render import AFTER_RENDER
from .errors import RegionError
from .findings import Finding
from .sections import SECTIONS, phrase
from .sections.layout import headings, layout, own_text
from .regions import Region
from .statistics import statistics_findings
from .tables.performance import performance_tables
from .tables.statistical import statistical_tables, table_kinds

_LEVELS = ("part", "h1", "h2", "h3", "h4")
_CHINESE = {"part", "h1", "h2"}


class Numbering:
    """Counters for part and heading numbers, attachments and figure captions.

    Each call returns the next number in the region's format and resets the deeper levels. A fresh
    instance is made for every render.
    """

    def __init__(self, formats: Mapping[str, str], figure_titles: Mapping[str, str]):
        self._formats = formats
        self._titles = figure_titles
        self._counts = dict.fromkeys(_LEVELS + ("attachment", "figure"), 0)

    def _next(self, level: str) -> str:
        self._counts[level] += 1
        if level in _LEVELS:
            for deeper in _LEVELS[_LEVELS.index(level) + 1:]:
                self._counts[deeper] = 0
        n = self._counts[level]
        return self._formats[level].replace("{n}", fmt.chinese_numeral(n) if level in _CHINESE else str(n))

    def part(self) -> str:
        return self._next("part")

    def h1(self) -> str:
        return self._next("h1")

    def h2(self) -> str:
        return self._next("h2")

    def h3(self) -> str:
        return self._next("h3")

    def h4(self) -> str:
        return self._next("h4")

    def enter(self, unit: Any) -> str:
        """Start a section of the pack's order at its number, computed before rendering (its
        ``unit.number`` prints it): the deeper levels restart. Prints nothing."""
        self._counts[unit.level] = unit.index
        for deeper in _LEVELS[_LEVELS.index(unit.level) + 1:]:
            self._counts[deeper] = 0
        return ""

    def end(self, level: str) -> str:
        """What ends a heading of ``level`` (``[numbering.ends]``): ``。`` in the 2020 reference's
        （一）主要职能。, nothing in the current Sichuan reports."""
        return (self._formats.get("ends") or {}).get(level) or ""

    @property
    def run_in(self) -> bool:
        """``[numbering] run_in``: 附件1's （一） items as 机构组成。 and the text in one paragraph
        (the 2020 reference), else a heading line like every other （一）, then the text."""
        return bool(self._formats.get("run_in"))

    def attachment(self) -> str:
        return self._next("attachment")

    @property
    def labels_each_report(self) -> bool:
        """Whether each of several reports under one 附件 carries its own label (附件2-1 …)."""
        return bool(self._formats.get("attachment_item"))

    def attachment_item(self, index: int, count: int) -> str:
        """Report ``index`` of ``count`` under one 附件: its full label (附件2-1), the group's label
        being counted at the first; ``附件N`` alone for a single report."""
        label = self._next("attachment") if index == 1 else self._formats["attachment"].replace(
            "{n}", str(self._counts["attachment"]))
        item = self._formats.get("attachment_item")
        return label + item.replace("{n}", str(index)) if item and count > 1 else label

    def restart(self) -> str:
        """Start the headings of a new report (an attachment's) at 一、 again; prints nothing."""
        for level in _LEVELS[1:]:
            self._counts[level] = 0
        return ""

    def figure(self, key: str) -> str:
        """The caption of the next figure: ``（图1：收、支决算总计变动情况图）``."""
        self._counts["figure"] += 1
        title = self._titles[key]
        return self._formats["figure"].replace("{n}", str(self._counts["figure"])).replace("{title}", title)


class Switches:
    """``show.<section>``: whether the region includes a section (every registered section)."""

    def __init__(self, omitted: frozenset[str]):
        for section in SECTIONS:
            setattr(self, section, section not in omitted)


def document_context(doc: Any, figures: Figures, region: Region) -> dict[str, Any]:
    """Context entries bound to the document being rendered (``doc`` is the ``DocxTemplate``):
    objects that add parts to its package or build tables in its styles.

    ``n``: fresh numbering counters (a second render of the same context starts at 一 again);
    ``charts.<figure>``: the native chart of each figure (see :mod:`docgen.charts`);
    ``statistics``: the statistical tables (see :mod:`docgen.tables.statistical`)."""
    contents = table_of_contents(doc, region, headings_of(figures, region).get("contents", ""))
    return {"n": Numbering(region.section("numbering"), region.section("figures")),
            "charts": Charts(doc, figures, region),
            "statistics": statistical_tables(doc, figures, region),
            "contents": contents,
            AFTER_RENDER: (keep_lead_ins, contents.after_render)}


def build_context(figures: Figures, region: Region) -> tuple[dict[str, Any], list[Finding]]:
    """Everything the template sees that does not depend on the document being rendered, and
    the findings made on the way. A broken region pack raises here, so ``check`` reports it.
    Numbers print in the pack's ``[formats]``."""
    with fmt.use_formats(fmt.Formats(**region.settings.get("formats", {}))):
        return _build_context(figures, region)


def _build_context(figures: Figures, region: Region) -> tuple[dict[str, Any], list[Finding]]:
    unknown = sorted(region.omitted - set(SECTIONS) - set(region.texts))
    if unknown:
        raise RegionError(f"region {region.name}: [sections] omit: unknown section {unknown[0]!r}; "
                          f"sections: {', '.join(SECTIONS)}")
    sentences, findings = phrase(figures, region)
    check_chart_options(figures, region)
    titles = headings_of(figures, region)
    context = {
        "layout": layout(region, sentences, titles, own_text(region, figures.report.own_sections)),
        "ordered": frozenset(region.order),
        "headings": titles,
        "d": figures.report.department,
        "r": figures.report,
        "s": sentences,
        "show": Switches(region.omitted),
        "tables": tables(figures, region),
    }
    findings = findings + statistics_findings(figures, table_kinds(region))
    return context, findings


def headings_of(figures: Figures, region: Region) -> dict[str, str]:
    """Each ``[headings]`` text, its ``{year}`` and ``{department}`` filled."""
    department = figures.report.department
    return headings(region, {"year": department.year, "department": region.department_name(department)})


def table_of_contents(doc: Any, region: Region, title: str) -> Contents:
    """``contents``: the 目录 and the cover's own section, on the template's page (``doc``)."""
    sect_pr = doc.get_docx().element.body.sectPr
    base = PageSetup.from_sect_pr(sect_pr) if sect_pr is not None else None
    return Contents(base, title, region.contents, region.body_from_one)


def tables(figures: Figures, region: Region) -> SimpleNamespace:
    """``tables.performance``: one table per project, in the order given."""
    report = figures.report
    return SimpleNamespace(performance=performance_tables(
        report.performance.projects, region.section("performance_table"), report.department.year,
        report.department.supervisor or report.department.name))
