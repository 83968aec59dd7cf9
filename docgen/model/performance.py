"""预算绩效管理: projects with goals and indicators, and the evaluation reports (附件)."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from attrs.validators import optional

from ._fields import _digits, amount, count, name_text, one_of, optional_text, reason, text, texts


INDICATOR_NATURES = ("=", "≥", "≤", "定性")
"""指标性质 of the 预算管理一体化 self-evaluation table."""


@frozen(kw_only=True)
class Indicator:
    """One row of 绩效指标完成情况: 一级/二级/三级指标 with expected and actual values."""

    level1: str = text()
    """一级指标 (产出指标, 效益指标, 满意度指标 …)."""
    level2: str = ""
    """二级指标 (数量指标, 质量指标, 社会效益指标 …); may be left empty."""
    level3: str = text()
    """三级指标: the indicator itself."""
    expected: str = text()
    """预期指标值 (数字及文字描述)."""
    actual: str = text()
    """实际完成指标值."""
    weight: Decimal | None = None
    """分值 (self-evaluation layout)."""
    score: Decimal | None = None
    """得分 (self-evaluation layout)."""
    deviation: str | None = None
    """偏差原因分析及改进措施 (self-evaluation layout)."""
    nature: str | None = one_of(*INDICATOR_NATURES)
    """指标性质 (预算管理一体化 layout): ``=``, ``≥``, ``≤`` or ``定性``."""
    unit: str | None = optional_text()
    """度量单位 (预算管理一体化 layout): 个, %, 万元 …"""
    shortfall_reason: str | None = optional_text()
    """未完成原因分析 (预算管理一体化 layout), for an indicator not met."""


@frozen(kw_only=True)
class Funding:
    """Budget or execution of a project: the fiscal-grant part and other funds."""

    grant: Decimal
    """其中-财政拨款 (当年财政拨款)."""
    carried_over: Decimal | None = None
    """上年结转资金 (self-evaluation layout); ``None`` when not given."""
    other: Decimal | None = None
    """其它资金; ``None`` when the department left the cell empty."""

    @property
    def total(self) -> Decimal:
        """年度资金总额."""
        return self.grant + (self.carried_over or 0) + (self.other or 0)


@frozen(kw_only=True)
class FundSources:
    """Project money by source, as the 预算管理一体化 platform splits it."""

    fiscal: Decimal = amount()
    """财政资金."""
    special_account: Decimal = amount()
    """财政专户管理资金."""
    unit: Decimal = amount()
    """单位资金."""
    other: Decimal = amount()
    """其他资金."""

    @property
    def total(self) -> Decimal:
        """总额."""
        return self.fiscal + self.special_account + self.unit + self.other


@frozen(kw_only=True)
class BudgetExecution:
    """预算执行情况 of the 预算管理一体化 self-evaluation table (10 points): per source the 年初预算,
    the 调整后预算数 and the 预算执行数."""

    initial_budget: FundSources = field(factory=FundSources)
    """年初预算, by source."""
    adjusted_budget: FundSources
    """调整后预算数, by source; the execution rate is measured against it."""
    executed: FundSources
    """预算执行数, by source."""
    reason: str | None = reason()
    """原因: why the budget was not fully executed."""


@frozen(kw_only=True)
class ProjectEvaluation:
    """附件2: the project's evaluation report, prose as the department wrote it.

    Figures (预算数, 到位数, 到位率, 执行数, 支付率) are not typed here: they come from the project.
    """

    title: str | None = None
    """The report's title when it names the project differently (巡察专项项目2020年绩效评价报告)."""
    background: str = text()
    """一（一）项目基本情况."""
    goals: str = text()
    """一（二）项目绩效目标."""
    method: str = text()
    """一（三）项目自评步骤及方法."""
    approval: str = text()
    """二（一）项目资金申报及批复情况."""
    funds_received: Decimal | None = None
    """资金到位数; defaults to the project's budget when not given."""
    fund_use: str = text()
    """二（二）3 资金使用: what the money was spent on."""
    financial_management: str = text()
    """二（三）项目财务管理情况."""
    organisation: str = text()
    """三（一）项目组织架构及实施流程."""
    management: str = text()
    """三（二）项目管理情况."""
    supervision: str = text()
    """三（三）项目监管情况."""
    completion: str = text()
    """四（一）项目完成情况."""
    benefits: str = text()
    """四（二）项目效益情况."""
    conclusion: str = text()
    """五（一）评价结论."""
    problems: str = text()
    """五（二）存在的问题."""
    suggestions: str = text()
    """五（三）相关建议."""


@frozen(kw_only=True)
class Project:
    """A project with performance goals (项目支出绩效目标完成情况)."""

    name: str = name_text()
    unit: str = name_text()
    """预算单位."""
    budget: Funding
    """预算数 (全年预算数), with its fiscal-grant part."""
    execution: Funding
    """执行数, with its fiscal-grant part."""
    expected_goal: str = text()
    """年度目标: 预期目标."""
    actual_goal: str = text()
    """年度目标: 实际完成目标."""
    indicators: tuple[Indicator, ...]
    summary: str = text()
    """综述: what the money was used for (主要用于…)."""
    problems: str = text()
    """发现的主要问题."""
    improvements: str = text()
    """下一步改进措施."""
    evaluation: ProjectEvaluation | None = None
    initial_budget: Decimal | None = None
    """年初预算数 (self-evaluation layout)."""
    code: str | None = field(default=None, validator=optional(_digits(7)))
    """The functional 项 (7 digits) that pays for the project: a 项 of ``general_budget.items`` or of a
    fund's ``items``. Optional; where given, the checker holds the projects of a 项 or fund within
    its budget and spending."""
    project_code: str | None = optional_text()
    """The 预算管理一体化 project code (51000021R000000019951), printed before the name."""
    funds: BudgetExecution | None = None
    """预算执行情况 by source (预算管理一体化 layout); ``None`` when not given."""
    conclusion: str | None = optional_text()
    """评价结论 (预算管理一体化 layout)."""
    project_lead: str | None = optional_text()
    """项目负责人 (预算管理一体化 layout)."""
    finance_lead: str | None = optional_text()
    """财务负责人 (预算管理一体化 layout)."""


