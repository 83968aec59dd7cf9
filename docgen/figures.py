"""The report's derived figures: every total, share, change and rate, computed once from the model.

Phrasing, tables, charts and the checker all read these, so a number printed in two places is the
same number. Where the department states a figure that could also be derived (a 类 total), the
stated figure is what the report prints, and ``…_derived`` keeps the sum for the checker.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property

from attrs import field, frozen

from .catalogue import Catalogue, Code, catalogue_for
from .derive import Change, Completion, rate, shares
from .formatting import round_half_up
from .model import EconomicLine, FunctionalItem, FundItem, FundSources, Project, Report

ZERO = Decimal(0)
PERSONNEL_CLASSES = ("301", "303")
"""人员经费: 工资福利支出 and 对个人和家庭的补助."""
PUBLIC_CLASSES = ("302", "310")
"""公用经费: 商品和服务支出 and 资本性支出."""
BUDGET_EXECUTION_POINTS = Decimal(10)
"""预算执行率 is worth 10 of a project self-evaluation's 100 points."""
FUND_SOURCES = ("fiscal", "special_account", "unit", "other")
"""财政资金, 财政专户管理资金, 单位资金, 其他资金: the 预算管理一体化 split of project money."""


@frozen
class Part:
    """One part of a breakdown with its share of the whole (×100, shares summing to 100)."""

    key: str
    amount: Decimal
    share: Decimal


@frozen
class Category:
    """A 类 of general-budget spending: printed amount, the sum of its 项, and its share."""

    code: Code
    amount: Decimal
    derived: Decimal
    share: Decimal


@frozen
class CategoryFigures:
    """One “三公” category as the current templates print it: completion of its budget and change
    on last year (``travel``, ``vehicles`` = 购置 + 运行维护, ``reception``)."""

    key: str
    completion: Completion
    change: Change


@frozen
class KindShare:
    """The SME awards of one kind of procurement (货物, 工程, 服务) and their share of that kind; the
    small-and-micro part of them and its share of them, where the data splits it."""

    key: str
    amount: Decimal
    share: Decimal | None
    small_micro: Decimal | None = None
    small_micro_share: Decimal | None = None


@frozen
class SourceExecution:
    """One row of a project's 预算执行情况: 年初预算, 调整后预算数, 预算执行数 and 预算执行率."""

    key: str
    """``total`` (总额) or a fund source (``fiscal`` …)."""
    initial: Decimal | None
    adjusted: Decimal
    executed: Decimal
    rate: Decimal | None = field(init=False)
    """预算执行率: 预算执行数 / 调整后预算数 ×100 (a field, so the self-check finds it among the figures)."""

    @rate.default
    def _execution_rate(self) -> Decimal | None:
        return rate(self.executed, self.adjusted)


@frozen
class ProjectScore:
    """A project's self-evaluation score: 10 points for budget execution, the rest by indicator."""

    rows: tuple[SourceExecution, ...]
    """总额 first, then each source (预算管理一体化 layout only; the total alone otherwise)."""
    execution_score: Decimal | None
    """10 × 预算执行率 (capped at 100%), rounded to 2 places; ``None`` without a budget."""
    indicator_weight: Decimal | None
    """Σ 权重 of the indicators (90 when complete); ``None`` if one is missing."""
    indicator_score: Decimal | None
    """Σ 得分 of the indicators; ``None`` if one is missing."""

    @property
    def execution_rate(self) -> Decimal | None:
        return self.rows[0].rate

    @property
    def total_weight(self) -> Decimal | None:
        """合计 of the 权重: 10 plus the indicators' (100 when complete)."""
        return None if self.indicator_weight is None else BUDGET_EXECUTION_POINTS + self.indicator_weight

    @property
    def total_score(self) -> Decimal | None:
        """合计 of the 得分: budget execution plus the indicators."""
        if self.indicator_score is None or self.execution_score is None:
            return None
        return self.execution_score + self.indicator_score


