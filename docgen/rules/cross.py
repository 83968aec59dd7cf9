"""Cross-checks a hand-made report fails: figures of one section against those of another that
they must agree with (fleet and purchases, “三公” and the economic lines, the tables' detail per 项
and the grants, projects and what pays for them, counts and lists, budgets and actuals)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..regions import BASE, load_region
from . import ERROR, WARNING, Found, RuleContext, amount, percent, rule

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@rule("fleet-purchase", ERROR, "本年购置的公务用车不多于年末公务用车保有量",
      example="本年更新购置公务用车2辆，但年末公务用车保有量为1辆")
def fleet_purchase(ctx: RuleContext) -> Iterator[Found]:
    """The vehicles bought this year (“三公” 公务用车购置) are among the vehicles held at the end of
    the year (国有资产: the fleet, the sum of its classes)."""
    bought = ctx.report.three_public_costs.vehicle_purchase.vehicles
    fleet = ctx.report.assets.vehicles.total
    if bought > fleet:
        yield Found("$.assets.vehicles", f"本年更新购置公务用车{bought}辆，但年末公务用车保有量为{fleet}辆",
                    expected=bought, actual=fleet)


_FLEET = {"ministerial": "部级领导干部用车", "leaders": "主要领导干部用车", "confidential": "机要通信用车", "emergency": "应急保障用车",
          "law_enforcement": "执法执勤用车", "special_technical": "特种专业技术用车", "retired_service": "离退休干部服务用车",
          "other": "其他用车"}


@rule("fleet-classes", WARNING, "公务用车有“三公”经费说明不列出的分类（列出的分类合计少于保有量）",
      section="three_public_costs",
      example="公务用车7辆中特种专业技术用车1辆不在“三公”经费说明所列分类中：说明列出的分类合计6辆，少于7辆")
def fleet_classes(ctx: RuleContext) -> Iterator[Found]:
    """A “三公” sentence of the pack that prints the fleet ({fleet}) by class (四川: 其中：主要领导干部用车…辆、
    机要通信用车…辆 …) names only some classes: vehicles of a class it leaves out make the classes it
    prints add up to less than the fleet it prints. What the pack's wording prints decides: a pack
    that prints the fleet without classes (上海: 公务用车保有量为N辆), or every class, has nothing to warn."""
    v = ctx.report.assets.vehicles
    for listed in _fleet_listings(ctx.region):
        left_out = [(key, getattr(v, key)) for key in _FLEET if key not in listed and getattr(v, key)]
        if left_out:
            shown = sum((getattr(v, key) for key in listed), 0)
            names = "、".join(f"{_FLEET[key]}{n}辆" for key, n in left_out)
            yield Found("$.assets.vehicles", f"公务用车{v.total}辆中{names}不在“三公”经费说明所列分类中：说明列出的分类合计"
                                             f"{shown}辆，少于{v.total}辆", expected=v.total, actual=shown)
            return


def _fleet_listings(region) -> list[set[str]]:
    """The classes each “三公” pattern of ``region`` that prints the fleet by class names (the base
    pack's without a region)."""
    if region is None:
        region = load_region(BASE)  # the catalogue's defaults: the base pack's wording
    listings = []
    for text in region.phrases("three_public_costs").values():
        if not isinstance(text, str) or "{fleet}" not in text:
            continue
        listed = {key for key in _FLEET if "{%s}" % key in text}
        if listed:
            listings.append(listed)
    return listings


_THREE_PUBLIC = (("30212", "travel_abroad", "因公出国（境）费"), ("30217", "reception", "公务接待费"),
                 ("30231", "vehicle_operation", "公务用车运行维护费"), ("31013", "vehicle_purchase", "公务用车购置费"))


def _line_sum(lines, code: str) -> tuple[Decimal, int | None]:
    total, first = ZERO, None
    for i, line in enumerate(lines):
        if line.code == code:
            total += line.amount
            first = i if first is None else first
    return total, first


@rule("three-public-lines", ERROR, "“三公”经费 = 基本支出与项目支出中对应经济科目之和（加基金支付部分）",
      section="three_public_costs",
      example="公务接待费3.85万元，与基本支出（30217）3.10 + 项目支出（30217）0.70 + 基金支付0 = 3.80万元不一致")
def three_public_lines(ctx: RuleContext) -> Iterator[Found]:
    """Where the data gives project spending by economic code (``detail.project_lines``), each
    “三公” category's actual = its economic line in basic spending + the same line in project
    spending + the part paid from the funds (30212 因公出国（境）费用, 30217 公务接待费, 30231
    公务用车运行维护费, 31013 公务用车购置): the two classifications of the same money. Checked where the
    economic lines hold at least one of these codes; without project lines
    ``three-public-economic-link`` warns when the basic line alone exceeds the category."""
    r = ctx.report
    codes = {code for code, _, _ in _THREE_PUBLIC}
    if not r.detail.project_lines or not any(line.code in codes
                                             for line in r.basic_spending.lines + r.detail.project_lines):
        return  # no “三公” line in either classification: the department does not break them down
    costs = r.three_public_costs
    for code, key, label in _THREE_PUBLIC:
        basic, _ = _line_sum(r.basic_spending.lines, code)
        project, _ = _line_sum(r.detail.project_lines, code)
        funds = sum((getattr(getattr(r, fund).three_public_costs, key).actual
                     for fund in ("government_fund", "state_capital")
                     if getattr(r, fund).three_public_costs is not None), ZERO)
        total, actual = basic + project + funds, getattr(costs, key).actual
        if ctx.differ(total, actual):
            path = f"$.three_public_costs.{key}" + (".domestic.amount" if key == "reception" else ".actual")
            yield Found(path, f"{label}{amount(actual)}万元，与基本支出（{code}）{amount(basic)} + 项目支出（{code}）"
                              f"{amount(project)} + 基金支付{amount(funds)} = {amount(total)}万元不一致",
                        expected=total, actual=actual)


def _grant_rows(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, Decimal]]:
    """(path, code, 基本支出, 项目支出) of every 项 paid from grants: general budget and funds."""
    for i, item in enumerate(ctx.report.general_budget.items):
        basic, project = item.basic, item.project
        if basic is None and project is None:
            continue
        basic = item.actual - project if basic is None else basic
        project = item.actual - basic if project is None else project
        yield f"$.general_budget.items[{i}]", item.code, basic, project
    for key in ("government_fund", "state_capital"):
        for i, item in enumerate(getattr(ctx.report, key).items):
            yield f"$.{key}.items[{i}]", item.code, item.basic, item.project


