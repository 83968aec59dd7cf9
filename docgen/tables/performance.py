"""项目支出绩效目标完成情况表, 项目支出绩效自评表 and 部门预算项目支出绩效自评表: one table per project
(domain.md §6, §11).

Rows are built from the project's data as :class:`~docgen.ooxml.tables.Table` values; the OOXML
layer writes them. Amounts keep the precision entered (``89.496``) and come from the same
``Funding`` values as the sentences that quote them. Which layout, and every label, is the region
pack's choice (``[performance_table]``): ``completion`` (the 2020 reference), ``self_evaluation``
(the Ministry's 2020 self-evaluation) or ``integrated`` (the 预算管理一体化 layout of the current
Sichuan reports). Scores and execution rates are the figures' (:func:`docgen.figures.project_score`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from .. import formatting as fmt
from ..errors import RegionError
from ..figures import (  # noqa: F401 - the scores' names, as the self-check imports them
    BUDGET_EXECUTION_POINTS,
    FUND_SOURCES,
    ProjectScore,
    execution_score,
    project_score,
    total_score,
    total_weight,
)
from ..model import Indicator, Project
from ..ooxml.joined import joined_tables_xml
from ..ooxml.tables import Cell, Font, Row, Table, fit_widths, paragraph_xml, vertical_groups

TITLE_FONT = Font(east_asia="方正小标宋简体", half_points=32)
"""三号 title above each table."""
SUBTITLE_FONT = Font(east_asia="楷体_GB2312", half_points=28)
LAYOUTS = ("completion", "self_evaluation", "integrated")


def _amount(value: Decimal | None) -> str:
    """An empty cell stays empty; a zero prints ``0``; otherwise the precision entered."""
    return "" if value is None else fmt.amount(value)


def _score(value: Decimal | None) -> str:
    """分值 and 得分 print like percentages: 2 decimals, integral values bare (``10``, ``8.75``)."""
    return "" if value is None else fmt.percent(value)


def _indicator_cells(indicators: Sequence[Indicator]) -> list[tuple[Cell, Cell]]:
    """一级 and 二级 cells with vertical merges: equal 一级 cells merge, and equal 二级 cells within one 一级."""
    level1 = vertical_groups([i.level1 for i in indicators])
    level2 = vertical_groups([(i.level1, i.level2) for i in indicators])
    return [(Cell(i.level1, vmerge=m1), Cell(i.level2, vmerge=m2))
            for i, m1, m2 in zip(indicators, level1, level2)]


def _stated(value: str, indicator: Indicator, target: bool) -> str:
    """An indicator value as the layouts without 指标性质 and 度量单位 columns print it: with its
    unit, and a target with its ≥ or ≤ (``≥120个``); as given when the data has neither."""
    sign = indicator.nature if target and indicator.nature in ("≥", "≤") else ""
    unit = indicator.unit if indicator.unit and indicator.nature != "定性" else ""
    return f"{sign}{value}{unit}"


def _side_label(text: str, first: bool) -> Cell:
    """The left column's group label, merged down over its rows."""
    return Cell(text, vmerge="restart" if first else "continue", bold=True)


def split_at_header(widths: tuple[int, ...], rows: Sequence[Row], font: Font = Font()) -> tuple[Table, Table]:
    """The rows before the first header row (the indicators' head) as one table, kept with the
    next, and the rest as a second whose head repeats on every page it runs onto (Word repeats only
    a table's top rows; :mod:`docgen.ooxml.joined` places the two as one)."""
    first = next(i for i, row in enumerate(rows) if row.header)
    return Table(widths, tuple(rows[:first]), font), Table(widths, tuple(rows[first:]), font)