def project_score(project: Project) -> ProjectScore:
    """The scores of one project's self-evaluation table, from its funds (预算管理一体化, by source)
    when given, else from its budget and execution."""
    funds = project.funds
    if funds is None:
        rows: tuple[SourceExecution, ...] = (
            SourceExecution("total", project.initial_budget, project.budget.total, project.execution.total),)
    else:
        rows = (SourceExecution("total", funds.initial_budget.total, funds.adjusted_budget.total,
                                funds.executed.total),) + tuple(
            SourceExecution(key, _source(funds.initial_budget, key), _source(funds.adjusted_budget, key),
                            _source(funds.executed, key)) for key in FUND_SOURCES)
    execution_rate = rows[0].rate
    execution = (None if execution_rate is None
                 else round_half_up(min(execution_rate, Decimal(100)) * BUDGET_EXECUTION_POINTS / 100))
    weights = [i.weight for i in project.indicators]
    scores = [i.score for i in project.indicators]
    return ProjectScore(rows, execution,
                        None if None in weights else sum(weights, ZERO),
                        None if None in scores else sum(scores, ZERO))


def _source(sources: FundSources, key: str) -> Decimal:
    return getattr(sources, key)


def breakdown(named: Sequence[tuple[str, Decimal]]) -> list[Part]:
    """Parts with shares of their sum that add up to exactly 100 as printed."""
    return [Part(key, amount, share) for (key, amount), share in zip(named, shares([a for _, a in named]))]


