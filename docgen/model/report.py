"""The root of the input: one department's final accounts for one year."""

from __future__ import annotations

from attrs import field, frozen

from ._fields import code, name_text, text
from .department import Department, Overview
from .finance import (
    BasicSpending,
    FiscalGrants,
    FundSpending,
    GeneralBudgetSpending,
    Income,
    OperatingCosts,
    Procurement,
    Spending,
)
from .performance import Performance
from .prior import LastYear
from .public_costs import StateAssets, ThreePublicCosts
from .tables import StatisticalDetail


@frozen(kw_only=True)
class CodeEntry:
    """A classification code the data adds to the catalogue, or whose name or explanation it
    overrides (a local code, or an edition the packaged catalogue does not know)."""

    code: str = code(3, 5, 7)
    name: str = name_text()
    explanation: str | None = None


@frozen(kw_only=True)
class GlossaryTerm:
    """A 名词解释 entry the data adds, or whose explanation replaces the region pack's."""

    term: str = text()
    explanation: str = text()


@frozen(kw_only=True)
class Report:
    """Everything one department's 部门决算公开 reports."""

    department: Department
    overview: Overview
    income: Income
    spending: Spending
    fiscal_grants: FiscalGrants
    general_budget: GeneralBudgetSpending
    basic_spending: BasicSpending
    three_public_costs: ThreePublicCosts = field(factory=ThreePublicCosts)
    government_fund: FundSpending = field(factory=FundSpending)
    """政府性基金预算财政拨款 (section 八)."""
    state_capital: FundSpending = field(factory=FundSpending)
    """国有资本经营预算财政拨款 (section 九)."""
    operating_costs: OperatingCosts
    procurement: Procurement = field(factory=Procurement)
    assets: StateAssets = field(factory=StateAssets)
    performance: Performance = field(factory=Performance)
    codes: tuple[CodeEntry, ...] = field(factory=tuple)
    glossary: tuple[GlossaryTerm, ...] = field(factory=tuple)
    detail: StatisticalDetail = field(factory=StatisticalDetail)
    """Detail only the statistical tables (公开表) print; optional (see StatisticalDetail)."""
    own_sections: dict[str, tuple[str, ...]] = field(factory=dict)
    """The department's text for the free-text sections its region pack declares (``[texts.<id>]``):
    section id → its paragraphs, printed as written."""
    last_year: LastYear | None = None
    """Last year's printed figures, to check this year's 上年数 against; optional (see LastYear)."""