def completion_tables(project: Project, labels: Mapping[str, str]) -> tuple[Table, Table]:
    """项目支出绩效目标完成情况表 (the reference's layout, 6 grid columns), as two tables that read as
    one: the project, its funds and goals; then the indicators under their repeated head row."""
    widths = fit_widths((1.25, 1.4, 1.0, 1.15, 1.6, 1.6))
    b, e = project.budget, project.execution
    rows = [
        Row((Cell(labels["name"], bold=True), Cell(project.name, span=5)), keep_with_next=True),
        Row((Cell(labels["unit"], bold=True), Cell(project.unit, span=5)), keep_with_next=True),
    ]
    money = ((labels["budget"], b.total, labels["execution"], e.total),
             (labels["grant"], b.grant, labels["grant"], e.grant),
             (labels["other"], b.other, labels["other"], e.other))
    for k, (budget_label, budget, execution_label, execution) in enumerate(money):
        rows.append(Row((_side_label(labels["funds"], k == 0), Cell(budget_label), Cell(_amount(budget), span=2),
                         Cell(execution_label), Cell(_amount(execution))), keep_with_next=True))
    rows.append(Row((_side_label(labels["goals"], True), Cell(labels["expected_goal"], span=3, bold=True),
                     Cell(labels["actual_goal"], span=2, bold=True)), keep_with_next=True))
    rows.append(Row((_side_label(labels["goals"], False), Cell(project.expected_goal, span=3, align="left"),
                     Cell(project.actual_goal, span=2, align="left")), keep_with_next=True))
    rows.append(Row((_side_label(labels["indicators"], True),) + tuple(
        Cell(labels[key], bold=True) for key in ("level1", "level2", "level3", "expected", "actual")),
        header=True, keep_with_next=True))
    for indicator, (level1, level2) in zip(project.indicators, _indicator_cells(project.indicators)):
        rows.append(Row((_side_label(labels["indicators"], False), level1, level2, Cell(indicator.level3),
                         Cell(_stated(indicator.expected, indicator, True), align="left"),
                         Cell(_stated(indicator.actual, indicator, False), align="left"))))
    return split_at_header(widths, rows)


def self_evaluation_tables(project: Project, labels: Mapping[str, str], department: str) -> tuple[Table, Table]:
    """项目支出绩效自评表 (the Ministry's 2020 self-evaluation layout, 9 grid columns), split as
    :func:`completion_tables`."""
    widths = fit_widths((1.0, 0.95, 0.95, 1.0, 1.6, 1.6, 0.6, 0.65, 1.3))
    b, e = project.budget, project.execution
    execution_rate = project_score(project).execution_rate
    rows = [
        Row((Cell(labels["name"], bold=True), Cell(project.name, span=8)), keep_with_next=True),
        Row((Cell(labels["department"], bold=True), Cell(department, span=3), Cell(labels["unit"], span=2, bold=True),
             Cell(project.unit, span=3)), keep_with_next=True),
        Row((_side_label(labels["funds"], True), Cell("", span=2)) + tuple(
            Cell(labels[k], bold=True) for k in ("initial_budget", "budget_total", "execution_total", "weight",
                                                 "execution_rate", "score")), keep_with_next=True),
        Row((_side_label(labels["funds"], False), Cell(labels["funds_total"], span=2),
             Cell(_amount(project.initial_budget)), Cell(_amount(b.total)), Cell(_amount(e.total)),
             Cell(_score(BUDGET_EXECUTION_POINTS)), Cell(f"{fmt.percent(execution_rate)}%" if execution_rate is not None else ""),
             Cell(_score(execution_score(project)))), keep_with_next=True),
    ]
    for key, budget, execution in (("grant_this_year", b.grant, e.grant), ("carried_over", b.carried_over, e.carried_over),
                                   ("other", b.other, e.other)):
        rows.append(Row((_side_label(labels["funds"], False), Cell(labels[key], span=2), Cell(""),
                         Cell(_amount(budget)), Cell(_amount(execution)), Cell("—"), Cell("—"), Cell("—")),
                        keep_with_next=True))
    rows.append(Row((_side_label(labels["goals"], True), Cell(labels["expected_goal"], span=4, bold=True),
                     Cell(labels["actual_goal"], span=4, bold=True)), keep_with_next=True))
    rows.append(Row((_side_label(labels["goals"], False), Cell(project.expected_goal, span=4, align="left"),
                     Cell(project.actual_goal, span=4, align="left")), keep_with_next=True))
    rows.append(Row((_side_label(labels["indicators"], True),) + tuple(
        Cell(labels[k], bold=True) for k in ("level1", "level2", "level3", "target", "achieved", "weight", "score",
                                              "deviation")), header=True, keep_with_next=True))
    for indicator, (level1, level2) in zip(project.indicators, _indicator_cells(project.indicators)):
        rows.append(Row((_side_label(labels["indicators"], False), level1, level2, Cell(indicator.level3),
                         Cell(_stated(indicator.expected, indicator, True), align="left"),
                         Cell(_stated(indicator.actual, indicator, False), align="left"),
                         Cell(_score(indicator.weight)), Cell(_score(indicator.score)),
                         Cell(indicator.deviation or "", align="left"))))
    rows.append(Row((Cell(labels["total"], span=6, bold=True), Cell(_score(total_weight(project))),
                     Cell(_score(total_score(project))), Cell(""))))
    return split_at_header(widths, rows)


