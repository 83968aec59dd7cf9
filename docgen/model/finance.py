"""The year's money: income, spending, fiscal grants and the general public budget.

Amounts are ``Decimal`` in 万元. Totals that follow from their parts are properties, never fields;
where a department also states a total (``stated_…``) it is kept so the checker can compare.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from ._fields import ZERO, amount, code, optional_text, reason
from .public_costs import FundThreePublicCosts


@frozen(kw_only=True)
class YearOnYear:
    """Last year's figure for a total and the department's reason for the change."""

    prior_year: Decimal
    """上年数."""
    change_reason: str | None = reason()
    """主要变动原因 (needed when the figure changed)."""
    stated_rate: Decimal | None = None
    """增长率 or 下降率 (%, without sign) as a published report printed it; optional. The report
    prints the rate computed from the amounts; ``docgen check`` compares the two (``stated-rate``)."""


@frozen(kw_only=True)
class IncomeSources:
    """本年收入 by source (收入决算表 columns)."""

    general_budget_grant: Decimal = amount()
    """一般公共预算财政拨款收入."""
    government_fund_grant: Decimal = amount()
    """政府性基金预算财政拨款收入."""
    state_capital_grant: Decimal = amount()
    """国有资本经营预算财政拨款收入."""
    superior_subsidy: Decimal = amount()
    """上级补助收入."""
    public_service: Decimal = amount()
    """事业收入."""
    business: Decimal = amount()
    """经营收入."""
    affiliate_remittance: Decimal = amount()
    """附属单位上缴收入."""
    other: Decimal = amount()
    """其他收入."""

    @property
    def fiscal_grants(self) -> Decimal:
        """财政拨款收入: the three fund types together."""
        return self.general_budget_grant + self.government_fund_grant + self.state_capital_grant


@frozen(kw_only=True)
class IncomeContents:
    """What the department's non-grant income mainly is, as 名词解释 names it (上海: 主要是：…收入等),
    without the lead-in and the closing 等."""

    public_service: str | None = optional_text()
    """事业收入 (检测服务收入、培训收入 …)."""
    business: str | None = optional_text()
    """经营收入."""
    other: str | None = optional_text()
    """其他收入 (利息收入、捐赠收入 …)."""


@frozen(kw_only=True)
class Income:
    """收入: this year's income, what balances it, and last year's total."""

    sources: IncomeSources = field(factory=IncomeSources)
    non_grant_balance_used: Decimal = amount()
    """使用非财政拨款结余."""
    carry_over_start: Decimal = amount()
    """年初结转和结余."""
    total: YearOnYear
    """收入总计: last year's figure and the reason it changed."""
    contents: IncomeContents | None = None
    """What 事业收入, 经营收入 and 其他收入 mainly are (名词解释); ``None`` when not given."""


@frozen(kw_only=True)
class SpendingKinds:
    """本年支出 by kind (支出决算表 columns)."""

    basic: Decimal = amount()
    """基本支出."""
    project: Decimal = amount()
    """项目支出."""
    remitted_to_superior: Decimal = amount()
    """上缴上级支出."""
    business: Decimal = amount()
    """经营支出."""
    affiliate_subsidy: Decimal = amount()
    """对附属单位补助支出."""


@frozen(kw_only=True)
class Spending:
    """支出: this year's spending, what follows it, and last year's total."""

    kinds: SpendingKinds = field(factory=SpendingKinds)
    balance_distribution: Decimal = amount()
    """结余分配."""
    carry_over_end: Decimal = amount()
    """年末结转和结余."""
    total: YearOnYear
    """支出总计: last year's figure and the reason it changed."""


@frozen(kw_only=True)
class FiscalGrants:
    """财政拨款收入支出: the part of income and spending funded by grants (section 四)."""

    carry_over_start: Decimal = amount()
    """年初财政拨款结转和结余."""
    carry_over_end: Decimal = amount()
    """年末财政拨款结转和结余."""
    income_total: YearOnYear
    """财政拨款收入总计 last year, and the reason it changed."""
    spending_total: YearOnYear
    """财政拨款支出总计 last year, and the reason it changed."""


