"""Statistical tables (公开表) cell by cell, by row code and column, and each project's performance
table, against the model's lines."""

from __future__ import annotations

import itertools
from collections.abc import Container, Iterator, Sequence
from decimal import Decimal

from ..figures import Figures
from ..formatting import round_half_up
from ..ooxml.reading import Table
from .common import HUNDREDTH, ZERO, number, same, same_number

Rows = dict[str, list[Decimal]]


def _rolled(lines: Sequence[tuple[str, list[Decimal]]], levels: tuple[int, ...] = (3, 5, 7)) -> Rows:
    """Rows by code with every parent code (类, 款) and ``合计`` summed from the lines."""
    rows: Rows = {}
    for code, values in lines:
        keys = {code[:n] for n in levels if n <= len(code)} | {code, "合计"}
        for key in keys:
            current = rows.get(key)
            rows[key] = list(values) if current is None else [a + b for a, b in zip(current, values)]
    return rows


def _expected_tables(figures: Figures) -> dict[str, Rows]:
    """Table title → rows by code (and ``合计``) as the model gives them."""
    r = figures.report
    d = r.detail
    tables: dict[str, Rows] = {}
    if d.income_lines:
        tables["收入决算表"] = _rolled([(x.code, [x.general_budget_grant + x.government_fund_grant + x.state_capital_grant
                                               + x.superior_subsidy + x.public_service + x.business
                                               + x.affiliate_remittance + x.other,
                                               x.general_budget_grant + x.government_fund_grant + x.state_capital_grant,
                                               x.superior_subsidy, x.public_service, x.business, x.affiliate_remittance,
                                               x.other]) for x in d.income_lines])
    if d.spending_lines:
        tables["支出决算表"] = _rolled([(x.code, [x.basic + x.project + x.remitted_to_superior + x.business
                                               + x.affiliate_subsidy, x.basic, x.project, x.remitted_to_superior,
                                               x.business, x.affiliate_subsidy]) for x in d.spending_lines])
    gb = [(i.code, i.actual, i.basic, i.project) for i in r.general_budget.items]
    funds = [(i.code, i.actual, "gf") for i in r.government_fund.items] + [(i.code, i.actual, "sc")
                                                                           for i in r.state_capital.items]
    if all(fund.items or not fund.actual for fund in (r.government_fund, r.state_capital)):
        tables["财政拨款支出决算明细表"] = _rolled(
            [(code, [actual, actual, ZERO, ZERO]) for code, actual, _, _ in gb]
            + [(code, [actual, ZERO, actual if k == "gf" else ZERO, actual if k == "sc" else ZERO])
               for code, actual, k in funds])
    if all(b is not None or p is not None for _, _, b, p in gb):
        tables["一般公共预算财政拨款支出决算表"] = _rolled(
            [(code, [actual, actual - p if b is None else b, actual - b if p is None else p])
             for code, actual, b, p in gb])
    if d.project_lines:  # without them the table leaves the 合计 and 项目支出 columns open
        economic = [(x.code, [x.amount, x.amount, ZERO]) for x in r.basic_spending.lines]
        economic += [(x.code, [x.amount, ZERO, x.amount]) for x in d.project_lines]
        tables["一般公共预算财政拨款支出决算明细表"] = _rolled(economic, (3, 5))
        tables["一般公共预算财政拨款项目支出决算表"] = _rolled([(x.code, [x.amount]) for x in d.project_lines],
                                                               (3, 5))
    if r.government_fund.items:
        tables["政府性基金预算财政拨款收入支出决算表"] = _rolled(
            [(i.code, [i.carry_over_start, i.income, i.actual, i.basic, i.project, i.carry_over_end])
             for i in r.government_fund.items])
    if r.state_capital.items:
        tables["国有资本经营预算财政拨款支出决算表"] = _rolled(
            [(i.code, [i.actual, i.basic, i.project]) for i in r.state_capital.items])
    return tables


def _titled(tables: Sequence[Table], titles: Container[str]) -> Iterator[tuple[str, list[list[str]]]]:
    """(title, rows of cell texts) of each captioned table whose title is one of ``titles``."""
    for table in tables:
        title = table.caption.split(" ", 1)[-1]
        if title in titles:
            yield title, table.rows


def table_problems(tables: Sequence[Table], figures: Figures) -> list[str]:
    """Cells of the statistical tables whose row code and column hold another figure."""
    expected = _expected_tables(figures)
    found: list[str] = []
    read: dict[str, Decimal | None] = {}  # each cell's text read once: tables repeat their figures
    for title, rows in _titled(tables, expected):
        model = expected[title]
        seen = set()
        for row in rows:
            if not row:
                continue
            key = row[0].strip()
            values = row[1:] if key == "合计" else row[2:]
            if key not in model or not values:
                continue
            numbers = [read[v] if v in read else read.setdefault(v, number(v)) for v in values]
            if not all(n is not None or v == "" for n, v in zip(numbers, values)):
                continue
            seen.add(key)
            want = model[key]
            if len(numbers) != len(want):
                found.append(f"{title}: row {key} has {len(numbers)} figures, the model {len(want)}")
                continue
            for column, (cell, printed, value) in enumerate(zip(values, numbers, want), 1):
                if not (same_number(printed, value) or (cell == "" and value == 0)):
                    found.append(f"{title}: row {key}, column {column} prints {cell or '(blank)'}, the model has "
                                 f"{round_half_up(value, HUNDREDTH)}")
        missing = [k for k in model if k != "合计" and k not in seen and len(k) == max(len(c) for c in model)]
        if missing and seen:
            found.append(f"{title}: rows {', '.join(sorted(missing)[:5])} of the model are not printed")
    return found


def performance_problems(tables: Sequence[Table], figures: Figures) -> list[str]:
    """The money rows of each project's performance table (预算数 | 执行数, 其中-财政拨款) against the
    project the table names."""
    projects = {p.name: p for p in figures.report.performance.projects}
    found: list[str] = []
    for table in tables:
        found_cells = table.cells()
        cells = [cell.strip() for cell in itertools.islice(found_cells, 2)]
        if len(cells) < 2 or cells[0] != "项目名称" or cells[1] not in projects:
            continue  # not a performance table
        cells += [cell.strip() for cell in found_cells]
        p = projects[cells[1]]
        want = {"预算数:": [p.budget.total], "执行数:": [p.execution.total],
                "其中-财政拨款:": [p.budget.grant, p.execution.grant]}
        seen: dict[str, int] = {}
        for label, value in zip(cells, cells[1:]):
            if label in want:
                k = seen.get(label, 0)
                seen[label] = k + 1
                if k < len(want[label]) and not same(value, want[label][k]):
                    found.append(f"performance table of “{p.name}”: {label} prints {value}, the project has "
                                 f"{round_half_up(want[label][k], HUNDREDTH)}")
    return found