INTEGRATED_WIDTHS = (0.95, 0.95, 1.0, 0.95, 0.8, 0.95, 0.8, 0.6, 0.6, 1.2)
"""The 10 grid columns of the 预算管理一体化 table, shared by its two parts so their columns align;
a four-character head (三级指标, 指标性质, 度量单位) fits on one line."""
INTEGRATED_FONT = Font(half_points=18)
"""小五: ten columns on a portrait page."""


SOURCE_LABELS = {"total": "funds_total", "fiscal": "fiscal", "special_account": "special_account",
                 "unit": "unit_funds", "other": "other_funds"}
"""The label of each row of 预算执行情况 (总额, 其中：财政资金 …)."""


def _rate_cell(value: Decimal | None) -> Cell:
    return Cell("" if value is None else f"{fmt.percent(value)}%")


def integrated_head(project: Project, score: ProjectScore, labels: Mapping[str, str], department: str) -> Table:
    """部门预算项目支出绩效自评表 (预算管理一体化), first part: the project, 预算执行情况 (10 points)
    over 总额 and each source of funds, and the year's goal. Every row keeps with the next, so this
    part stays on one page with the start of the indicators."""
    widths = fit_widths(INTEGRATED_WIDTHS)
    name = f"{project.project_code}-{project.name}" if project.project_code else project.name
    rows = [
        Row((Cell(labels["name"], span=2, bold=True), Cell(name, span=8)), keep_with_next=True),
        Row((Cell(labels["department"], span=2, bold=True), Cell(department, span=3),
             Cell(labels["unit"], span=2, bold=True), Cell(project.unit, span=3)), keep_with_next=True),
        Row((_side_label(labels["funds"], True), Cell("")) + tuple(
            Cell(labels[k], bold=True) for k in ("initial_budget", "adjusted_budget", "executed", "execution_rate",
                                                 "weight", "score")) + (Cell(labels["reason"], span=2, bold=True),),
            keep_with_next=True),
    ]
    by_key = {row.key: row for row in score.rows}
    reason = project.funds.reason if project.funds is not None else None
    for key in ("total",) + FUND_SOURCES:
        row = by_key.get(key)
        if key == "total":
            tail = (Cell(_score(BUDGET_EXECUTION_POINTS)), Cell(_score(score.execution_score)),
                    Cell(reason or "", span=2, align="left"))
        else:
            tail = (Cell("—"), Cell("—"), Cell("", span=2))
        values = ((Cell(_amount(row.initial)), Cell(_amount(row.adjusted)), Cell(_amount(row.executed)),
                   _rate_cell(row.rate)) if row is not None else (Cell(), Cell(), Cell(), Cell()))
        rows.append(Row((_side_label(labels["funds"], False), Cell(labels[SOURCE_LABELS[key]], align="left"))
                        + values + tail,
                        keep_with_next=True))
    rows.append(Row((Cell(labels["expected_goal"], span=5, bold=True), Cell(labels["actual_goal"], span=5, bold=True)),
                    keep_with_next=True))
    rows.append(Row((Cell(project.expected_goal, span=5, align="left"), Cell(project.actual_goal, span=5, align="left")),
                    keep_with_next=True))
    return Table(widths, tuple(rows), INTEGRATED_FONT)