@rule("detail-item", ERROR, "支出决算表各项（全部资金）不小于该项的财政拨款支出（基本支出、项目支出）",
      section="tables",
      example="支出决算表中2130102的项目支出120.00万元，小于该项财政拨款项目支出125.80万元")
def detail_item(ctx: RuleContext) -> Iterator[Found]:
    """Where the data gives spending per 项 over all funds (``detail.spending_lines``), every 项
    paid from grants (``general_budget.items``, the funds' ``items``) has its row there, with a
    基本支出 and a 项目支出 no smaller than the grants' part: a 项 moved to a neighbouring code or two
    rows transposed fail one or the other."""
    lines = ctx.report.detail.spending_lines
    if not lines:
        return
    rows: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        basic, project = rows.get(line.code, (ZERO, ZERO))
        rows[line.code] = (basic + line.basic, project + line.project)
    for path, code, basic, project in _grant_rows(ctx):
        if code not in rows:
            if basic or project:
                yield Found(f"{path}.code", f"{ctx.function_name(code)}（{code}）有财政拨款支出，但支出决算表"
                                            "（detail.spending_lines）没有该项", actual=code)
            continue
        for value, whole, label in ((basic, rows[code][0], "基本支出"), (project, rows[code][1], "项目支出")):
            if value - whole >= ctx.tolerance:
                yield Found(f"{path}.code", f"支出决算表中{code}的{label}{amount(whole)}万元，小于该项财政拨款"
                                            f"{label}{amount(value)}万元", expected=value, actual=whole)


