"""The typed model of a 部门决算公开: frozen attrs classes, ``Decimal`` amounts in 万元.

The model knows nothing of Word or wording. Totals that follow from parts are properties.
"""

from .department import Department, Institutions, Overview, Staff, Unit
from .finance import (
    BasicSpending,
    EconomicLine,
    FiscalGrants,
    FundItem,
    FunctionalItem,
    FundSpending,
    GeneralBudgetSpending,
    Income,
    IncomeContents,
    IncomeSources,
    OperatingCosts,
    Procurement,
    ProcurementKinds,
    SmeReservations,
    Spending,
    SpendingKinds,
    YearOnYear,
)
from .performance import (
    BudgetExecution,
    FundSources,
    Funding,
    Grades,
    INDICATOR_NATURES,
    PerformanceManagement,
    Problems,
    ProjectsCovered,
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
    VehicleOperation,
    VehiclePurchase,
)
from .prior import LastYear
from .report import CodeEntry, GlossaryTerm, Report
from .tables import IncomeLine, SpendingLine, StatisticalDetail

__all__ = [name for name in dir() if name[0].isupper()]
