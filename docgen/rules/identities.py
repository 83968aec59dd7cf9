"""The identities of domain.md §5 that the data can break.

Most identities hold by construction, because the model derives the total from its parts
(收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 本年收入合计 = Σ sources; 基本支出 =
人员经费 + 公用经费; “三公” = Σ categories; change, rate, completion and share): docs/rules.md
lists them. What remains are identities between figures typed separately: both sides of the
balance, a fund's carry-overs, and parts that cannot exceed their whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from . import ERROR, Found, RuleContext, amount, rule

ZERO = Decimal(0)


@rule("income-spending-balance", ERROR, "收入总计与支出总计相等", section="income_spending",
      example="收入总计421.06万元（本年收入合计421.06 + 使用非财政拨款结余0 + 年初结转和结余0）与支出总计"
              "429.51万元（本年支出合计429.51 + 结余分配0 + 年末结转和结余0）不相等，相差8.45万元：请核对年初结转和结余、"
              "年末结转和结余是否漏填")
def income_spending_balance(ctx: RuleContext) -> Iterator[Found]:
    """收入总计 (本年收入合计 + 使用非财政拨款结余 + 年初结转和结余) = 支出总计 (本年支出合计 + 结余分配 +
    年末结转和结余)."""
    f, r = ctx.figures, ctx.report
    if ctx.differ(f.income_total, f.spending_total):
        yield Found(
            "$.income",
            f"收入总计{amount(f.income_total)}万元（本年收入合计{amount(f.income_this_year)} + 使用非财政拨款结余"
            f"{amount(r.income.non_grant_balance_used)} + 年初结转和结余{amount(r.income.carry_over_start)}）与支出总计"
            f"{amount(f.spending_total)}万元（本年支出合计{amount(f.spending_this_year)} + 结余分配"
            f"{amount(r.spending.balance_distribution)} + 年末结转和结余{amount(r.spending.carry_over_end)}）不相等，"
            f"相差{amount(abs(f.income_total - f.spending_total))}万元：请核对年初结转和结余、年末结转和结余是否漏填",
            expected=f.spending_total, actual=f.income_total)


@rule("grant-balance", ERROR, "财政拨款收入总计与财政拨款支出总计相等", section="grants",
      example="财政拨款收入总计421.06万元（本年财政拨款收入421.06 + 年初财政拨款结转和结余0）与财政拨款支出总计"
              "429.51万元（本年财政拨款支出429.51 + 年末财政拨款结转和结余0）不相等，相差8.45万元")
def grant_balance(ctx: RuleContext) -> Iterator[Found]:
    """财政拨款收入总计 (本年财政拨款收入 + 年初财政拨款结转和结余) = 财政拨款支出总计 (一般公共预算、政府性基金、
    国有资本经营预算财政拨款支出 + 年末财政拨款结转和结余). With the two fund balances below, this also
    balances the 一般公共预算 part on its own."""
    f, r = ctx.figures, ctx.report
    if ctx.differ(f.grant_income_total, f.grant_spending_total):
        yield Found(
            "$.fiscal_grants",
            f"财政拨款收入总计{amount(f.grant_income_total)}万元（本年财政拨款收入{amount(r.income.sources.fiscal_grants)}"
            f" + 年初财政拨款结转和结余{amount(r.fiscal_grants.carry_over_start)}）与财政拨款支出总计"
            f"{amount(f.grant_spending_total)}万元（本年财政拨款支出{amount(f.grant_spending_this_year)} + "
            f"年末财政拨款结转和结余{amount(r.fiscal_grants.carry_over_end)}）不相等，"
            f"相差{amount(abs(f.grant_income_total - f.grant_spending_total))}万元",
            expected=f.grant_spending_total, actual=f.grant_income_total)


_FUNDS = (("government_fund", "政府性基金预算财政拨款", "government_fund_grant"),
          ("state_capital", "国有资本经营预算财政拨款", "state_capital_grant"))


@rule("fund-balance", ERROR, "政府性基金、国有资本经营预算财政拨款：年初结转 + 本年收入 − 本年支出 = 年末结转",
      example="政府性基金预算财政拨款年初结转和结余2.00 + 本年收入10.00 − 本年支出9.00 = 3.00万元，"
              "与年末结转和结余3.50万元不符")
def fund_balance(ctx: RuleContext) -> Iterator[Found]:
    """For each of 政府性基金 and 国有资本经营预算财政拨款, and each of its ``items``: 年初结转和结余 +
    本年收入 − 本年支出 = 年末结转和结余 (the fund's 收入支出决算表, sections 八 and 九)."""
    for key, label, _ in _FUNDS:
        fund = getattr(ctx.report, key)
        rows = [(f"$.{key}", label, fund)]
        rows += [(f"$.{key}.items[{i}]", f"{label}{item.code}", item) for i, item in enumerate(fund.items)]
        for path, what, row in rows:
            expected = row.carry_over_start + row.income - row.actual
            if ctx.differ(expected, row.carry_over_end):
                yield Found(
                    f"{path}.carry_over_end",
                    f"{what}年初结转和结余{amount(row.carry_over_start)} + 本年收入{amount(row.income)} − 本年支出"
                    f"{amount(row.actual)} = {amount(expected)}万元，与年末结转和结余{amount(row.carry_over_end)}万元不符",
                    expected=expected, actual=row.carry_over_end)


@rule("fund-income", ERROR, "政府性基金、国有资本经营预算财政拨款本年收入与收入决算一致",
      example="政府性基金预算财政拨款本年收入10.00万元，与收入决算中的政府性基金预算财政拨款收入12.00万元不一致")
def fund_income(ctx: RuleContext) -> Iterator[Found]:
    """A fund's 本年收入 (sections 八, 九) = the same fund's 财政拨款收入 among the income sources (section 二)."""
    sources = ctx.report.income.sources
    for key, label, source in _FUNDS:
        fund = getattr(ctx.report, key)
        stated = getattr(sources, source)
        if ctx.differ(fund.income, stated):
            yield Found(f"$.{key}.income",
                        f"{label}本年收入{amount(fund.income)}万元，与收入决算中的{label}收入{amount(stated)}万元不一致",
                        expected=stated, actual=fund.income)


def _wholes(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, str, Decimal]]:
    """(path, part's label, part, whole's label, whole) for every part-of-whole pair typed apart."""
    r, f = ctx.report, ctx.figures
    fg, gf, sc = r.fiscal_grants, r.government_fund, r.state_capital
    yield ("$.fiscal_grants.carry_over_start", "年初财政拨款结转和结余", fg.carry_over_start,
           "年初结转和结余", r.income.carry_over_start)
    yield ("$.fiscal_grants.carry_over_end", "年末财政拨款结转和结余", fg.carry_over_end,
           "年末结转和结余", r.spending.carry_over_end)
    yield ("$.government_fund.carry_over_start", "政府性基金与国有资本经营预算年初结转和结余之和",
           gf.carry_over_start + sc.carry_over_start, "年初财政拨款结转和结余", fg.carry_over_start)
    yield ("$.government_fund.carry_over_end", "政府性基金与国有资本经营预算年末结转和结余之和",
           gf.carry_over_end + sc.carry_over_end, "年末财政拨款结转和结余", fg.carry_over_end)
    yield ("$.general_budget", "本年财政拨款支出（一般公共预算、政府性基金、国有资本经营预算）",
           f.grant_spending_this_year, "本年支出合计", f.spending_this_year)
    yield ("$.basic_spending", "一般公共预算财政拨款基本支出", f.basic_total, "本年基本支出", r.spending.kinds.basic)
    rc = r.three_public_costs.reception
    yield ("$.three_public_costs.reception.foreign.amount", "外事接待支出", rc.foreign.amount,
           "国内公务接待支出（含外事接待）", rc.domestic.amount)
    p = r.procurement
    yield ("$.procurement.goods", "政府采购支出总额（货物、工程、服务）", p.total, "本年支出合计", f.spending_this_year)
    yield ("$.procurement.awarded_to_sme", "授予中小企业合同金额", p.awarded_to_sme, "政府采购支出总额", p.total)
    yield ("$.procurement.awarded_to_small_micro", "授予小微企业合同金额", p.awarded_to_small_micro,
           "授予中小企业合同金额", p.awarded_to_sme)
    c = r.three_public_costs
    for key, label in (("travel_abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                       ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费")):
        parts = [(fund, getattr(getattr(r, fund).three_public_costs, key)) for fund in ("government_fund", "state_capital")
                 if getattr(r, fund).three_public_costs is not None]
        if not parts:
            continue
        # One comparison of the funds' parts together against the whole, at the first fund's path.
        first_fund = parts[0][0]
        for side, what in (("actual", "决算"), ("budget", "预算")):
            yield (f"$.{first_fund}.three_public_costs.{key}.{side}", f"基金“三公”经费中的{label}{what}",
                   sum((getattr(part, side) for _, part in parts), ZERO), f"“三公”经费中的{label}{what}",
                   getattr(getattr(c, key), side))
    for i, project in enumerate(r.performance.projects):
        e = project.evaluation
        if e is not None and e.funds_received is not None:
            yield (f"$.performance.projects[{i}].evaluation.funds_received", f"“{project.name}”资金到位数",
                   e.funds_received, "项目预算数", project.budget.total)