@frozen(kw_only=True)
class OverallEvaluation:
    """附件1: the department's overall spending performance evaluation, prose as written."""

    budget_management: tuple[str, ...] = texts()
    """三（一）部门预算管理."""
    results_use: tuple[str, ...] = texts()
    """三（二）结果应用情况."""
    conclusion: tuple[str, ...] = texts()
    """四（一）评价结论."""
    problems: tuple[str, ...] = texts()
    """四（二）存在问题."""
    suggestions: tuple[str, ...] = texts()
    """四（三）改进建议, one entry each (numbered by the generator)."""


@frozen(kw_only=True)
class ProjectsCovered:
    """A count of the year's projects at one stage of performance management, and their budget."""

    projects: int = count()
    """项目个数."""
    amount: Decimal = amount()
    """涉及预算金额."""


@frozen(kw_only=True)
class Grades:
    """绩效评级 of the projects self-evaluated: how many were graded 优, 良, 合格, 不合格."""

    excellent: int = count()
    """优."""
    good: int = count()
    """良."""
    passed: int = count()
    """合格."""
    failed: int = count()
    """不合格."""

    @property
    def total(self) -> int:
        return self.excellent + self.good + self.passed + self.failed


@frozen(kw_only=True)
class Problems:
    """Problems the self-evaluations found, and how far they are rectified."""

    found: int = count()
    """共发现问题."""
    rectified: int = count()
    """已经完成整改."""
    in_progress: int = count()
    """正在整改."""


def _check_score(name: str, value: Decimal) -> None:
    if not 0 <= value <= 100:
        raise ValueError(f"{name}: must be a score between 0 and 100, got {value}")


@frozen(kw_only=True)
class PerformanceManagement:
    """预算绩效管理工作开展情况 (上海 十): the department's systems and its figures of the year."""

    systems: tuple[str, ...] = texts(required=False)
    """预算绩效管理制度 the department set up, by name (without 《》)."""
    mechanism: str | None = optional_text()
    """The working mechanism it built (建立了…的预算绩效管理工作机制)."""
    goals_set: ProjectsCovered
    """编报绩效目标的项目 and their budget."""
    monitored: ProjectsCovered
    """绩效跟踪评价的项目 and their budget."""
    self_evaluated: ProjectsCovered
    """绩效自评的项目 and their budget."""
    average_score: Decimal = field(validator=lambda _i, a, v: _check_score(a.name, v))
    """平均得分 of the projects self-evaluated (points out of 100), as the department computed it
    over every project, published or not."""
    grades: Grades = field(factory=Grades)
    problems: Problems = field(factory=Problems)


MAX_PROJECTS = 1_000
"""Projects in one report: each prints a page of its own table (some 50 KB of XML, which rendering
holds as some 600 KB parsed into a tree); a large report has a few hundred."""
MAX_INDICATORS = 5_000
"""Indicators of all projects together: each is a row of its project's table, which rendering
holds as some 30 KB (its XML parsed into a tree); a report of 300 projects has about 3,000."""


def _check_projects(name: str, projects: tuple[Project, ...]) -> None:
    if len(projects) > MAX_PROJECTS:
        raise ValueError(f"{name}: {len(projects):,} projects: the limit is {MAX_PROJECTS:,}")
    total = sum(len(project.indicators) for project in projects)
    if total > MAX_INDICATORS:
        raise ValueError(f"{name}: {total:,} indicators in all: the limit is {MAX_INDICATORS:,}")


@frozen(kw_only=True)
class Performance:
    """预算绩效管理情况 (section 十（四）) and the attachments."""

    ex_ante_assessed: tuple[str, ...] = texts(required=False)
    """Projects given an ex-ante assessment (事前绩效评估)."""
    goals_set: int = count()
    """Projects with performance goals (编制了绩效目标)."""
    monitored: int = count()
    """Projects monitored during the year (绩效监控)."""
    self_evaluated: int = count()
    """Projects self-evaluated at year end (绩效目标完成情况自评)."""
    overall_self_evaluation: str | None = None
    """The department's paragraph on its overall self-evaluation."""
    projects: tuple[Project, ...] = field(factory=tuple, validator=lambda _i, a, v: _check_projects(a.name, v))
    """Projects with performance goals, in the order the report lists them (they and their
    indicators together are limited: see Limits)."""
    overall_evaluation: OverallEvaluation | None = None
    """附件1, when the department publishes its overall evaluation report."""
    management: PerformanceManagement | None = None
    """预算绩效管理 figures (上海 十); ``None`` when not given."""
    funding_authority: str | None = None
    """Who allocates project funds, as the evaluation reports name it (区财政局); the region pack's
    wording is used when not given."""
