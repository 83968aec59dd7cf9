"""Start this year's data from last year's: 上年数 from last year's figures, the texts that
usually carry over, and a record of last year's figures for the ``prior-year`` rule."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from ..catalogue import catalogue_for
from ..figures import Figures
from ..model import Report

REVIEW = "$review"
"""Top-level key listing the paths carried over from last year, for the department to review
(the loader ignores keys starting with ``$``; the workbook marks these rows 上年沿用，请核对)."""

CARRIED_TEXTS = ("overview.functions", "overview.institutions", "overview.secondary_units",
                 "overview.staff", "overview.organisation", "codes", "glossary")
"""What usually carries over from one year's report to the next: functions, institutions and
staff, secondary units, the organisation, codes and their explanations, glossary entries."""


def last_year_figures(last: Report) -> dict[str, Decimal]:
    """This year's prior-year field → the figure last year's report printed for it (万元)."""
    f = Figures(last, catalogue_for(last.department.year, last.codes))
    c = last.three_public_costs
    return {
        "income.total.prior_year": f.income_total,
        "spending.total.prior_year": f.spending_total,
        "fiscal_grants.income_total.prior_year": f.grant_income_total,
        "fiscal_grants.spending_total.prior_year": f.grant_spending_total,
        "general_budget.total.prior_year": f.general_budget_total,
        "three_public_costs.travel_abroad.prior_year": c.travel_abroad.actual,
        "three_public_costs.vehicle_purchase.prior_year": c.vehicle_purchase.actual,
        "three_public_costs.vehicle_operation.prior_year": c.vehicle_operation.actual,
        "three_public_costs.reception.prior_year": c.reception.actual,
        "government_fund.prior_year": last.government_fund.actual,
        "state_capital.prior_year": last.state_capital.actual,
        "operating_costs.prior_year": last.operating_costs.actual,
    }


def _get(data: dict, path: str) -> Any:
    node: Any = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _put(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


def carry_forward(data: dict[str, Any], last: Report, last_json: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """``data`` (this year's, possibly empty) completed from last year's report.

    A prior-year figure already in ``data`` is kept; when it differs from last year's report a
    note says so (and ``docgen check`` reports it as ``prior-year``). Texts are copied only where
    ``data`` has none, and listed under ``$review``.
    """
    result = copy.deepcopy(data)
    department = result.setdefault("department", {})
    for key in ("name", "short_name", "region"):
        department.setdefault(key, getattr(last.department, key))
    department.setdefault("year", last.department.year + 1)
    figures = last_year_figures(last)
    for path, value in figures.items():
        typed = _get(result, path)
        if typed is None:
            _put(result, path, value)
        elif Decimal(str(typed)) != value:
            notes.append(f"$.{path}: 上年数 {typed} differs from {value} printed by the {last.department.year} "
                         "report (kept as typed; docgen check reports it)")
    review = list(result.get(REVIEW, []))
    for path in CARRIED_TEXTS:
        value = _get(last_json, path)
        if value not in (None, [], {}) and _get(result, path) in (None, [], {}):
            _put(result, path, value)
            review.append(path)
    if review:
        result[REVIEW] = review
    result["last_year"] = {"year": last.department.year, "figures": figures}
    return result
