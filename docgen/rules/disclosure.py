"""Identities among the figures the current templates print (上海 2024, 四川 2022–2025): vehicles
by class, 政府采购 reservations for SMEs, 预算绩效管理 grades and problems, fund items against their
budgets, and the 预算管理一体化 project self-evaluation.

Each rule is silent while the fields it compares are not given (they are optional in the input
format): a department that does not fill them is not told they disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from . import ERROR, WARNING, Found, RuleContext, amount, rule

ZERO = Decimal(0)
_FUNDS = (("government_fund", "政府性基金预算财政拨款"), ("state_capital", "国有资本经营预算财政拨款"))


@rule("fleet-total", ERROR, "各类车辆之和 = 车辆总数；开支财政拨款的公务用车保有量不超过车辆总数",
      example="各类车辆合计6辆（部级领导干部用车0 + 主要领导干部用车1 + 机要通信用车1 + 应急保障用车2 + 执法执勤用车0 + "
              "特种专业技术用车1 + 离退休干部服务用车0 + 其他用车1），与共有车辆7辆不符")
def fleet_classes(ctx: RuleContext) -> Iterator[Found]:
    """Where the department states its fleet (``assets.vehicles.stated_total``, 共有车辆), the
    vehicles by class add up to it: every class of the current classification is printed, so the
    classes must account for every vehicle. The fleet kept on 财政拨款 (``three_public_costs.
    vehicle_operation.fleet``, 公务用车保有量) is not larger than the whole fleet, where that is given."""
    v = ctx.report.assets.vehicles
    classes = (("部级领导干部用车", v.ministerial), ("主要领导干部用车", v.leaders), ("机要通信用车", v.confidential),
               ("应急保障用车", v.emergency), ("执法执勤用车", v.law_enforcement), ("特种专业技术用车", v.special_technical),
               ("离退休干部服务用车", v.retired_service), ("其他用车", v.other))
    if v.stated_total is not None and v.stated_total != v.total:
        listed = " + ".join(f"{label}{n}" for label, n in classes)
        yield Found("$.assets.vehicles.stated_total",
                    f"各类车辆合计{v.total}辆（{listed}），与共有车辆{v.stated_total}辆不符",
                    expected=v.total, actual=v.stated_total)
    fleet = ctx.report.three_public_costs.vehicle_operation.fleet
    whole = v.total if v.stated_total is None else v.stated_total
    if fleet is not None and whole and fleet > whole:
        yield Found("$.three_public_costs.vehicle_operation.fleet",
                    f"开支财政拨款的公务用车保有量{fleet}辆，超过共有车辆{whole}辆", expected=whole, actual=fleet)


def _procurement_pairs(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, str, Decimal]]:
    """(path, part's label, part, whole's label, whole): amounts that cannot exceed another."""
    p = ctx.report.procurement
    base = "$.procurement.reserved"
    r = p.reserved
    if r is not None:
        yield (f"{base}.sme_budget", "面向中小企业预留项目预算金额", r.sme_budget, "政府采购金额", p.total)
        yield (f"{base}.small_micro_budget", "面向小微企业预留项目预算金额", r.small_micro_budget,
               "面向中小企业预留项目预算金额", r.sme_budget)
        yield (f"{base}.sme_awarded", "预留项目中由中小企业中标或成交的金额", r.sme_awarded, "政府采购金额", p.total)
        yield (f"{base}.small_micro_awarded", "小微企业预留项目中由小微企业中标或成交的金额", r.small_micro_awarded,
               "授予小微企业合同金额", p.awarded_to_small_micro)
    k, m = p.awarded_to_sme_by_kind, p.awarded_to_small_micro_by_kind
    for key, label in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
        if k is not None:
            yield (f"$.procurement.awarded_to_sme_by_kind.{key}", f"授予中小企业的{label}合同金额", getattr(k, key),
                   f"{label}采购金额", getattr(p, key))
        if m is not None:
            yield (f"$.procurement.awarded_to_small_micro_by_kind.{key}", f"授予小微企业的{label}合同金额",
                   getattr(m, key), f"授予中小企业的{label}合同金额",
                   getattr(k, key) if k is not None else getattr(p, key))


@rule("procurement-reservations", ERROR, "中小企业预留及授予金额不超过采购总额，预留与其他项目的授予金额之和 = 授予中小企业合同金额",
      example="面向小微企业预留项目预算金额60.00万元，超过面向中小企业预留项目预算金额50.00万元")
def procurement_reservations(ctx: RuleContext) -> Iterator[Found]:
    """政府采购 (以合同签订为准): the SME reservation is within the year's procurement and the
    small-and-micro reservation within the SME reservation; awards won in reserved projects are
    within the procurement, small-and-micro awards in their reservation within all small-and-micro
    awards; each kind's SME awards within that kind and its small-and-micro awards within those. The awards in reserved and in other projects
    add up to 授予中小企业合同金额, and the SME awards by kind likewise (the small-and-micro awards
    by kind to 授予小微企业合同金额)."""
    for path, part_label, part, whole_label, whole in _procurement_pairs(ctx):
        if part - whole >= ctx.tolerance:
            yield Found(path, f"{part_label}{amount(part)}万元，超过{whole_label}{amount(whole)}万元",
                        expected=whole, actual=part)
    p = ctx.report.procurement
    sums = []
    if p.reserved is not None:
        sums.append(("$.procurement.reserved.other_sme_awarded", "预留项目与其他项目中由中小企业中标或成交的金额之和",
                     p.reserved.sme_awarded + p.reserved.other_sme_awarded, "授予中小企业合同金额", p.awarded_to_sme))
    if p.awarded_to_sme_by_kind is not None:
        sums.append(("$.procurement.awarded_to_sme_by_kind", "货物、工程、服务授予中小企业合同金额之和",
                     p.awarded_to_sme_by_kind.total, "授予中小企业合同金额", p.awarded_to_sme))
    if p.awarded_to_small_micro_by_kind is not None:
        sums.append(("$.procurement.awarded_to_small_micro_by_kind", "货物、工程、服务授予小微企业合同金额之和",
                     p.awarded_to_small_micro_by_kind.total, "授予小微企业合同金额", p.awarded_to_small_micro))
    for path, label, total, whole_label, whole in sums:
        if ctx.differ(total, whole):
            yield Found(path, f"{label}{amount(total)}万元，与{whole_label}{amount(whole)}万元不一致",
                        expected=whole, actual=total)


@rule("grade-counts", ERROR, "绩效评级（优、良、合格、不合格）项目数之和 = 绩效自评项目数；已整改 + 正在整改 = 发现问题数",
      example="绩效评级为优3个、良2个、合格1个、不合格0个，合计6个，与绩效自评项目数7个不符")
def grade_counts(ctx: RuleContext) -> Iterator[Found]:
    """预算绩效管理 (``performance.management``): the projects graded 优, 良, 合格 and 不合格 are the
    projects self-evaluated; the problems rectified and being rectified are the problems found; and
    the counts of projects with goals, monitored and self-evaluated agree with ``performance``'s
    own counts where both are given."""
    performance = ctx.report.performance
    m = performance.management
    if m is None:
        return
    base = "$.performance.management"
    g = m.grades
    if g.total != m.self_evaluated.projects:
        yield Found(f"{base}.grades", f"绩效评级为优{g.excellent}个、良{g.good}个、合格{g.passed}个、不合格{g.failed}个，"
                                      f"合计{g.total}个，与绩效自评项目数{m.self_evaluated.projects}个不符",
                    expected=m.self_evaluated.projects, actual=g.total)
    p = m.problems
    if p.rectified + p.in_progress != p.found:
        yield Found(f"{base}.problems", f"已完成整改{p.rectified}个 + 正在整改{p.in_progress}个 = "
                                        f"{p.rectified + p.in_progress}个，与发现问题{p.found}个不符",
                    expected=p.found, actual=p.rectified + p.in_progress)
    for key, label in (("goals_set", "编报绩效目标的项目"), ("monitored", "绩效跟踪评价的项目"),
                       ("self_evaluated", "绩效自评的项目")):
        stated, counted = getattr(performance, key), getattr(m, key).projects
        if stated and stated != counted:
            yield Found(f"{base}.{key}.projects", f"{label}{counted}个，与performance.{key}的{stated}个不符",
                        expected=stated, actual=counted)


@rule("fund-item-budget", ERROR, "政府性基金、国有资本经营预算各项预算数之和 = 该预算的预算数",
      example="政府性基金预算财政拨款各项预算数合计230.00万元，与政府性基金预算财政拨款预算数235.00万元不一致")
def fund_item_budget(ctx: RuleContext) -> Iterator[Found]:
    """Where every 项 of a fund gives its budget (``items[].budget``, 调整后预算), they add up to the
    fund's ``budget``, which sections 八 and 九 and the 财政拨款 tables print."""
    for key, label in _FUNDS:
        fund = getattr(ctx.report, key)
        budgets = [item.budget for item in fund.items]
        if not budgets or None in budgets:
            continue
        total = sum(budgets, ZERO)
        if ctx.differ(total, fund.budget):
            yield Found(f"$.{key}.items", f"{label}各项预算数合计{amount(total)}万元，与{label}预算数"
                                          f"{amount(fund.budget)}万元不一致", expected=fund.budget, actual=total)