@rule("part-within-whole", ERROR, "部分不大于整体（财政拨款结转、基本支出、外事接待、基金“三公”、政府采购、中小企业合同、资金到位）",
      example="外事接待支出1.20万元大于国内公务接待支出（含外事接待）0.67万元")
def part_within_whole(ctx: RuleContext) -> Iterator[Found]:
    """A part typed apart from its whole is not larger than it: 财政拨款 carry-overs within all
    carry-overs, the funds' carry-overs within the grants', 本年财政拨款支出 within 本年支出合计,
    一般公共预算财政拨款基本支出 (section 六) within 本年基本支出, 外事接待 within 国内公务接待, the
    funds' “三公” parts within each “三公” category (budget and actual), 政府采购 (货物 + 工程 + 服务)
    within 本年支出合计, 中小企业 within 政府采购 and
    小微企业 within 中小企业, a project's 资金到位数 within its budget."""
    for path, part_label, part, whole_label, whole in _wholes(ctx):
        if part - whole >= ctx.tolerance:
            yield Found(path, f"{part_label}{amount(part)}万元大于{whole_label}{amount(whole)}万元",
                        expected=whole, actual=part)


@rule("item-split", ERROR, "各项基本支出 + 项目支出 = 支出决算",
      example="行政运行（项）基本支出50.00 + 项目支出5.00 = 55.00万元，与支出决算60.00万元不符")