class Figures:
    """Derived figures of one report, computed lazily and cached."""

    def __init__(self, report: Report, catalogue: Catalogue | None = None):
        self.report = report
        self.catalogue = catalogue or catalogue_for(report.department.year, report.codes)

    # 收入 and 支出 -------------------------------------------------------------------------
    @cached_property
    def income_parts(self) -> list[Part]:
        sources = self.report.income.sources
        return breakdown([(name, getattr(sources, name)) for name in _field_names(sources)])

    @cached_property
    def income_parts_grants_as_one(self) -> list[Part]:
        """本年收入's parts, the three 财政拨款 as one (``fiscal_grants``, 财政拨款收入: 上海 二).

        Each share is of the same 本年收入合计, the parts' shares adding up to 100 as printed."""
        sources = self.report.income.sources
        rest = [(name, getattr(sources, name)) for name in _field_names(sources) if not name.endswith("_grant")]
        return breakdown([("fiscal_grants", sources.fiscal_grants), *rest])

    @cached_property
    def income_this_year(self) -> Decimal:
        """本年收入合计."""
        return sum((p.amount for p in self.income_parts), ZERO)

    @cached_property
    def income_total(self) -> Decimal:
        """收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余."""
        income = self.report.income
        return self.income_this_year + income.non_grant_balance_used + income.carry_over_start

    @cached_property
    def spending_parts(self) -> list[Part]:
        kinds = self.report.spending.kinds
        return breakdown([(name, getattr(kinds, name)) for name in _field_names(kinds)])

    @cached_property
    def spending_this_year(self) -> Decimal:
        """本年支出合计."""
        return sum((p.amount for p in self.spending_parts), ZERO)

    @cached_property
    def spending_total(self) -> Decimal:
        """支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余."""
        spending = self.report.spending
        return self.spending_this_year + spending.balance_distribution + spending.carry_over_end

    def named_amount(self, key: str) -> Decimal:
        """An amount of 收入 or 支出 by the name a pack gives it: ``income.<source>`` (or
        ``income.non_grant_balance_used``), ``spending.<kind>`` (or ``spending.balance_distribution``)."""
        side, _, name = key.partition(".")
        sources = {"income": (self.report.income.sources, self.report.income),
                   "spending": (self.report.spending.kinds, self.report.spending)}.get(side, ())
        for holder in sources:
            if name in _field_names(holder):
                return getattr(holder, name)
        raise KeyError(key)

    @property
    def income_change(self) -> Change:
        return Change(self.income_total, self.report.income.total.prior_year)

    @property
    def spending_change(self) -> Change:
        return Change(self.spending_total, self.report.spending.total.prior_year)

    # 财政拨款 ------------------------------------------------------------------------------
    @cached_property
    def grant_income_total(self) -> Decimal:
        """财政拨款收入总计 = 本年财政拨款收入 + 年初财政拨款结转和结余."""
        return self.report.income.sources.fiscal_grants + self.report.fiscal_grants.carry_over_start

    @cached_property
    def grant_spending_this_year(self) -> Decimal:
        r = self.report
        return self.general_budget_total + r.government_fund.actual + r.state_capital.actual

    @cached_property
    def grant_spending_total(self) -> Decimal:
        """财政拨款支出总计 = 本年财政拨款支出 + 年末财政拨款结转和结余."""
        return self.grant_spending_this_year + self.report.fiscal_grants.carry_over_end

    @property
    def grant_income_change(self) -> Change:
        return Change(self.grant_income_total, self.report.fiscal_grants.income_total.prior_year)

    @property
    def grant_spending_change(self) -> Change:
        return Change(self.grant_spending_total, self.report.fiscal_grants.spending_total.prior_year)

    # 一般公共预算财政拨款支出 ---------------------------------------------------------------
    @cached_property
    def categories(self) -> list[Category]:
        """类 totals in code order: the stated figure where given, else the sum of its 项."""
        gb = self.report.general_budget
        derived: dict[str, Decimal] = {}
        for item in gb.items:
            derived[item.code[:3]] = derived.get(item.code[:3], ZERO) + item.actual
        codes = sorted(set(derived) | set(gb.stated_category_totals))
        amounts = [gb.stated_category_totals.get(c, derived.get(c, ZERO)) for c in codes]
        # An unknown 类 is a blocking ``code-unknown`` finding; until then the checker still adds up.
        return [
            Category(self.catalogue.functional.get(c) or Code(c, c), a, derived.get(c, ZERO), s)
            for c, a, s in zip(codes, amounts, shares(amounts))
        ]

    @cached_property
    def general_budget_total(self) -> Decimal:
        """一般公共预算财政拨款支出 as printed: the sum of the 类 totals."""
        return sum((c.amount for c in self.categories), ZERO)

    @property
    def general_budget_change(self) -> Change:
        return Change(self.general_budget_total, self.report.general_budget.total.prior_year)

    @property
    def general_budget_share(self) -> Decimal | None:
        """一般公共预算财政拨款支出 as a share of 本年支出合计."""
        return rate(self.general_budget_total, self.spending_this_year)

    @property
    def general_budget_completion(self) -> Completion:
        """Completion over the 项, where actual and budget are both known."""
        gb = self.report.general_budget
        return Completion(gb.actual, gb.budget)

    def item_initial_completion(self, item: FunctionalItem) -> Completion | None:
        """One 项's actual against its 年初预算 (完成年初预算的X%); ``None`` when not given."""
        return None if item.initial_budget is None else Completion(item.actual, item.initial_budget)

    def item_completion(self, item: FunctionalItem) -> Completion:
        """One 项's actual against its budget."""
        return Completion(item.actual, item.budget)

    def item_lineage(self, item: FunctionalItem) -> tuple[Code, ...]:
        return self.catalogue.lineage(item.code)

    def item_known(self, item: FunctionalItem) -> bool:
        """Whether the catalogue (with the data's codes) names the item's 类, 款 and 项; an unknown
        one is left out of the sentences and reported as ``code-unknown``."""
        try:
            self.item_lineage(item)
        except KeyError:
            return False
        return True

    # 基本支出 ------------------------------------------------------------------------------
    def _lines(self, classes: tuple[str, ...]) -> list[EconomicLine]:
        return [line for line in self.report.basic_spending.lines if line.code[:3] in classes]

    @cached_property
    def personnel_lines(self) -> list[EconomicLine]:
        return self._lines(PERSONNEL_CLASSES)

    @cached_property
    def public_lines(self) -> list[EconomicLine]:
        return self._lines(PUBLIC_CLASSES)

    @property
    def personnel_total(self) -> Decimal:
        return sum((line.amount for line in self.personnel_lines), ZERO)

    @property
    def public_total(self) -> Decimal:
        return sum((line.amount for line in self.public_lines), ZERO)

    @property
    def basic_total(self) -> Decimal:
        return sum((line.amount for line in self.report.basic_spending.lines), ZERO)

    def economic_name(self, line: EconomicLine) -> str:
        if line.name:
            return line.name
        entry = self.catalogue.economic.get(line.code)
        if entry is None:
            raise KeyError(f"经济分类科目 {line.code} 不在科目表中，请在 codes 中补充或为该行填写 name")
        return entry.name

    # “三公”经费 ----------------------------------------------------------------------------
    @cached_property
    def three_public_parts(self) -> list[Part]:
        """因公出国（境）, 公务用车购置及运行维护, 公务接待, with shares of the whole."""
        c = self.report.three_public_costs
        return breakdown([
            ("travel", c.travel_abroad.actual),
            ("vehicles", self.vehicles_actual),
            ("reception", c.reception.actual),
        ])

    @cached_property
    def three_public_by_fund(self) -> list[tuple[str, Decimal]]:
        """“三公”经费财政拨款支出 by fund: each fund's stated part, 一般公共预算 the rest.

        The “三公” tables split it the same way."""
        r = self.report
        funds = []
        for key in ("government_fund", "state_capital"):
            costs = getattr(r, key).three_public_costs
            funds.append((key, sum((getattr(costs, name).actual for name in
                                    ("travel_abroad", "vehicle_purchase", "vehicle_operation", "reception")), ZERO)
                          if costs is not None else ZERO))
        general = r.three_public_costs.actual - sum((amount for _, amount in funds), ZERO)
        return [("general_budget", general), *funds]

    @property
    def vehicles_actual(self) -> Decimal:
        """公务用车购置及运行维护费 = 购置 + 运行维护."""
        c = self.report.three_public_costs
        return c.vehicle_purchase.actual + c.vehicle_operation.actual

    @property
    def travel_completion(self) -> Completion:
        """因公出国（境）费 against its budget."""
        t = self.report.three_public_costs.travel_abroad
        return Completion(t.actual, t.budget)

    @property
    def travel_change(self) -> Change:
        """因公出国（境）费 against last year."""
        t = self.report.three_public_costs.travel_abroad
        return Change(t.actual, t.prior_year)

    @property
    def reception_completion(self) -> Completion:
        """公务接待费 against its budget."""
        rc = self.report.three_public_costs.reception
        return Completion(rc.actual, rc.budget)

    @property
    def reception_change(self) -> Change:
        """公务接待费 against last year."""
        rc = self.report.three_public_costs.reception
        return Change(rc.actual, rc.prior_year)

    @property
    def three_public_completion(self) -> Completion:
        c = self.report.three_public_costs
        return Completion(c.actual, c.budget)

    @property
    def three_public_change(self) -> Change:
        """“三公”经费财政拨款支出 against last year (the sum of the categories' prior-year figures)."""
        c = self.report.three_public_costs
        return Change(c.actual, sum((cost.prior_year for cost in c.categories), ZERO))

    @property
    def vehicles_completion(self) -> Completion:
        c = self.report.three_public_costs
        return Completion(self.vehicles_actual, c.vehicle_purchase.budget + c.vehicle_operation.budget)

    @property
    def vehicles_change(self) -> Change:
        c = self.report.three_public_costs
        return Change(self.vehicles_actual, c.vehicle_purchase.prior_year + c.vehicle_operation.prior_year)

    @property
    def vehicle_operation_change(self) -> Change:
        """公务用车运行维护费 against last year."""
        vo = self.report.three_public_costs.vehicle_operation
        return Change(vo.actual, vo.prior_year)

    # 政府性基金, 国有资本经营 --------------------------------------------------------------
    def fund_completion(self, family: str) -> Completion:
        """``government_fund`` or ``state_capital``: actual against budget."""
        fund = getattr(self.report, family)
        return Completion(fund.actual, fund.budget)

    def fund_change(self, family: str) -> Change:
        fund = getattr(self.report, family)
        return Change(fund.actual, fund.prior_year)

    def fund_item_spending(self, item: FundItem) -> Decimal:
        """A fund 项's 本年支出 = 基本支出 + 项目支出."""
        return item.basic + item.project

    # 其他重要事项 --------------------------------------------------------------------------
    @property
    def sme_share(self) -> Decimal | None:
        """授予中小企业合同金额 as a share of 政府采购支出总额."""
        p = self.report.procurement
        return rate(p.awarded_to_sme, p.total)

    @property
    def small_micro_share(self) -> Decimal | None:
        """授予小微企业合同金额 as a share of 政府采购支出总额."""
        p = self.report.procurement
        return rate(p.awarded_to_small_micro, p.total)

    @property
    def small_micro_sme_share(self) -> Decimal | None:
        """授予小微企业合同金额 as a share of 授予中小企业合同金额."""
        p = self.report.procurement
        return rate(p.awarded_to_small_micro, p.awarded_to_sme)

    def project_completion(self, project: Project) -> Completion:
        """A project's 执行数 against its 预算数."""
        return project_completion(project)

    def project_received(self, project: Project) -> Decimal:
        """资金到位数: as stated in its evaluation, else its whole budget."""
        e = project.evaluation
        return e.funds_received if e is not None and e.funds_received is not None else project.budget.total

    def project_received_rate(self, project: Project) -> Decimal | None:
        return rate(self.project_received(project), project.budget.total)

    def project_other_funds(self, project: Project) -> Decimal:
        """A project's budget beyond its 财政拨款."""
        return project.budget.total - project.budget.grant

    def grant_parts(self, keys: Sequence[str]) -> list[Part]:
        """The 财政拨款 income sources ``keys`` (as a pack lists them), with shares of their sum."""
        sources = self.report.income.sources
        return breakdown([(key, getattr(sources, key)) for key in keys])

    def grant_spending_parts(self, keys: Sequence[str]) -> list[Part]:
        """本年财政拨款支出 by fund (``general_budget``, ``government_fund``, ``state_capital``, as a
        pack lists them), with shares of their sum."""
        r = self.report
        amounts = {"general_budget": self.general_budget_total, "government_fund": r.government_fund.actual,
                   "state_capital": r.state_capital.actual}
        return breakdown([(key, amounts[key]) for key in keys])

    @property
    def operating_costs_change(self) -> Change:
        oc = self.report.operating_costs
        return Change(oc.actual, oc.prior_year)

    @property
    def other_vehicles(self) -> int:
        """其他用车 in 国有资产: every vehicle not listed by use in that sentence."""
        v = self.report.assets.vehicles
        return v.total - v.leaders - v.confidential - v.emergency


    # The current templates (上海 2024, 四川 2022–2025) -------------------------------------
    @property
    def general_budget_initial_completion(self) -> Completion | None:
        """一般公共预算财政拨款支出 against 年初预算 (完成年初预算的X%); ``None`` unless every 项 gives one."""
        gb = self.report.general_budget
        initial = gb.initial_budget
        return None if initial is None else Completion(gb.actual, initial)

    @cached_property
    def three_public_categories(self) -> list[CategoryFigures]:
        """因公出国（境）, 公务用车购置及运行维护, 公务接待: completion of the budget and change on last year."""
        return [
            CategoryFigures("travel", self.travel_completion, self.travel_change),
            CategoryFigures("vehicles", self.vehicles_completion, self.vehicles_change),
            CategoryFigures("reception", self.reception_completion, self.reception_change),
        ]

    @property
    def three_public_change(self) -> Change:
        """“三公”经费 against last year."""
        c = self.report.three_public_costs
        return Change(c.actual, c.prior_year)

    @property
    def small_micro_share_of_sme(self) -> Decimal | None:
        """授予小微企业合同金额占授予中小企业合同金额的比例."""
        p = self.report.procurement
        return rate(p.awarded_to_small_micro, p.awarded_to_sme)

    @cached_property
    def sme_shares_by_kind(self) -> list[KindShare]:
        """Per 货物/工程/服务: the SME awards and their share of that kind, and the small-and-micro
        awards with their share of the SME awards (empty without the split)."""
        p = self.report.procurement
        by_kind, small_micro = p.awarded_to_sme_by_kind, p.awarded_to_small_micro_by_kind
        if by_kind is None:
            return []
        shares = []
        for key in ("goods", "works", "services"):
            sme = getattr(by_kind, key)
            micro = None if small_micro is None else getattr(small_micro, key)
            shares.append(KindShare(key, sme, rate(sme, getattr(p, key)), micro,
                                    None if micro is None else rate(micro, sme)))
        return shares

    @cached_property
    def project_scores(self) -> dict[Project, ProjectScore]:
        """Every project's self-evaluation score (see :func:`project_score`)."""
        return {project: project_score(project) for project in self.report.performance.projects}


# A project's figures (its tables and its sentences) ------------------------------------------
def project_completion(project: Project) -> Completion:
    """A project's 执行数 against its 预算数 (its 预算执行率)."""
    return Completion(project.execution.total, project.budget.total)


def execution_score(project: Project) -> Decimal | None:
    """得分 for 预算执行率: 10 points × execution rate, capped at 10; ``None`` without a budget
    (see :func:`project_score`)."""
    return project_score(project).execution_score


def total_weight(project: Project) -> Decimal | None:
    """总分: 10 for budget execution plus every indicator's 分值 (100 when complete)."""
    return project_score(project).total_weight


def total_score(project: Project) -> Decimal | None:
    return project_score(project).total_score


def _field_names(instance) -> list[str]:
    return [a.name for a in type(instance).__attrs_attrs__]