_GRANT_SOURCES = (("general_budget_grant", "general_budget", "一般公共预算财政拨款"),
                  ("government_fund_grant", "government_fund", "政府性基金预算财政拨款"),
                  ("state_capital_grant", "state_capital", "国有资本经营预算财政拨款"))


def _grant_carry_overs(ctx: RuleContext) -> Decimal:
    """年初 + 年末 carry-overs of the general-budget grants (the grants' less the funds')."""
    r = ctx.report
    funds = (r.government_fund, r.state_capital)
    start = r.fiscal_grants.carry_over_start - sum((f.carry_over_start for f in funds), ZERO)
    end = r.fiscal_grants.carry_over_end - sum((f.carry_over_end for f in funds), ZERO)
    return max(start, ZERO) + max(end, ZERO)


@rule("detail-income-item", ERROR, "收入决算表各项的财政拨款收入对应财政拨款支出的科目（项），差额不超过结转结余",
      section="tables",
      example="收入决算表中2130103有一般公共预算财政拨款收入120.00万元，但一般公共预算财政拨款支出中没有该项")
def detail_income_item(ctx: RuleContext) -> Iterator[Found]:
    """Where the data gives income per 项 (``detail.income_lines``): a 项 with 一般公共预算 (政府性基金,
    国有资本经营预算) 财政拨款收入 is a 项 of ``general_budget.items`` (of that fund's ``items``); and the
    项 differ from their general-budget spending by no more, all together, than the carry-overs allow:
    Σ |财政拨款收入 − 财政拨款支出| per 项 ≤ 年初 + 年末一般公共预算财政拨款结转和结余. A row typed under a
    neighbouring code or two rows transposed break one or the other."""
    r = ctx.report
    lines = r.detail.income_lines
    if not lines:
        return
    listed = {"general_budget": {item.code: item.actual for item in r.general_budget.items},
              "government_fund": {item.code: item.actual for item in r.government_fund.items},
              "state_capital": {item.code: item.actual for item in r.state_capital.items}}
    received: dict[str, Decimal] = {}
    for i, line in enumerate(lines):
        for field, key, label in _GRANT_SOURCES:
            value = getattr(line, field)
            if value and line.code not in listed[key]:
                yield Found(f"$.detail.income_lines[{i}].code", f"收入决算表中{line.code}有{label}收入{amount(value)}万元，"
                                                               f"但{label}支出中没有该项", actual=line.code)
        received[line.code] = received.get(line.code, ZERO) + line.general_budget_grant
    spent = listed["general_budget"]
    gap = sum((abs(received.get(code, ZERO) - spent.get(code, ZERO)) for code in set(received) | set(spent)), ZERO)
    allowed = _grant_carry_overs(ctx)
    if gap - allowed >= ctx.tolerance:
        yield Found("$.detail.income_lines", f"收入决算表各项一般公共预算财政拨款收入与各项支出之差合计{amount(gap)}万元，"
                                             f"超过年初、年末一般公共预算财政拨款结转和结余之和{amount(allowed)}万元",
                    expected=allowed, actual=gap)


def _project_payers(ctx: RuleContext) -> dict[str, tuple[str, str, Decimal, Decimal]]:
    """code → (path, what, budget, spent on projects) for each 项 or fund a project may name."""
    r = ctx.report
    payers: dict[str, tuple[str, str, Decimal, Decimal]] = {}
    for i, item in enumerate(r.general_budget.items):
        project = item.project if item.project is not None else (
            item.actual - item.basic if item.basic is not None else item.actual)
        payers[item.code] = (f"$.general_budget.items[{i}]", f"{ctx.function_name(item.code)}（项）",
                             item.budget, project)
    for key, label in (("government_fund", "政府性基金预算财政拨款"), ("state_capital", "国有资本经营预算财政拨款")):
        fund = getattr(r, key)
        for item in fund.items:
            payers[item.code] = (f"$.{key}", label, fund.budget, fund.actual)
    return payers