def item_split(ctx: RuleContext) -> Iterator[Found]:
    """Where a 项 of general-budget spending gives its 基本支出 and 项目支出, they add up to its
    支出决算; where it gives one of them, that one is not larger than the whole."""
    for i, item in enumerate(ctx.report.general_budget.items):
        name = ctx.function_name(item.code)
        path = f"$.general_budget.items[{i}]"
        if item.basic is not None and item.project is not None:
            total = item.basic + item.project
            if ctx.differ(total, item.actual):
                yield Found(f"{path}.project",
                            f"{name}（项）基本支出{amount(item.basic)} + 项目支出{amount(item.project)} = "
                            f"{amount(total)}万元，与支出决算{amount(item.actual)}万元不符",
                            expected=item.actual, actual=total)
            continue
        for key, label in (("basic", "基本支出"), ("project", "项目支出")):
            part = getattr(item, key)
            if part is not None and part - item.actual >= ctx.tolerance:
                yield Found(f"{path}.{key}", f"{name}（项）{label}{amount(part)}万元大于支出决算{amount(item.actual)}万元",
                            expected=item.actual, actual=part)


def _split(item) -> tuple[Decimal | None, Decimal | None]:
    """(基本支出, 项目支出) of a 项 where the data gives or implies them (one half and the whole)."""
    basic, project = item.basic, item.project
    if basic is None and project is not None:
        basic = item.actual - project
    elif project is None and basic is not None:
        project = item.actual - basic
    return basic, project


