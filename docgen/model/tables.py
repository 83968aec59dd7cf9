"""Detail that only the statistical tables (公开表) print: income and spending per 项 over all
funds, and project spending by economic classification.

Every part is optional. A table whose detail is missing prints what the rest of the model knows
(its total row, the rows that follow from an identity) and ``docgen check`` warns about the gap;
no number is ever made up. Grant spending per 项 is not repeated here: it is in
``general_budget.items`` (with ``basic``/``project``) and in the funds' ``items``.
"""

from __future__ import annotations

from attrs import field, frozen

from ._fields import code
from .finance import EconomicLine, IncomeSources, SpendingKinds


@frozen(kw_only=True)
class IncomeLine(IncomeSources):
    """One row of 收入决算表: this year's income classified under one 项, by source (all funds)."""

    code: str = code(7)
    """功能分类 项 (7 digits) the income is classified under."""


@frozen(kw_only=True)
class SpendingLine(SpendingKinds):
    """One row of 支出决算表: this year's spending under one 项, by kind (all funds, not only grants)."""

    code: str = code(7)
    """功能分类 项 (7 digits) of the spending."""


@frozen(kw_only=True)
class StatisticalDetail:
    """Per-项 and per-economic-code detail for the statistical tables (公开表), all optional.

    When a department's income is all 一般公共预算财政拨款 with no carry-overs, 收入决算表 and
    支出决算表 follow from ``general_budget.items`` and need no lines here.
    """

    income_lines: tuple[IncomeLine, ...] = field(factory=tuple)
    """收入决算表 rows, one per 项; their sums by source are ``income.sources``."""
    spending_lines: tuple[SpendingLine, ...] = field(factory=tuple)
    """支出决算表 rows, one per 项; their sums by kind are ``spending.kinds``."""
    project_lines: tuple[EconomicLine, ...] = field(factory=tuple)
    """一般公共预算财政拨款项目支出 by economic classification (5-digit 款), as ``basic_spending``
    gives 基本支出; their sum is the general budget's 项目支出."""