@rule("project-payer", ERROR, "项目预算、执行数不超过支付它的科目（项）或基金的预算数、支出数",
      section="other_matters",
      example="政府性基金预算财政拨款所列项目预算合计235.00万元，大于其预算数230.00万元")
def project_payer(ctx: RuleContext) -> Iterator[Found]:
    """Projects that name the 项 paying them (``performance.projects[].code``), grouped by what pays
    them — a 项 of general-budget spending, or a fund (政府性基金, 国有资本经营预算) through one of its
    items: their 财政拨款 budgets add up to no more than its 预算数, their 财政拨款 executions to no more
    than its 项目支出 (a fund: its 本年支出). A code that is neither is an unknown reference."""
    payers = _project_payers(ctx)
    groups: dict[str, list[tuple[int, object]]] = {}
    for i, project in enumerate(ctx.report.performance.projects):
        if project.code is None:
            continue
        if project.code not in payers:
            yield Found(f"$.performance.projects[{i}].code",
                        f"“{project.name}”的科目 {project.code} 既不在一般公共预算财政拨款支出的各项中，"
                        "也不在政府性基金、国有资本经营预算的各项中", actual=project.code)
            continue
        groups.setdefault(payers[project.code][0], []).append((i, project))
    for path, members in groups.items():
        _, what, budget, spent = payers[members[0][1].code]
        first = members[0][0]
        budgets = sum((p.budget.grant for _, p in members), ZERO)
        executions = sum((p.execution.grant for _, p in members), ZERO)
        if budgets - budget >= ctx.tolerance:
            yield Found(f"$.performance.projects[{first}].budget.grant",
                        f"{what}所列项目财政拨款预算合计{amount(budgets)}万元，大于其预算数{amount(budget)}万元",
                        expected=budget, actual=budgets)
        if executions - spent >= ctx.tolerance:
            yield Found(f"$.performance.projects[{first}].execution.grant",
                        f"{what}所列项目财政拨款执行数合计{amount(executions)}万元，大于其项目支出{amount(spent)}万元",
                        expected=spent, actual=executions)


@rule("projects-within-spending", ERROR, "项目执行数之和不超过项目支出，同一项目不重复列示", section="other_matters",
      example="所列项目执行数合计480.00万元，大于本年项目支出466.70万元")
def projects_within_spending(ctx: RuleContext) -> Iterator[Found]:
    """The executions of the projects with performance goals add up to no more than 本年项目支出
    (``spending.kinds.project``), and no project is listed twice (by name)."""
    projects = ctx.report.performance.projects
    seen: dict[str, int] = {}
    for i, project in enumerate(projects):
        if project.name in seen:
            yield Found(f"$.performance.projects[{i}].name",
                        f"项目“{project.name}”在 $.performance.projects[{seen[project.name]}] 已列示，此处重复",
                        actual=project.name)
        seen.setdefault(project.name, i)
    total = sum((p.execution.total for p in projects), ZERO)
    whole = ctx.report.spending.kinds.project
    if projects and total - whole >= ctx.tolerance:
        yield Found("$.performance.projects", f"所列项目执行数合计{amount(total)}万元，大于本年项目支出{amount(whole)}万元",
                    expected=whole, actual=total)


@rule("performance-counts", ERROR, "绩效管理中的项目个数与所列项目一致", section="other_matters",
      example="绩效自评项目3个，但列出了4个项目的绩效目标完成情况")
