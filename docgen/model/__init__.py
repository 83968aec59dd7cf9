"""The typed model of a 部门决算公开: frozen attrs classes, ``Decimal`` amounts in 万元.

The model knows nothing of Word or wording. Totals that follow from parts are properties.
"""

from .department import Department, Institutions, Overview, Staff
from .finance import (
    BasicSpending,
    EconomicLine,
    FiscalGrants,
    FundItem,
    FunctionalItem,
    FundSpending,
    GeneralBudgetSpending,
    Income,
    IncomeSources,
    OperatingCosts,
    Procurement,
    Spending,
    SpendingKinds,
    YearOnYear,
)
from .performance import (
    Funding,
    Indicator,
    OverallEvaluation,
    Performance,
    Project,
    ProjectEvaluation,
)
from .public_costs import (
    BudgetActual,
    Fleet,
    FundThreePublicCosts,
    PublicCost,
    Reception,
    Receptions,
    StateAssets,
    ThreePublicCosts,
    TravelAbroad,
    VehiclePurchase,
)
from .prior import LastYear
from .report import CodeEntry, GlossaryTerm, Report
from .tables import IncomeLine, SpendingLine, StatisticalDetail

__all__ = [name for name in dir() if name[0].isupper()]