def integrated_indicators(project: Project, score: ProjectScore, labels: Mapping[str, str]) -> Table:
    """Second part: 绩效指标 (90 points), 合计 100, the evaluation and who answers for it. Its two
    head rows repeat on every page the table runs onto."""
    widths = fit_widths(INTEGRATED_WIDTHS)
    rows = [
        Row((Cell(labels["indicators"], span=10, bold=True),), header=True, keep_with_next=True),
        Row(tuple(Cell(labels[k], bold=True) for k in ("level1", "level2", "level3", "nature", "target", "measure",
                                                        "achieved", "weight", "score", "shortfall")),
            header=True, keep_with_next=True),
    ]
    for indicator, (level1, level2) in zip(project.indicators, _indicator_cells(project.indicators)):
        rows.append(Row((level1, level2, Cell(indicator.level3), Cell(indicator.nature or ""),
                         Cell(indicator.expected), Cell(indicator.unit or ""), Cell(indicator.actual),
                         Cell(_score(indicator.weight)), Cell(_score(indicator.score)),
                         Cell(indicator.shortfall_reason or "", align="left"))))
    rows.append(Row((Cell(labels["total"], span=7, bold=True), Cell(_score(score.total_weight)),
                     Cell(_score(score.total_score)), Cell(""))))
    for key, value in (("conclusion", project.conclusion), ("problems", project.problems),
                       ("improvements", project.improvements)):
        rows.append(Row((Cell(labels[key], span=2, bold=True), Cell(value or "", span=8, align="left"))))
    rows.append(Row((Cell(labels["project_lead"], span=2, bold=True), Cell(project.project_lead or "", span=3),
                     Cell(labels["finance_lead"], span=2, bold=True), Cell(project.finance_lead or "", span=3))))
    return Table(widths, tuple(rows), INTEGRATED_FONT)


def integrated_tables(project: Project, labels: Mapping[str, str], department: str) -> tuple[Table, Table]:
    """部门预算项目支出绩效自评表 in the 预算管理一体化 layout (domain.md §11), as two tables that read
    as one (see :mod:`docgen.ooxml.joined`)."""
    score = project_score(project)
    return integrated_head(project, score, labels, department), integrated_indicators(project, score, labels)


class PerformanceTable:
    """A project's table with its title lines, placed in a template by ``{{p table }}``."""

    def __init__(self, project: Project, settings: Mapping[str, Any], year: int, department: str):
        self.project = project
        self.layout = settings["layout"]
        if self.layout not in LAYOUTS:
            raise RegionError(f"[performance_table] layout must be one of {', '.join(LAYOUTS)}, got {self.layout!r}")
        labels = _labels(settings, self.layout)
        if self.layout == "completion":
            self.tables = completion_tables(project, labels)
        elif self.layout == "self_evaluation":
            self.tables = self_evaluation_tables(project, labels, department)
        else:
            self.tables = integrated_tables(project, labels, department)
        self.title = settings["title"][self.layout]
        self.subtitle = settings["year"].replace("{year}", str(year))

    def __html__(self) -> str:
        # The title lines keep with the table so a page never separates them.
        return Markup(paragraph_xml(self.title, TITLE_FONT, keep_with_next=True)
                      + paragraph_xml(self.subtitle, SUBTITLE_FONT, keep_with_next=True)
                      + joined_tables_xml(self.tables))


def _labels(settings: Mapping[str, Any], layout: str) -> Mapping[str, str]:
    labels = settings.get("labels", {}).get(layout)
    if labels is None or layout not in settings.get("title", {}):
        raise RegionError(f"[performance_table] layout {layout!r} needs [performance_table.labels.{layout}] "
                          f"and a title in [performance_table.title]")
    return _Labels(layout, labels)


class _Labels(dict):
    """A layout's labels; a missing one is a region error naming it, not a KeyError."""

    def __init__(self, layout: str, labels: Mapping[str, str]):
        super().__init__(labels)
        self.layout = layout

    def __missing__(self, key: str) -> str:
        raise RegionError(f"[performance_table.labels.{self.layout}] has no {key!r}")


def performance_tables(projects: Sequence[Project], settings: Mapping[str, Any], year: int,
                       department: str) -> list[PerformanceTable]:
    return [PerformanceTable(p, settings, year, department) for p in projects]