@rule("fund-item-variance", WARNING, "政府性基金、国有资本经营预算各项决算数与预算数不同时说明原因",
      example="政府性基金预算财政拨款2296001项决算数40.00万元，小于预算数45.00万元，未说明原因（reason）")
def fund_item_variance(ctx: RuleContext) -> Iterator[Found]:
    """A fund 项 whose 本年支出 differs from its budget (``budget``, else ``initial_budget``) gives the
    reason (``reason``): the current templates print 决算数大于（小于）预算数的主要原因 for every 项."""
    for key, label in _FUNDS:
        for i, item in enumerate(getattr(ctx.report, key).items):
            budget = item.budget if item.budget is not None else item.initial_budget
            if budget is None or item.reason or not ctx.differ(item.actual, budget):
                continue
            compared = "大于" if item.actual > budget else "小于"
            yield Found(f"$.{key}.items[{i}].reason", f"{label}{item.code}项决算数{amount(item.actual)}万元，"
                                                      f"{compared}预算数{amount(budget)}万元，未说明原因（reason）",
                        expected=budget, actual=item.actual)


@rule("project-funds", ERROR, "项目自评表的资金来源合计 = 项目预算数与执行数",
      example="“动物疫病防控专项经费”调整后预算数合计72.00万元，与项目预算数70.00万元不一致")