@rule("basic-items", ERROR, "各项基本支出之和 = 基本支出决算（经济分类合计）", section="basic_spending",
      example="各项基本支出（一般公共预算财政拨款支出决算表）合计300.00万元，与基本支出决算（按经济分类）"
              "300.05万元不一致")
def basic_items(ctx: RuleContext) -> Iterator[Found]:
    """Where every 项 of general-budget spending gives (or implies) its 基本支出, their sum — the
    基本支出 column of 一般公共预算财政拨款支出决算表 — equals 一般公共预算财政拨款基本支出 by economic
    classification (section 六, ``basic_spending.lines``)."""
    splits = [_split(item)[0] for item in ctx.report.general_budget.items]
    if not splits or None in splits:
        return
    by_items, by_lines = sum(splits, ZERO), ctx.figures.basic_total
    if ctx.differ(by_items, by_lines):
        yield Found("$.basic_spending.lines",
                    f"各项基本支出（一般公共预算财政拨款支出决算表）合计{amount(by_items)}万元，与基本支出决算（按经济分类）"
                    f"{amount(by_lines)}万元不一致", expected=by_items, actual=by_lines)


_SOURCES = (("general_budget_grant", "一般公共预算财政拨款收入"), ("government_fund_grant", "政府性基金预算财政拨款收入"),
            ("state_capital_grant", "国有资本经营预算财政拨款收入"), ("superior_subsidy", "上级补助收入"),
            ("public_service", "事业收入"), ("business", "经营收入"), ("affiliate_remittance", "附属单位上缴收入"),
            ("other", "其他收入"))
_KINDS = (("basic", "基本支出"), ("project", "项目支出"), ("remitted_to_superior", "上缴上级支出"),
          ("business", "经营支出"), ("affiliate_subsidy", "对附属单位补助支出"))
_FUND_FIELDS = (("carry_over_start", "年初结转和结余"), ("income", "本年收入"), ("actual", "本年支出"),
                ("carry_over_end", "年末结转和结余"))


def _detail_sums(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, Decimal]]:
    """(path, what, Σ detail, the narrative's figure) for every column of detail the data gives."""
    r = ctx.report
    if r.detail.income_lines:
        for key, label in _SOURCES:
            total = sum((getattr(line, key) for line in r.detail.income_lines), ZERO)
            yield "$.detail.income_lines", f"收入决算表各项{label}", total, getattr(r.income.sources, key)
    if r.detail.spending_lines:
        for key, label in _KINDS:
            total = sum((getattr(line, key) for line in r.detail.spending_lines), ZERO)
            yield "$.detail.spending_lines", f"支出决算表各项{label}", total, getattr(r.spending.kinds, key)
    projects = [_split(item)[1] for item in r.general_budget.items]
    if r.detail.project_lines and None not in projects:
        total = sum((line.amount for line in r.detail.project_lines), ZERO)
        yield "$.detail.project_lines", "项目支出经济分类明细", total, sum(projects, ZERO)
    for key, label, _ in _FUNDS:
        fund = getattr(r, key)
        if fund.items:
            for field, what in _FUND_FIELDS:
                total = sum((getattr(item, field) for item in fund.items), ZERO)
                yield f"$.{key}.{field}", f"{label}各项{what}", total, getattr(fund, field)