def performance_counts(ctx: RuleContext) -> Iterator[Found]:
    """The counts of section 十（四）: every listed project was self-evaluated (自评个数 ≥ 所列项目数),
    monitored and self-evaluated projects are among those with goals (监控、自评个数 ≤ 编制绩效目标个数),
    and the projects given an ex-ante assessment are no more than those with goals."""
    p = ctx.report.performance
    listed = len(p.projects)
    if p.self_evaluated < listed:
        yield Found("$.performance.self_evaluated", f"绩效自评项目{p.self_evaluated}个，但列出了{listed}个项目的绩效目标完成情况",
                    expected=listed, actual=p.self_evaluated)
    for key, label, value in (("monitored", "绩效监控", p.monitored), ("self_evaluated", "绩效自评", p.self_evaluated),
                              ("ex_ante_assessed", "事前绩效评估", len(p.ex_ante_assessed))):
        if p.goals_set and value > p.goals_set:
            yield Found(f"$.performance.{key}", f"{label}项目{value}个，多于编制绩效目标的项目{p.goals_set}个",
                        expected=p.goals_set, actual=value)


def _budgeted(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, Decimal]]:
    r = ctx.report
    for i, item in enumerate(r.general_budget.items):
        yield f"$.general_budget.items[{i}].actual", f"{ctx.function_name(item.code)}（项）", item.actual, item.budget
    for key, label in (("government_fund", "政府性基金预算财政拨款支出"), ("state_capital", "国有资本经营预算财政拨款支出")):
        fund = getattr(r, key)
        yield f"$.{key}.actual", label, fund.actual, fund.budget


@rule("budget-deviation", WARNING, "决算数与预算数相差过大（默认超过30%）", params={"max_rate": Decimal(30)},
      example="行政运行（项）决算数12.00万元，比预算数20.00万元少40%，超过30%")
def budget_deviation(ctx: RuleContext) -> Iterator[Found]:
    """A 项 of general-budget spending and each fund's spending differ from their budget by no more
    than ``max_rate`` percent of it (default 30): more usually means a figure in the wrong column or
    a budget never adjusted. A 0 budget is ``reason-missing``'s business; “三公”经费 over its budget
    is ``three-public-over-budget``'s."""
    limit = ctx.params["max_rate"]
    for path, what, actual, budget in _budgeted(ctx):
        if not budget:
            continue
        deviation = (actual - budget) * HUNDRED / budget
        if abs(deviation) > limit:
            side = "多" if deviation > 0 else "少"
            yield Found(path, f"{what}决算数{amount(actual)}万元，比预算数{amount(budget)}万元{side}"
                              f"{percent(abs(deviation).quantize(Decimal('0.01')))}%，超过{percent(limit)}%",
                        expected=budget, actual=actual)


@rule("list-empty", ERROR, "必需的列表为空（职能、各项支出、基本支出明细）",
      example="部门职能（overview.functions）为空：报告的“部门职能”一节将没有内容")
def list_empty(ctx: RuleContext) -> Iterator[Found]:
    """The lists a report cannot go without hold at least one entry: 部门职能 (``overview.functions``),
    一般公共预算财政拨款支出 by 项 (``general_budget.items``), 基本支出 by economic code
    (``basic_spending.lines``); and where projects have performance goals (``goals_set``) or are
    self-evaluated, the projects themselves (``performance.projects``)."""
    r = ctx.report
    for path, entries, what in (("$.overview.functions", r.overview.functions, "部门职能"),
                                ("$.general_budget.items", r.general_budget.items, "一般公共预算财政拨款支出各项"),
                                ("$.basic_spending.lines", r.basic_spending.lines, "基本支出经济分类明细")):
        if not entries:
            yield Found(path, f"{what}（{path[2:]}）为空：报告的相应内容将没有数据")
    p = r.performance
    if not p.projects and (p.goals_set or p.self_evaluated):
        yield Found("$.performance.projects", f"编制绩效目标的项目{p.goals_set}个、自评{p.self_evaluated}个，"
                                              "但没有列出任何项目（performance.projects 为空）")