def project_funds(ctx: RuleContext) -> Iterator[Found]:
    """A project's 预算管理一体化 funds (``funds``) agree with its budget and execution: the
    调整后预算数 over every source is the project's 预算数 (``budget``), the 预算执行数 its 执行数
    (``execution``), the 年初预算 its ``initial_budget`` where given. The tables and the text quote
    the same project."""
    for i, project in enumerate(ctx.report.performance.projects):
        funds = project.funds
        if funds is None:
            continue
        base = f"$.performance.projects[{i}].funds"
        for key, label, by_source, whole, whole_label in (
                ("adjusted_budget", "调整后预算数", funds.adjusted_budget, project.budget.total, "项目预算数"),
                ("executed", "预算执行数", funds.executed, project.execution.total, "项目执行数"),
                ("initial_budget", "年初预算", funds.initial_budget, project.initial_budget, "项目年初预算数")):
            if whole is not None and ctx.differ(by_source.total, whole):
                yield Found(f"{base}.{key}", f"“{project.name}”{label}合计{amount(by_source.total)}万元，"
                                             f"与{whole_label}{amount(whole)}万元不一致", expected=whole, actual=by_source.total)


@rule("project-weights", WARNING, "项目自评表的指标权重之和为90分、得分不超过权重",
      example="“动物疫病防控专项经费”各项指标权重合计85分，应为90分（预算执行率另占10分）")
def project_weights(ctx: RuleContext) -> Iterator[Found]:
    """Where every indicator of a project gives its 权重 (``weight``), they add up to 90 (the budget
    execution takes the other 10 of 100), and no indicator scores more than its weight."""
    for i, project in enumerate(ctx.report.performance.projects):
        score = ctx.figures.project_scores[project]
        base = f"$.performance.projects[{i}].indicators"
        if score.indicator_weight is not None and score.indicator_weight != 90:
            yield Found(base, f"“{project.name}”各项指标权重合计{amount(score.indicator_weight)}分，应为90分"
                              f"（预算执行率另占10分）", expected=Decimal(90), actual=score.indicator_weight)
        for j, indicator in enumerate(project.indicators):
            if indicator.weight is not None and indicator.score is not None and indicator.score > indicator.weight:
                yield Found(f"{base}[{j}].score", f"“{project.name}”指标“{indicator.level3}”得分"
                                                  f"{amount(indicator.score)}超过权重{amount(indicator.weight)}",
                            expected=indicator.weight, actual=indicator.score)


@rule("units-own-level-first", WARNING, "部门决算单位构成以本级开头",
      example="部门决算单位构成的第一个单位“上海市某某中心”不是本级")
def units_own_level_first(ctx: RuleContext) -> Iterator[Found]:
    """部门决算单位构成 lists the department's own accounts (本级) first, then its units."""
    units = ctx.report.overview.units
    if units and "本级" not in units[0].name:
        yield Found("$.overview.units[0].name", f"部门决算单位构成的第一个单位“{units[0].name}”不是本级")