@rule("detail-sum", ERROR, "公开表明细之和 = 说明中的合计（收入、支出、项目支出、基金各项）", section="tables",
      example="收入决算表各项事业收入合计86.55万元，与收入决算中的事业收入86.50万元不一致")
def detail_sum(ctx: RuleContext) -> Iterator[Found]:
    """Where the data gives the statistical tables' detail, each column adds up to the figure the
    narrative prints: ``detail.income_lines`` per source = ``income.sources``; ``detail.spending_lines``
    per kind = ``spending.kinds``; ``detail.project_lines`` = the 项目支出 of the general-budget 项
    (where each gives or implies it); a fund's ``items`` per column = the fund's 年初结转, 本年收入,
    本年支出, 年末结转. (The statistical tables warn ``detail-mismatch`` on the same sums; this error
    takes its place.)"""
    for path, what, total, narrative in _detail_sums(ctx):
        if ctx.differ(total, narrative):
            yield Found(path, f"{what}合计{amount(total)}万元，与说明中的{amount(narrative)}万元不一致",
                        expected=narrative, actual=total)


def _prior_pairs(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, str, Decimal, bool, str]]:
    """(path, left label, left, right label, right, equal, section) for last year's identities:
    ``equal`` pairs must agree, the others are a part (left) within its whole (right)."""
    r = ctx.report
    fg = r.fiscal_grants
    yield ("$.spending.total.prior_year", "上年收入总计", r.income.total.prior_year, "上年支出总计",
           r.spending.total.prior_year, True, "income_spending")
    yield ("$.fiscal_grants.spending_total.prior_year", "上年财政拨款收入总计", fg.income_total.prior_year,
           "上年财政拨款支出总计", fg.spending_total.prior_year, True, "grants")
    funds = r.general_budget.total.prior_year + r.government_fund.prior_year + r.state_capital.prior_year
    yield ("$.general_budget.total.prior_year", "上年一般公共预算、政府性基金、国有资本经营预算财政拨款支出之和", funds,
           "上年财政拨款支出总计", fg.spending_total.prior_year, False, "grants")
    yield ("$.fiscal_grants.income_total.prior_year", "上年财政拨款收入总计", fg.income_total.prior_year,
           "上年收入总计", r.income.total.prior_year, False, "income_spending")
    c = r.three_public_costs
    three = sum((cost.prior_year for cost in c.categories), ZERO)
    yield ("$.three_public_costs.reception.prior_year", "上年“三公”经费", three, "上年一般公共预算财政拨款支出与基金支出之和",
           funds, False, "three_public_costs")


@rule("prior-year-identities", ERROR, "上年数也满足本年的恒等关系（收入总计 = 支出总计 …）",
      example="上年收入总计1180.20万元与上年支出总计1165.80万元不相等，相差14.40万元")
def prior_year_identities(ctx: RuleContext) -> Iterator[Found]:
    """Last year's figures, where given, satisfy the identities of this year's: 上年收入总计 = 上年支出总计,
    上年财政拨款收入总计 = 上年财政拨款支出总计; 上年一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款支出 ≤
    上年财政拨款支出总计; 上年财政拨款收入总计 ≤ 上年收入总计; 上年“三公”经费 ≤ 上年财政拨款支出. A figure
    left at 0 (not given) is not compared."""
    for path, left_label, left, right_label, right, equal, section in _prior_pairs(ctx):
        if not left or not right:
            continue
        if equal and ctx.differ(left, right):
            yield Found(path, f"{left_label}{amount(left)}万元与{right_label}{amount(right)}万元不相等，"
                              f"相差{amount(abs(left - right))}万元", expected=left, actual=right, section=section)
        elif not equal and left - right >= ctx.tolerance:
            yield Found(path, f"{left_label}{amount(left)}万元大于{right_label}{amount(right)}万元",
                        expected=right, actual=left, section=section)