@frozen(kw_only=True)
class FunctionalItem:
    """One 项 of general-public-budget grant spending (支出功能分类, 7-digit code)."""

    code: str = code(7)
    actual: Decimal
    """支出决算数."""
    budget: Decimal
    """预算数 (调整后预算)."""
    reason: str | None = reason()
    """Why actual differs from budget (决算数大于/小于预算数的主要原因)."""
    initial_budget: Decimal | None = None
    """年初预算 (上海: 完成年初预算的X%); ``None`` when not given. Which budget a completion rate
    uses is the region pack's choice."""
    purpose: str | None = optional_text()
    """What the 项 paid for, without the lead-in (上海: 主要用于：…)."""
    basic: Decimal | None = None
    """Of ``actual``: 基本支出 (optional detail for the statistical tables)."""
    project: Decimal | None = None
    """Of ``actual``: 项目支出 (optional detail for the statistical tables)."""


@frozen(kw_only=True)
class GeneralBudgetSpending:
    """一般公共预算财政拨款支出 (section 五): per 项, with last year's total."""

    items: tuple[FunctionalItem, ...]
    """One entry per 项, in the order the report lists them."""
    total: YearOnYear
    """一般公共预算财政拨款支出 last year, and the reason it changed."""
    variance_reason: str | None = reason()
    """Why the whole differs from its budget (上海: 决算数大于/小于预算数的主要原因)."""
    stated_category_totals: dict[str, Decimal] = field(factory=dict)
    """类 totals as the department printed them (结构情况), keyed by 3-digit code. The narrative
    prints these; the checker compares them with the sum of the 项 below each."""
    stated_category_shares: dict[str, Decimal] = field(factory=dict)
    """类 shares (%) as a published report printed them (结构情况), keyed by 3-digit code; optional.
    The report prints the computed shares; ``docgen check`` compares the two (``stated-share``)."""

    @property
    def actual(self) -> Decimal:
        return sum((item.actual for item in self.items), ZERO)

    @property
    def budget(self) -> Decimal:
        return sum((item.budget for item in self.items), ZERO)

    @property
    def initial_budget(self) -> Decimal | None:
        """年初预算 of the whole: the sum over the 项, ``None`` unless every 项 gives one."""
        values = [item.initial_budget for item in self.items]
        return None if not values or None in values else sum(values, ZERO)


@frozen(kw_only=True)
class EconomicLine:
    """One line of basic spending by economic classification (支出经济分类, 5-digit 款)."""

    code: str = code(5)
    amount: Decimal
    name: str | None = None
    """The label as the department prints it, when it differs from the catalogue's name."""


@frozen(kw_only=True)
class BasicSpending:
    """一般公共预算财政拨款基本支出 (section 六) by economic classification.

    人员经费 are the lines under 301 and 303, 公用经费 those under 302 and 310: the split follows
    from the codes, so it is not typed.
    """

    lines: tuple[EconomicLine, ...]
    """One line per economic 款 (30101 基本工资 …), in the order section 六 lists them."""


@frozen(kw_only=True)
class FundItem:
    """One 项 of 政府性基金 or 国有资本经营预算财政拨款 (a row of the fund's 收入支出决算表).

    本年支出 is ``basic + project``.
    """

    code: str = code(7)
    carry_over_start: Decimal = amount()
    """年初结转和结余."""
    income: Decimal = amount()
    """本年收入."""
    basic: Decimal = amount()
    """本年支出: 基本支出."""
    project: Decimal = amount()
    """本年支出: 项目支出."""
    carry_over_end: Decimal = amount()
    """年末结转和结余."""
    budget: Decimal | None = None
    """预算数 (调整后预算) of the 项; ``None`` when not given."""
    initial_budget: Decimal | None = None
    """年初预算 of the 项; ``None`` when not given."""
    purpose: str | None = optional_text()
    """What the 项 paid for (主要用于：…)."""
    reason: str | None = reason()
    """Why 本年支出 differs from the budget (决算数大于/小于预算数的主要原因)."""

    @property
    def actual(self) -> Decimal:
        """本年支出合计."""
        return self.basic + self.project


@frozen(kw_only=True)
class FundSpending:
    """政府性基金 or 国有资本经营预算财政拨款支出 (sections 八, 九)."""

    actual: Decimal = amount()
    budget: Decimal = amount()
    prior_year: Decimal = amount()
    change_reason: str | None = reason()
    variance_reason: str | None = reason()
    """Why ``actual`` differs from ``budget`` (决算数大于/小于预算数的主要原因)."""
    carry_over_start: Decimal = amount()
    """年初结转和结余 of this fund type."""
    income: Decimal = amount()
    """本年收入 of this fund type."""
    carry_over_end: Decimal = amount()
    """年末结转和结余 of this fund type."""
    items: tuple[FundItem, ...] = field(factory=tuple)
    """The same money per 项 (rows of the fund's 收入支出决算表); optional. Without them the
    statistical tables print only the totals above, and ``docgen check`` warns."""
    three_public_costs: FundThreePublicCosts | None = None
    """The part of ``three_public_costs`` (“三公”经费) paid from this fund; ``None`` when none."""


@frozen(kw_only=True)
class OperatingCosts:
    """机关运行经费 (section 十（一）)."""

    actual: Decimal
    prior_year: Decimal
    change_reason: str | None = reason()
    stated_change_rate: Decimal | None = None
    """增长率 or 下降率 (%, without sign) as a published report printed it; optional. The report
    prints the rate computed from the amounts; ``docgen check`` compares the two (``stated-rate``)."""


@frozen(kw_only=True)
class Procurement:
    """政府采购 (section 十（二）): contracts by kind, and those awarded to SMEs."""

    goods: Decimal = amount()
    """政府采购货物支出."""
    works: Decimal = amount()
    """政府采购工程支出."""
    services: Decimal = amount()
    """政府采购服务支出."""
    awarded_to_sme: Decimal = amount()
    """授予中小企业合同金额."""
    awarded_to_small_micro: Decimal = amount()
    """of which 授予小微企业合同金额."""
    reserved: SmeReservations | None = None
    """面向中小企业预留 (以合同签订为准, 上海): what was reserved and who won it; ``None`` when not given."""
    awarded_to_sme_by_kind: ProcurementKinds | None = None
    """授予中小企业合同金额 per 货物/工程/服务 (for the SME share of each); ``None`` when not given."""
    awarded_to_small_micro_by_kind: ProcurementKinds | None = None
    """of which 授予小微企业合同金额 per 货物/工程/服务 (for the small-and-micro share of each kind's SME
    awards); ``None`` when not given."""

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@frozen(kw_only=True)
class ProcurementKinds:
    """An amount per kind of procurement: 货物, 工程, 服务."""

    goods: Decimal = amount()
    """货物."""
    works: Decimal = amount()
    """工程."""
    services: Decimal = amount()
    """服务."""

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@frozen(kw_only=True)
class SmeReservations:
    """面向中小企业预留政府采购项目 (以合同签订为准): budgets reserved and contracts won.

    The small-and-micro reservation is part of the SME reservation; the awards in reserved and in
    other projects together are the SME awards (``awarded_to_sme``).
    """

    sme_budget: Decimal = amount()
    """面向中小企业预留政府采购项目预算金额."""
    small_micro_budget: Decimal = amount()
    """面向小微企业预留政府采购项目预算金额 (part of ``sme_budget``)."""
    sme_awarded: Decimal = amount()
    """在面向中小企业预留的项目中，由中小企业供应商中标或成交的采购金额."""
    small_micro_awarded: Decimal = amount()
    """在面向小微企业预留的项目中，由小微企业供应商中标或成交的采购金额."""
    other_sme_awarded: Decimal = amount()
    """在其他政府采购项目中，由中小企业供应商中标或成交的采购金额."""
